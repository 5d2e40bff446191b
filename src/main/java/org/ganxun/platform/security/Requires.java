package org.ganxun.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission an endpoint needs: any one of {@link #value()}. On a controller it covers every handler that does
 * not declare its own. Every handler under {@code /api} must be covered by this, {@link SignedIn} or
 * {@link PublicEndpoint}; the application refuses to start otherwise, and a request to an undeclared handler is
 * refused ({@link EndpointAccess}), so a forgotten declaration fails closed.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Requires {

    Permission[] value();
}
