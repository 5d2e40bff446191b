package org.ganxun.demo;

import static org.ganxun.platform.security.RunAs.as;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.planning.ClassExpenses;
import org.ganxun.planning.DraftScheduling;
import org.ganxun.planning.PlanBudgets;
import org.ganxun.planning.SchedulingSettings;
import org.ganxun.planning.EvaluationReport;
import org.ganxun.planning.ExpenseCategory;
import org.ganxun.planning.IndicatorKind;
import org.ganxun.planning.LecturerTitle;
import org.ganxun.planning.TrainingPlans;
import org.ganxun.planning.TrainingPlans.IndicatorForm;
import org.ganxun.planning.TrainingPlans.Target;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.training.ClassType;
import org.ganxun.training.Instructors;
import org.ganxun.training.TrainingClasses;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo county's five-year plan (盐亭县2023—2027年干部教育培训规划 when first started in 2026: its years follow the year of
 * the first start, see {@link #firstYear}; modelled on seed 002's 量化指标) with seven indicators and a target for each year,
 * and next year's draft classes, filed by the party school, for the scheduler to place.
 */
@Component
class DemoPlanning {

    private final TrainingPlans plans;
    private final TrainingClasses classes;
    private final UserDetailsService users;
    private final Instructors instructors;

    private final ClassExpenses expenses;
    private final EvaluationReport report;
    private final SchedulingSettings settings;
    private final PlanBudgets budgets;
    private final Clock clock;

    DemoPlanning(TrainingPlans plans, TrainingClasses classes, UserDetailsService users, Instructors instructors, ClassExpenses expenses,
                 EvaluationReport report, SchedulingSettings settings, PlanBudgets budgets, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.budgets = budgets;
        this.expenses = expenses;
        this.report = report;
        this.plans = plans;
        this.classes = classes;
        this.users = users;
        this.instructors = instructors;
    }

    record Loaded(long planId, String planTitle, int indicators, int draftClasses, int draftYear) {
    }

    Loaded load(long countyId, long providerId) {
        CurrentUser zzb = account("zzb");
        CurrentUser dangxiao = account("dangxiao");
        List<IndicatorForm> indicators = List.of(
                ind("县处级领导干部5年内脱产培训全覆盖", IndicatorKind.COVERAGE, List.of(RankLevel.COUNTY), List.of(), true, null, null, null,
                        true, "ALL", null, null, "LEADER_CYCLE", new int[]{20, 40, 60, 80, 100}),
                ind("乡科级领导干部每年12天或90学时达标率", IndicatorKind.ATTAINMENT, List.of(RankLevel.TOWNSHIP), List.of(), true, null, null, null,
                        false, "NOT_ONLINE", "90", "12", "TOWNSHIP_YEARLY", new int[]{80, 85, 90, 95, 95}),
                ind("网络培训人均学时", IndicatorKind.HOURS_PER_HEAD, List.of(), List.of(), null, null, null, null, false, "ONLINE", null, null,
                        "ONLINE_YEARLY", new int[]{40, 45, 50, 50, 50}),
                ind("年轻干部3年轮训覆盖率", IndicatorKind.COVERAGE, List.of(), List.of(), null, null, 35, 3, false, "ALL", null, null, null,
                        new int[]{30, 50, 70, 90, 100}),
                ind("村(社区)干部2年轮训覆盖率", IndicatorKind.COVERAGE, List.of(), List.of(StaffCategory.VILLAGE_CADRE), null, null, null, 2, false,
                        "ALL", null, null, null, new int[]{50, 60, 80, 100, 100}),
                ind("党员每年32学时达标率", IndicatorKind.ATTAINMENT, List.of(), List.of(), null, true, null, null, false, "ALL", "32", null,
                        "PARTY_YEARLY", new int[]{85, 90, 95, 95, 95}),
                ind("近3年未参加培训的干部占比", IndicatorKind.UNTRAINED_SHARE, List.of(), List.of(), null, null, null, null, false, "ALL", null, null,
                        null, new int[]{40, 30, 20, 10, 5}));
        int first = firstYear();
        TrainingPlans.PlanView plan = as(zzb, () -> plans.create(new TrainingPlans.PlanForm(countyId,
                "盐亭县" + first + "—" + (first + 4) + "年干部教育培训规划", first, first + 4,
                "依据《全国干部教育培训规划（2023—2027年）》制定；量化指标按年度分解。", indicators)));

        int year = LocalDate.now(clock).getYear() + 1;
        Long zhang = instructor(dangxiao, "张明远");
        Long li = instructor(dangxiao, "李晓梅");
        Long wang = instructor(dangxiao, "王志刚");
        Long chen = instructor(dangxiao, "陈丽");
        Object[][] drafts = {
                {"乡镇领导干部学习贯彻党的创新理论轮训班", ClassType.ROTATION, 5, List.of(RankLevel.TOWNSHIP), List.of(), zhang, "县委党校报告厅", 60},
                {"乡镇领导干部乡村振兴专题培训班", ClassType.THEMATIC, 4, List.of(RankLevel.TOWNSHIP), List.of(), chen, "县委党校第二教室", 40},
                {"村(社区)党组织书记培训班", ClassType.ROTATION, 3, List.of(), List.of(StaffCategory.VILLAGE_CADRE), li, "县委党校报告厅", 80},
                {"年轻干部理想信念教育培训班", ClassType.THEMATIC, 5, List.of(RankLevel.STAFF), List.of(), zhang, "县委党校第二教室", 45},
                {"依法行政与矛盾纠纷化解专题班", ClassType.THEMATIC, 2, List.of(RankLevel.STAFF), List.of(), wang, "县委党校第二教室", 50},
                {"新录用公务员初任培训班", ClassType.INITIAL, 10, List.of(RankLevel.STAFF), List.of(StaffCategory.CIVIL_SERVANT), li, "县委党校报告厅", 40},
                {"应急管理与防汛减灾专题班", ClassType.THEMATIC, 2, List.of(RankLevel.TOWNSHIP), List.of(), li, "县委党校第二教室", 40},
                {"县直部门中层干部能力提升班", ClassType.THEMATIC, 3, List.of(RankLevel.STAFF), List.of(StaffCategory.PUBLIC_INSTITUTION), wang, "县委党校报告厅", 50}};
        // all drafted into the same first week of March: the scheduler has to spread them (and avoid 两会)
        LocalDate start = LocalDate.of(year, 3, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        int n = 0;
        for (Object[] d : drafts) {
            int days = (Integer) d[2];
            List<TrainingClasses.SessionForm> sessions = new ArrayList<>();
            for (int i = 0; i < days; i++) {
                sessions.add(new TrainingClasses.SessionForm(null, start.plusDays(i), LocalTime.of(9, 0), LocalTime.of(12, 0),
                        "第" + (i + 1) + "天专题", (Long) d[5], null, new BigDecimal("3")));
            }
            @SuppressWarnings("unchecked")
            List<RankLevel> levels = (List<RankLevel>) d[3];
            @SuppressWarnings("unchecked")
            List<StaffCategory> cats = (List<StaffCategory>) d[4];
            as(dangxiao, () -> classes.create(new TrainingClasses.ClassForm(null, null, providerId, year + "年" + d[0], (ClassType) d[1],
                    start, start.plusDays(days - 1L), (String) d[6], levels, cats, (Integer) d[7], true, List.of(), null,
                    "待排期的草稿班次", sessions, null)));
            n++;
        }
        // the county's scheduling settings (排期设置): the default seasons plus the township's 秋收, 8 % of a unit away in one
        // week, and two instructors' preferred start days
        List<DraftScheduling.SeasonForm> seasons = new ArrayList<>(DraftScheduling.DEFAULT_SEASONS);
        seasons.add(new DraftScheduling.SeasonForm("秋收", StaffCategory.VILLAGE_CADRE.label(), "09-20", "10-10"));
        as(zzb, () -> settings.save(countyId, new SchedulingSettings.Form(new BigDecimal("0.08"), seasons, List.of(
                new SchedulingSettings.PreferenceForm(zhang, List.of(1, 2)), new SchedulingSettings.PreferenceForm(li, List.of(3))))));
        return new Loaded(plan.id(), plan.title(), plan.indicators().size(), n, year);
    }

    record Spending(int expenses, int warnings, String reportYear) {
    }

    /**
     * Expenses of the demo classes entered by the party school's registrar (the finished class's 伙食费 and one lecturer's
     * fee above the caps of 财行〔2016〕540号, so the warnings show), and the planner's words of this year's evaluation report.
     */
    Spending spending(long planId, long finishedClassId, long currentClassId) {
        CurrentUser zzb = account("zzb");
        CurrentUser dangxiao = account("dangxiao");
        LocalDate today = LocalDate.now(clock);
        int n = 0;
        Object[][] finished = {
                // 24 trainees × 5 days = 120 person-days (三类): 伙食费 cap 130 × 120 = 15,600 — 17,400 is over
                {ExpenseCategory.MEALS, "17400", null, null, null, "学员五天工作餐"},
                {ExpenseCategory.VENUE, "3000", null, null, null, "第二教室五天"},
                {ExpenseCategory.MATERIALS, "2400", null, null, null, "学习资料和笔记本"},
                {ExpenseCategory.TRANSPORT, "1800", null, null, null, "现场教学包车"},
                {ExpenseCategory.LECTURE, "3000", "张明远", LecturerTitle.DEPUTY_SENIOR, "6", null},
                // 高级农艺师 (副高级): 1,800 for 3 学时 = 600 元/学时, above 500
                {ExpenseCategory.LECTURE, "1800", "陈丽", LecturerTitle.DEPUTY_SENIOR, "3", null},
                {ExpenseCategory.LECTURE, "600", "王志刚", LecturerTitle.OTHER, "3", null}};
        Object[][] current = {
                {ExpenseCategory.MEALS, "12000", null, null, null, "前三天工作餐"},
                {ExpenseCategory.MATERIALS, "2000", null, null, null, "学习资料"}};
        for (Object[][] set : new Object[][][]{finished, current}) {
            long classId = set == finished ? finishedClassId : currentClassId;
            for (Object[] e : set) {
                String lecturer = (String) e[2];
                as(dangxiao, () -> expenses.add(classId, new ClassExpenses.ExpenseForm((ExpenseCategory) e[0], new BigDecimal((String) e[1]),
                        today.minusDays(1), lecturer == null ? null : instructor(dangxiao, lecturer), lecturer, (LecturerTitle) e[3],
                        e[4] == null ? null : new BigDecimal((String) e[4]), (String) e[5])));
                n++;
            }
        }
        int warnings = as(zzb, () -> expenses.sheet(finishedClassId)).warnings().size();
        int year = today.getYear();
        // this year's special fund (专项资金), set against what the classes spent
        as(zzb, () -> budgets.saveFund(planId, year, new PlanBudgets.FundForm(new BigDecimal("300000"), "县级财政干部教育培训专项经费")));
        as(zzb, () -> report.saveTexts(planId, year, new EvaluationReport.Texts("""
                （一）坚持统抓统管，强化组织领导。成立由县委分管副书记任组长的干部教育培训工作领导小组，县财政每年将干部教育培训经费列入预算，各主管部门将培训经费纳入年初预算。
                （二）聚焦中心工作，提升质量效益。围绕乡村振兴、基层治理等全县中心工作开设专题班次，开展培训需求调研，按需设置课程。
                （三）用制度规范保障，严格学员管理。完善学员考勤、请假销假、学习考核和教学质量评估制度，考勤和评估结果记入学员培训档案。""",
                """
                （一）突出理论向实践转化。坚持专业知识与公共知识并重，抓好党的创新理论武装和新知识、新技能培训。
                （二）改进教育培训方式。突出干部在线学习，健全自主选学体系，建立培训质量评估机制，不断提高教学质量。
                （三）健全完善制度机制。完善组织调训制度，对重要岗位干部和重点班次实行点名调训，统筹安排全年班次，错开农忙和防汛时段。""",
                null)));
        return new Spending(n, warnings, String.valueOf(year));
    }

    /** The demo instructor of that name, as the party school's registrar (who keeps the pool) finds them. */
    private Long instructor(CurrentUser registrar, String name) {
        return as(registrar, () -> instructors.list(name, null, false)).stream().filter(i -> i.name().equals(name))
                .mapToLong(Instructors.InstructorView::id).boxed().min(Long::compare).orElse(null);
    }

    /**
     * The plan's first year: three years before the year of the demo's first start (as 2023—2027 in 2026), so that the
     * current year, the years before it (with the archive's figures) and next year (the draft classes) all lie inside
     * the five years, whenever the demo is first started.
     */
    int firstYear() {
        return LocalDate.now(clock).getYear() - 3;
    }

    private IndicatorForm ind(String name, IndicatorKind kind, List<RankLevel> levels, List<StaffCategory> cats, Boolean leadership,
                              Boolean party, Integer maxAge, Integer window, boolean fullTime, String delivery, String hours,
                              String days, String requirement, int[] targets) {
        List<Target> t = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            t.add(new Target(firstYear() + i, new BigDecimal(targets[i])));
        }
        return new IndicatorForm(name, kind, levels.stream().map(Enum::name).toList(), cats.stream().map(Enum::name).toList(), leadership,
                party, maxAge, window, fullTime, delivery, hours == null ? null : new BigDecimal(hours),
                days == null ? null : new BigDecimal(days), requirement, null, t);
    }

    private CurrentUser account(String username) {
        return ((CurrentUser) users.loadUserByUsername(username)).withoutPassword();
    }
}
