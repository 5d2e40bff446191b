package org.ganxun.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
import org.springframework.test.web.servlet.MvcResult;

/**
 * A class's expenses entered by its provider's registrar, checked against the default standard (财行〔2016〕540号) with the
 * figures of {@link FeeCapsTest} worked by hand: a 三类 class of five days, 40 trainees and 2 staff, 30 学时, budget 120,000 元.
 */
@IntegrationTest
class ClassExpensesTest {

    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired TrainingPlans plans;

    final int y = Year.now().getValue();
    long county;
    long school;
    long town;
    long classId;
    long planId;
    CurrentUser countyAdmin;
    CurrentUser registrar;
    CurrentUser liaison;
    CurrentUser otherCounty;

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("经费县"), "COUNTY");
        school = fixture.org(county, Fixture.unique("经费县委党校"), "INSTITUTION");
        town = fixture.org(county, Fixture.unique("经费镇"), "TOWNSHIP");
        long other = fixture.org(null, Fixture.unique("邻县"), "COUNTY");
        countyAdmin = fixture.user(Fixture.unique("exc"), Role.ORG_DEPT_ADMIN, county, null, null);
        registrar = fixture.user(Fixture.unique("exr"), Role.PROVIDER_REGISTRAR, school, null, null);
        liaison = fixture.user(Fixture.unique("exl"), Role.UNIT_LIAISON, town, null, null);
        otherCounty = fixture.user(Fixture.unique("exo"), Role.ORG_DEPT_ADMIN, other, null, null);
        long annual = jdbc.sql("insert into annual_plan (jurisdiction_org_id, year, title) values (?, ?, '计划') returning id")
                .params(county, y).query(Long.class).single();
        LocalDate start = LocalDate.of(y, 3, 2);
        classId = jdbc.sql("""
                insert into training_class (plan_id, jurisdiction_org_id, filer_org_id, name, class_type, starts_on, ends_on, seats,
                  budget, status) values (?, ?, ?, '乡科级干部进修班', 'THEMATIC', ?, ?, 50, 120000, 'APPROVED') returning id""")
                .params(annual, county, school, start, start.plusDays(4)).query(Long.class).single();
        for (int i = 0; i < 10; i++) {
            jdbc.sql("""
                    insert into class_session (class_id, session_date, starts_at, ends_at, topic, hours)
                    values (?, ?, time '08:30', time '11:30', ?, 3)""").params(classId, start.plusDays(i / 2), "专题" + i).update();
        }
        planId = fixture.as(countyAdmin, () -> plans.create(new TrainingPlans.PlanForm(county, "经费测试规划", y, y + 4, null, List.of())).id());
    }

    private MvcResult add(CurrentUser u, String json) throws Exception {
        return mvc.perform(post("/api/planning/classes/" + classId + "/expenses").with(user(u)).with(RealCsrf.token())
                .contentType(MediaType.APPLICATION_JSON).content(json)).andReturn();
    }

    private void expense(String category, String amount, String extra) throws Exception {
        MvcResult r = add(registrar, """
                {"category": "%s", "amount": %s, "spentOn": "%s"%s}""".formatted(category, amount, LocalDate.of(y, 3, 6), extra));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
    }

    private void handWorkedClass() throws Exception {
        mvc.perform(put("/api/planning/classes/" + classId + "/fee-profile").with(user(registrar)).with(RealCsrf.token())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"tier\": \"THREE\", \"traineeCount\": 40, \"staffCount\": 2}"))
                .andExpect(status().isOk());
        expense("ACCOMMODATION", "72000", "");
        expense("MEALS", "25000", "");
        expense("VENUE", "8000", "");
        expense("MATERIALS", "3000", "");
        expense("TRANSPORT", "4000", "");
        expense("OTHER", "2000", ", \"note\": \"学员保险\"");
        expense("LECTURE", "4400", ", \"lecturerName\": \"张教授\", \"lecturerTitle\": \"SENIOR\", \"hours\": 4");
        expense("LECTURE", "1500", ", \"lecturerName\": \"李副教授\", \"lecturerTitle\": \"DEPUTY_SENIOR\", \"hours\": 3");
    }

    @Test
    void theSheetShowsCapsPerHeadAndPerHourAsWorkedByHand() throws Exception {
        handWorkedClass();
        mvc.perform(get("/api/planning/classes/" + classId + "/expenses").with(user(countyAdmin)))
                .andExpect(status().isOk())
                // 42 people × 5 days
                .andExpect(jsonPath("$.personDays").value(210))
                .andExpect(jsonPath("$.comprehensiveCap").value(115500.00))
                .andExpect(jsonPath("$.comprehensiveSpent").value(114000.00))
                .andExpect(jsonPath("$.spent").value(119900.00))
                // 120,000 − 119,900
                .andExpect(jsonPath("$.balance").value(100.00))
                // 119,900 / 40 trainees; 119,900 / 30 学时
                .andExpect(jsonPath("$.perCapita").value(2997.50))
                .andExpect(jsonPath("$.perHour").value(3996.67))
                .andExpect(jsonPath("$.warnings.length()").value(2))
                .andExpect(jsonPath("$.warnings[0].code").value("ACCOMMODATION"))
                .andExpect(jsonPath("$.warnings[0].rule", containsString("财行〔2016〕540号")))
                .andExpect(jsonPath("$.warnings[1].code").value("LECTURE"))
                .andExpect(jsonPath("$.warnings[1].message", containsString("每学时1100元")))
                .andExpect(jsonPath("$.standardSource", containsString("第十条")))
                // the approving department may enter expenses too
                .andExpect(jsonPath("$.canEdit").value(true));
        mvc.perform(get("/api/planning/classes/" + classId + "/expenses").with(user(registrar)))
                .andExpect(jsonPath("$.canEdit").value(true));
    }

    @Test
    void aJurisdictionsOwnStandardGovernsItsClasses() throws Exception {
        handWorkedClass();
        String body = """
                {"name": "某省培训费标准", "source": "某省培训费管理办法", "longAfterDays": 30, "longRate": 0.7, "caps": [
                  {"kind": "DAILY", "tier": "THREE", "item": "ACCOMMODATION", "amount": 400},
                  {"kind": "DAILY", "tier": "THREE", "item": "MEALS", "amount": 130},
                  {"kind": "DAILY", "tier": "THREE", "item": "VENUE_MATERIALS_TRANSPORT", "amount": 50},
                  {"kind": "DAILY", "tier": "THREE", "item": "OTHER", "amount": 30},
                  {"kind": "LECTURE", "tier": "SENIOR", "item": "LECTURE", "amount": 1200}]}""";
        mvc.perform(put("/api/planning/fee-standard/" + county).with(user(countyAdmin)).with(RealCsrf.token())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk());
        // 住宿费 400 × 210 = 84,000 ≥ 72,000 and 正高级 1,200 × 4 = 4,800 ≥ 4,400: no warning left
        mvc.perform(get("/api/planning/classes/" + classId + "/expenses").with(user(registrar)))
                .andExpect(jsonPath("$.standardName").value("某省培训费标准"))
                .andExpect(jsonPath("$.warnings.length()").value(0));
        // the registrar may not change the county's standard; a script in its name is refused
        mvc.perform(put("/api/planning/fee-standard/" + county).with(user(registrar)).with(RealCsrf.token())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        mvc.perform(put("/api/planning/fee-standard/" + county).with(user(countyAdmin)).with(RealCsrf.token())
                        .contentType(MediaType.APPLICATION_JSON).content(body.replace("某省培训费标准", "<script>x</script>")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.problems[0].field").value("name"));
    }

    /** The lecturer's title (职称) is kept with the instructor's payments: the next payment may leave it out. */
    @Test
    void anInstructorsTitleIsTakenFromTheirLastPayment() throws Exception {
        long teacher = jdbc.sql("insert into instructor (owner_org_id, name, kind) values (?, '职称老师', 'IN_HOUSE') returning id")
                .param(school).query(Long.class).single();
        long newcomer = jdbc.sql("insert into instructor (owner_org_id, name, kind) values (?, '新老师', 'IN_HOUSE') returning id")
                .param(school).query(Long.class).single();
        String day = "\"spentOn\": \"" + LocalDate.of(y, 3, 6) + "\"";
        // before any payment with a title the title is required
        MvcResult first = add(registrar, "{\"category\": \"LECTURE\", \"amount\": 500, " + day + ", \"instructorId\": " + newcomer + ", \"hours\": 1}");
        assertThat(first.getResponse().getStatus()).isEqualTo(400);
        assertThat(first.getResponse().getContentAsString()).contains("\"field\":\"lecturerTitle\"");
        expense("LECTURE", "1000", ", \"instructorId\": " + teacher + ", \"lecturerTitle\": \"SENIOR\", \"hours\": 1");
        expense("LECTURE", "1500", ", \"instructorId\": " + teacher + ", \"hours\": 2");
        mvc.perform(get("/api/planning/classes/" + classId + "/expenses").with(user(registrar)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.expenses[1].lecturerName").value("职称老师"))
                .andExpect(jsonPath("$.expenses[1].lecturerTitle").value("SENIOR"));
        // a title given again replaces the kept one
        expense("LECTURE", "600", ", \"instructorId\": " + teacher + ", \"lecturerTitle\": \"DEPUTY_SENIOR\", \"hours\": 1");
        expense("LECTURE", "500", ", \"instructorId\": " + teacher + ", \"hours\": 1");
        mvc.perform(get("/api/planning/classes/" + classId + "/expenses").with(user(registrar)))
                .andExpect(jsonPath("$.expenses[3].lecturerTitle").value("DEPUTY_SENIOR"));
    }

    @Test
    void hostileInputIsRefusedWithTheFieldAndNothingIsStored() throws Exception {
        String day = "\"spentOn\": \"" + LocalDate.of(y, 3, 6) + "\"";
        List<String[]> cases = List.of(
                new String[]{"{\"category\": \"MEALS\", \"amount\": -100, " + day + "}", "amount"},
                new String[]{"{\"category\": \"MEALS\", \"amount\": 1e12, " + day + "}", "amount"},
                new String[]{"{\"category\": \"MEALS\", \"amount\": 10.005, " + day + "}", "amount"},
                new String[]{"{\"category\": \"MEALS\", \"amount\": 100, " + day + ", \"note\": \"<script>alert(1)</script>\"}", "note"},
                new String[]{"{\"category\": \"MEALS\", \"amount\": 100, \"spentOn\": \"9999-01-01\"}", "spentOn"},
                new String[]{"{\"category\": \"LECTURE\", \"amount\": 100, " + day + ", \"lecturerName\": \"某\", \"hours\": 2}", "lecturerTitle"},
                new String[]{"{\"category\": \"LECTURE\", \"amount\": 100, " + day + ", \"lecturerName\": \"某\", \"lecturerTitle\": \"SENIOR\", \"hours\": 1e9}", "hours"});
        for (String[] c : cases) {
            MvcResult r = add(registrar, c[0]);
            assertThat(r.getResponse().getStatus()).as(c[0]).isEqualTo(400);
            assertThat(r.getResponse().getContentAsString()).as(c[0]).contains("\"field\":\"" + c[1] + "\"");
        }
        // a category that does not exist is a 400, not a 500
        assertThat(add(registrar, "{\"category\": \"BRIBE\", \"amount\": 1, " + day + "}").getResponse().getStatus()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from class_expense where class_id = ?").param(classId).query(Long.class).single()).isZero();
    }

    @Test
    void anotherCountySeesNothingAndAUnitThatMerelySeesTheClassCannotOpenItsSpending() throws Exception {
        handWorkedClass();
        assertThat(mvc.perform(get("/api/planning/classes/" + classId + "/expenses").with(user(otherCounty))).andReturn()
                .getResponse().getStatus()).isIn(403, 404);
        assertThat(add(otherCounty, "{\"category\": \"MEALS\", \"amount\": 1, \"spentOn\": \"" + LocalDate.of(y, 3, 6) + "\"}")
                .getResponse().getStatus()).isIn(403, 404);
        mvc.perform(get("/api/planning/plans/" + planId + "/budget").with(user(otherCounty))).andExpect(status().isForbidden());
        // the township sees the county's approved class in the calendar, but not what it cost
        mvc.perform(get("/api/planning/classes/" + classId + "/expenses").with(user(liaison))).andExpect(status().isForbidden());
        // and its view of the county's plan holds no class it neither files nor approves
        mvc.perform(get("/api/planning/plans/" + planId + "/budget").param("year", String.valueOf(y)).with(user(liaison)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.classes").value(0)).andExpect(jsonPath("$.spent").value(0));
    }

    @Test
    void thePlanBudgetAndTheFinanceWorkbookAreTheSameFiguresAndTheExportIsAudited() throws Exception {
        handWorkedClass();
        mvc.perform(get("/api/planning/plans/" + planId + "/budget").param("year", String.valueOf(y)).with(user(countyAdmin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.classes").value(1))
                .andExpect(jsonPath("$.budget").value(120000.00))
                .andExpect(jsonPath("$.spent").value(119900.00))
                .andExpect(jsonPath("$.perCapita").value(2997.50))
                .andExpect(jsonPath("$.warningCount").value(2))
                .andExpect(jsonPath("$.providers[0].providerName", containsString("经费县委党校")))
                .andExpect(jsonPath("$.byCategory.LECTURE").value(5900.00));
        long before = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
        MvcResult r = mvc.perform(get("/api/planning/plans/" + planId + "/budget.xlsx").param("year", String.valueOf(y)).with(user(countyAdmin)))
                .andExpect(status().isOk()).andReturn();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
            XSSFSheet classes = book.getSheet("班次经费");
            assertThat(classes.getRow(1).getCell(1).getStringCellValue()).isEqualTo("乡科级干部进修班");
            assertThat(classes.getRow(1).getCell(7).getNumericCellValue()).isEqualTo(119900.0);
            assertThat(classes.getRow(2).getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(book.getSheet("支出明细").getLastRowNum()).isEqualTo(8);
            assertThat(book.getSheet("按培训机构").getRow(1).getCell(4).getNumericCellValue()).isEqualTo(119900.0);
        }
        List<String> written = jdbc.sql("""
                select after_data::text from audit_log where id > ? and action = 'EXPORT' and entity_type = 'ClassExpense'""")
                .param(before).query(String.class).list();
        assertThat(written).singleElement().satisfies(a -> assertThat(a).contains("\"rows\": 8").contains("\"planId\": " + planId));
    }

    /** The plan's special fund (专项资金) of the year against the 119,900 元 spent: 200,000 − 119,900 = 80,100; 59.95 % → 60.0 %. */
    @Test
    void thePlansSpecialFundIsComparedWithSpending() throws Exception {
        handWorkedClass();
        mvc.perform(put("/api/planning/plans/" + planId + "/funds/" + y).with(user(countyAdmin)).with(RealCsrf.token())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 200000, \"note\": \"县级财政安排\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].amount").value(200000));
        mvc.perform(get("/api/planning/plans/" + planId + "/budget").param("year", String.valueOf(y)).with(user(countyAdmin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fund").value(200000))
                .andExpect(jsonPath("$.fundBalance").value(80100.00))
                .andExpect(jsonPath("$.fundUsedPercent").value(60.0));
        // hostile or out of place: by field, nothing stored
        for (String[] c : new String[][]{{"{\"amount\": -1}", "amount"}, {"{\"amount\": 1000000000}", "amount"},
                {"{\"amount\": 1.234}", "amount"}, {"{\"amount\": 5, \"note\": \"<img src=x onerror=alert(1)>\"}", "note"}}) {
            mvc.perform(put("/api/planning/plans/" + planId + "/funds/" + y).with(user(countyAdmin)).with(RealCsrf.token())
                            .contentType(MediaType.APPLICATION_JSON).content(c[0]))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.problems[0].field").value(c[1]));
        }
        mvc.perform(put("/api/planning/plans/" + planId + "/funds/" + (y + 50)).with(user(countyAdmin)).with(RealCsrf.token())
                .contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 1}")).andExpect(status().isBadRequest());
        // only the plan's organisation department sets it
        assertThat(mvc.perform(put("/api/planning/plans/" + planId + "/funds/" + y).with(user(otherCounty)).with(RealCsrf.token())
                .contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 1}")).andReturn().getResponse().getStatus()).isIn(403, 404);
        mvc.perform(put("/api/planning/plans/" + planId + "/funds/" + y).with(user(liaison)).with(RealCsrf.token())
                .contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 1}")).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select amount from plan_fund where plan_id = ? and year = ?").params(planId, y).query(BigDecimal.class).single())
                .isEqualByComparingTo("200000");
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'PlanFund' and entity_id = ?")
                .param(planId + ":" + y).query(Long.class).single()).isEqualTo(1);
    }
}
