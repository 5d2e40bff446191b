package org.ganxun.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one address by which users reach the platform (GANXUN_PUBLIC_URL). Every link the platform hands out
 * (certificate verification, check-in QR codes, survey invitations, SMS links) is built from it and never from
 * the request: a forged {@code Host} header would otherwise put an attacker's address into printed
 * certificates and QR codes.
 */
@Component
public class PublicUrl {

    private final String base;

    public PublicUrl(@Value("${ganxun.public-url}") String base) {
        String b = base.strip();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        if (!b.startsWith("http://") && !b.startsWith("https://")) {
            throw new IllegalStateException("ganxun.public-url (GANXUN_PUBLIC_URL) must start with http:// or https://: " + base);
        }
        this.base = b;
    }

    /** The address without a trailing slash, e.g. {@code https://ganxun.example.gov.cn}. */
    public String base() {
        return base;
    }

    /** The address followed by {@code path} (which starts with a slash, e.g. {@code /#/verify/abc}). */
    public String link(String path) {
        return base + path;
    }
}
