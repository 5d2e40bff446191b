package org.ganxun.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint anonymous callers may use (certificate verification, survey and study links). Only paths under
 * {@code /api/public/} and the login's own may carry it; docs/security.md lists them. Say why in {@link #value()}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublicEndpoint {

    /** Why anyone may call it, and what protects it instead (a long token, a serial, …). */
    String value();
}
