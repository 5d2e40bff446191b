package org.ganxun.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Numbers and dates no one means (a budget of 10^12, a quota of 2,147,483,647 seats on a 5-seat class, a class
 * in the year 1 or 9999, an entry without its cadre): refused with a Chinese reason naming the field and the
 * limit, never stored and never a 500.
 */
@IntegrationTest
class AbsurdValuesTest {

    @LocalServerPort int port;
    @Autowired TrainingFixture tf;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;
    @Autowired TestClock clock;

    /** The day the tests run on; the classes they file are weeks ahead of it. */
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    @BeforeEach
    void onTheDay() {
        clock.setToday(TODAY); // back to the real time after each test (TestClock.Reset)
    }

    private ObjectNode classForm(TrainingFixture.County c, String starts, String ends) {
        ObjectNode f = json.createObjectNode();
        f.put("jurisdictionOrgId", c.county).put("filerOrgId", c.school).put("name", Fixture.unique("离谱班"))
                .put("classType", "THEMATIC").put("startsOn", starts).put("endsOn", ends).put("seats", 5)
                .put("budget", 20000).put("fullTime", true);
        return f;
    }

    private ApiSession login(String username) {
        ApiSession s = new ApiSession(port);
        assertThat(s.login(username, Fixture.PASSWORD).status()).isEqualTo(200);
        return s;
    }

    private static void assertRefused(ApiSession s, ApiSession.Response r, String field, String... words) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        JsonNode body = s.parse(r);
        assertThat(body.get("message").asString()).contains(words);
        assertThat(body.get("problems").findValuesAsString("field")).contains(field);
    }

    @Test
    void aClassWithAnAbsurdBudgetSeatsOrYearIsRefusedAndCreatesNoPlan() {
        TrainingFixture.County c = tf.county();
        ApiSession s = login(c.registrar.username());

        assertRefused(s, s.send("POST", "/api/training/classes", classForm(c, "2026-04-06", "2026-04-07").put("budget", 1_000_000_000_000L).toString()),
                "budget", "经费预算", "100000000");
        assertRefused(s, s.send("POST", "/api/training/classes", classForm(c, "2026-04-06", "2026-04-07").put("seats", 2_147_483_647).toString()),
                "seats", "计划人数", "10000");
        assertRefused(s, s.send("POST", "/api/training/classes", classForm(c, "0001-03-01", "0001-03-02").toString()),
                "startsOn", "开始日期", "2000年");
        assertRefused(s, s.send("POST", "/api/training/classes", classForm(c, "9999-03-01", "9999-03-02").toString()),
                "startsOn", "开始日期", "年之间");
        assertThat(jdbc.sql("select count(*) from annual_plan where jurisdiction_org_id = ? and (year < 2000 or year > 3000)")
                .param(c.county).query(Long.class).single()).isZero();

        ApiSession zzb = login(c.admin.username());
        assertRefused(zzb, zzb.send("POST", "/api/training/plans", "{\"jurisdictionOrgId\":" + c.county + ",\"year\":9999}"), "year", "年度");
        assertRefused(zzb, zzb.send("POST", "/api/training/plans", "{\"jurisdictionOrgId\":" + c.county + ",\"year\":1}"), "year", "年度");
    }

    @Test
    void anAbsurdQuotaIsRefused() {
        TrainingFixture.County c = tf.county();
        long cls = c.approved(Fixture.unique("五人班"), LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 2), List.of(), 5);
        ApiSession zzb = login(c.admin.username());
        ApiSession.Response r = zzb.send("PUT", "/api/training/classes/" + cls + "/quotas",
                "[{\"orgId\":" + c.townA + ",\"seats\":2147483647}]");
        assertRefused(zzb, r, "[0].seats", "名额", "10000"); // the first element's seats
        assertThat(jdbc.sql("select count(*) from class_quota where class_id = ?").param(cls).query(Long.class).single()).isZero();
        assertThat(zzb.send("PUT", "/api/training/classes/" + cls + "/quotas", "[{\"orgId\":" + c.townA + ",\"seats\":5}]").status())
                .isEqualTo(200);
    }

    @Test
    void anArchiveEntryWithoutItsCadreOrFromTheYearOneIsRefused() {
        TrainingFixture.County c = tf.county();
        long cadre = c.staff("学员甲", c.townA);
        ApiSession zzb = login(c.admin.username());
        String entry = "{\"source\":\"EXTERNAL_TRAINING\",\"title\":\"外出培训\",\"delivery\":\"CONCENTRATED\",\"quantity\":8,"
                + "\"quantityUnit\":\"HOURS\",\"creditedOn\":\"%s\"%s}";
        assertRefused(zzb, zzb.send("POST", "/api/archive/entries", entry.formatted("2026-03-01", "")), "cadreId", "请选择干部");
        assertRefused(zzb, zzb.send("POST", "/api/archive/entries", entry.formatted("0001-03-01", ",\"cadreId\":" + cadre)),
                "creditedOn", "计入日期", "1950年");
    }
}
