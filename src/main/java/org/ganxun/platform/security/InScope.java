package org.ganxun.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body's reference to something that must lie within the writer's data scope: the unit a cadre is put
 * in, the party organisation, the cadre an account is bound to. Checked for every request body before the handler
 * runs ({@code platform.web.ReferenceScopes}), so a service that forgets is still covered; a reference a writer may
 * legitimately make outside their scope says so with {@link AnyScope}. A test fails on an id-like field with
 * neither, so a new form cannot leave the decision out.
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InScope {

    Ref value();

    /** What a reference points at, and so how it is checked. */
    enum Ref {
        ORG("单位"), PARTY_ORG("党组织"), CADRE("干部"), MEMBER("党员");

        private final String label;

        Ref(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
