package org.ganxun.identity;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ganxun.platform.security.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Session login for the web UI with CSRF protection (token in the XSRF-TOKEN cookie, echoed in the
 * X-XSRF-TOKEN header), JSON answers instead of redirects, and role checks by method annotations.
 * Data scope is enforced in the services, not here.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2));
        return encoder;
    }

    @Bean
    UserDetailsService userDetailsService(UserAccounts accounts) {
        return username -> accounts.findForLogin(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /** Keeps the password hash out of the session. */
    @Bean
    AuthenticationProvider authenticationProvider(UserDetailsService uds, PasswordEncoder encoder) {
        DaoAuthenticationProvider p = new DaoAuthenticationProvider(uds) {
            @Override
            protected Authentication createSuccessAuthentication(Object principal, Authentication authentication, UserDetails user) {
                CurrentUser slim = ((CurrentUser) user).withoutPassword();
                UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(slim, null, slim.getAuthorities());
                token.setDetails(authentication.getDetails());
                return token;
            }
        };
        p.setPasswordEncoder(encoder);
        // A lock is checked before the password (which is still verified, so that a locked account costs the
        // same Argon2 hash as any other), but a disabled account only says so to the right password: told to
        // any password, it would tell that the name exists.
        p.setPreAuthenticationChecks(user -> {
            if (!user.isAccountNonLocked()) {
                throw new LockedException("locked");
            }
        });
        p.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("disabled");
            }
        });
        return p;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, UserAccounts accounts, JsonMapper json) throws Exception {
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        csrfHandler.setCsrfRequestAttributeName(null); // load the token on every request so the cookie is always set
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/auth/login", "/api/auth/csrf", "/api/public/**").permitAll()
                        .requestMatchers("/api/**", "/v3/api-docs*", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").authenticated()
                        .anyRequest().permitAll())
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(csrfHandler))
                .addFilterAfter(new CsrfCookieFilter(), org.springframework.security.web.csrf.CsrfFilter.class)
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api))
                .formLogin(f -> f.loginProcessingUrl("/api/auth/login")
                        .successHandler((req, res, auth) -> {
                            CurrentUser user = (CurrentUser) auth.getPrincipal();
                            accounts.recordSuccess(user);
                            writeJson(res, json, 200, Map.of("username", user.username(), "role", user.role().name()));
                        })
                        .failureHandler((req, res, ex) -> writeJson(res, json, 401, Map.of("status", 401, "message",
                                failureMessage(ex, req.getParameter("username"), req.getRemoteAddr(), accounts)))))
                .logout(l -> l.logoutUrl("/api/auth/logout")
                        .logoutSuccessHandler((req, res, auth) -> res.setStatus(204)))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()));
        return http.build();
    }

    private static String failureMessage(AuthenticationException ex, String username, String addr, UserAccounts accounts) {
        if (ex instanceof LockedException) {
            return lockedMessage(accounts);
        }
        if (ex instanceof DisabledException) {
            return "账号已停用，请联系管理员";
        }
        if (ex instanceof BadCredentialsException && username != null && !username.isBlank()) {
            UserAccounts.FailedLogin failed = accounts.recordFailure(username.trim(), addr);
            if (failed.alreadyLocked()) {
                return lockedMessage(accounts);
            }
            int left = failed.attemptsLeft();
            if (left == 0) {
                return "用户名或密码错误次数过多，账号已锁定" + accounts.lockDuration().toMinutes() + "分钟";
            }
            return "用户名或密码错误，还可尝试" + left + "次";
        }
        return "用户名或密码错误";
    }

    private static String lockedMessage(UserAccounts accounts) {
        return "账号已被锁定，请" + accounts.lockDuration().toMinutes() + "分钟后再试或联系管理员解锁";
    }

    private static void writeJson(HttpServletResponse res, JsonMapper json, int status, Object body) throws IOException {
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_JSON_VALUE);
        res.setCharacterEncoding("UTF-8");
        res.getWriter().write(json.writeValueAsString(body));
    }

    /** Touches the deferred CSRF token so that the cookie is written on the first response. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
