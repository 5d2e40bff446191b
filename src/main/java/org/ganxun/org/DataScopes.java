package org.ganxun.org;

import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Role;
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
        if (user.role() == Role.SYSTEM_ADMIN && user.scopeOrgId() == null && user.scopePartyOrgId() == null) {
            return DataScope.everything();
        }
        String orgPath = user.scopeOrgId() == null ? null
                : jdbc.sql("select path from organization where id = ?").param(user.scopeOrgId()).query(String.class).optional().orElse(null);
        String partyPath = user.scopePartyOrgId() == null ? null
                : jdbc.sql("select path from party_organization where id = ?").param(user.scopePartyOrgId()).query(String.class).optional().orElse(null);
        Long self = user.role() == Role.CADRE ? user.cadreId() : null;
        if (user.role() == Role.CADRE) {
            // a cadre sees their own record only, whatever organisation is on the account
            return new DataScope(false, null, null, self);
        }
        return new DataScope(false, orgPath, partyPath, self);
    }
}
