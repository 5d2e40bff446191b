package org.ganxun.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xwpf.usermodel.XWPFChart;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.ganxun.people.RankLevel;
import org.ganxun.planning.TrainingPlans.IndicatorForm;
import org.ganxun.planning.TrainingPlans.Target;
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
 * The evaluation report (.docx) read back with POI: its indicator table holds the dashboard API's figures, its spending
 * sentence the budget API's, its 基本情况 the counts worked by hand, its 存在问题 what the data shows, and its 主要做法 the
 * planner's words. Last year (y) of a plan running y-1 … y+3:
 *
 * <pre>
 * a1 townA 乡科  three classes completed in y (trained again and again)
 * a2 townA 乡科  20 online hours in y, no course                        (untrained three years)
 * b1 townA 科员  nothing                                                (untrained three years)
 * c1 county 县处 one class completed in y
 * three approved classes of the county starting in March of y (crowded); one with 1,000 元 of 伙食费
 * </pre>
 */
@IntegrationTest
class EvaluationReportTest {

    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired TrainingPlans plans;

    final int y = Year.now().getValue() - 1;
    long county;
    long planId;
    CurrentUser countyAdmin;
    CurrentUser otherCounty;
    long a1;
    long c1;

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("评估县"), "COUNTY");
        long townA = fixture.org(county, Fixture.unique("评估镇"), "TOWNSHIP");
        long other = fixture.org(null, Fixture.unique("另一县"), "COUNTY");
        countyAdmin = fixture.user(Fixture.unique("evc"), Role.ORG_DEPT_ADMIN, county, null, null);
        otherCounty = fixture.user(Fixture.unique("evo"), Role.ORG_DEPT_ADMIN, other, null, null);
        a1 = cadre("评甲一", townA, RankLevel.TOWNSHIP);
        long a2 = cadre("评甲二", townA, RankLevel.TOWNSHIP);
        cadre("评乙一", townA, RankLevel.STAFF);
        c1 = cadre("评县一", county, RankLevel.COUNTY);
        for (int m = 3; m <= 5; m++) {
            entry(a1, "CLASS_COMPLETION", LocalDate.of(y, m, 10), "24", "CONCENTRATED");
        }
        entry(a2, "ONLINE_COURSE", LocalDate.of(y, 6, 1), "20", "ONLINE");
        entry(c1, "CLASS_COMPLETION", LocalDate.of(y, 4, 1), "40", "CONCENTRATED");
        long annual = jdbc.sql("insert into annual_plan (jurisdiction_org_id, year, title) values (?, ?, '计划') returning id")
                .params(county, y).query(Long.class).single();
        long first = 0;
        for (int i = 0; i < 3; i++) {
            long id = jdbc.sql("""
                    insert into training_class (plan_id, jurisdiction_org_id, filer_org_id, name, class_type, starts_on, ends_on, seats,
                      budget, status) values (?, ?, ?, ?, 'THEMATIC', ?, ?, 30, 5000, 'COMPLETED') returning id""")
                    .params(annual, county, county, "评估班" + i, LocalDate.of(y, 3, 2 + 7 * i), LocalDate.of(y, 3, 3 + 7 * i))
                    .query(Long.class).single();
            first = first == 0 ? id : first;
        }
        jdbc.sql("insert into class_expense (class_id, category, amount, spent_on) values (?, 'MEALS', 1000, ?)")
                .params(first, LocalDate.of(y, 3, 3)).update();
        List<IndicatorForm> indicators = List.of(
                new IndicatorForm("干部年度培训覆盖率", IndicatorKind.COVERAGE, List.of(), List.of(), null, null, null, 1, false, null, null,
                        null, null, null, List.of(new Target(y, new BigDecimal("80")))),
                new IndicatorForm("网络培训人均学时", IndicatorKind.HOURS_PER_HEAD, List.of(), List.of(), null, null, null, null, false,
                        "ONLINE", null, null, null, null, List.of(new Target(y, new BigDecimal("10")))));
        planId = fixture.as(countyAdmin, () -> plans.create(new TrainingPlans.PlanForm(county, "2025—2029年干部教育培训规划", y - 1, y + 3,
                null, indicators)).id());
    }

    private long cadre(String name, long org, RankLevel level) {
        long id = fixture.cadre(name, org);
        jdbc.sql("update cadre set rank_level = ? where id = ?").params(level.name(), id).update();
        return id;
    }

    private void entry(long cadre, String source, LocalDate on, String hours, String delivery) {
        jdbc.sql("""
                insert into archive_entry (cadre_id, source, source_ref, title, started_on, ended_on, credited_on, hours, delivery,
                  full_time, status) values (?, ?, ?, '培训', ?, ?, ?, cast(? as numeric), ?, true, 'APPROVED')""")
                .params(cadre, source, Fixture.unique("R"), on, on, on, hours, delivery).update();
    }

    private XWPFDocument docx(String kind) throws Exception {
        MvcResult r = mvc.perform(get("/api/planning/plans/" + planId + "/report.docx").param("year", String.valueOf(y)).param("kind", kind)
                .with(user(countyAdmin))).andExpect(status().isOk()).andReturn();
        return new XWPFDocument(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()));
    }

    private static String text(XWPFDocument d) {
        return d.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
    }

    @Test
    void theReportsFiguresAreTheDashboardsFigures() throws Exception {
        String dashboard = mvc.perform(get("/api/planning/plans/" + planId + "/dashboard").param("year", String.valueOf(y)).with(user(countyAdmin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String budget = mvc.perform(get("/api/planning/plans/" + planId + "/budget").param("year", String.valueOf(y)).with(user(countyAdmin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        long before = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
        try (XWPFDocument d = docx("ANNUAL")) {
            XWPFTable table = d.getTables().get(0);
            List<String> names = JsonPath.read(dashboard, "$.figures[*].name");
            assertThat(table.getNumberOfRows()).isEqualTo(names.size() + 1);
            for (int i = 0; i < names.size(); i++) {
                assertThat(table.getRow(i + 1).getCell(0).getText()).isEqualTo(names.get(i));
                Object value = JsonPath.read(dashboard, "$.figures[" + i + "].value");
                String unit = JsonPath.read(dashboard, "$.figures[" + i + "].unit");
                String cell = table.getRow(i + 1).getCell(3).getText();
                assertThat(cell).endsWith(unit);
                assertThat(new BigDecimal(cell.substring(0, cell.length() - unit.length())))
                        .as(names.get(i)).isEqualByComparingTo(new BigDecimal(value.toString()));
                assertThat(table.getRow(i + 1).getCell(4).getText()).isEqualTo(JsonPath.read(dashboard, "$.figures[" + i + "].lightLabel"));
            }
            // worked by hand: a1 and c1 of four had a course in y = 50.0 %; 20 online hours over four = 5.0
            assertThat(table.getRow(1).getCell(3).getText()).isEqualTo("50.0%");
            assertThat(table.getRow(2).getCell(3).getText()).isEqualTo("5.0学时");
            String all = text(d);
            Object spent = JsonPath.read(budget, "$.spent");
            assertThat(new BigDecimal(spent.toString())).isEqualByComparingTo("1000");
            assertThat(all).contains("实际支出1000元").contains("预算15000元");
            // 基本情况: four cadres, three classes, 3 + 1 = 4 person-times (乡科级 3, 县处级 1)
            assertThat(all).contains("现有在职干部4人").contains("共举办各类培训班3期次，培训干部4人次").contains("乡科级干部3人次")
                    .contains("县处级干部1人次").contains("网络培训1人参加，人均每年5.0学时");
            // 存在问题 from the data
            assertThat(all).contains("一是部分干部长期未参加培训").contains("2名在职干部没有参加过培训班")
                    .contains("同一批干部重复参训").contains("1名干部在同一年度内参加培训班或外出培训3次及以上")
                    .contains("培训时间安排过于集中").contains("3月3期（占100.0%）");
        }
        List<String> written = jdbc.sql("""
                select after_data::text from audit_log where id > ? and action = 'EXPORT' and entity_type = 'PlanReport'""")
                .param(before).query(String.class).list();
        assertThat(written).singleElement().satisfies(a -> assertThat(a).contains("\"rows\": 2"));
    }

    /**
     * The charts are native Word charts (each with its data in an embedded workbook, editable in Word), and each figure
     * in them is the figure of the dashboard API (indicators) or the report API (人次 by rank, classes by month).
     */
    @Test
    void theChartsFiguresAreTheDashboardsFigures() throws Exception {
        String dashboard = mvc.perform(get("/api/planning/plans/" + planId + "/dashboard").param("year", String.valueOf(y)).with(user(countyAdmin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String report = mvc.perform(get("/api/planning/plans/" + planId + "/report").param("year", String.valueOf(y)).with(user(countyAdmin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        try (XWPFDocument d = docx("ANNUAL")) {
            Map<String, XWPFChart> charts = d.getCharts().stream().collect(Collectors.toMap(EvaluationReportTest::title, c -> c));
            assertThat(charts).containsOnlyKeys(y + "年量化指标目标与完成情况", y + "年各职级干部参训人次", y + "年各月开班期数");

            XWPFChart indicatorChart = charts.get(y + "年量化指标目标与完成情况");
            XDDFChartData indicators = indicatorChart.getChartSeries().get(0);
            assertThat(indicators.getSeriesCount()).isEqualTo(2);
            assertThat(seriesName(indicatorChart, 0)).isEqualTo("目标");
            assertThat(seriesName(indicatorChart, 1)).isEqualTo("完成");
            List<String> names = JsonPath.read(dashboard, "$.figures[*].name");
            assertThat(categories(indicators.getSeries(1))).containsExactly(names.get(0) + "（%）", names.get(1) + "（学时）");
            for (int i = 0; i < names.size(); i++) {
                assertThat(value(indicators.getSeries(0), i)).as("target of " + names.get(i))
                        .isEqualByComparingTo(decimal(JsonPath.read(dashboard, "$.figures[" + i + "].target")));
                assertThat(value(indicators.getSeries(1), i)).as("value of " + names.get(i))
                        .isEqualByComparingTo(decimal(JsonPath.read(dashboard, "$.figures[" + i + "].value")));
            }
            // worked by hand (as the table): targets 80 and 10; reached 50.0 % and 5.0 学时
            assertThat(value(indicators.getSeries(0), 0)).isEqualByComparingTo("80");
            assertThat(value(indicators.getSeries(1), 0)).isEqualByComparingTo("50.0");
            assertThat(value(indicators.getSeries(1), 1)).isEqualByComparingTo("5.0");

            XWPFChart rankChart = charts.get(y + "年各职级干部参训人次");
            XDDFChartData.Series ranks = rankChart.getChartSeries().get(0).getSeries(0);
            assertThat(seriesName(rankChart, 0)).isEqualTo("参训人次");
            List<String> labels = JsonPath.read(report, "$.byRank[*].label");
            assertThat(categories(ranks)).containsExactlyElementsOf(labels);
            for (int i = 0; i < labels.size(); i++) {
                assertThat(value(ranks, i)).as(labels.get(i))
                        .isEqualByComparingTo(decimal(JsonPath.read(report, "$.byRank[" + i + "].personTimes")));
            }
            // worked by hand: 县处级 1, 乡科级 3, 科员 0 (in RankLevel's order)
            assertThat(categories(ranks)).containsExactly(RankLevel.COUNTY.label(), RankLevel.TOWNSHIP.label(), RankLevel.STAFF.label());
            assertThat(List.of(value(ranks, 0), value(ranks, 1), value(ranks, 2)))
                    .usingElementComparator(BigDecimal::compareTo).containsExactly(BigDecimal.ONE, new BigDecimal(3), BigDecimal.ZERO);
            // editable: the chart's embedded workbook holds the same figures
            XSSFSheet sheet = rankChart.getWorkbook().getSheetAt(0);
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo(RankLevel.TOWNSHIP.label());
            assertThat(sheet.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(3.0);

            XDDFChartData.Series months = charts.get(y + "年各月开班期数").getChartSeries().get(0).getSeries(0);
            assertThat(categories(months)).hasSize(12).startsWith("1月").endsWith("12月");
            for (int m = 0; m < 12; m++) {
                assertThat(value(months, m)).as("month " + (m + 1))
                        .isEqualByComparingTo(decimal(JsonPath.read(report, "$.byMonth[" + m + "].classes")));
            }
            // worked by hand: the three classes start in March
            assertThat(value(months, 2)).isEqualByComparingTo("3");
            assertThat(value(months, 3)).isEqualByComparingTo("0");
        }
    }

    /** Without indicators the report has no indicator chart (nor an empty one): the rank and month charts stay. */
    @Test
    void aPlanWithoutIndicatorsHasNoIndicatorChart() throws Exception {
        long bare = fixture.as(countyAdmin, () -> plans.create(new TrainingPlans.PlanForm(county, "无指标规划", y - 1, y + 3, null, List.of())).id());
        MvcResult r = mvc.perform(get("/api/planning/plans/" + bare + "/report.docx").param("year", String.valueOf(y)).param("kind", "ANNUAL")
                .with(user(countyAdmin))).andExpect(status().isOk()).andReturn();
        try (XWPFDocument d = new XWPFDocument(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
            List<String> inBody = d.getParagraphs().stream().flatMap(p -> p.getRuns().stream())
                    .flatMap(run -> run.getCTR().getDrawingList().stream()).map(dr -> dr.getInlineArray(0).getDocPr().getDescr()).toList();
            assertThat(inBody).hasSize(2);
            assertThat(text(d)).contains("规划未设量化指标").doesNotContain("{{");
        }
    }

    private static String title(XWPFChart c) {
        return c.getCTChart().getTitle().getTx().getRich().getPArray(0).getRArray(0).getT();
    }

    private static String seriesName(XWPFChart c, int i) {
        return c.getCTChart().getPlotArea().getBarChartArray(0).getSerArray(i).getTx().getStrRef().getStrCache().getPtArray(0).getV();
    }

    private static List<String> categories(XDDFChartData.Series s) {
        return java.util.stream.IntStream.range(0, s.getCategoryData().getPointCount()).mapToObj(i -> String.valueOf(s.getCategoryData().getPointAt(i)))
                .toList();
    }

    private static BigDecimal value(XDDFChartData.Series s, int i) {
        Number n = s.getValuesData().getPointAt(i);
        return n == null ? null : new BigDecimal(n.toString());
    }

    private static BigDecimal decimal(Object json) {
        return new BigDecimal(json.toString());
    }

    @Test
    void thePlannersWordsAreKeptPerPlanAndYearAndLandInTheReport() throws Exception {
        String body = "{\"practices\": \"一是坚持统抓统管。\\n二是科学制定培训规划。\", \"nextSteps\": \"加强宣传，严格管理。\"}";
        mvc.perform(put("/api/planning/plans/" + planId + "/report/texts").param("year", String.valueOf(y)).with(user(countyAdmin))
                .with(RealCsrf.token()).contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk());
        try (XWPFDocument d = docx("MIDTERM")) {
            List<String> paragraphs = d.getParagraphs().stream().map(XWPFParagraph::getText).toList();
            assertThat(paragraphs).contains("一是坚持统抓统管。", "二是科学制定培训规划。", "加强宣传，严格管理。");
            assertThat(paragraphs.get(0)).contains("中期评估报告");
            assertThat(text(d)).contains((y - 1) + "年以来");
        }
        // a script is refused with its field, the stored words stay
        mvc.perform(put("/api/planning/plans/" + planId + "/report/texts").param("year", String.valueOf(y)).with(user(countyAdmin))
                        .with(RealCsrf.token()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"practices\": \"<script>alert(1)</script>\", \"nextSteps\": \"x\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.problems[0].field").value("practices"));
        mvc.perform(get("/api/planning/plans/" + planId + "/report/texts").param("year", String.valueOf(y)).with(user(countyAdmin)))
                .andExpect(jsonPath("$.nextSteps").value("加强宣传，严格管理。"));
    }

    /**
     * Low ratings and low attendance come from the classroom's records. Worked by hand: 评估班0's session 《政策解读》 (by
     * 低分讲师) rated 3.00 and 3.40 averages 3.2 &lt; 3.5; 评估班1's session rated 4.50 is not named. In 评估班0, a1 present and
     * c1 absent: 1 of 2 marks = 50.0 % &lt; 90 %; 评估班1, a1 present alone: 100 %, not named.
     */
    @Test
    void lowRatedSessionsAndLowAttendanceAreNamed() throws Exception {
        List<Long> classes = jdbc.sql("select id from training_class where jurisdiction_org_id = ? order by id").param(county)
                .query(Long.class).list();
        long instructor = jdbc.sql("insert into instructor (owner_org_id, name, kind) values (?, '低分讲师', 'INVITED') returning id")
                .param(county).query(Long.class).single();
        long low = session(classes.get(0), "政策解读", instructor);
        long fine = session(classes.get(1), "案例教学", null);
        evaluation(classes.get(0), low, instructor, "3.00");
        evaluation(classes.get(0), low, instructor, "3.40");
        evaluation(classes.get(1), fine, null, "4.50");
        attendance(low, enrollment(classes.get(0), a1), "PRESENT");
        attendance(low, enrollment(classes.get(0), c1), "ABSENT");
        attendance(fine, enrollment(classes.get(1), a1), "PRESENT");
        try (XWPFDocument d = docx("ANNUAL")) {
            String all = text(d);
            assertThat(all).contains("部分课程学员评价不高").contains("1门课程的学员评估平均分低于3.5分")
                    .contains("《政策解读》（评估班0，低分讲师）平均3.2分（2人评）").doesNotContain("案例教学");
            assertThat(all).contains("部分班次出勤率偏低").contains("1个班次学员出勤率低于90%").contains("评估班0出勤率50.0%")
                    .doesNotContain("评估班1出勤率");
        }
    }

    private long session(long classId, String topic, Long instructor) {
        return jdbc.sql("""
                insert into class_session (class_id, session_date, starts_at, ends_at, topic, instructor_id, hours)
                select id, starts_on, '09:00', '12:00', ?, ?, 3 from training_class where id = ? returning id""")
                .params(topic, instructor, classId).query(Long.class).single();
    }

    private void evaluation(long classId, long session, Long instructor, String average) {
        jdbc.sql("insert into evaluation (class_id, session_id, instructor_id, average) values (?, ?, ?, cast(? as numeric))")
                .params(classId, session, instructor, average).update();
    }

    private long enrollment(long classId, long cadre) {
        return jdbc.sql("insert into enrollment (class_id, cadre_id, status, source) values (?, ?, 'COMPLETED', 'NAMED') returning id")
                .params(classId, cadre).query(Long.class).single();
    }

    private void attendance(long session, long enrollment, String status) {
        jdbc.sql("insert into attendance (session_id, enrollment_id, status, method) values (?, ?, ?, 'ROLL_CALL')")
                .params(session, enrollment, status).update();
    }

    @Test
    void anotherCountyCannotReadOrWriteTheReport() throws Exception {
        mvc.perform(get("/api/planning/plans/" + planId + "/report").param("year", String.valueOf(y)).with(user(otherCounty)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/planning/plans/" + planId + "/report.docx").param("year", String.valueOf(y)).with(user(otherCounty)))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/planning/plans/" + planId + "/report/texts").param("year", String.valueOf(y)).with(user(otherCounty))
                .with(RealCsrf.token()).contentType(MediaType.APPLICATION_JSON).content("{\"practices\": \"x\"}"))
                .andExpect(status().isForbidden());
    }
}
