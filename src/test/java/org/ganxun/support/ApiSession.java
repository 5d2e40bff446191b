package org.ganxun.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed-in browser for integration tests: keeps the session and CSRF cookies, logs in through the
 * real form endpoint and sends the XSRF header on writes.
 */
public final class ApiSession {

    private final String base;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    private final CookieManager cookies;

    public ApiSession(int port) {
        this(port, new CookieManager());
    }

    private ApiSession(int port, CookieManager cookies) {
        this.base = "http://localhost:" + port;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    /** The same browser (its cookies: the session, the CSRF token) talking to another application node. */
    public ApiSession at(int port) {
        return new ApiSession(port, cookies);
    }

    /** Any request (built on {@link #url}), with the session's cookies. */
    public Response exchange(HttpRequest request) {
        return send(request);
    }

    public URI url(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** The CSRF token to send in {@code X-XSRF-TOKEN} with a hand-made write. */
    public String csrfToken() {
        return csrf();
    }

    /** Response of a call: status, body bytes and headers. */
    public record Response(int status, byte[] body, java.net.http.HttpHeaders headers) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Response login(String username, String password) {
        String token = csrf();
        String form = form(Map.of("username", username, "password", password));
        return send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build());
    }

    public JsonNode getJson(String pathAndQuery) {
        Response r = get(pathAndQuery);
        if (r.status() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " → " + r.status() + ": " + r.text());
        }
        return json.readTree(r.body());
    }

    /** A JSON write (POST or PUT) with the CSRF header. */
    public Response send(String method, String path, String jsonBody) {
        String token = csrf();
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", token)
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody == null ? "" : jsonBody)).build());
    }

    /** A raw write (an upload streamed as the body) with the CSRF header. */
    public Response sendBytes(String method, String path, String contentType, byte[] body) {
        String token = csrf();
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .header("X-XSRF-TOKEN", token)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A GET with extra headers (e.g. Range). */
    public Response get(String pathAndQuery, String... headerNamesAndValues) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).headers(headerNamesAndValues).GET().build());
    }

    public JsonNode parse(Response r) {
        return json.readTree(r.body());
    }

    private String csrf() {
        Response r = get("/api/auth/csrf");
        return json.readTree(r.body()).get("token").asString();
    }

    private Response send(HttpRequest req) {
        try {
            HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(res.statusCode(), res.body(), res.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
