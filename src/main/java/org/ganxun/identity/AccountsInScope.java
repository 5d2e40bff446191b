package org.ganxun.identity;

import java.util.Map;

import org.ganxun.platform.security.AccountScopes;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.RoleHolders;
import org.springframework.stereotype.Component;

/**
 * Answers "accounts within this scope" for modules that may not depend on identity (the audit log's scoped search).
 * An account's place is its scope unit, else its party branch's path, else its cadre's unit: as the account list
 * reads it.
 */
@Component
class AccountsInScope implements AccountScopes {

    private final RoleHolders roles;

    AccountsInScope(RoleHolders roles) {
        this.roles = roles;
    }

    @Override
    public Condition within(String accountIdColumn, DataScope scope, Permission notHolding) {
        String sql = "exists (select 1 from app_user u"
                + " left join org_unit o on o.id = u.scope_org_id"
                + " left join party_unit p on p.id = u.scope_party_org_id"
                + " left join cadre_card c on c.id = u.cadre_id"
                + " left join org_unit co on co.id = c.org_id"
                + " where u.id = " + accountIdColumn + " and not u.role = any(:accountScopesExcludedRoles) and "
                + scope.sqlCondition("coalesce(o.path, co.path)", "p.path", "u.cadre_id") + ")";
        return new Condition(sql, Map.of("accountScopesExcludedRoles", roles.rolesWithArray(notHolding)));
    }
}
