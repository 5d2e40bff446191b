package org.ganxun.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The guard stands in front of the application's own DataSource: a service that forgets its scope is refused
 * by the database door, whichever JDBC helper it uses (issue 14 item 3, "a service that forgets must fail closed").
 */
@IntegrationTest
class ScopeGuardWiringTest {

    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.jdbc.core.JdbcTemplate template;

    @Test
    void aForgottenScopeConditionIsRefusedForARealUserAndAConditionFromDataScopeRuns() {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "守门县" + tag, "COUNTY");
        long townA = fixture.org(county, "守门甲镇" + tag, "TOWNSHIP");
        long townB = fixture.org(county, "守门乙镇" + tag, "TOWNSHIP");
        fixture.cadre("甲镇干部", townA);
        long other = fixture.cadre("乙镇干部", townB);
        CurrentUser liaison = fixture.user("guard_" + tag, Role.UNIT_LIAISON, townA, null, null);

        assertThatThrownBy(() -> fixture.as(liaison, () -> jdbc.sql("select name from cadre where id = ?").param(other)
                .query(String.class).optional()))
                .isInstanceOf(ScopeGuard.UnscopedReadException.class);
        assertThatThrownBy(() -> fixture.as(liaison, () -> template.queryForList("select name from cadre")))
                .isInstanceOf(ScopeGuard.UnscopedReadException.class);

        // the same read with the condition from DataScope runs, and does not reach the other township
        DataScope scope = new DataScope(false, jdbc.sql("select path from organization where id = ?").param(townA)
                .query(String.class).single(), null, null);
        var names = fixture.as(liaison, () -> jdbc.sql("select c.name from cadre c join organization o on o.id = c.org_id where "
                + scope.orgCondition("o.path") + " and o.path like '%/" + county + "/%'").params(scope.sqlParameters())
                .query(String.class).list());
        assertThat(names).containsExactly("甲镇干部");
        // a declared exemption runs too (and is the reviewer's business)
        assertThat(fixture.as(liaison, () -> jdbc.sql(Unscoped.rowChecked("this test") + "select name from cadre where id = ?")
                .param(other).query(String.class).single())).isEqualTo("乙镇干部");
        // outside anyone's behalf (start-up, jobs) the guard does not apply
        assertThat(jdbc.sql("select name from cadre where id = ?").param(other).query(String.class).single()).isEqualTo("乙镇干部");
    }
}
