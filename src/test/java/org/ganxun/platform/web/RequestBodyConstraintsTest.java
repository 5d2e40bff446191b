package org.ganxun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Every text a request body carries is bounded by its own constraint: each {@code String} of every record bound
 * with {@code @RequestBody} or as the JSON part of an upload ({@code @RequestPart}) (and of the records and lists of records inside it) has a {@code @Size} or a
 * {@code @Pattern}, and the records are validated ({@code @Valid} on the body, on a nested record, on a list's
 * elements). Without one, an over-long value reaches the database and comes back as a generic refusal instead of
 * an error on its field; a new field without a limit fails here.
 */
class RequestBodyConstraintsTest {

    /**
     * Texts read leniently on purpose, never refused and never stored as sent: a heartbeat's SCORM status is mapped to
     * a known status or dropped (a refused heartbeat would lose the learner's credited time).
     */
    private static final Set<String> LENIENT = Set.of("StudySessions$BeatRequest.scormStatus");

    /** Bodies that are not records (a survey's free-form answers), checked by their services. */
    private static final Set<Class<?>> FREE_FORM = Set.of(tools.jackson.databind.JsonNode.class);

    @Test
    void everyTextOfEveryRequestBodyHasALimitAndEveryRecordIsValidated() throws Exception {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        Set<String> problems = new TreeSet<>();
        Set<Class<?>> records = new HashSet<>();
        int bodies = 0;
        for (var candidate : scan.findCandidateComponents("org.ganxun")) {
            Class<?> controller = ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
            for (Method m : controller.getDeclaredMethods()) {
                for (Parameter p : m.getParameters()) {
                    boolean part = p.isAnnotationPresent(org.springframework.web.bind.annotation.RequestPart.class) && p.getType().isRecord();
                    if (!(p.isAnnotationPresent(RequestBody.class) || part) || FREE_FORM.contains(p.getType())) {
                        continue;
                    }
                    bodies++;
                    String where = controller.getSimpleName() + "." + m.getName() + "(" + (part ? "@RequestPart " : "@RequestBody ")
                            + p.getType().getSimpleName() + ")";
                    boolean validated = p.isAnnotationPresent(Valid.class) || p.isAnnotationPresent(Validated.class);
                    check(where, p.getAnnotatedType(), validated, p, problems, records);
                }
            }
        }
        assertThat(bodies).as("request bodies found").isGreaterThan(50);
        assertThat(records).as("request records found").hasSizeGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    /**
     * One value of a body: a text needs its limit, a record its {@code @Valid} and its own components checked, a
     * collection or map the same for its elements.
     */
    private static void check(String where, AnnotatedType type, boolean validated, AnnotatedElement declaration,
                              Set<String> problems, Set<Class<?>> records) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            if (!LENIENT.contains(where) && !limited(type) && (declaration == null || !limited(declaration))) {
                problems.add(where + ": text without @Size or @Pattern");
            }
        } else if (raw.isRecord()) {
            if (!validated && !type.isAnnotationPresent(Valid.class) && constrained(raw, new HashSet<>())) {
                problems.add(where + ": record " + raw.getSimpleName() + " not validated (@Valid)");
            }
            if (records.add(raw)) {
                for (RecordComponent c : raw.getRecordComponents()) {
                    AnnotatedElement field;
                    try {
                        field = raw.getDeclaredField(c.getName());
                    } catch (NoSuchFieldException e) {
                        throw new IllegalStateException(e);
                    }
                    check(raw.getName().substring(raw.getPackageName().length() + 1) + "." + c.getName(), c.getAnnotatedType(),
                            field.isAnnotationPresent(Valid.class), field, problems, records);
                }
            }
        } else if ((Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) && type instanceof AnnotatedParameterizedType pt) {
            AnnotatedType[] args = pt.getAnnotatedActualTypeArguments();
            // the elements carry their own @Valid (List<@Valid Item>): on the list itself it is deprecated (HV000271)
            for (int i = 0; i < args.length; i++) {
                String element = where + (Map.class.isAssignableFrom(raw) ? (i == 0 ? "<key>" : "<value>") : "[]");
                check(element, args[i], false, null, problems, records);
            }
        } else if (raw.isArray() && raw.getComponentType() == String.class) {
            problems.add(where + ": an array of text (use a List<@Size String>)");
        }
    }

    /** Whether a record, or one inside it, carries any constraint (else there is nothing to validate). */
    private static boolean constrained(Class<?> record, Set<Class<?>> seen) {
        if (!seen.add(record)) {
            return false;
        }
        for (RecordComponent c : record.getRecordComponents()) {
            try {
                if (constraint(record.getDeclaredField(c.getName()).getAnnotations()) || constrained(c.getAnnotatedType(), seen)) {
                    return true;
                }
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }

    private static boolean constrained(AnnotatedType type, Set<Class<?>> seen) {
        if (constraint(type.getAnnotations())) {
            return true;
        }
        if (type instanceof AnnotatedParameterizedType pt) {
            for (AnnotatedType a : pt.getAnnotatedActualTypeArguments()) {
                if (constrained(a, seen)) {
                    return true;
                }
            }
        }
        Class<?> raw = raw(type);
        return raw.isRecord() && constrained(raw, seen);
    }

    private static boolean constraint(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a.annotationType().isAnnotationPresent(jakarta.validation.Constraint.class)
                    || a.annotationType().getSimpleName().equals("List") && a.annotationType().getEnclosingClass() != null
                    && a.annotationType().getEnclosingClass().isAnnotationPresent(jakarta.validation.Constraint.class)) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> raw(AnnotatedType type) {
        java.lang.reflect.Type t = type.getType();
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof java.lang.reflect.ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    /** A {@code @Size} or {@code @Pattern}, or a constraint of our own composed of one. */
    private static boolean limited(AnnotatedElement element) {
        for (Annotation a : element.getAnnotations()) {
            Class<? extends Annotation> t = a.annotationType();
            if (t == Size.class || t == Pattern.class || t == Size.List.class || t == Pattern.List.class
                    || t.isAnnotationPresent(Size.class) || t.isAnnotationPresent(Pattern.class)) {
                return true;
            }
        }
        return false;
    }
}
