package org.ganxun.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.security.RunAs;
import org.ganxun.platform.security.Unscoped;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Issue 14 item 3: a read of personal data that forgot its data scope is refused, not answered. */
class ScopeGuardTest {

    private final ScopeGuard guard = new ScopeGuard(new StaticListableBeanFactory(Map.of(
            "people", ScopedTables.of("people", "cadre", "cadre_post_history"),
            "archive", ScopedTables.of("archive", "archive_entry"))).getBeanProvider(ScopedTables.class));

    private static final CurrentUser LIAISON = new CurrentUser(7, "lianluo", "联络员", "x", Role.UNIT_LIAISON, 3L, null, null, true, false);
    private static final DataScope TOWNSHIP = new DataScope(false, "/1/3/", null, null);

    @AfterEach
    void leaveRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    private void inRequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    @Test
    void aSignedInReadOfPersonalDataWithoutScopeIsRefused() {
        inRequest();
        RunAs.as(LIAISON, () -> {
            assertThatThrownBy(() -> guard.check("select c.name from cadre c where c.id = ?"))
                    .isInstanceOf(ScopeGuard.UnscopedReadException.class).hasMessageContaining("cadre");
            // a join, a comma-separated FROM list, a CTE and a parenthesised union are all reads
            assertThatThrownBy(() -> guard.check("select 1 from organization o join archive_entry e on e.org_id = o.id"))
                    .hasMessageContaining("archive_entry");
            assertThatThrownBy(() -> guard.check("select r.id from survey_return r, cadre c where c.id = r.cadre_id"))
                    .hasMessageContaining("cadre");
            assertThatThrownBy(() -> guard.check("with x as (select id from cadre_post_history) select * from x"))
                    .hasMessageContaining("cadre_post_history");
            assertThatThrownBy(() -> guard.check("(select id from cadre) union (select 1)")).hasMessageContaining("cadre");
            return null;
        });
    }

    @Test
    void aConditionFromDataScopeOrADeclaredExemptionLetsTheReadRun() {
        inRequest();
        RunAs.as(LIAISON, () -> {
            guard.check("select c.name from cadre c join organization o on o.id = c.org_id where "
                    + TOWNSHIP.sqlCondition("o.path", null, "c.id"));
            guard.check(Unscoped.rowChecked("Roster.get") + "select c.name from cadre c where c.id = ?");
            return null;
        });
    }

    @Test
    void theMarkCannotBeWrittenByHand() {
        inRequest();
        RunAs.as(LIAISON, () -> {
            assertThatThrownBy(() -> guard.check("/*scope*/ select c.name from cadre c")).isInstanceOf(ScopeGuard.UnscopedReadException.class);
            assertThatThrownBy(() -> guard.check("/*unscoped because I said so*/ select c.name from cadre c"))
                    .isInstanceOf(ScopeGuard.UnscopedReadException.class);
            return null;
        });
    }

    @Test
    void otherStatementsAndOtherTablesPass() {
        inRequest();
        RunAs.as(LIAISON, () -> {
            guard.check("select name from organization where id = ?");
            guard.check("select cadre_id, attendance from class_result where class_id = ?"); // a column, not a table
            guard.check("update cadre set phone = ? where id = ?");
            guard.check("insert into archive_entry (cadre_id) values (?)");
            guard.check("select 'from cadre' as note"); // inside a literal
            guard.check("select count(*) from cadre_extra_view"); // another name that starts alike
            return null;
        });
    }

    @Test
    void workOnNoOnesBehalfIsNotAUsersRead() {
        guard.check("select c.name from cadre c"); // start-up, jobs, asynchronous listeners
        inRequest();
        guard.check("select c.name from cadre c"); // before sign-in: the login reads accounts
    }

    @Test
    void workDoneOnAUsersBehalfOutsideARequestIsChecked() {
        RunAs.as(LIAISON, () -> {
            assertThatThrownBy(() -> guard.check("select c.name from cadre c")).isInstanceOf(ScopeGuard.UnscopedReadException.class);
            return null;
        });
    }

    @Test
    void anExemptionsReasonCannotCloseItsComment() {
        String tag = Unscoped.because("x */ select * from cadre --");
        assertThat(tag).doesNotContain("*/ select");
        assertThat(tag.indexOf("*/")).isEqualTo(tag.length() - 3);
    }
}
