package org.ganxun.classroom.internal;

import org.ganxun.classroom.Certificates;
import org.ganxun.platform.security.PublicEndpoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Public (no login): what the certificate's QR code leads to. */
@RestController
class CertificateVerificationController {

    private final Certificates certificates;

    CertificateVerificationController(Certificates certificates) {
        this.certificates = certificates;
    }

    @GetMapping("/api/public/certificates/{serial}")
    @PublicEndpoint("anyone holding a certificate checks it by its serial")
    Certificates.Verification verify(@PathVariable String serial) {
        return certificates.verify(serial);
    }
}
