package org.ganxun.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint any signed-in user may call because it serves only their own things (their password, their
 * messages) or data that is not personal (dictionaries, the organisation tree within their scope). Say why in
 * {@link #value()}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SignedIn {

    /** Why no permission is needed. */
    String value();
}
