package org.ganxun.support;

import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A CSRF token sent the way the browser sends it: the XSRF-TOKEN cookie echoed in the X-XSRF-TOKEN header.
 * Use this instead of spring-security-test's {@code csrf()}, which swaps the token repository of the
 * shared filter chain for a test one and so breaks real HTTP logins in later tests of the same context.
 */
public final class RealCsrf {

    private RealCsrf() {
    }

    public static RequestPostProcessor token() {
        return request -> {
            String token = UUID.randomUUID().toString();
            Cookie[] old = request.getCookies();
            Cookie[] cookies = old == null ? new Cookie[1] : java.util.Arrays.copyOf(old, old.length + 1);
            cookies[cookies.length - 1] = new Cookie("XSRF-TOKEN", token);
            request.setCookies(cookies);
            request.addHeader("X-XSRF-TOKEN", token);
            return request;
        };
    }
}
