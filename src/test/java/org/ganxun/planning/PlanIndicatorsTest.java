package org.ganxun.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;

import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
import org.ganxun.people.StaffCategory;
import org.ganxun.planning.internal.plan.IndicatorFigures.Figure;
import org.ganxun.planning.internal.plan.IndicatorFigures.Light;
import org.ganxun.planning.TrainingPlans.IndicatorForm;
import org.ganxun.planning.TrainingPlans.Target;
import org.ganxun.planning.internal.plan.IndicatorFigures;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Each indicator definition worked by hand over seven cadres of a county with two townships. The year asked is
 * last year (y); the plan runs from y-2 to y+2. Every figure below is counted from the data in {@link #setUp}, not
 * copied from the code's output.
 *
 * <pre>
 * person unit   rank/lead        party born    category  approved entries (hours, days)
 * a1     townA  乡科 leader      yes   y-45    公务员    y: class 脱产 40h 5d; online 30h
 * a2     townA  乡科 leader      no    y-45    公务员    y: class 脱产 80h 12d
 * a3     townA  乡科 leader      yes   y-30    公务员    y: class 脱产 24h 3d; online 60h
 * b1     townB  科员             no    y-45    村干部    y-1: class (not 脱产) 16h
 * b2     townB  科员             yes   y-35    公务员    y: 40h external training PENDING (does not count)
 * c0     county 县处 leader      no    y-45    公务员    y-2: class 脱产 80h
 * c1     county 县处 leader      no    y-45    公务员    y: online 10h; y-3: class 脱产 (before the plan)
 * </pre>
 */
@IntegrationTest
class PlanIndicatorsTest {

    @Autowired Fixture fixture;
    @Autowired Roster roster;
    @Autowired JdbcClient jdbc;
    @Autowired TrainingPlans plans;
    @Autowired IndicatorFigures figures;
    @Autowired MockMvc mvc;

    final int y = Year.now().getValue() - 1;
    long county;
    long townA;
    long townB;
    long a1;
    long a2;
    long a3;
    long b1;
    long b2;
    long c0;
    long c1;
    CurrentUser countyAdmin;
    CurrentUser liaisonA;
    long planId;

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("规划县"), "COUNTY");
        townA = fixture.org(county, Fixture.unique("规甲镇"), "TOWNSHIP");
        townB = fixture.org(county, Fixture.unique("规乙镇"), "TOWNSHIP");
        a1 = cadre("甲一", townA, RankLevel.TOWNSHIP, true, true, y - 45, StaffCategory.CIVIL_SERVANT);
        a2 = cadre("甲二", townA, RankLevel.TOWNSHIP, true, false, y - 45, StaffCategory.CIVIL_SERVANT);
        a3 = cadre("甲三", townA, RankLevel.TOWNSHIP, true, true, y - 30, StaffCategory.CIVIL_SERVANT);
        b1 = cadre("乙一", townB, RankLevel.STAFF, false, false, y - 45, StaffCategory.VILLAGE_CADRE);
        b2 = cadre("乙二", townB, RankLevel.STAFF, false, true, y - 35, StaffCategory.CIVIL_SERVANT);
        c0 = cadre("县零", county, RankLevel.COUNTY, true, false, y - 45, StaffCategory.CIVIL_SERVANT);
        c1 = cadre("县一", county, RankLevel.COUNTY, true, false, y - 45, StaffCategory.CIVIL_SERVANT);
        countyAdmin = fixture.user(Fixture.unique("pic"), Role.ORG_DEPT_ADMIN, county, null, null);
        liaisonA = fixture.user(Fixture.unique("pia"), Role.UNIT_LIAISON, townA, null, null);

        entry(a1, "CLASS_COMPLETION", LocalDate.of(y, 3, 10), "40", "5", "CONCENTRATED", true, "APPROVED");
        entry(a1, "ONLINE_COURSE", LocalDate.of(y, 9, 1), "30", null, "ONLINE", false, "APPROVED");
        entry(a2, "CLASS_COMPLETION", LocalDate.of(y, 4, 1), "80", "12", "CONCENTRATED", true, "APPROVED");
        entry(a3, "CLASS_COMPLETION", LocalDate.of(y, 5, 1), "24", "3", "CONCENTRATED", true, "APPROVED");
        entry(a3, "ONLINE_COURSE", LocalDate.of(y, 12, 31), "60", null, "ONLINE", false, "APPROVED");
        entry(b1, "CLASS_COMPLETION", LocalDate.of(y - 1, 6, 1), "16", null, "CONCENTRATED", false, "APPROVED");
        entry(b2, "EXTERNAL_TRAINING", LocalDate.of(y, 6, 1), "40", null, "CONCENTRATED", true, "PENDING");
        entry(c0, "CLASS_COMPLETION", LocalDate.of(y - 2, 1, 1), "80", null, "CONCENTRATED", true, "APPROVED");
        entry(c1, "ONLINE_COURSE", LocalDate.of(y, 2, 1), "10", null, "ONLINE", false, "APPROVED");
        entry(c1, "CLASS_COMPLETION", LocalDate.of(y - 3, 12, 31), "80", null, "CONCENTRATED", true, "APPROVED");

        List<IndicatorForm> indicators = List.of(
                ind("县处级领导干部5年内脱产培训全覆盖", IndicatorKind.COVERAGE, List.of("COUNTY"), List.of(), true, null, null, null,
                        true, null, null, null, "100"),
                ind("乡科级领导干部每年12天或90学时达标率", IndicatorKind.ATTAINMENT, List.of("TOWNSHIP"), List.of(), true, null, null, null,
                        false, "NOT_ONLINE", "90", "12", "30"),
                ind("网络培训人均学时", IndicatorKind.HOURS_PER_HEAD, List.of(), List.of(), null, null, null, null, false, "ONLINE", null, null, "15"),
                ind("村(社区)干部两年轮训覆盖率", IndicatorKind.COVERAGE, List.of(), List.of("VILLAGE_CADRE"), null, null, null, 2, false, null, null, null, null),
                ind("三年未参训干部占比", IndicatorKind.UNTRAINED_SHARE, List.of(), List.of(), null, null, null, null, false, null, null, null, "20"),
                ind("党员每年32学时达标率", IndicatorKind.ATTAINMENT, List.of(), List.of(), null, true, null, null, false, null, "32", null, "60"),
                ind("年轻干部年度培训覆盖率", IndicatorKind.COVERAGE, List.of(), List.of(), null, null, 35, 1, false, null, null, null, "50"));
        planId = fixture.as(countyAdmin, () -> plans.create(new TrainingPlans.PlanForm(county, "规划（测试）", y - 2, y + 2, null, indicators)).id());
    }

    private IndicatorForm ind(String name, IndicatorKind kind, List<String> levels, List<String> categories, Boolean leadership,
                              Boolean party, Integer maxAge, Integer window, boolean fullTime, String delivery, String hours,
                              String days, String target) {
        return new IndicatorForm(name, kind, levels, categories, leadership, party, maxAge, window, fullTime, delivery,
                hours == null ? null : new BigDecimal(hours), days == null ? null : new BigDecimal(days), null, null,
                target == null ? List.of() : List.of(new Target(y, new BigDecimal(target))));
    }

    private long cadre(String name, long org, RankLevel level, boolean leader, boolean party, int bornIn, StaffCategory category) {
        LocalDate born = LocalDate.of(bornIn, 6, 15);
        CadreForm f = Fixture.cadreForm(name, org, Fixture.citizenId(born, true));
        CadreForm c = new CadreForm(f.name(), f.gender(), f.ethnicity(), born, f.citizenId(), f.education(),
                party ? PoliticalStatus.CPC_MEMBER : PoliticalStatus.MASSES, party ? born.plusYears(22) : null, org, f.post(), level,
                level == RankLevel.STAFF ? null : RankGrade.PRINCIPAL, leader, category, born.plusYears(22), f.phone(),
                f.reserveCadre(), null, false, f.status(), null);
        return fixture.as(Fixture.systemAdmin(), () -> roster.create(c).id());
    }

    private void entry(long cadre, String source, LocalDate on, String hours, String days, String delivery, boolean fullTime, String status) {
        jdbc.sql("""
                insert into archive_entry (cadre_id, source, source_ref, title, started_on, ended_on, credited_on, hours, days,
                  delivery, full_time, status)
                values (?, ?, ?, '培训', ?, ?, ?, cast(? as numeric), cast(? as numeric), ?, ?, ?)""")
                .params(cadre, source, Fixture.unique("R"), on, on, on, hours, days, delivery, fullTime, status).update();
    }

    private List<Figure> dashboard(CurrentUser u, Long orgId) {
        return fixture.as(u, () -> figures.dashboard(planId, y, orgId)).figures();
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void everyDefinitionCountsAsWorkedByHandOverTheCounty() {
        List<Figure> f = dashboard(countyAdmin, null);
        // 1. county leaders c0, c1; a 脱产 course from the plan's first year (y-2) on: c0 (y-2), not c1 (y-3): 1 of 2
        assertThat(f.get(0).population()).isEqualTo(2);
        assertThat(f.get(0).counted()).isEqualTo(1);
        assertThat(f.get(0).value()).isEqualByComparingTo(d("50.0"));
        assertThat(f.get(0).light()).as("50 against 100: short by 50, beyond a tenth").isEqualTo(Light.RED);
        // 2. township leaders a1, a2, a3; non-online hours of y: a1 40h/5d no, a2 80h but 12 days yes, a3 24h/3d no: 1 of 3
        assertThat(f.get(1).population()).isEqualTo(3);
        assertThat(f.get(1).counted()).isEqualTo(1);
        assertThat(f.get(1).value()).isEqualByComparingTo(d("33.3"));
        assertThat(f.get(1).light()).isEqualTo(Light.GREEN);
        // 3. online hours of y over all seven: 30 + 60 + 10 = 100 / 7 = 14.29 -> 14.3; target 15, short by 0.7 <= 1.5: amber
        assertThat(f.get(2).population()).isEqualTo(7);
        assertThat(f.get(2).hours()).isEqualByComparingTo(d("100"));
        assertThat(f.get(2).value()).isEqualByComparingTo(d("14.3"));
        assertThat(f.get(2).light()).isEqualTo(Light.AMBER);
        // 4. village cadres: b1 only, a class in y-1, inside the two years y-1..y: 100%; no target: grey
        assertThat(f.get(3).population()).isEqualTo(1);
        assertThat(f.get(3).value()).isEqualByComparingTo(d("100.0"));
        assertThat(f.get(3).light()).isEqualTo(Light.GREY);
        assertThat(f.get(3).from()).isEqualTo(LocalDate.of(y - 1, 1, 1));
        // 5. no course in y-2..y: b2 (pending only), c1 (y-3): 2 of 7 = 28.6%; lower is better, target 20: over by 8.6 > 2: red
        assertThat(f.get(4).counted()).isEqualTo(2);
        assertThat(f.get(4).value()).isEqualByComparingTo(d("28.6"));
        assertThat(f.get(4).light()).isEqualTo(Light.RED);
        assertThat(f.get(4).lowerIsBetter()).isTrue();
        // 6. party members a1 (70h), a3 (84h), b2 (pending 40h does not count): 2 of 3 = 66.7% against 60: green
        assertThat(f.get(5).population()).isEqualTo(3);
        assertThat(f.get(5).counted()).isEqualTo(2);
        assertThat(f.get(5).value()).isEqualByComparingTo(d("66.7"));
        assertThat(f.get(5).light()).isEqualTo(Light.GREEN);
        // 7. aged 35 or less at the end of y: a3 (30), b2 (exactly 35); a course in y: a3 only: 50%
        assertThat(f.get(6).population()).isEqualTo(2);
        assertThat(f.get(6).value()).isEqualByComparingTo(d("50.0"));
        assertThat(f.get(6).light()).isEqualTo(Light.GREEN);
        // the definition is shown beside each figure
        assertThat(f.get(1).definition()).contains("12天").contains("90学时").contains("乡科级");
    }

    @Test
    void aSubtreeCountsItsOwnPeopleAndALiaisonSeesTheirUnitOnly() {
        List<Figure> townAFigures = dashboard(countyAdmin, townA);
        // township A: a1, a2, a3 all had a course in y: nobody untrained
        assertThat(townAFigures.get(4).population()).isEqualTo(3);
        assertThat(townAFigures.get(4).value()).isEqualByComparingTo(d("0.0"));
        // nobody at county level in township A: no figure, grey
        assertThat(townAFigures.get(0).population()).isZero();
        assertThat(townAFigures.get(0).value()).isNull();
        assertThat(townAFigures.get(0).light()).isEqualTo(Light.GREY);

        List<Figure> liaison = dashboard(liaisonA, null);
        assertThat(liaison.get(4).population()).isEqualTo(3);
        assertThat(liaison.get(2).hours()).as("a1 30 + a3 60").isEqualByComparingTo(d("90"));
        assertThatThrownBy(() -> dashboard(liaisonA, townB)).isInstanceOf(BusinessException.class);
    }

    @Test
    void theDrillDownListsThePeopleBehindAFigure() {
        long untrained = fixture.as(countyAdmin, () -> plans.get(planId)).indicators().get(4).id();
        IndicatorFigures.People counted = fixture.as(countyAdmin, () -> figures.people(planId, untrained, y, null, true, 0, 50));
        assertThat(counted.total()).isEqualTo(2);
        assertThat(counted.rows()).extracting(IndicatorFigures.Person::cadreId).containsExactlyInAnyOrder(b2, c1);
        IndicatorFigures.People others = fixture.as(countyAdmin, () -> figures.people(planId, untrained, y, null, false, 0, 50));
        assertThat(others.total()).isEqualTo(5);
        long attainment = fixture.as(countyAdmin, () -> plans.get(planId)).indicators().get(1).id();
        IndicatorFigures.People met = fixture.as(countyAdmin, () -> figures.people(planId, attainment, y, null, true, 0, 50));
        assertThat(met.rows()).singleElement().satisfies(p -> {
            assertThat(p.cadreId()).isEqualTo(a2);
            assertThat(p.days()).isEqualByComparingTo(d("12"));
            assertThat(p.hours()).isEqualByComparingTo(d("80"));
        });
        IndicatorFigures.People liaisonView = fixture.as(liaisonA, () -> figures.people(planId, untrained, y, null, null, 0, 50));
        assertThat(liaisonView.rows()).extracting(IndicatorFigures.Person::cadreId).containsExactlyInAnyOrder(a1, a2, a3);
    }

    @Test
    void aYearOutsideThePlanOrNotYetBegunIsRefused() {
        assertThatThrownBy(() -> fixture.as(countyAdmin, () -> figures.dashboard(planId, y - 3, null)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("规划期");
        assertThatThrownBy(() -> fixture.as(countyAdmin, () -> figures.dashboard(planId, y + 2, null)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("尚未开始");
    }

    @Test
    void hostileFormsAreRefusedWithTheFieldAndNeverStoredAsIs() throws Exception {
        String body = """
                {"jurisdictionOrgId": %d, "title": "<script>alert(1)</script>规划", "startYear": %d, "endYear": %d,
                 "indicators": [{"name": "覆盖率", "kind": "COVERAGE", "rankLevels": ["DROP TABLE"],
                                 "targets": [{"year": %d, "target": 1e9}]}]}""".formatted(county, y, y + 4, y);
        mvc.perform(post("/api/planning/plans").with(user(countyAdmin)).with(org.ganxun.support.RealCsrf.token()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", containsString("第1项指标")));
        String ok = """
                {"jurisdictionOrgId": %d, "title": "<script>alert(1)</script>规划", "startYear": %d, "endYear": %d, "indicators": []}"""
                .formatted(county, y, y + 4);
        mvc.perform(post("/api/planning/plans").with(user(countyAdmin)).with(org.ganxun.support.RealCsrf.token()).contentType(MediaType.APPLICATION_JSON).content(ok))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("规划"));
        // a liaison reads the county's plan but cannot write one
        mvc.perform(get("/api/planning/plans/" + planId + "/dashboard").param("year", String.valueOf(y)).with(user(liaisonA)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/planning/plans").with(user(liaisonA)).with(org.ganxun.support.RealCsrf.token()).contentType(MediaType.APPLICATION_JSON).content(ok))
                .andExpect(status().isForbidden());
    }
}
