package org.ganxun.learning.internal.study;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The cheap heartbeat path: {@code /api/learning/study/{sessionId}/…} (heartbeat, presence answer, end) is
 * authenticated by the study token in the {@code X-Study-Token} header ({@link StudyTokens}), not by the HTTP
 * session, so a heartbeat neither reads nor touches the session row that Spring Session keeps in PostgreSQL (the
 * chain is stateless: its security context lives in the request, nothing calls {@code getSession()}; the session
 * cookie the browser still sends is ignored, and only serves a load balancer that keeps a learner on one node).
 *
 * <p>It is still the platform's authorization: the token stands for the user who started the session, the handler
 * declares {@code @Requires(SELF_SERVICE)} and {@code EndpointAccess} checks it as everywhere; a request without a
 * valid token for the session in its path is a 401 (the sweep sees these endpoints as protected). An authentic
 * token whose session this node does not hold (restart, ended) is a 409: the player starts a new session.
 *
 * <p>CSRF: this chain does not check the XSRF token, and needs not. A forged cross-site request carries what the
 * browser adds by itself (cookies), never a custom header: a page of another origin cannot set
 * {@code X-Study-Token} without a CORS preflight, which this server does not grant, and cannot read the token
 * (it is only in the player's memory, never in a cookie or a URL). Without the header the request is refused.
 */
@Configuration(proxyBeanMethods = false)
class StudyTokenSecurity {

    static final String HEADER = "X-Study-Token";
    static final String PREFIX = "/api/learning/study/";

    @Bean
    @Order(2)
    SecurityFilterChain studyTokenFilterChain(HttpSecurity http, StudySessions sessions) throws Exception {
        http.securityMatcher(PREFIX + "**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.disable()) // the token header is the proof (class comment)
                // no session fixation protection either: it would rename the learner's HTTP session on every
                // heartbeat (the browser still sends the session cookie), logging out their other requests in flight
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(f -> f.none()))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(r -> r.disable())
                .addFilterAfter(new TokenFilter(sessions), SecurityContextHolderFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
        return http.build();
    }

    /** The study session id in the path, or -1. */
    static long sessionIdOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PREFIX)) {
            return -1;
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(id);
    }

    static final class TokenFilter extends OncePerRequestFilter {
        private final StudySessions sessions;

        TokenFilter(StudySessions sessions) {
            this.sessions = sessions;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String token = request.getHeader(HEADER);
            long id = sessionIdOf(request);
            StudySessions.Access access = token == null || id < 0 ? null : sessions.access(token, id);
            if (access instanceof StudySessions.Gone) {
                response.setStatus(409);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("{\"status\":409,\"message\":\"学习会话已失效，请重新开始学习\",\"problems\":[]}");
                return;
            }
            if (access instanceof StudySessions.Granted g) {
                SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(g.user(), null, g.user().getAuthorities()));
                SecurityContextHolder.getContextHolderStrategy().setContext(context);
            }
            // no token, or a bad one: unauthenticated, so the chain answers 401
            chain.doFilter(new Sessionless(request), response);
        }
    }

    /**
     * The request without the HTTP session on this path: the browser still sends the session cookie, and anything
     * asking for the session (Spring MVC's flash-map manager does on every request) would make Spring Session read
     * its row from PostgreSQL and write its last-access time back — two statements per heartbeat, found by the
     * benchmark once its heartbeats carried cookies as a browser's do. Nothing here may create one either.
     */
    static final class Sessionless extends jakarta.servlet.http.HttpServletRequestWrapper {
        Sessionless(HttpServletRequest request) {
            super(request);
        }

        @Override
        public jakarta.servlet.http.HttpSession getSession(boolean create) {
            if (create) {
                throw new IllegalStateException("the study path is stateless: no HTTP session");
            }
            return null;
        }

        @Override
        public jakarta.servlet.http.HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public boolean isRequestedSessionIdValid() {
            return false;
        }
    }
}
