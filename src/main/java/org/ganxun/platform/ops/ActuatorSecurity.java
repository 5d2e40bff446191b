package org.ganxun.platform.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

/**
 * Who may read Spring Boot's actuator endpoints under {@code /actuator}: anyone the health check and its
 * liveness and readiness groups (a load balancer has no account; they tell UP or DOWN and nothing more); every
 * other endpoint (Prometheus metrics and the like) a signed-in user with {@link Permission#SYSTEM_OPERATE}, or,
 * for {@code /actuator/prometheus} only, a scraper that sends {@code Authorization: Bearer} with the token
 * configured as {@code ganxun.ops.metrics-token} ({@code GANXUN_METRICS_TOKEN}; none by default). Anyone else
 * gets 401, a signed-in user without the permission 403.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain actuatorFilterChain(HttpSecurity http, @Value("${ganxun.ops.metrics-token:}") String token)
            throws Exception {
        byte[] expected = token.isBlank() ? null : ("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8);
        http.securityMatcher("/actuator", "/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                        .requestMatchers("/actuator/prometheus").access((auth, ctx) -> decide(operator(auth) || bearer(ctx, expected)))
                        .anyRequest().access((auth, ctx) -> decide(operator(auth))))
                .csrf(c -> c.disable()) // only reads are exposed (management.endpoints.web.exposure.include)
                .requestCache(r -> r.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
        return http.build();
    }

    private static AuthorizationResult decide(boolean granted) {
        return new AuthorizationDecision(granted);
    }

    private static boolean operator(Supplier<? extends Authentication> auth) {
        Authentication a = auth.get();
        return a != null && a.isAuthenticated() && a.getPrincipal() instanceof CurrentUser u && u.can(Permission.SYSTEM_OPERATE);
    }

    private static boolean bearer(RequestAuthorizationContext ctx, byte[] expected) {
        if (expected == null) {
            return false;
        }
        HttpServletRequest request = ctx.getRequest();
        String header = request.getHeader("Authorization");
        return header != null && MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.UTF_8));
    }
}
