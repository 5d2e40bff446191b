package org.ganxun.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.ganxun.people.CitizenId;
import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.support.ApiSession;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Loads the demo county into the shared test database (demo loading at start is off in tests) and checks it
 * through SQL and through the HTTP API as the demo accounts. Everything is looked up under the loaded
 * county's own subtree, so data from other tests does not matter.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataLoaderTest {

    @Autowired
    DemoDataLoader loader;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FieldCipher cipher;
    @LocalServerPort
    int port;

    DemoDataLoader.Summary summary;
    String countyPath;
    long fuyiId;
    String fuyiPath;

    @BeforeAll
    void load() {
        summary = loader.load();
        countyPath = jdbc.sql("select path from organization where id = ?").param(summary.countyId()).query(String.class).single();
        fuyiId = jdbc.sql("select id from organization where name = '富驿镇' and path like ?").param(countyPath + "%")
                .query(Long.class).single();
        fuyiPath = countyPath + fuyiId + "/";
    }

    @Test
    void loadsQuicklyInOneGo() {
        assertThat(summary.cadres()).isBetween(3000, 4500);
        assertThat(summary.millis()).as("load time").isLessThan(20_000);
        assertThat(count("select count(*) from cadre c join organization o on o.id = c.org_id where o.path like ?", countyPath + "%"))
                .isEqualTo(summary.cadres());
    }

    @Test
    void hasThirtySixTownshipsAndThePark() {
        assertThat(count("select count(*) from organization where kind = 'TOWNSHIP' and path like ?", countyPath + "%")).isEqualTo(36);
        assertThat(count("select count(*) from organization where kind = 'PARK' and name = '盐亭经济开发区' and path like ?",
                countyPath + "%")).isEqualTo(1);
        assertThat(count("select count(*) from organization where kind = 'VILLAGE' and path like ?", countyPath + "%")).isEqualTo(460);
        assertThat(count("select count(*) from organization where kind = 'COMMUNITY' and path like ?", countyPath + "%")).isEqualTo(45);
    }

    @Test
    void partyTreeLinksToTheCountysUnits() {
        long partyRoot = summary.partyOrgIds()[0];
        String partyPath = jdbc.sql("select path from party_organization where id = ?").param(partyRoot).query(String.class).single();
        assertThat(count("select count(*) from party_organization where path like ?", partyPath + "%"))
                .isEqualTo(summary.partyOrganizations());
        assertThat(count("""
                select count(*) from party_organization p left join organization o on o.id = p.org_id
                where p.path like ? and (o.id is null or o.path not like ?)""", partyPath + "%", countyPath + "%")).isZero();
        // members sit in a branch of their own unit (or the county leaders' branch)
        assertThat(count("""
                select count(*) from cadre c join party_organization p on p.id = c.party_org_id
                where p.path like ? and p.org_id <> c.org_id and p.org_id <> ?""", partyPath + "%", summary.countyId())).isZero();
        assertThat(count("""
                select count(*) from cadre c join organization o on o.id = c.org_id
                where o.path like ? and c.political_status in ('CPC_MEMBER','CPC_PROBATIONARY') and c.party_org_id is null""",
                countyPath + "%")).isZero();
    }

    @Test
    void citizenIdsAreStoredAsTheRosterStoresThem() {
        List<String[]> rows = jdbc.sql("""
                select c.citizen_id_enc, c.citizen_id_hash, c.citizen_id_masked from cadre c join organization o on o.id = c.org_id
                where o.path like ?""").param(countyPath + "%")
                .query((rs, i) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        Set<String> ids = new HashSet<>();
        for (String[] r : rows) {
            String id = cipher.decrypt(r[0]);
            assertThat(CitizenId.parse(id).ok()).as(id).isTrue();
            assertThat(cipher.blindIndex(id)).isEqualTo(r[1]);
            assertThat(CitizenId.mask(id)).isEqualTo(r[2]);
            assertThat(ids.add(id)).isTrue();
        }
        assertThat(ids).hasSize(summary.cadres());
    }

    @Test
    void everyDemoAccountCanSignIn() {
        for (String[] u : new String[][]{{"admin", "SYSTEM_ADMIN"}, {"zzb", "ORG_DEPT_ADMIN"}, {"dangxiao", "PROVIDER_REGISTRAR"},
                {"fuyi", "UNIT_LIAISON"}, {"zhibu", "BRANCH_SECRETARY"}, {"ganbu", "CADRE"}}) {
            ApiSession s = new ApiSession(port);
            ApiSession.Response r = s.login(u[0], DemoDataLoader.PASSWORD);
            assertThat(r.status()).as(u[0] + ": " + r.text()).isEqualTo(200);
            assertThat(s.parse(r).get("role").asString()).isEqualTo(u[1]);
            assertThat(s.getJson("/api/auth/me").get("username").asString()).isEqualTo(u[0]);
        }
        assertThat(new ApiSession(port).login("zzb", "wrong-password").status()).isEqualTo(401);
    }

    @Test
    void townshipLiaisonSeesOnlyItsTownship() {
        ApiSession s = new ApiSession(port);
        assertThat(s.login("fuyi", DemoDataLoader.PASSWORD).status()).isEqualTo(200);
        long expected = count("select count(*) from cadre c join organization o on o.id = c.org_id where o.path like ? and c.status = 'ACTIVE'",
                fuyiPath + "%");
        assertThat(expected).isGreaterThan(30);
        JsonNode page = s.getJson("/api/cadres?size=500");
        assertThat(page.get("total").asLong()).isEqualTo(expected);
        Set<Long> fuyiUnits = new HashSet<>(jdbc.sql("select id from organization where path like ?").param(fuyiPath + "%")
                .query(Long.class).list());
        for (JsonNode row : page.get("rows")) {
            assertThat(fuyiUnits).contains(row.get("orgId").asLong());
        }
        // asking for the whole county still gives only 富驿镇
        assertThat(s.getJson("/api/cadres?size=1&orgId=" + summary.countyId()).get("total").asLong()).isEqualTo(expected);
        // and the profile statistics agree with the list
        JsonNode profile = s.getJson("/api/statistics/cadre-profile");
        assertThat(profile.get("total").asLong()).isEqualTo(expected);
        assertThat(profile.get("scopeName").asString()).isEqualTo("富驿镇");
        // another township is out of reach
        long yunxi = jdbc.sql("select id from organization where name = '云溪镇' and path like ?").param(countyPath + "%")
                .query(Long.class).single();
        assertThat(s.get("/api/statistics/cadre-profile?orgId=" + yunxi).status()).isEqualTo(403);
    }

    @Test
    void searchByCitizenIdFindsADemoCadre() {
        String id = DemoGenerator.generate().cadres().get(100).citizenId();
        ApiSession s = new ApiSession(port);
        s.login("zzb", DemoDataLoader.PASSWORD);
        JsonNode page = s.getJson("/api/cadres?citizenId=" + id);
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("rows").get(0).get("citizenIdMasked").asString()).isEqualTo(CitizenId.mask(id));
    }

    @Test
    void townshipLevelLeadersShowTheSeedReportsTable() {
        ApiSession s = new ApiSession(port);
        s.login("zzb", DemoDataLoader.PASSWORD);
        JsonNode p = s.getJson("/api/statistics/cadre-profile?rankLevel=TOWNSHIP&asOf=" + DemoGenerator.REFERENCE_DATE
                + "&orgId=" + summary.countyId());
        assertThat(p.get("scopeName").asString()).isEqualTo("盐亭县");
        assertThat(p.get("total").asLong()).isEqualTo(607);
        assertThat(item(p, "rank", "TOWNSHIP_PRINCIPAL").get("count").asLong()).isEqualTo(232);
        assertThat(item(p, "rank", "TOWNSHIP_DEPUTY").get("count").asLong()).isEqualTo(375);
        assertThat(item(p, "women", "FEMALE").get("count").asLong()).isEqualTo(84);
        assertThat(item(p, "minority", "MINORITY").get("count").asLong()).isEqualTo(10);
        assertThat(item(p, "nonParty", "NON_PARTY").get("count").asLong()).isEqualTo(25);
        assertThat(item(p, "education", "ASSOCIATE_OR_ABOVE").get("count").asLong()).isEqualTo(603);
        assertThat(item(p, "education", "ASSOCIATE_OR_ABOVE").get("share").decimalValue()).isEqualByComparingTo("99.3");
        assertThat(item(p, "age", "UNDER_35").get("count").asLong()).isEqualTo(89);
        assertThat(item(p, "age", "UNDER_35").get("share").decimalValue()).isEqualByComparingTo("14.7");
        assertThat(item(p, "age", "45_PLUS").get("count").asLong()).isEqualTo(317);
        assertThat(item(p, "age", "45_PLUS").get("share").decimalValue()).isEqualByComparingTo("52.2");
    }

    private static JsonNode item(JsonNode profile, String section, String key) {
        for (JsonNode s : profile.get("sections")) {
            if (s.get("key").asString().equals(section)) {
                for (JsonNode i : s.get("items")) {
                    if (i.get("key").asString().equals(key)) {
                        return i;
                    }
                }
            }
        }
        throw new AssertionError(section + "/" + key);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
