package org.ganxun.security;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.ganxun.support.ApiSession;

/**
 * A browser for the sweep: one per user, signed in once through the real login form; writes carry the CSRF
 * token from the cookie as the web UI sends it (no extra round trip per call).
 */
final class SweepClient {

    record Result(int status, String contentType, byte[] body) {
    }

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    SweepClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Signs in; fails the test if the login is refused. */
    SweepClient login(String username, String password) {
        call("GET", "/api/auth/csrf", null, null);
        Result r = send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token())
                .POST(HttpRequest.BodyPublishers.ofString(ApiSession.form(Map.of("username", username, "password", password)))));
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " → " + r.status() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return this;
    }

    /** Anonymous: only fetches a CSRF token, so that writes are refused for want of a login, not of a token. */
    SweepClient anonymous() {
        call("GET", "/api/auth/csrf", null, null);
        return this;
    }

    private String token() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElse("");
    }

    /** A call with a JSON body ({@code json} may be null) or, when {@code file} is given, a multipart body. */
    Result call(String method, String pathAndQuery, String json, Multipart file) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (!method.equals("GET")) {
            b.header("X-XSRF-TOKEN", token());
        }
        if (file != null) {
            String boundary = "----sweep" + UUID.randomUUID().toString().replace("-", "");
            b.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(file.encode(boundary)));
        } else if (json != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(""));
        }
        return send(b);
    }

    private Result send(HttpRequest.Builder req) {
        try {
            HttpResponse<byte[]> res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Result(res.statusCode(), res.headers().firstValue("Content-Type").orElse(""), res.body());
        } catch (Exception e) {
            return new Result(-1, "", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One part of a multipart request: a file (with a file name) or a JSON part (file name null). */
    record Part(String name, String fileName, String contentType, byte[] content) {
    }

    /** The parts of a multipart request. */
    record Multipart(java.util.List<Part> parts) {

        byte[] encode(String boundary) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.util.function.Consumer<String> w = s -> out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            for (Part p : parts) {
                w.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\""
                        + (p.fileName() == null ? "" : "; filename=\"" + p.fileName() + "\"")
                        + "\r\nContent-Type: " + p.contentType() + "\r\n\r\n");
                out.writeBytes(p.content());
                w.accept("\r\n");
            }
            w.accept("--" + boundary + "--\r\n");
            return out.toByteArray();
        }
    }
}
