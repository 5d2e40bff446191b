package org.ganxun.identity;

import java.io.IOException;
import java.time.Duration;
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
import org.springframework.jdbc.core.simple.JdbcClient;
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
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
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

    /** The advisory-lock class of a name whose password is being checked (with hashtext(name)). */
    static final int LOGIN_LOCK_CLASS = "ganxun-login".hashCode();

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
    AuthenticationProvider authenticationProvider(UserDetailsService uds, PasswordEncoder encoder, LoginThrottle throttle,
                                                  UserAccounts accounts, JdbcClient jdbc, PlatformTransactionManager transactions) {
        // one check at a time per name on all nodes (a transaction-level advisory lock on the name), and its failure
        // is counted in the same transaction, before the lock is let go and the next check may start: a burst of
        // parallel requests, spread over any number of nodes, gets no more tries than a sequence
        TransactionTemplate tx = new TransactionTemplate(transactions);
        DaoAuthenticationProvider p = new DaoAuthenticationProvider(uds) {
            /** A name held back from this address is refused before its password is checked (and not counted). */
            @Override
            public Authentication authenticate(Authentication authentication) throws AuthenticationException {
                String addr = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
                String name = LoginThrottle.name(authentication.getName());
                // the outcome leaves the transaction as a value: a refusal must not roll back the failure it counted
                Object outcome = tx.execute(status -> {
                    if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?, hashtext(?))")
                            .params(LOGIN_LOCK_CLASS, name).query(Boolean.class).single())) {
                        return new Busy();
                    }
                    try {
                        Duration wait = throttle.waitFor(name, addr);
                        if (!wait.isZero() && !wait.isNegative()) {
                            return new Throttled(wait);
                        }
                        try {
                            return super.authenticate(authentication);
                        } catch (BadCredentialsException e) {
                            return name.isEmpty() ? e : new Counted(accounts.recordFailure(name, addr));
                        }
                    } catch (AuthenticationException e) {
                        return e;
                    }
                });
                if (outcome instanceof AuthenticationException e) {
                    throw e;
                }
                return (Authentication) outcome;
            }


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
        // the API and its description answer 401 (not a redirect to a login page the SPA does not have)
        RequestMatcher api = request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/api/") || path.startsWith("/v3/") || path.startsWith("/swagger-ui");
        };
        http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/auth/login", "/api/auth/csrf", "/api/public/**").permitAll()
                        .requestMatchers("/api/**", "/v3/**", "/swagger-ui/**", "/swagger-ui.html").authenticated()
                        .anyRequest().permitAll())
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(csrfHandler))
                .addFilterAfter(new CsrfCookieFilter(), org.springframework.security.web.csrf.CsrfFilter.class)
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api))
                .formLogin(f -> f.loginProcessingUrl("/api/auth/login")
                        .successHandler((req, res, auth) -> {
                            CurrentUser user = (CurrentUser) auth.getPrincipal();
                            accounts.recordSuccess(user, req.getRemoteAddr());
                            writeJson(res, json, 200, Map.of("username", user.username(), "role", user.role()));
                        })
                        .failureHandler((req, res, ex) -> writeJson(res, json, 401, Map.of("status", 401, "message",
                                failureMessage(ex)))))
                .logout(l -> l.logoutUrl("/api/auth/logout")
                        .logoutSuccessHandler((req, res, auth) -> res.setStatus(204)))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()));
        return http.build();
    }

    /** A wrong password, counted. */
    static final class Counted extends BadCredentialsException {
        final transient LoginThrottle.Failure failure;

        Counted(LoginThrottle.Failure failure) {
            super("bad credentials");
            this.failure = failure;
        }
    }

    /** Another login of the same name is being checked (on any node). */
    static final class Busy extends LockedException {
        Busy() {
            super("busy");
        }
    }

    /** Refused because the name is held back from this address for a while. */
    static final class Throttled extends LockedException {
        final Duration wait;

        Throttled(Duration wait) {
            super("throttled");
            this.wait = wait;
        }
    }

    private static String failureMessage(AuthenticationException ex) {
        if (ex instanceof Throttled t) {
            return throttledMessage(t.wait);
        }
        if (ex instanceof DisabledException) {
            return "账号已停用，请联系管理员";
        }
        if (ex instanceof Busy) {
            return "该账号的登录请求正在处理，请稍候再试";
        }
        if (ex instanceof Counted counted) {
            LoginThrottle.Failure failed = counted.failure;
            if (!failed.waitFor().isZero() && !failed.waitFor().isNegative()) {
                return "用户名或密码错误次数过多，请" + LoginThrottle.minutes(failed.waitFor()) + "分钟后再试，或联系管理员解锁";
            }
            return "用户名或密码错误，还可尝试" + failed.attemptsLeft() + "次";
        }
        return "用户名或密码错误";
    }

    private static String throttledMessage(Duration wait) {
        return "登录失败次数过多，请" + LoginThrottle.minutes(wait) + "分钟后再试，或联系管理员解锁";
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
