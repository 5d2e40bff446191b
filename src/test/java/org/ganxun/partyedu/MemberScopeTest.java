package org.ganxun.partyedu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A branch secretary sees and updates their own branch's members only: another branch's member is 403 to
 * read, 403 to change, and nothing changes. Members who are not cadres are kept with the citizen ID
 * encrypted, blind-indexed and shown masked, as the roster does.
 */
@IntegrationTest
class MemberScopeTest {

    @Autowired MockMvc mvc;
    @Autowired Fixture fixture;
    @Autowired Members members;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;
    @Autowired FieldCipher cipher;

    Branches b;
    long farmerA;
    long farmerB;
    long cadreA;

    @BeforeEach
    void setUp() {
        b = new Branches(fixture);
        farmerA = b.member(members, Branches.form("赵甲农", b.branchA, MemberCategory.FARMER, "13811110001"));
        farmerB = b.member(members, Branches.form("钱乙农", b.branchB, MemberCategory.RETIRED, "13811110002"));
        long cadre = fixture.cadreInBranch("孙甲干", b.villageA, b.branchA);
        cadreA = fixture.as(Fixture.systemAdmin(), () -> members.list(new Members.MemberQuery("孙甲干", b.branchA, null, null, null, true)))
                .get(0).id();
        assertThat(members.find(cadreA).orElseThrow().cadreId()).isEqualTo(cadre);
    }

    org.springframework.test.web.servlet.request.RequestPostProcessor csrfToken() {
        return org.ganxun.support.RealCsrf.token();
    }

    @Test
    void aSecretaryListsTheirBranchOnlyCadresAndNonCadresAlike() throws Exception {
        String body = mvc.perform(get("/api/partyedu/members?size=100").with(user(b.secretaryA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode page = json.readTree(body);
        List<Long> ids = page.get("rows").valueStream().map(r -> r.get("id").asLong()).toList();
        assertThat(ids).containsExactlyInAnyOrder(farmerA, cadreA);
        JsonNode farmer = page.get("rows").valueStream().filter(r -> r.get("id").asLong() == farmerA).findFirst().orElseThrow();
        assertThat(farmer.get("citizenIdMasked").asString()).matches("\\d{6}\\*{8}\\d{3}[0-9X]");
        assertThat(farmer.get("categoryLabel").asString()).isEqualTo("农民");
        assertThat(farmer.get("cadre").asBoolean()).isFalse();
        assertThat(body).doesNotContain("钱乙农");
    }

    @Test
    void aSecretaryCannotReadAnotherBranchsMember() throws Exception {
        mvc.perform(get("/api/partyedu/members/" + farmerB).with(user(b.secretaryA)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("无权查看该党员的信息"));
        mvc.perform(get("/api/partyedu/members/" + farmerB + "/card").with(user(b.secretaryA)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/partyedu/members?partyOrgId=" + b.branchB).with(user(b.secretaryA)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/partyedu/members/" + farmerB).with(user(b.secretaryB))).andExpect(status().isOk());
    }

    @Test
    void aSecretaryCannotChangeAnotherBranchsMemberAndNothingChanges() throws Exception {
        Map<String, Object> before = jdbc.sql("select name, phone, category, version from party_member where id = ?").param(farmerB)
                .query().singleRow();
        long audits = jdbc.sql("select count(*) from audit_log where entity_type = 'PartyMember' and entity_id = ?")
                .param(String.valueOf(farmerB)).query(Long.class).single();
        String change = json.writeValueAsString(Map.of("name", "被改了", "citizenId", Fixture.citizenId(java.time.LocalDate.of(1970, 1, 1), true),
                "joinedPartyOn", "2000-07-01", "partyOrgId", b.branchA, "phone", "13000000000", "category", "OTHER"));
        mvc.perform(put("/api/partyedu/members/" + farmerB).with(user(b.secretaryA)).with(csrfToken())
                        .contentType(MediaType.APPLICATION_JSON).content(change))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/partyedu/members/" + farmerB + "/contacts").with(user(b.secretaryA)).with(csrfToken())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"contactedOn\":\"2026-01-05\",\"via\":\"PHONE\"}"))
                .andExpect(status().isForbidden());
        // nor can they register a member into another branch
        String create = json.writeValueAsString(Map.of("name", "外支部", "citizenId", Fixture.citizenId(java.time.LocalDate.of(1970, 1, 2), true),
                "joinedPartyOn", "2000-07-01", "partyOrgId", b.branchB, "category", "FARMER"));
        mvc.perform(post("/api/partyedu/members").with(user(b.secretaryA)).with(csrfToken())
                .contentType(MediaType.APPLICATION_JSON).content(create)).andExpect(status().isForbidden());

        assertThat(jdbc.sql("select name, phone, category, version from party_member where id = ?").param(farmerB).query().singleRow())
                .isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'PartyMember' and entity_id = ?")
                .param(String.valueOf(farmerB)).query(Long.class).single()).isEqualTo(audits);
        assertThat(jdbc.sql("select count(*) from party_member where name = '外支部'").query(Long.class).single()).isZero();
    }

    @Test
    void aSecretaryUpdatesTheirOwnMemberAndTheChangeIsAudited() throws Exception {
        MemberView m = members.find(farmerA).orElseThrow();
        String id = Fixture.citizenId(java.time.LocalDate.of(1968, 2, 29), false);
        String change = json.writeValueAsString(Map.ofEntries(Map.entry("name", "赵甲农"), Map.entry("citizenId", id),
                Map.entry("joinedPartyOn", "1995-07-01"), Map.entry("partyOrgId", b.branchA), Map.entry("phone", "13811119999"),
                Map.entry("category", "MIGRANT_WORKER"), Map.entry("mobile", true), Map.entry("awayPlace", "广东省东莞市"),
                Map.entry("awaySince", "2026-03-01"), Map.entry("version", m.version())));
        mvc.perform(put("/api/partyedu/members/" + farmerA).with(user(b.secretaryA)).with(csrfToken())
                        .contentType(MediaType.APPLICATION_JSON).content(change))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mobile").value(true))
                .andExpect(jsonPath("$.genderLabel").value("女"))
                .andExpect(jsonPath("$.birthDate").value("1968-02-29"))
                .andExpect(jsonPath("$.citizenIdMasked").value(id.substring(0, 6) + "********" + id.substring(14)));
        Map<String, Object> row = jdbc.sql("select citizen_id_enc, citizen_id_hash from party_member where id = ?").param(farmerA).query().singleRow();
        assertThat((String) row.get("citizen_id_enc")).doesNotContain(id);
        assertThat(cipher.decrypt((String) row.get("citizen_id_enc"))).isEqualTo(id);
        assertThat(row.get("citizen_id_hash")).isEqualTo(cipher.blindIndex(id));
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'PartyMember' and entity_id = ? and action = 'UPDATE'")
                .param(String.valueOf(farmerA)).query(Long.class).single()).isEqualTo(1);
        // a stale version is refused
        mvc.perform(put("/api/partyedu/members/" + farmerA).with(user(b.secretaryA)).with(csrfToken())
                .contentType(MediaType.APPLICATION_JSON).content(change)).andExpect(status().isConflict());
    }

    @Test
    void theSameCitizenIdCannotBeRegisteredTwiceNorForACadre() {
        Members.MemberForm f = Branches.form("周重复", b.branchA, MemberCategory.FARMER, null);
        fixture.as(Fixture.systemAdmin(), () -> members.create(f));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.as(Fixture.systemAdmin(), () -> members.create(f)))
                .hasMessageContaining("已登记");
    }
}
