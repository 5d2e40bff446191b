package org.ganxun.org;

import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.DataScopeKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Resolves the data scope of the current user from the ids on their account. Resolved per request so
 * that moving an organisation moves everyone's scope with it.
 */
@Component
public class DataScopes implements CurrentScope {

    private final JdbcClient jdbc;

    DataScopes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public DataScope current() {
        return CurrentUsers.current().map(this::of).orElse(DataScope.nothing());
    }

    public DataScope of(CurrentUser user) {
        if (user.dataScope() == DataScopeKind.SELF) {
            // a cadre sees their own record only, whatever organisation is on the account
            return new DataScope(false, null, null, user.cadreId());
        }
        if (user.dataScope() == DataScopeKind.ALL && user.scopeOrgId() == null && user.scopePartyOrgId() == null) {
            return DataScope.everything();
        }
        String orgPath = user.scopeOrgId() == null ? null
                : jdbc.sql("select path from organization where id = ?").param(user.scopeOrgId()).query(String.class).optional().orElse(null);
        String partyPath = user.scopePartyOrgId() == null ? null
                : jdbc.sql("select path from party_organization where id = ?").param(user.scopePartyOrgId()).query(String.class).optional().orElse(null);
        // a subtree role without a unit or party organisation on its account sees nothing (fails closed)
        return new DataScope(false, orgPath, partyPath, null);
    }
}
