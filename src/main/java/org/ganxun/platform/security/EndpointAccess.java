package org.ganxun.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call an endpoint, decided in one place for all of them. Each handler under {@code /api} is covered by
 * {@link Requires} (any of its permissions), {@link SignedIn} or {@link PublicEndpoint}, on the method or its
 * controller (the method's own declaration wins). A handler with none is refused at every request and, so that
 * nobody ships one, the application does not start while one exists. Which rows a permitted call reaches is then
 * the data scope's business ({@code org.ganxun.org.DataScopes}).
 */
@Configuration(proxyBeanMethods = false)
public class EndpointAccess implements WebMvcConfigurer, ApplicationListener<ContextRefreshedEvent> {

    /** The access an endpoint declares. */
    public sealed interface Declared {
    }

    public record Permissions(List<Permission> anyOf) implements Declared {
    }

    public record AnySignedIn(String why) implements Declared {
    }

    public record Anyone(String why) implements Declared {
    }

    /** What the handler declares, or null when it declares nothing. */
    public static Declared declared(HandlerMethod handler) {
        Declared own = declared(handler.getMethod());
        return own != null ? own : declared(handler.getBeanType());
    }

    private record Handler(Class<?> beanType, java.lang.reflect.Method method) {
    }

    private static final Declared NONE = new Anyone("(none: refused)");

    /** {@link #declared(HandlerMethod)} per handler, found once: annotations do not change while the application runs. */
    private static final Map<Handler, Declared> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();

    static Declared known(HandlerMethod handler) {
        Declared d = KNOWN.computeIfAbsent(new Handler(handler.getBeanType(), handler.getMethod()), h -> {
            Declared found = declared(handler);
            return found == null ? NONE : found;
        });
        return d == NONE ? null : d;
    }

    private static Declared declared(java.lang.reflect.AnnotatedElement e) {
        Requires r = AnnotatedElementUtils.findMergedAnnotation(e, Requires.class);
        SignedIn s = AnnotatedElementUtils.findMergedAnnotation(e, SignedIn.class);
        PublicEndpoint p = AnnotatedElementUtils.findMergedAnnotation(e, PublicEndpoint.class);
        int n = (r != null ? 1 : 0) + (s != null ? 1 : 0) + (p != null ? 1 : 0);
        if (n > 1) {
            throw new IllegalStateException(e + " declares more than one of @Requires, @SignedIn, @PublicEndpoint");
        }
        if (r != null) {
            return new Permissions(List.of(r.value()));
        }
        if (s != null) {
            return new AnySignedIn(s.value());
        }
        return p != null ? new Anyone(p.value()) : null;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Check()).addPathPatterns("/api/**");
    }

    /** Refuses to start with an undeclared handler, or a public one outside the public paths. */
    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        Map<String, RequestMappingHandlerMapping> mappings =
                event.getApplicationContext().getBeansOfType(RequestMappingHandlerMapping.class);
        List<String> problems = new ArrayList<>();
        for (RequestMappingHandlerMapping m : mappings.values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : m.getHandlerMethods().entrySet()) {
                List<String> paths = e.getKey().getPatternValues().stream().filter(p -> p.startsWith("/api/")).toList();
                if (paths.isEmpty()) {
                    continue;
                }
                Declared d = declared(e.getValue());
                if (d == null) {
                    problems.add(paths + " " + e.getValue() + ": no @Requires, @SignedIn or @PublicEndpoint");
                } else if (d instanceof Anyone && !paths.stream().allMatch(EndpointAccess::publicPath)) {
                    problems.add(paths + " " + e.getValue() + ": @PublicEndpoint outside /api/public/");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Endpoints without a declared access:\n  " + String.join("\n  ", problems));
        }
    }

    static boolean publicPath(String path) {
        return path.startsWith("/api/public/") || path.equals("/api/auth/csrf") || path.equals("/api/auth/login");
    }

    /** The per-request check: fails closed on anything it does not recognise. */
    static final class Check implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!(handler instanceof HandlerMethod hm)) {
                return true; // static resources and the like; /api has no other handlers
            }
            Declared d = known(hm);
            if (d instanceof Anyone) {
                return true;
            }
            CurrentUser user = CurrentUsers.current().orElse(null);
            if (d == null || user == null) {
                throw new AccessDeniedException("无权访问");
            }
            if (d instanceof Permissions p && p.anyOf().stream().noneMatch(user::can)) {
                throw new AccessDeniedException("无权进行此操作，需要权限：" + String.join("或",
                        p.anyOf().stream().map(Permission::label).toList()));
            }
            return true;
        }
    }
}
