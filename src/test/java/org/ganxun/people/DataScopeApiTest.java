package org.ganxun.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.RealCsrf.token;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.Map;

import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * A township administrator can neither read nor change another township's cadres: 403, and nothing
 * changed. The data scope is enforced by the server, whatever the UI shows.
 */
@IntegrationTest
class DataScopeApiTest {

    @Autowired MockMvc mvc;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;
    @Autowired org.ganxun.audit.AuditLog audit;

    long county;
    long townA;
    long townB;
    long villageB;
    long cadreA;
    long cadreB;
    CurrentUser adminA;

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("测试县"), "COUNTY");
        townA = fixture.org(county, Fixture.unique("甲镇"), "TOWNSHIP");
        townB = fixture.org(county, Fixture.unique("乙镇"), "TOWNSHIP");
        villageB = fixture.org(townB, Fixture.unique("乙村"), "VILLAGE");
        cadreA = fixture.cadre("张甲", townA);
        cadreB = fixture.cadre("李乙", villageB);
        adminA = fixture.user(Fixture.unique("towna"), Role.ORG_DEPT_ADMIN, townA, null, null);
    }

    @Test
    void readsOwnTownshipsCadre() throws Exception {
        mvc.perform(get("/api/cadres/" + cadreA).with(user(adminA)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("张甲"))
                .andExpect(jsonPath("$.citizenIdMasked").value(org.hamcrest.Matchers.containsString("********")));
    }

    @Test
    void cannotReadAnotherTownshipsCadre() throws Exception {
        mvc.perform(get("/api/cadres/" + cadreB).with(user(adminA)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("无权查看该干部的信息"));
        mvc.perform(get("/api/cadres/" + cadreB + "/history").with(user(adminA)))
                .andExpect(status().isForbidden());
    }

    @Test
    void listAndSearchShowOnlyTheScope() throws Exception {
        String body = mvc.perform(get("/api/cadres").param("orgId", String.valueOf(townA)).with(user(adminA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("张甲").doesNotContain("李乙");
        String all = mvc.perform(get("/api/cadres").param("name", "李乙").param("size", "500").with(user(adminA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(all).doesNotContain("\"id\":" + cadreB + ",");
        // asking for the other township's subtree explicitly is refused, not silently empty
        mvc.perform(get("/api/cadres").param("orgId", String.valueOf(townB)).with(user(adminA)))
                .andExpect(status().isForbidden());
    }

    @Test
    void cannotChangeAnotherTownshipsCadreAndNothingChanges() throws Exception {
        String before = jdbc.sql("select row_to_json(c)::text from cadre c where id = ?").param(cadreB).query(String.class).single();
        long auditBefore = jdbc.sql("select count(*) from audit_log where entity_type = 'Cadre' and entity_id = ?")
                .param(String.valueOf(cadreB)).query(Long.class).single();
        CadreForm change = Fixture.cadreForm("李乙改", villageB, Fixture.citizenId(LocalDate.of(1980, 5, 17), true));
        mvc.perform(put("/api/cadres/" + cadreB).with(user(adminA)).with(token())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(change)))
                .andExpect(status().isForbidden());
        // moving one's own cadre into the other township is refused too
        CadreForm moveOut = Fixture.cadreForm("张甲", townB, Fixture.citizenId(LocalDate.of(1980, 5, 17), true));
        mvc.perform(put("/api/cadres/" + cadreA).with(user(adminA)).with(token())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(moveOut)))
                .andExpect(status().isForbidden());
        // creating a cadre in the other township is refused
        CadreForm create = Fixture.cadreForm("王丙", townB, Fixture.citizenId(LocalDate.of(1981, 1, 2), false));
        mvc.perform(post("/api/cadres").with(user(adminA)).with(token())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(create)))
                .andExpect(status().isForbidden());

        assertThat(jdbc.sql("select row_to_json(c)::text from cadre c where id = ?").param(cadreB).query(String.class).single())
                .isEqualTo(before);
        assertThat(jdbc.sql("select org_id from cadre where id = ?").param(cadreA).query(Long.class).single()).isEqualTo(townA);
        assertThat(jdbc.sql("select count(*) from cadre where name = '王丙' and org_id = ?").param(townB).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'Cadre' and entity_id = ?")
                .param(String.valueOf(cadreB)).query(Long.class).single()).isEqualTo(auditBefore);
    }

    @Test
    void theAuditLogShowsAnAuditorOnlyTheEntriesOfUsersWithinTheirScope() throws Exception {
        CurrentUser liaisonA = fixture.user(Fixture.unique("liaisona"), Role.UNIT_LIAISON, villageOf(townA), null, null);
        CurrentUser adminB = fixture.user(Fixture.unique("townb"), Role.ORG_DEPT_ADMIN, townB, null, null);
        CurrentUser countyAdmin = fixture.user(Fixture.unique("county"), Role.ORG_DEPT_ADMIN, county, null, null);
        // audit administrators (三员分立) of township A and of the county
        CurrentUser auditorA = fixture.user(Fixture.unique("auditora"), Role.AUDIT_ADMIN, townA, null, null);
        CurrentUser countyAuditor = fixture.user(Fixture.unique("auditorc"), Role.AUDIT_ADMIN, county, null, null);
        // an operator of the installation (系统运行维护) whose account names township A
        CurrentUser operatorA = fixture.user(Fixture.unique("opsa"), Role.SYSTEM_ADMIN, townA, null, null);
        String tag = Fixture.unique("审计");
        for (CurrentUser u : new CurrentUser[]{adminA, liaisonA, adminB, countyAdmin, operatorA}) {
            audit.recordAs(u.id(), u.username(), "UPDATE", "Cadre", 1, tag + "：" + u.username(), null, Map.of("phone", "1"));
        }
        // township A's auditor: its administrator's entry and its liaison's, not township B's nor the county's, nor
        // the operator's though their account names township A
        String a = mvc.perform(get("/api/audit").param("size", "200").with(user(auditorA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(a).contains(tag + "：" + adminA.username(), tag + "：" + liaisonA.username())
                .doesNotContain(tag + "：" + adminB.username(), tag + "：" + countyAdmin.username(), tag + "：" + operatorA.username());
        // asking for another user's entries by name gives nothing rather than their entries
        mvc.perform(get("/api/audit").param("actor", adminB.username()).with(user(auditorA)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
        // the county's auditor sees all four
        String c = mvc.perform(get("/api/audit").param("size", "200").with(user(countyAuditor)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        for (CurrentUser u : new CurrentUser[]{adminA, liaisonA, adminB, countyAdmin}) {
            assertThat(c).contains(tag + "：" + u.username());
        }
        // and the administrators themselves do not read the audit log any more
        mvc.perform(get("/api/audit").with(user(countyAdmin))).andExpect(status().isForbidden());
    }

    private long villageOf(long town) {
        return fixture.org(town, Fixture.unique("甲村"), "VILLAGE");
    }

    @Test
    void cannotTouchAnotherTownshipsOrganisations() throws Exception {
        String name = jdbc.sql("select name from organization where id = ?").param(villageB).query(String.class).single();
        mvc.perform(post("/api/orgs/" + villageB + "/rename").with(user(adminA)).with(token())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("name", "改名"))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/orgs/" + villageB + "/move").with(user(adminA)).with(token())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("parentId", townA))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/orgs").with(user(adminA)).with(token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("parentId", townB, "name", "新村", "kind", "VILLAGE"))))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select name from organization where id = ?").param(villageB).query(String.class).single()).isEqualTo(name);
        assertThat(jdbc.sql("select parent_id from organization where id = ?").param(villageB).query(Long.class).single()).isEqualTo(townB);

        String tree = mvc.perform(get("/api/orgs").with(user(adminA))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(tree).contains("\"id\":" + townA + ",").doesNotContain("\"id\":" + townB + ",").doesNotContain("\"id\":" + villageB + ",");
    }

    @Test
    void aCadreSeesOnlyThemself() throws Exception {
        CurrentUser self = fixture.user(Fixture.unique("self"), Role.CADRE, townA, null, cadreA);
        mvc.perform(get("/api/cadres/" + cadreA).with(user(self))).andExpect(status().isOk());
        long otherInSameTown = fixture.cadre("赵同镇", townA);
        mvc.perform(get("/api/cadres/" + otherInSameTown).with(user(self))).andExpect(status().isForbidden());
        mvc.perform(get("/api/cadres").with(user(self)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1));
        mvc.perform(put("/api/cadres/" + cadreA).with(user(self)).with(token()).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Fixture.cadreForm("张甲", townA, Fixture.citizenId(LocalDate.of(1980, 5, 17), true)))))
                .andExpect(status().isForbidden());
    }

    @Test
    void aBranchSecretarySeesOnlyTheBranchsMembers() throws Exception {
        long committee = fixture.partyOrg(null, Fixture.unique("测试党委"), "COMMITTEE", county);
        long branch1 = fixture.partyOrg(committee, Fixture.unique("一支部"), "BRANCH", townA);
        long branch2 = fixture.partyOrg(committee, Fixture.unique("二支部"), "BRANCH", townB);
        long m1 = fixture.cadreInBranch("党员一", townA, branch1);
        long m2 = fixture.cadreInBranch("党员二", townB, branch2);
        CurrentUser secretary = fixture.user(Fixture.unique("sec"), Role.BRANCH_SECRETARY, null, branch1, null);
        mvc.perform(get("/api/cadres/" + m1).with(user(secretary))).andExpect(status().isOk());
        mvc.perform(get("/api/cadres/" + m2).with(user(secretary))).andExpect(status().isForbidden());
        mvc.perform(get("/api/cadres").with(user(secretary)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.rows[0].name").value("党员一"));
    }

    @Test
    void unauthenticatedRequestsGet401() throws Exception {
        mvc.perform(get("/api/cadres/" + cadreA)).andExpect(status().isUnauthorized());
    }
}
