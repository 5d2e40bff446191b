package org.ganxun.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;

import org.ganxun.planning.internal.scheduling.Scheduler;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.support.RealCsrf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The scheduler's settings kept per jurisdiction: the county's organisation department keeps them, its townships'
 * planners run under them, another county keeps the defaults; hostile input is refused by field; the instructors'
 * preferred days reach the solver.
 */
@IntegrationTest
class SchedulingSettingsTest {

    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired SchedulingSettings settings;
    @Autowired DraftScheduling scheduling;

    long county;
    long town;
    long otherCounty;
    long teacher;
    CurrentUser admin;
    CurrentUser liaison;
    CurrentUser otherAdmin;

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("排期县"), "COUNTY");
        town = fixture.org(county, Fixture.unique("排期镇"), "TOWNSHIP");
        otherCounty = fixture.org(null, Fixture.unique("另一排期县"), "COUNTY");
        admin = fixture.user(Fixture.unique("ssa"), Role.ORG_DEPT_ADMIN, county, null, null);
        liaison = fixture.user(Fixture.unique("ssl"), Role.UNIT_LIAISON, town, null, null);
        otherAdmin = fixture.user(Fixture.unique("sso"), Role.ORG_DEPT_ADMIN, otherCounty, null, null);
        teacher = jdbc.sql("insert into instructor (owner_org_id, name, kind) values (?, '周老师', 'IN_HOUSE') returning id")
                .param(county).query(Long.class).single();
    }

    private String body(String share, String seasonName, String from, String days) {
        return """
                {"maxUnitShare": %s, "seasons": [{"name": "%s", "group": "村(社区)干部", "from": "%s", "to": "05-15"}],
                 "preferences": [{"instructorId": %d, "days": %s}]}""".formatted(share, seasonName, from, teacher, days);
    }

    @Test
    void theCountyKeepsItsSettingsAndItsTownshipsRunUnderThem() throws Exception {
        mvc.perform(put("/api/planning/schedule/settings/" + county).with(user(admin)).with(RealCsrf.token())
                        .contentType(MediaType.APPLICATION_JSON).content(body("0.2", "春耕", "04-01", "[1, 3]")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.isDefault").value(false))
                .andExpect(jsonPath("$.preferences[0].instructorName").value("周老师"))
                .andExpect(jsonPath("$.preferences[0].days[1]").value(3));
        // a township's planner gets the county's
        SchedulingSettings.View forTown = fixture.as(admin, () -> settings.effectiveFor(town));
        assertThat(forTown.orgId()).isEqualTo(county);
        assertThat(forTown.maxUnitShare()).isEqualByComparingTo("0.2");
        assertThat(forTown.seasons()).containsExactly(new DraftScheduling.SeasonForm("春耕", "村(社区)干部", "04-01", "05-15"));
        // another county has the defaults
        mvc.perform(get("/api/planning/schedule/settings").param("orgId", String.valueOf(otherCounty)).with(user(otherAdmin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.isDefault").value(true))
                .andExpect(jsonPath("$.seasons.length()").value(DraftScheduling.DEFAULT_SEASONS.size()));
        // nobody else writes them: another county's department, a township liaison (no PLAN_MANAGE)
        mvc.perform(put("/api/planning/schedule/settings/" + county).with(user(otherAdmin)).with(RealCsrf.token())
                .contentType(MediaType.APPLICATION_JSON).content(body("0.2", "春耕", "04-01", "[1]"))).andExpect(status().isForbidden());
        mvc.perform(put("/api/planning/schedule/settings/" + town).with(user(liaison)).with(RealCsrf.token())
                .contentType(MediaType.APPLICATION_JSON).content(body("0.2", "春耕", "04-01", "[1]"))).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'SchedulingSettings' and entity_id = ?")
                .param(String.valueOf(county)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void hostileSettingsAreRefusedByFieldAndNothingIsStored() throws Exception {
        String[][] cases = {
                {body("5", "春耕", "04-01", "[1]"), "maxUnitShare"},
                {body("0.0001", "春耕", "04-01", "[1]"), "maxUnitShare"},
                {body("0.2", "<script>alert(1)</script>", "04-01", "[1]"), "seasons[0].name"}, // longer than its column: its constraint
                {body("0.2", "春耕", "13-45", "[1]"), "seasons"},
                {body("0.2", "春耕", "04-01", "[9]"), "preferences[0].days"},
                {body("0.2", "春耕", "04-01", "[]"), "preferences[0].days"},
        };
        for (String[] c : cases) {
            mvc.perform(put("/api/planning/schedule/settings/" + county).with(user(admin)).with(RealCsrf.token())
                            .contentType(MediaType.APPLICATION_JSON).content(c[0]))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.problems[0].field").value(c[1]));
        }
        mvc.perform(put("/api/planning/schedule/settings/" + county).with(user(admin)).with(RealCsrf.token())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"maxUnitShare": 0.1, "seasons": [], "preferences": [{"instructorId": 999999999, "days": [1]}]}"""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.problems[0].field").value("preferences[0].instructorId"));
        assertThat(jdbc.sql("select count(*) from scheduling_settings where org_id = ?").param(county).query(Long.class).single()).isZero();
    }

    @Test
    void anInstructorsStoredPreferredDayIsWhereTheSolverStartsTheirClass() {
        int year = Year.now().getValue() + 1;
        fixture.as(admin, () -> settings.save(county, new SchedulingSettings.Form(new BigDecimal("1"), List.of(),
                List.of(new SchedulingSettings.PreferenceForm(teacher, List.of(3))))));
        long annual = jdbc.sql("insert into annual_plan (jurisdiction_org_id, year, title) values (?, ?, '计划') returning id")
                .params(county, year).query(Long.class).single();
        long cls = jdbc.sql("""
                insert into training_class (plan_id, jurisdiction_org_id, filer_org_id, name, class_type, starts_on, ends_on, seats, status)
                values (?, ?, ?, '偏好测试班', 'THEMATIC', ?, ?, 1, 'DRAFT') returning id""")
                .params(annual, county, county, LocalDate.of(year, 9, 7), LocalDate.of(year, 9, 8)).query(Long.class).single();
        jdbc.sql("""
                insert into class_session (class_id, session_date, starts_at, ends_at, topic, instructor_id, hours)
                values (?, ?, '09:00', '12:00', '专题', ?, 3)""").params(cls, LocalDate.of(year, 9, 7), teacher).update();
        Scheduler.Proposal p = fixture.as(admin, () -> scheduling.propose(new DraftScheduling.Request(year, null, null, null, 3)));
        Scheduler.Placement placed = p.placements().stream().filter(x -> x.id() == cls).findFirst().orElseThrow();
        // 5 per class and instructor off the preferred day (Wednesday): the solver avoids it
        assertThat(placed.startsOn().getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
        assertThat(p.solver().costs()).filteredOn(c -> c.label().contains("偏好")).allMatch(c -> c.score() == 0);
    }
}
