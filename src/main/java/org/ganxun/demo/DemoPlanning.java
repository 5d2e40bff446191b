package org.ganxun.demo;

import static org.ganxun.platform.security.RunAs.as;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.planning.IndicatorKind;
import org.ganxun.planning.TrainingPlans;
import org.ganxun.planning.TrainingPlans.IndicatorForm;
import org.ganxun.planning.TrainingPlans.Target;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.training.ClassType;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo county's five-year plan (盐亭县2023—2027年干部教育培训规划, modelled on seed 002's 量化指标) with seven indicators
 * and a target for each year, and next year's draft classes, filed by the party school, for the scheduler to place.
 */
@Component
class DemoPlanning {

    private final TrainingPlans plans;
    private final TrainingClasses classes;
    private final UserDetailsService users;
    private final JdbcClient jdbc;

    DemoPlanning(TrainingPlans plans, TrainingClasses classes, UserDetailsService users, JdbcClient jdbc) {
        this.plans = plans;
        this.classes = classes;
        this.users = users;
        this.jdbc = jdbc;
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
        TrainingPlans.PlanView plan = as(zzb, () -> plans.create(new TrainingPlans.PlanForm(countyId, "盐亭县2023—2027年干部教育培训规划",
                2023, 2027, "依据《全国干部教育培训规划（2023—2027年）》制定；量化指标按年度分解。", indicators)));

        int year = LocalDate.now().getYear() + 1;
        Long zhang = instructor("张明远");
        Long li = instructor("李晓梅");
        Long wang = instructor("王志刚");
        Long chen = instructor("陈丽");
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
        return new Loaded(plan.id(), plan.title(), plan.indicators().size(), n, year);
    }

    private Long instructor(String name) {
        return jdbc.sql("select min(id) from instructor where name = ?").param(name).query(Long.class).single();
    }

    private static IndicatorForm ind(String name, IndicatorKind kind, List<RankLevel> levels, List<StaffCategory> cats, Boolean leadership,
                                     Boolean party, Integer maxAge, Integer window, boolean fullTime, String delivery, String hours,
                                     String days, String requirement, int[] targets) {
        List<Target> t = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            t.add(new Target(2023 + i, new BigDecimal(targets[i])));
        }
        return new IndicatorForm(name, kind, levels.stream().map(Enum::name).toList(), cats.stream().map(Enum::name).toList(), leadership,
                party, maxAge, window, fullTime, delivery, hours == null ? null : new BigDecimal(hours),
                days == null ? null : new BigDecimal(days), requirement, null, t);
    }

    private CurrentUser account(String username) {
        return ((CurrentUser) users.loadUserByUsername(username)).withoutPassword();
    }
}
