package org.ganxun.platform.security;

/**
 * Checks references of one kind against the current user's data scope; implemented by the module that owns what
 * is referenced (org for units and party organisations, people for cadres, partyedu for party members).
 */
public interface ReferenceCheck {

    InScope.Ref kind();

    /** Throws a 403 or 404 {@code BusinessException} unless the thing of this id is within the current user's scope. */
    void requireInScope(long id);

    static ReferenceCheck of(InScope.Ref kind, java.util.function.LongConsumer check) {
        return new ReferenceCheck() {
            @Override
            public InScope.Ref kind() {
                return kind;
            }

            @Override
            public void requireInScope(long id) {
                check.accept(id);
            }
        };
    }
}
