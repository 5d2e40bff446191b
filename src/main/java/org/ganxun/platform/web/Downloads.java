package org.ganxun.platform.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Download answers: a file under its (Chinese) name, saved by the browser or shown in it. */
public final class Downloads {

    public static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static final MediaType DOCX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    public static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private Downloads() {
    }

    /** A file the browser saves as {@code fileName}. */
    public static ResponseEntity<byte[]> attachment(String fileName, MediaType type, byte[] body) {
        return file(ContentDisposition.attachment(), fileName, type, body);
    }

    /** A file the browser shows (a PDF, a picture), saved as {@code fileName} if the user saves it. */
    public static ResponseEntity<byte[]> inline(String fileName, MediaType type, byte[] body) {
        return file(ContentDisposition.inline(), fileName, type, body);
    }

    /** The headers of a file saved as {@code fileName}, for an export written straight to {@code res} as it is made. */
    public static void attachment(HttpServletResponse res, String fileName, MediaType type) {
        res.setContentType(type.toString());
        res.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
    }

    private static ResponseEntity<byte[]> file(ContentDisposition.Builder disposition, String fileName, MediaType type, byte[] body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.filename(fileName, StandardCharsets.UTF_8).build().toString())
                // a stored upload is never sniffed into something the browser runs
                .header("X-Content-Type-Options", "nosniff")
                .contentType(type).body(body);
    }
}
