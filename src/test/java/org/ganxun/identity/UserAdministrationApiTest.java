package org.ganxun.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The account list is searched and paged on the server, within the administrator's data scope: the
 * accounts of their units' liaisons, of the secretaries of party branches in their units, and of their
 * cadres — and none of another township's.
 */
@IntegrationTest
class UserAdministrationApiTest {

    @Autowired MockMvc mvc;
    @Autowired Fixture fixture;

    @Test
    void aTownshipAdministratorFindsTheAccountsOfTheirTownshipOnly() throws Exception {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "账号县" + tag, "COUNTY");
        long townA = fixture.org(county, "账号甲镇" + tag, "TOWNSHIP");
        long townB = fixture.org(county, "账号乙镇" + tag, "TOWNSHIP");
        long villageA = fixture.org(townA, "账号甲村" + tag, "VILLAGE");
        long branchA = fixture.partyOrg(null, "账号甲村党支部" + tag, "BRANCH", villageA);
        CurrentUser admin = fixture.user("acc_adm_" + tag, Role.ORG_DEPT_ADMIN, townA, null, null);
        CurrentUser liaisonA = fixture.user("acc_lia_" + tag, Role.UNIT_LIAISON, villageA, null, null);
        CurrentUser secretaryA = fixture.user("acc_sec_" + tag, Role.BRANCH_SECRETARY, null, branchA, null);
        CurrentUser cadreA = fixture.user("acc_gba_" + tag, Role.CADRE, null, null, fixture.cadre("甲干部", townA));
        CurrentUser liaisonB = fixture.user("acc_lib_" + tag, Role.UNIT_LIAISON, townB, null, null);
        CurrentUser cadreB = fixture.user("acc_gbb_" + tag, Role.CADRE, null, null, fixture.cadre("乙干部", townB));

        String all = mvc.perform(get("/api/users").param("text", tag).param("size", "200").with(user(admin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(4))
                .andReturn().getResponse().getContentAsString();
        assertThat(all).contains(admin.username(), liaisonA.username(), secretaryA.username(), cadreA.username())
                .doesNotContain(liaisonB.username(), cadreB.username());

        mvc.perform(get("/api/users").param("text", tag).param("role", "CADRE").with(user(admin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.rows[0].username").value(cadreA.username()));
        mvc.perform(get("/api/users").param("text", "acc_sec_" + tag).with(user(admin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1));
        // one page at a time, the total counts them all
        mvc.perform(get("/api/users").param("text", tag).param("size", "3").param("page", "2").with(user(admin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.rows.length()").value(1));
        // the other township's account is not there to be opened either
        mvc.perform(get("/api/users/" + liaisonB.id()).with(user(admin))).andExpect(status().isNotFound());
        mvc.perform(get("/api/users/" + cadreA.id()).with(user(admin))).andExpect(status().isOk());
        // a user name with a wildcard in it matches literally
        mvc.perform(get("/api/users").param("text", "acc%" + tag).with(user(admin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/users").param("state", "maybe").with(user(admin))).andExpect(status().isBadRequest());
    }
}
