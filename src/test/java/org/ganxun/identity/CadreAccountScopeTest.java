package org.ganxun.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The cadre a CADRE login is bound to is a reference its creator sets: a township's administrator cannot
 * bind a login to another township's cadre (it would read that cadre's file), and a cadre has one login.
 */
@IntegrationTest
class CadreAccountScopeTest {

    @Autowired Fixture fixture;
    @Autowired UserAccounts accounts;

    @Test
    void aTownshipAdministratorBindsLoginsToTheirOwnCadresOnlyAndOnlyOnce() {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "绑定县" + tag, "COUNTY");
        long townA = fixture.org(county, "绑定甲镇" + tag, "TOWNSHIP");
        long townB = fixture.org(county, "绑定乙镇" + tag, "TOWNSHIP");
        long cadreA = fixture.cadre("甲镇干部", townA);
        long cadreB = fixture.cadre("乙镇干部", townB);
        CurrentUser admin = fixture.user("bind_adm_" + tag, Role.ORG_DEPT_ADMIN, townA, null, null);

        assertThatThrownBy(() -> fixture.as(admin, () -> accounts.create(request("bind_b_" + tag, cadreB))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));

        UserAccounts.Account own = fixture.as(admin, () -> accounts.create(request("bind_a_" + tag, cadreA)));
        assertThat(own.cadreId()).isEqualTo(cadreA);
        // nor can an existing login of theirs be re-pointed at the other township's cadre
        assertThatThrownBy(() -> fixture.as(admin, () -> accounts.update(own.id(), request("bind_a_" + tag, cadreB))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));

        // a second login for the same cadre is refused, naming the first; saving the first again is fine
        assertThatThrownBy(() -> fixture.as(admin, () -> accounts.create(request("bind_a2_" + tag, cadreA))))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("bind_a_" + tag);
                });
        fixture.as(admin, () -> accounts.update(own.id(), request("bind_a_" + tag, cadreA)));
    }

    private static UserAccounts.AccountRequest request(String username, long cadreId) {
        return new UserAccounts.AccountRequest(username, null, Role.CADRE.name(), null, null, cadreId, true, "Qx7#mLp2@wRt9");
    }
}
