package org.ganxun.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.DataScopeKind;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.security.RoleHolders;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who is notified of an alert is asked by permission (RoleHolders), so a county's own role — 乡镇组织委员, made from
 * the party-education permissions — is among the recipients as the built-in roles with those permissions are.
 */
@IntegrationTest
class RoleHoldersTest {

    @Autowired Fixture fixture;
    @Autowired Roles roles;
    @Autowired RoleHolders holders;

    @Test
    void aCustomRoleHoldsThePermissionsItWasMadeWithBesideTheBuiltInOnes() {
        CurrentUser security = new CurrentUser(0, "test-security", "测试安全员", "", Role.SECURITY_ADMIN, null, null, null, true, false);
        String name = "组织委员" + Fixture.unique("");
        Roles.RoleView made = fixture.as(security, () -> roles.create(new Roles.RoleRequest(name.substring(0, Math.min(name.length(), 20)),
                null, DataScopeKind.SUBTREE, List.of(Permission.PARTYEDU_SITE_MANAGE, Permission.ORG_VIEW))));

        assertThat(holders.rolesWith(Permission.PARTYEDU_SITE_MANAGE))
                .contains(Role.UNIT_LIAISON.name(), Role.ORG_DEPT_ADMIN.name(), made.code())
                .doesNotContain(Role.BRANCH_SECRETARY.name(), Role.CADRE.name());
        // the alert that goes to the organisation department above a township reaches neither
        assertThat(holders.rolesWith(Permission.PARTYEDU_ADMIN))
                .contains(Role.ORG_DEPT_ADMIN.name()).doesNotContain(Role.UNIT_LIAISON.name(), made.code());
        // only the system administrator runs the installation: their audit entries stay hidden from scoped readers
        assertThat(holders.rolesWith(Permission.SYSTEM_OPERATE)).containsExactly(Role.SYSTEM_ADMIN.name());
    }
}
