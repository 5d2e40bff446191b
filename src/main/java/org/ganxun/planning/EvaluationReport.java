package org.ganxun.planning;

import jakarta.validation.constraints.Size;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.deepoove.poi.XWPFTemplate;
import com.deepoove.poi.data.ChartMultiSeriesRenderData;
import com.deepoove.poi.data.Charts;
import com.deepoove.poi.data.RowRenderData;
import com.deepoove.poi.data.Rows;
import com.deepoove.poi.data.Tables;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.Units;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFChart;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.ganxun.planning.internal.budget.FeeCaps;
import org.ganxun.planning.internal.plan.IndicatorFigures;
import org.openxmlformats.schemas.drawingml.x2006.wordprocessingDrawing.CTInline;
import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.CadreSearch;
import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.classroom.Attendance;
import org.ganxun.classroom.TeachingEvaluations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The plan's annual or mid-term evaluation report (年度 / 中期评估报告), laid out like a county's mid-term evaluation of how
 * it carried out the 条例 and its five-year plan (seed 002): 一、基本情况 with its figures computed (classes, 人次 by rank,
 * the indicators' attainment, online training, spending), 二、主要做法 and 四、下步打算 in the planner's own words (kept per plan
 * and year), 三、存在问题 drawn from the data with a suggestion each, the indicator table and three charts (the indicators'
 * target and figure, 人次 by rank, classes starting in each month). Rendered with poi-tl into ordinary Word text and native
 * Word charts (their figures in an embedded workbook), editable after download.
 *
 * <p>The indicator figures are {@link IndicatorFigures#dashboard}'s own objects, and the spending {@link PlanBudgets}'s, so a
 * figure in the report (table, text or chart) is the figure on its dashboard by construction (EvaluationReportTest reads the
 * .docx back, charts included, to check).
 * The period: an annual report counts the year; a mid-term one the plan's first year to the year asked.
 */
@Service
public class EvaluationReport {

    static final int MAX_TEXT = 20000;
    /** A person with this many courses in one year counts as "trained again and again". */
    static final int REPEAT_COURSES = 3;
    /** A class whose trainees were present (出勤 or 迟到) at fewer than this share of their sessions' marks. */
    static final BigDecimal LOW_ATTENDANCE = new BigDecimal("90");
    private static final String[] ORDINALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    private final TrainingPlans plans;
    private final IndicatorFigures indicators;
    private final PlanBudgets budgets;
    private final CadreSearch search;
    private final NamedParameterJdbcTemplate jdbc;
    private final DataScopes scopes;
    private final AuditLog audit;
    private final Clock clock;
    private final TeachingEvaluations evaluations;
    private final Attendance attendance;

    EvaluationReport(TrainingPlans plans, IndicatorFigures indicators, PlanBudgets budgets, CadreSearch search,
                     NamedParameterJdbcTemplate jdbc, DataScopes scopes, AuditLog audit, Clock clock,
                     TeachingEvaluations evaluations, Attendance attendance) {
        this.evaluations = evaluations;
        this.attendance = attendance;
        this.clock = clock;
        this.plans = plans;
        this.indicators = indicators;
        this.budgets = budgets;
        this.search = search;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.audit = audit;
    }

    public enum Kind {
        ANNUAL("年度评估报告"), MIDTERM("中期评估报告");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Texts(@Size(max = MAX_TEXT, message = "主要做法最多{max}个字") String practices,
                        @Size(max = MAX_TEXT, message = "下步打算最多{max}个字") String nextSteps,
                        @Size(max = 50, message = "修改人最多{max}个字") String updatedBy) {
    }

    public record RankCount(String rankLevel, String label, long population, long personTimes, long persons) {
    }

    /** The classes starting in a month of the year (over the period: the month of every year counted). */
    public record MonthCount(int month, String label, long classes) {
    }

    public record Problem(String code, String title, String finding, String suggestion, List<String> details) {
    }

    public record Report(long planId, String planTitle, String jurisdictionName, Kind kind, String kindLabel, int year, int fromYear,
                         int toYear, String scopeName, String title, long population, long classes, long personTimes,
                         List<RankCount> byRank, long onlinePeople, BigDecimal onlineHours, BigDecimal onlineHoursPerHead,
                         BigDecimal budget, BigDecimal spent, BigDecimal perCapita, int expenseWarnings,
                         List<IndicatorFigures.Figure> indicators, long green, long amber, long red, List<MonthCount> byMonth,
                         List<Problem> problems, String practices, String nextSteps) {
    }

    // ------------------------------------------------------------------ the planner's words

    @Transactional(readOnly = true)
    public Texts texts(long planId, int year) {
        TrainingPlans.PlanView plan = plans.get(planId);
        checkYear(plan, year);
        return jdbc.query("select practices, next_steps, updated_by from plan_report_text where plan_id = :p and year = :y",
                Map.of("p", planId, "y", year), (rs, i) -> new Texts(rs.getString(1), rs.getString(2), rs.getString(3)))
                .stream().findFirst().orElse(new Texts(null, null, null));
    }

    @Transactional
    public Texts saveTexts(long planId, int year, Texts t) {
        TrainingPlans.PlanView plan = plans.get(planId);
        checkYear(plan, year);
        if (!scopes.current().coversOrgPath(plan.jurisdictionPath())) {
            throw new BusinessException(403, "只能由规划所属单位的组织部门撰写评估报告", List.of());
        }
        List<FieldProblem> problems = new ArrayList<>();
        String practices = text(problems, "practices", "主要做法", t.practices());
        String next = text(problems, "nextSteps", "下步打算", t.nextSteps());
        Bounds.check(problems);
        Texts before = texts(planId, year);
        jdbc.update("""
                insert into plan_report_text (plan_id, year, practices, next_steps, updated_by) values (:p, :y, :a, :b, :u)
                on conflict (plan_id, year) do update set practices = excluded.practices, next_steps = excluded.next_steps,
                  updated_by = excluded.updated_by, updated_at = now()""",
                Map.of("p", planId, "y", year, "a", practices == null ? "" : practices, "b", next == null ? "" : next,
                        "u", CurrentUsers.require().username()));
        Texts after = texts(planId, year);
        audit.record(before.updatedBy() == null ? "CREATE" : "UPDATE", "PlanReportText", planId,
                "评估报告文字：" + plan.title() + "（" + year + "年）", before, after);
        return after;
    }

    private static String text(List<FieldProblem> problems, String field, String label, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().replace("\r\n", "\n");
        if (!v.equals(org.ganxun.platform.web.RichText.text(v))) {
            problems.add(new FieldProblem(field, label + "不能包含网页标记或脚本，请只填写文字"));
            return null;
        }
        if (v.length() > MAX_TEXT) {
            problems.add(new FieldProblem(field, label + "最多" + MAX_TEXT + "个字（现有" + v.length() + "个字）"));
            return null;
        }
        return v;
    }

    private void checkYear(TrainingPlans.PlanView plan, int year) {
        if (year < plan.startYear() || year > plan.endYear() || year > Year.now(clock).getValue()) {
            throw new BusinessException("年度应在规划期" + plan.startYear() + "年至" + Math.min(plan.endYear(), Year.now(clock).getValue()) + "年之内");
        }
    }

    // ------------------------------------------------------------------ the figures

    @Transactional(readOnly = true)
    public Report report(long planId, int year, Kind kind) {
        TrainingPlans.PlanView plan = plans.get(planId);
        checkYear(plan, year);
        Kind k = kind == null ? Kind.ANNUAL : kind;
        int from = k == Kind.MIDTERM ? plan.startYear() : year;
        IndicatorFigures.Dashboard dash = indicators.dashboard(planId, year, null);
        PlanBudgets.Budget budget = budgets.between(plan, k == Kind.ANNUAL ? year : null, from, year);
        DataScope scope = scopes.current();
        Long orgId = scope.coversOrgPath(plan.jurisdictionPath()) ? plan.jurisdictionOrgId() : null;
        CadreSearch.Where where = search.where(new CadreQuery(null, null, orgId, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
        Map<String, Object> params = new HashMap<>(where.params());
        params.put("from", LocalDate.of(from, 1, 1));
        params.put("to", LocalDate.of(year, 12, 31));
        params.put("untrainedFrom", LocalDate.of(year - 2, 1, 1));
        String people = """
                with people as (
                  select c.id, c.rank_level from cadre_card c join org_unit o on o.id = c.org_id
                    left join party_unit p on p.id = c.party_org_id
                  %s
                )""".formatted(where.sql());
        String course = "a.source in " + IndicatorFigures.COURSES;
        params.put("repeat", REPEAT_COURSES);
        params.put("earliest", LocalDate.of(Math.min(from, year - 2), 1, 1));
        // one pass over the people's entries (by person) gives every figure by rank: courses
        // and people trained in the period, online learning, nobody trained in the last three years, the same people
        // trained again and again in one year
        List<RankCount> byRank = new ArrayList<>();
        long population = 0, personTimes = 0, onlinePeople = 0, untrained = 0, repeated = 0, most = 0;
        BigDecimal onlineHours = BigDecimal.ZERO;
        Map<String, long[]> ranks = new HashMap<>();
        Map<String, BigDecimal> onlineByRank = new HashMap<>();
        // the most courses of a person in one year of the period: one count per year (a five-year plan has five)
        StringBuilder perYear = new StringBuilder();
        for (int yr = from; yr <= year; yr++) {
            params.put("y" + yr + "from", LocalDate.of(yr, 1, 1));
            params.put("y" + yr + "to", LocalDate.of(yr, 12, 31));
            perYear.append(perYear.isEmpty() ? "" : ", ").append("count(*) filter (where %1$s and a.credited_on between :y" + yr + "from and :y" + yr + "to)");
        }
        String sql = people + """
                , per_person as (
                  select a.cadre_id,
                         count(*) filter (where %1$s and a.credited_on >= :from) as courses,
                         count(*) filter (where %1$s and a.credited_on >= :untrainedFrom) as recent,
                         count(*) filter (where a.delivery = 'ONLINE' and a.credited_on >= :from) as online,
                         sum(a.hours) filter (where a.delivery = 'ONLINE' and a.credited_on >= :from) as online_hours,
                         greatest(%2$s) as most
                    from people pe join approved_credit a on a.cadre_id = pe.id
                   where a.credited_on between :earliest and :to and (%1$s or a.delivery = 'ONLINE')
                   group by a.cadre_id
                )
                select pe.rank_level, count(*) as population, coalesce(sum(pp.courses), 0) as n,
                       count(*) filter (where pp.courses > 0) as persons,
                       count(*) filter (where pp.online > 0) as online_persons,
                       coalesce(sum(pp.online_hours), 0) as online_hours,
                       count(*) filter (where coalesce(pp.recent, 0) = 0) as untrained,
                       count(*) filter (where pp.most >= :repeat) as repeated,
                       coalesce(max(pp.most) filter (where pp.most >= :repeat), 0) as most
                  from people pe left join per_person pp on pp.cadre_id = pe.id
                 group by pe.rank_level""".formatted(course, perYear.toString().formatted(course));
        IndicatorFigures.inIndexOrder(jdbc, () -> {
            jdbc.query(sql, params, rs -> {
                ranks.put(rs.getString("rank_level"), new long[]{rs.getLong("population"), rs.getLong("n"), rs.getLong("persons"),
                        rs.getLong("online_persons"), rs.getLong("untrained"), rs.getLong("repeated"), rs.getLong("most")});
                onlineByRank.put(rs.getString("rank_level"), rs.getBigDecimal("online_hours"));
            });
            return null;
        });
        for (RankLevel l : RankLevel.values()) {
            long[] v = ranks.get(l.name());
            if (v != null) {
                byRank.add(new RankCount(l.name(), l.label(), v[0], v[1], v[2]));
            }
        }
        long[] none = ranks.get(null);
        if (none != null) {
            byRank.add(new RankCount(null, "未定级", none[0], none[1], none[2]));
        }
        for (RankCount r : byRank) {
            population += r.population();
            personTimes += r.personTimes();
        }
        for (long[] v : ranks.values()) {
            onlinePeople += v[3];
            untrained += v[4];
            repeated += v[5];
            most = Math.max(most, v[6]);
        }
        for (BigDecimal h : onlineByRank.values()) {
            onlineHours = onlineHours.add(h);
        }
        int years = year - from + 1;
        BigDecimal perHead = population == 0 ? null
                : onlineHours.divide(BigDecimal.valueOf(population * years), 1, RoundingMode.HALF_UP);

        List<Problem> problems = new ArrayList<>();
        untrained(untrained, population, year, problems);
        repeated(repeated, most, problems);
        List<Long> classIds = budgets.classIds(plan.jurisdictionPath(), from, year);
        List<MonthCount> byMonth = months(classIds);
        crowded(byMonth, classIds.size(), problems);
        lowRated(classIds, problems);
        lowAttendance(classIds, problems);

        Texts t = jdbc.query("select practices, next_steps, updated_by from plan_report_text where plan_id = :p and year = :y",
                Map.of("p", planId, "y", year), (rs, i) -> new Texts(rs.getString(1), rs.getString(2), rs.getString(3)))
                .stream().findFirst().orElse(new Texts(null, null, null));
        long green = dash.figures().stream().filter(f -> f.light() == IndicatorFigures.Light.GREEN).count();
        long amber = dash.figures().stream().filter(f -> f.light() == IndicatorFigures.Light.AMBER).count();
        long red = dash.figures().stream().filter(f -> f.light() == IndicatorFigures.Light.RED).count();
        String title = year + "年" + plan.jurisdictionName() + "贯彻落实《干部教育培训工作条例》及《" + plan.title() + "》" + k.label();
        return new Report(plan.id(), plan.title(), plan.jurisdictionName(), k, k.label(), year, from, year, dash.scopeName(), title,
                population, budget.classes(), personTimes, byRank, onlinePeople, onlineHours, perHead, budget.budget(), budget.spent(),
                budget.perCapita(), budget.warningCount(), dash.figures(), green, amber, red, byMonth, problems, t.practices(), t.nextSteps());
    }

    private static void untrained(long n, long population, int year, List<Problem> out) {
        if (n > 0) {
            out.add(new Problem("UNTRAINED", "部分干部长期未参加培训", (year - 2) + "年至" + year + "年，" + n + "名在职干部没有参加过培训班或认定的外出培训，占"
                    + pct(n, population) + "%。", "建议将近三年未参训的干部列入下一年度调训名单，实行点名调训，确保规划期内培训全覆盖。", List.of()));
        }
    }

    private static void repeated(long persons, long most, List<Problem> out) {
        if (persons > 0) {
            out.add(new Problem("REPEATED", "同一批干部重复参训", persons + "名干部在同一年度内参加培训班或外出培训" + REPEAT_COURSES + "次及以上，最多的一年"
                    + most + "次。", "建议统筹调训名额，建立参训情况比对，避免同一批干部重复调训、其他干部长期不训。", List.of()));
        }
    }

    /** The twelve months with the classes (of {@code classIds}) starting in each. */
    private List<MonthCount> months(List<Long> classIds) {
        long[] n = new long[13];
        if (!classIds.isEmpty()) {
            jdbc.query(Unscoped.countsOnly() + """
                    select extract(month from starts_on)::int as m, count(*) from class_card where id in (:ids) group by m""",
                    Map.of("ids", classIds), rs -> {
                        n[rs.getInt(1)] = rs.getLong(2);
                    });
        }
        List<MonthCount> out = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            out.add(new MonthCount(m, m + "月", n[m]));
        }
        return out;
    }

    private static void crowded(List<MonthCount> months, long total, List<Problem> out) {
        // crowded: at least 3 classes starting in the month and at least twice the monthly average
        List<String> crowded = new ArrayList<>();
        for (MonthCount m : months) {
            if (m.classes() >= 3 && m.classes() * 12 >= 2 * total) {
                crowded.add(m.label() + m.classes() + "期（占" + pct(m.classes(), total) + "%）");
            }
        }
        if (!crowded.isEmpty()) {
            out.add(new Problem("CROWDED", "培训时间安排过于集中", "共" + total + "期培训班中，" + String.join("、", crowded) + "集中开班，工学矛盾突出。",
                    "建议用培训日历统筹全年班次，错开两会、春耕、防汛和年终等时段，均衡安排开班时间。", crowded));
        }
    }

    private void lowRated(List<Long> classIds, List<Problem> out) {
        List<String> low = evaluations.lowRatedSessions(classIds, 10).stream()
                .map(r -> "《" + r.topic() + "》（" + r.className() + (r.instructor() == null ? "" : "，" + r.instructor())
                        + "）平均" + r.average().stripTrailingZeros().toPlainString() + "分（" + r.ratings() + "人评）")
                .toList();
        if (!low.isEmpty()) {
            out.add(new Problem("LOW_RATED", "部分课程学员评价不高", low.size() + "门课程的学员评估平均分低于" + TeachingEvaluations.LOW_SCORE.toPlainString()
                    + "分（满分5分）：" + String.join("；", low) + "。", "建议对评价偏低的课程调整内容或更换师资，把学员评估结果作为选聘教师的依据。", low));
        }
    }

    private void lowAttendance(List<Long> classIds, List<Problem> out) {
        List<String> low = attendance.lowAttendance(classIds, LOW_ATTENDANCE, 10).stream()
                .map(r -> r.className() + "出勤率" + pct(r.present(), r.marks()) + "%")
                .toList();
        if (!low.isEmpty()) {
            out.add(new Problem("LOW_ATTENDANCE", "部分班次出勤率偏低", low.size() + "个班次学员出勤率低于" + LOW_ATTENDANCE.toPlainString() + "%："
                    + String.join("；", low) + "。", "建议严格学员请假审批和考勤通报制度，缺课超过总课时十分之一的不予结业。", low));
        }
    }

    static String pct(long n, long of) {
        return of == 0 ? "—" : BigDecimal.valueOf(n * 100L).divide(BigDecimal.valueOf(of), 1, RoundingMode.HALF_UP).toPlainString();
    }

    /** A figure as the dashboard shows it: the value with one decimal, "—" over nobody. */
    static String figure(BigDecimal v) {
        return v == null ? "—" : v.toPlainString();
    }

    // ------------------------------------------------------------------ the document

    public record Document(String fileName, byte[] content) {
    }

    @Transactional
    public Document render(long planId, int year, Kind kind) {
        Report r = report(planId, year, kind);
        byte[] content;
        try (XWPFTemplate t = XWPFTemplate.compile(new java.io.ByteArrayInputStream(template())).render(data(r))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.write(out);
            content = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.recordExport("PlanReport", planId, r.title(), AuditLog.filter("planId", planId, "year", year, "kind", r.kind()),
                r.indicators().size());
        return new Document(r.title() + ".docx", content);
    }

    Map<String, Object> data(Report r) {
        Map<String, Object> d = new HashMap<>();
        d.put("title", r.title());
        d.put("intro", "根据开展《干部教育培训工作条例》实施情况评估和《" + r.planTitle() + "》实施情况" + (r.kind() == Kind.MIDTERM ? "中期" : "年度")
                + "评估工作的要求，结合干部教育培训工作实际，现围绕“基本情况、主要做法、存在问题、下步打算”等方面，将有关自查评估情况报告如下：");
        String since = r.fromYear() == r.toYear() ? r.toYear() + "年" : r.fromYear() + "年以来";
        StringBuilder basic = new StringBuilder(since + "，" + r.scopeName() + "现有在职干部" + r.population() + "人");
        List<String> ranks = r.byRank().stream().map(x -> x.label() + x.population() + "人").toList();
        if (!ranks.isEmpty()) {
            basic.append("，其中").append(String.join("、", ranks));
        }
        basic.append("。截至").append(r.toYear()).append("年底，共举办各类培训班").append(r.classes()).append("期次，培训干部").append(r.personTimes()).append("人次");
        List<String> times = r.byRank().stream().filter(x -> x.personTimes() > 0).map(x -> x.label() + "干部" + x.personTimes() + "人次").toList();
        if (!times.isEmpty()) {
            basic.append("，其中：").append(String.join("、", times));
        }
        basic.append("。网络培训").append(r.onlinePeople()).append("人参加，人均每年").append(figure(r.onlineHoursPerHead())).append("学时。");
        d.put("basic", basic.toString());
        d.put("indicatorSummary", r.indicators().isEmpty() ? "规划未设量化指标。"
                : "《规划》" + r.indicators().size() + "项量化指标中，" + r.toYear() + "年达标" + r.green() + "项、接近目标" + r.amber() + "项、未达目标" + r.red()
                  + "项，详见下表（口径见表中说明）。");
        List<RowRenderData> rows = new ArrayList<>();
        rows.add(Rows.of("量化指标", "统计口径", "目标", "完成", "情况").textBold().center().bgColor("D9E2F3").create());
        for (IndicatorFigures.Figure f : r.indicators()) {
            rows.add(Rows.of(f.name(), f.definition(), f.target() == null ? "—" : f.target().stripTrailingZeros().toPlainString() + f.unit(),
                    figure(f.value()) + (f.value() == null ? "" : f.unit()), f.lightLabel()).create());
        }
        d.put("indicatorTable", Tables.create(rows.toArray(new RowRenderData[0])));
        List<RowRenderData> rankRows = new ArrayList<>();
        rankRows.add(Rows.of("职级", "在职干部（人）", "参训人次", "参训人数").textBold().center().bgColor("D9E2F3").create());
        for (RankCount x : r.byRank()) {
            rankRows.add(Rows.of(x.label(), String.valueOf(x.population()), String.valueOf(x.personTimes()), String.valueOf(x.persons())).center().create());
        }
        rankRows.add(Rows.of("合计", String.valueOf(r.population()), String.valueOf(r.personTimes()),
                String.valueOf(r.byRank().stream().mapToLong(RankCount::persons).sum())).textBold().center().create());
        d.put("rankTable", Tables.create(rankRows.toArray(new RowRenderData[0])));
        // the charts: native Word charts (editable, their data in an embedded workbook), the figures of the tables above
        d.put("indicatorCharts", !r.indicators().isEmpty());
        d.put("indicatorChart", r.indicators().isEmpty() ? null : indicatorChart(r));
        d.put("rankCharts", !r.byRank().isEmpty());
        d.put("rankChart", r.byRank().isEmpty() ? null : rankChart(r));
        d.put("monthChart", monthChart(r));
        d.put("spending", "培训经费：纳入统计的" + r.classes() + "期培训班预算" + FeeCaps.plain(r.budget()) + "元，实际支出" + FeeCaps.plain(r.spent()) + "元，人均"
                + (r.perCapita() == null ? "—" : FeeCaps.plain(r.perCapita())) + "元"
                + (r.expenseWarnings() == 0 ? "，未发现超出培训费开支标准的支出。" : "；对照培训费开支标准，有" + r.expenseWarnings() + "项超标提示，需核实整改。"));
        d.put("practices", paragraphs(r.practices(), "（请在平台“评估报告”页填写主要做法。）"));
        List<Map<String, Object>> problems = new ArrayList<>();
        for (int i = 0; i < r.problems().size(); i++) {
            Problem p = r.problems().get(i);
            problems.add(Map.of("heading", ORDINALS[Math.min(i, ORDINALS.length - 1)] + "是" + p.title() + "。", "text", p.finding() + p.suggestion()));
        }
        if (problems.isEmpty()) {
            problems.add(Map.of("heading", "", "text", "从平台数据看，未发现长期未训、重复参训、时间过于集中、课程评价偏低或出勤率偏低等问题。"));
        }
        d.put("problems", problems);
        d.put("nextSteps", paragraphs(r.nextSteps(), "（请在平台“评估报告”页填写下步打算。）"));
        d.put("organiser", r.jurisdictionName());
        d.put("date", LocalDate.now(clock).format(DateTimeFormatter.ofPattern("yyyy年M月d日")));
        return d;
    }

    static final String INDICATOR_CHART = "量化指标目标与完成情况";
    static final String RANK_CHART = "各职级干部参训人次";
    static final String MONTH_CHART = "各月开班期数";

    private static String period(Report r) {
        return r.fromYear() == r.toYear() ? r.toYear() + "年" : r.fromYear() + "—" + r.toYear() + "年";
    }

    /** Per indicator (its name and unit), the year's target and the figure reached; a bar left out where there is none. */
    static ChartMultiSeriesRenderData indicatorChart(Report r) {
        List<IndicatorFigures.Figure> fs = r.indicators();
        String[] names = fs.stream().map(f -> f.name() + "（" + f.unit() + "）").toArray(String[]::new);
        Number[] target = fs.stream().map(f -> number(f.target())).toArray(Number[]::new);
        Number[] value = fs.stream().map(f -> number(f.value())).toArray(Number[]::new);
        return Charts.ofBar(r.toYear() + "年" + INDICATOR_CHART, names).addSeries("目标", target).addSeries("完成", value).create();
    }

    static ChartMultiSeriesRenderData rankChart(Report r) {
        String[] labels = r.byRank().stream().map(RankCount::label).toArray(String[]::new);
        Number[] times = r.byRank().stream().map(x -> (Number) x.personTimes()).toArray(Number[]::new);
        return Charts.ofBar(period(r) + RANK_CHART, labels).addSeries("参训人次", times).create();
    }

    static ChartMultiSeriesRenderData monthChart(Report r) {
        String[] labels = r.byMonth().stream().map(MonthCount::label).toArray(String[]::new);
        Number[] n = r.byMonth().stream().map(m -> (Number) m.classes()).toArray(Number[]::new);
        return Charts.ofBar(period(r) + MONTH_CHART, labels).addSeries("开班期数", n).create();
    }

    private static Number number(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }

    private static List<Map<String, Object>> paragraphs(String text, String placeholder) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            out.add(Map.of("text", placeholder));
            return out;
        }
        for (String p : text.split("\n")) {
            if (!p.isBlank()) {
                out.add(Map.of("text", p.strip()));
            }
        }
        return out;
    }

    private static byte[] cached;

    /** The poi-tl template, written in code (as the survey report's) so that tags and layout live beside the data. */
    static synchronized byte[] template() {
        if (cached != null) {
            return cached;
        }
        try (XWPFDocument doc = new XWPFDocument()) {
            para(doc, "{{title}}", 18, true, ParagraphAlignment.CENTER);
            para(doc, "{{intro}}", 12, false, null);
            para(doc, "一、基本情况", 14, true, null);
            para(doc, "{{basic}}", 12, false, null);
            para(doc, "{{indicatorSummary}}", 12, false, null);
            para(doc, "{{#indicatorTable}}", 10, false, null);
            para(doc, "{{?indicatorCharts}}", 12, false, null);
            chart(doc, "indicatorChart", INDICATOR_CHART, "量化指标", BarDirection.BAR, new String[]{"目标", "完成"}, 9);
            para(doc, "{{/indicatorCharts}}", 12, false, null);
            para(doc, "各职级干部参训情况：", 12, false, null);
            para(doc, "{{#rankTable}}", 10, false, null);
            para(doc, "{{?rankCharts}}", 12, false, null);
            chart(doc, "rankChart", RANK_CHART, "职级", BarDirection.COL, new String[]{"参训人次"}, 7);
            para(doc, "{{/rankCharts}}", 12, false, null);
            para(doc, "各月开班情况：", 12, false, null);
            chart(doc, "monthChart", MONTH_CHART, "月份", BarDirection.COL, new String[]{"开班期数"}, 7);
            para(doc, "{{spending}}", 12, false, null);
            para(doc, "二、主要做法", 14, true, null);
            para(doc, "{{?practices}}", 12, false, null);
            para(doc, "{{text}}", 12, false, null);
            para(doc, "{{/practices}}", 12, false, null);
            para(doc, "三、存在的主要问题", 14, true, null);
            para(doc, "{{?problems}}", 12, false, null);
            para(doc, "{{heading}}{{text}}", 12, false, null);
            para(doc, "{{/problems}}", 12, false, null);
            para(doc, "四、下步打算", 14, true, null);
            para(doc, "{{?nextSteps}}", 12, false, null);
            para(doc, "{{text}}", 12, false, null);
            para(doc, "{{/nextSteps}}", 12, false, null);
            para(doc, "{{organiser}}", 12, false, ParagraphAlignment.RIGHT);
            para(doc, "{{date}}", 12, false, ParagraphAlignment.RIGHT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            cached = out.toByteArray();
            return cached;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A native bar chart (an embedded workbook holds its data, so it stays editable in Word) that poi-tl fills: the tag
     * {@code {{name}}} is the drawing's alternative text; the template's placeholder series are replaced by the data's.
     */
    private static void chart(XWPFDocument doc, String tag, String title, String categoryHeader, BarDirection direction, String[] series,
                              int heightCm)
            throws IOException {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        XWPFRun run = p.createRun();
        XWPFChart chart;
        try {
            chart = doc.createChart(run, 15 * Units.EMU_PER_CENTIMETER, heightCm * Units.EMU_PER_CENTIMETER);
        } catch (InvalidFormatException e) {
            throw new IOException(e);
        }
        CTInline inline = run.getCTR().getDrawingArray(0).getInlineArray(0);
        inline.getDocPr().setDescr("{{" + tag + "}}");
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryAxis categories = chart.createCategoryAxis(direction == BarDirection.BAR ? AxisPosition.LEFT : AxisPosition.BOTTOM);
        XDDFValueAxis values = chart.createValueAxis(direction == BarDirection.BAR ? AxisPosition.BOTTOM : AxisPosition.LEFT);
        values.setCrosses(AxisCrosses.AUTO_ZERO);
        values.setCrossBetween(AxisCrossBetween.BETWEEN);
        if (direction == BarDirection.BAR) {
            // the first category on top, as in the table above
            categories.setOrientation(AxisOrientation.MAX_MIN);
        }
        XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, categories, values);
        bars.setBarDirection(direction);
        bars.setVaryColors(false);
        XDDFDataSource<String> cats = XDDFDataSourcesFactory.fromArray(new String[]{"—"},
                chart.formatRange(new CellRangeAddress(1, 1, 0, 0)), 0);
        for (int i = 0; i < series.length; i++) {
            XDDFNumericalDataSource<Double> v = XDDFDataSourcesFactory.fromArray(new Double[]{0d},
                    chart.formatRange(new CellRangeAddress(1, 1, i + 1, i + 1)), i + 1);
            XDDFChartData.Series s = bars.addSeries(cats, v);
            s.setTitle(series[i], chart.setSheetTitle(series[i], i + 1));
        }
        chart.plot(bars);
        // the workbook's header row names the category column too (poi-tl names the workbook's table columns from it)
        XSSFSheet sheet;
        try {
            sheet = chart.getWorkbook().getSheetAt(0);
        } catch (InvalidFormatException e) {
            throw new IOException(e);
        }
        XSSFRow header = sheet.getRow(0) == null ? sheet.createRow(0) : sheet.getRow(0);
        (header.getCell(0) == null ? header.createCell(0) : header.getCell(0)).setCellValue(categoryHeader);
        // the values written on the bars
        var labels = chart.getCTChart().getPlotArea().getBarChartArray(0).addNewDLbls();
        labels.addNewShowVal().setVal(true);
        labels.addNewShowLegendKey().setVal(false);
        labels.addNewShowCatName().setVal(false);
        labels.addNewShowSerName().setVal(false);
        labels.addNewShowPercent().setVal(false);
        labels.addNewShowBubbleSize().setVal(false);
    }

    private static void para(XWPFDocument doc, String text, int size, boolean bold, ParagraphAlignment align) {
        org.ganxun.platform.word.WordParagraphs.add(doc, text, size, bold, align, "仿宋");
    }
}
