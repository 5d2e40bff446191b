package org.ganxun.identity;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Bulk load of generated accounts (the demo county's one account per role). One JDBC batch on the caller's
 * transaction, passwords hashed with the application's encoder. No checks and no audit entry per account: for
 * accounts a program generated, never for what a user typed.
 */
@Service
public class GeneratedAccounts {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    GeneratedAccounts(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** An account; its unit, party organisation and cadre (each optional) are already stored. */
    public record NewAccount(String username, String displayName, String password, Role role, Long scopeOrgId,
                             Long scopePartyOrgId, Long cadreId) {
    }

    public void loadAccounts(List<NewAccount> accounts) {
        List<Object[]> rows = new ArrayList<>(accounts.size());
        for (NewAccount a : accounts) {
            rows.add(new Object[]{a.username(), a.displayName(), encoder.encode(a.password()), a.role().name(),
                    a.scopeOrgId(), a.scopePartyOrgId(), a.cadreId()});
        }
        jdbc.batchUpdate("insert into app_user (username, display_name, password_hash, role, scope_org_id, scope_party_org_id,"
                        + " cadre_id) values (?, ?, ?, ?, ?, ?, ?)", rows,
                new int[]{Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.BIGINT});
    }
}
