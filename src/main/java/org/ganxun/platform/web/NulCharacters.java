package org.ganxun.platform.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a NUL character (U+0000) in any query or form parameter and anywhere in a JSON body, before it
 * reaches SQL: PostgreSQL cannot store it in text or jsonb and would answer "invalid byte sequence 0x00",
 * which used to end as a 500. No user types a NUL; it only comes from scripts and broken exports.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class NulCharacters extends OncePerRequestFilter {

    private final JsonMapper json;
    private final Clock clock;

    public NulCharacters(JsonMapper json, Clock clock) {
        this.clock = clock;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String field = nulParameter(request);
        if (field != null) {
            refuse(response, field, true);
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().contains("json")) {
            byte[] body = request.getInputStream().readAllBytes();
            if (hasNul(body)) {
                refuse(response, nulField(body), false);
                return;
            }
            chain.doFilter(new CachedBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The first parameter whose name or value holds a NUL, or null. */
    private static String nulParameter(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
            // reading parameters would parse the upload here, before its size limit is answered properly:
            // check the query string only (the parts are files, checked by the imports)
            String query = request.getQueryString();
            if (query == null || !query.contains("%00")) {
                return null;
            }
            for (String pair : query.split("&")) {
                if (pair.contains("%00")) {
                    String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                    return URLDecoder.decode(name, StandardCharsets.UTF_8).replace("\0", "");
                }
            }
            return null;
        }
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            if (e.getKey().indexOf('\0') >= 0) {
                return e.getKey().replace("\0", "");
            }
            for (String v : e.getValue()) {
                if (v != null && v.indexOf('\0') >= 0) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /**
     * Where in a JSON body the NUL is, keyed as the constraints' problems are ({@code sessions[0].topic},
     * {@code [3].label}); empty for the body itself (a bare string), null when the body is no JSON to read.
     */
    String nulField(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
        return tree == null ? null : nulPath(tree, "");
    }

    private static String nulPath(JsonNode node, String path) {
        if (node.isString()) {
            return node.asString().indexOf('\0') >= 0 ? path : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nulPath(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String name = e.getKey().replace("\0", "");
                String at = path.isEmpty() ? name : path + "." + name;
                if (e.getKey().indexOf('\0') >= 0) {
                    return at;
                }
                String found = nulPath(e.getValue(), at);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A raw NUL byte, or the JSON escape {@code \u0000} (not itself escaped as {@code \\u0000}). */
    static boolean hasNul(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                return true;
            }
            if (body[i] == '\\' && i + 5 < body.length && body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0'
                    && body[i + 4] == '0' && body[i + 5] == '0') {
                int backslashes = 0;
                for (int j = i; j >= 0 && body[j] == '\\'; j--) {
                    backslashes++;
                }
                if (backslashes % 2 == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code field}: a parameter's name, a body's property path ({@code ""} for the body itself), or null when not known. */
    private void refuse(HttpServletResponse response, String field, boolean parameter) throws IOException {
        String message = field == null || field.isEmpty()
                ? "提交的内容含有空字符（\\u0000），无法保存，请删除后重试"
                : parameter ? "参数" + field + "含有空字符（%00），请删除后重试"
                : "字段" + field + "含有空字符（\\u0000），无法保存，请删除后重试";
        List<BusinessException.FieldProblem> problems = field == null || field.isEmpty() ? List.of()
                : List.of(new BusinessException.FieldProblem(field, "含有空字符"));
        response.setStatus(400);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(
                new ApiExceptionHandler.ApiError(400, message, problems, Instant.now(clock))));
    }

    /** The request with its already-read body served again. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String enc = getCharacterEncoding() != null ? getCharacterEncoding() : "UTF-8";
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), java.nio.charset.Charset.forName(enc)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
