package org.ganxun.platform.security;

import java.util.Map;

/**
 * Which accounts lie within a data scope — an account's own place being its unit, its party branch or the cadre it
 * is bound to — so that a module keeping records by account (the audit log's actors) can show a scoped reader the
 * records of accounts within their scope without naming identity's tables. Implemented by the identity module, which
 * owns the accounts; modules that may not depend on identity use this (as {@link RoleHolders}).
 */
public interface AccountScopes {

    /**
     * A SQL condition on {@code accountIdColumn} (an expression holding an account id), true when that account's
     * unit, party branch or cadre lies within {@code scope} and its role does not hold {@code notHolding}: a subquery,
     * so the caller's statement stays one statement. Bind {@code scope.sqlParameters()} and {@link Condition#params()}.
     */
    Condition within(String accountIdColumn, DataScope scope, Permission notHolding);

    /** SQL text and the parameters it names besides the scope's own. */
    record Condition(String sql, Map<String, Object> params) {
    }
}
