package org.ganxun.platform.web;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.ReferenceCheck;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every request body's {@link InScope} references, checked against the writer's data scope before any handler
 * sees the body: the one place where "every write checks every organisation reference it sets" is kept. Walks
 * records, nested records and collections of either; ids may be {@code Long} or collections of them.
 */
@ControllerAdvice
public class ReferenceScopes extends RequestBodyAdviceAdapter {

    private final Map<InScope.Ref, ReferenceCheck> checks = new EnumMap<>(InScope.Ref.class);

    public ReferenceScopes(List<ReferenceCheck> checks) {
        checks.forEach(c -> this.checks.put(c.kind(), c));
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        check(body, 0);
        return body;
    }

    private void check(Object value, int depth) {
        if (value == null || depth > 4) {
            return;
        }
        if (value instanceof Collection<?> items) {
            items.forEach(i -> check(i, depth + 1));
            return;
        }
        Class<?> type = value.getClass();
        if (!type.isRecord() || !type.getName().startsWith("org.ganxun.")) {
            return;
        }
        for (Component rc : COMPONENTS.get(type)) {
            Object v = org.springframework.util.ReflectionUtils.invokeMethod(rc.accessor(), value);
            InScope ref = rc.ref();
            if (ref != null) {
                if (v instanceof Number n) {
                    require(ref.value(), n.longValue(), rc.name());
                } else if (v instanceof Collection<?> ids) {
                    for (Object id : ids) {
                        if (id instanceof Number n) {
                            require(ref.value(), n.longValue(), rc.name());
                        }
                    }
                }
            } else if (!rc.leaf()) {
                check(v, depth + 1);
            }
        }
    }

    /** A record component as the check reads it; {@code leaf}: its type can hold no reference (a number, text, enum…). */
    private record Component(java.lang.reflect.Method accessor, String name, InScope ref, boolean leaf) {
    }

    /** The components of each request record, read once per class (reflection on every request cost more than the check). */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> out = new java.util.ArrayList<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                // request records are often package-private, nested in their controller
                java.lang.reflect.Method accessor = rc.getAccessor();
                org.springframework.util.ReflectionUtils.makeAccessible(accessor);
                Class<?> t = rc.getType();
                boolean leaf = t.isPrimitive() || t.isEnum() || Number.class.isAssignableFrom(t) || t == String.class
                        || t == Boolean.class || t == Character.class || t.getName().startsWith("java.time.");
                out.add(new Component(accessor, rc.getName(), rc.getAnnotation(InScope.class), leaf));
            }
            return List.copyOf(out);
        }
    };

    private void require(InScope.Ref kind, long id, String field) {
        ReferenceCheck check = checks.get(kind);
        if (check == null) {
            throw new IllegalStateException("no reference check for " + kind); // fail closed
        }
        try {
            check.requireInScope(id);
        } catch (BusinessException e) {
            if (e.status() == 403) {
                String msg = "所选" + kind.label() + "不在您的管理范围内";
                throw new BusinessException(403, msg, List.of(new BusinessException.FieldProblem(field, msg)));
            }
            throw e;
        }
    }
}
