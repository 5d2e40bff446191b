package org.ganxun.planning;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.db.SqlArrays;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.platform.web.RichText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Five-year training plans (培训规划) and their indicators (量化指标). A plan belongs to a jurisdiction (the county);
 * its organisation department keeps it, and everyone whose scope lies inside the jurisdiction reads it (a township
 * sees the county's promises computed over its own people).
 */
@Service
public class TrainingPlans {

    static final int MAX_INDICATORS = 40;
    static final Set<String> DELIVERIES = Set.of("ALL", "ONLINE", "NOT_ONLINE");

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final OrganizationTrees trees;
    private final AuditLog audit;
    private final Clock clock;

    TrainingPlans(JdbcClient jdbc, DataScopes scopes, OrganizationTrees trees, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.trees = trees;
        this.audit = audit;
    }

    public record PlanForm(@InScope(Ref.ORG) Long jurisdictionOrgId,
                           @Size(max = 200, message = "规划名称最多{max}个字") String title,
                           Integer startYear, Integer endYear,
                           @Size(max = 2000, message = "说明最多{max}个字") String note,
                           List<@jakarta.validation.Valid IndicatorForm> indicators) {
    }

    /** One indicator as typed: the target group, the kind's parameters, and the targets by year. */
    public record IndicatorForm(@Size(max = 200, message = "指标名称最多{max}个字") String name,
                                IndicatorKind kind, List<@Size(max = 20, message = "职级层次不正确") String> rankLevels,
                                List<@Size(max = 40, message = "人员类别不正确") String> staffCategories,
                                Boolean leadership, Boolean partyMember, Integer maxAge, Integer windowYears,
                                Boolean fullTimeOnly, @Size(max = 20, message = "培训方式不正确") String delivery,
                                BigDecimal thresholdHours, BigDecimal thresholdDays,
                                @Size(max = 40, message = "对应要求编码最多{max}个字") String requirementCode,
                                @Size(max = 1000, message = "说明最多{max}个字") String note, List<Target> targets) {
    }

    public record Target(int year, BigDecimal target) {
    }

    public record PlanSummary(long id, long jurisdictionOrgId, String jurisdictionName, String title, int startYear,
                              int endYear, int indicatorCount) {
    }

    public record PlanView(long id, long jurisdictionOrgId, String jurisdictionName, String jurisdictionPath, String title,
                           int startYear, int endYear, String note, List<Indicator> indicators) {
    }

    /** An indicator's stored definition, with the words that say how it is counted. */
    public record Indicator(long id, String name, IndicatorKind kind, String kindLabel, String unit, boolean lowerIsBetter,
                            List<String> rankLevels, List<String> staffCategories, Boolean leadership, Boolean partyMember,
                            Integer maxAge, Integer windowYears, boolean fullTimeOnly, String delivery,
                            BigDecimal thresholdHours, BigDecimal thresholdDays, String requirementCode, String note,
                            List<Target> targets, String population, String definition) {

        public BigDecimal targetFor(int year) {
            return targets.stream().filter(t -> t.year() == year).map(Target::target).findFirst().orElse(null);
        }
    }

    /** Plans whose jurisdiction is in the reader's scope, or contains it. */
    @Transactional(readOnly = true)
    public List<PlanSummary> list() {
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>();
        String w = visibility(scope, params);
        if (w == null) {
            return List.of();
        }
        return jdbc.sql("""
                select tp.id, tp.jurisdiction_org_id, o.name as org_name, tp.title, tp.start_year, tp.end_year,
                       (select count(*) from plan_indicator i where i.plan_id = tp.id) as n
                  from training_plan tp join org_unit o on o.id = tp.jurisdiction_org_id
                 where\s""" + w + " order by tp.start_year desc, tree_path_key(o.path), tp.id")
                .params(params)
                .query((rs, i) -> new PlanSummary(rs.getLong("id"), rs.getLong("jurisdiction_org_id"), rs.getString("org_name"),
                        rs.getString("title"), rs.getInt("start_year"), rs.getInt("end_year"), rs.getInt("n")))
                .list();
    }

    private static String visibility(DataScope scope, Map<String, Object> params) {
        if (scope.all()) {
            return "true";
        }
        if (scope.orgPath() == null) {
            return null;
        }
        params.put("sp", scope.orgPath());
        params.put("spLike", scope.orgPath() + "%");
        return "(o.path like :spLike or :sp like o.path || '%')";
    }

    @Transactional(readOnly = true)
    public PlanView get(long id) {
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>();
        String w = visibility(scope, params);
        params.put("id", id);
        PlanView head = jdbc.sql("""
                select tp.*, o.name as org_name, o.path as org_path
                  from training_plan tp join org_unit o on o.id = tp.jurisdiction_org_id where tp.id = :id""")
                .params(params)
                .query((rs, i) -> new PlanView(rs.getLong("id"), rs.getLong("jurisdiction_org_id"), rs.getString("org_name"),
                        rs.getString("org_path"), rs.getString("title"), rs.getInt("start_year"), rs.getInt("end_year"),
                        rs.getString("note"), List.of()))
                .optional().orElseThrow(() -> BusinessException.notFound("培训规划"));
        if (w == null || !(scope.all() || head.jurisdictionPath().startsWith(scope.orgPath()) || scope.orgPath().startsWith(head.jurisdictionPath()))) {
            throw new BusinessException(403, "无权查看该培训规划", List.of());
        }
        Map<Long, List<Target>> targets = new HashMap<>();
        jdbc.sql("""
                select t.indicator_id, t.year, t.target from plan_indicator_target t
                  join plan_indicator i on i.id = t.indicator_id where i.plan_id = ? order by t.year""")
                .param(id)
                .query(rs -> {
                    targets.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Target(rs.getInt(2), rs.getBigDecimal(3)));
                });
        List<Indicator> indicators = jdbc.sql("select * from plan_indicator where plan_id = ? order by sort_order, id")
                .param(id)
                .query((rs, i) -> indicator(rs, targets.getOrDefault(rs.getLong("id"), List.of()), head.startYear()))
                .list();
        return new PlanView(head.id(), head.jurisdictionOrgId(), head.jurisdictionName(), head.jurisdictionPath(), head.title(),
                head.startYear(), head.endYear(), head.note(), indicators);
    }

    private static Indicator indicator(ResultSet rs, List<Target> targets, int planStart) throws SQLException {
        IndicatorKind kind = IndicatorKind.valueOf(rs.getString("kind"));
        List<String> levels = strings(rs.getArray("rank_levels"));
        List<String> categories = strings(rs.getArray("staff_categories"));
        Boolean leadership = (Boolean) rs.getObject("leadership");
        Boolean party = (Boolean) rs.getObject("party_member");
        Integer maxAge = (Integer) rs.getObject("max_age");
        Integer window = (Integer) rs.getObject("window_years");
        boolean fullTime = rs.getBoolean("full_time_only");
        String delivery = rs.getString("delivery");
        BigDecimal h = rs.getBigDecimal("threshold_hours");
        BigDecimal d = rs.getBigDecimal("threshold_days");
        String population = population(levels, categories, leadership, party, maxAge);
        return new Indicator(rs.getLong("id"), rs.getString("name"), kind, kind.label(), kind.unit(), kind.lowerIsBetter(),
                levels, categories, leadership, party, maxAge, window, fullTime, delivery, h, d, rs.getString("requirement_code"),
                rs.getString("note"), targets, population, definition(kind, population, window, planStart, fullTime, delivery, h, d));
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    /** The target group in words: "乡科级、领导职务、党员、35岁以下的在职干部". */
    static String population(List<String> levels, List<String> categories, Boolean leadership, Boolean party, Integer maxAge) {
        List<String> parts = new ArrayList<>();
        if (!levels.isEmpty()) {
            parts.add(levels.stream().map(l -> RankLevel.valueOf(l).label()).collect(Collectors.joining("/")));
        }
        if (!categories.isEmpty()) {
            parts.add(categories.stream().map(c -> StaffCategory.valueOf(c).label()).collect(Collectors.joining("/")));
        }
        if (leadership != null) {
            parts.add(leadership ? "担任领导职务" : "非领导职务");
        }
        if (party != null) {
            parts.add(party ? "党员" : "非党员");
        }
        if (maxAge != null) {
            parts.add("当年年底" + maxAge + "岁及以下");
        }
        return (parts.isEmpty() ? "" : String.join("、", parts) + "的") + "在职干部（按现任单位和职级）";
    }

    private static String window(Integer windowYears, int planStart) {
        return windowYears == null ? planStart + "年1月1日至当年年底" : "截至当年年底的" + windowYears + "年内";
    }

    private static String hoursOf(String delivery) {
        return switch (delivery) {
            case "ONLINE" -> "网络培训学时";
            case "NOT_ONLINE" -> "网络培训以外的学时";
            default -> "学时";
        };
    }

    /** How the figure is counted, shown beside it. */
    static String definition(IndicatorKind kind, String population, Integer windowYears, int planStart, boolean fullTime,
                             String delivery, BigDecimal hours, BigDecimal days) {
        String course = (fullTime ? "脱产" : "") + "培训（培训班结业或认定的外出培训，学时档案中已审核）";
        return switch (kind) {
            case COVERAGE -> "对象：" + population + "。" + window(windowYears, planStart) + "参加过至少一次" + course
                    + "的人数 ÷ 对象人数。";
            case ATTAINMENT -> "对象：" + population + "。当年已审核的" + hoursOf(delivery) + "达到" + plain(hours) + "学时"
                    + (days == null ? "" : "或" + plain(days) + "天") + "的人数 ÷ 对象人数（学时规则的年度上限不在此扣减，个人是否达标以学时达标情况为准）。";
            case HOURS_PER_HEAD -> "对象：" + population + "。当年已审核的" + hoursOf(delivery) + "合计 ÷ 对象人数。";
            case UNTRAINED_SHARE -> "对象：" + population + "。" + window(windowYears == null ? 3 : windowYears, planStart)
                    + "没有参加过" + course + "的人数 ÷ 对象人数（越低越好）。";
        };
    }

    static String plain(BigDecimal b) {
        return b == null ? "" : b.stripTrailingZeros().toPlainString();
    }

    @Transactional
    public PlanView create(PlanForm f) {
        Valid v = validate(f);
        Long id = jdbc.sql("""
                insert into training_plan (jurisdiction_org_id, title, start_year, end_year, note, created_by)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(f.jurisdictionOrgId(), v.title, f.startYear(), f.endYear(), v.note, org.ganxun.platform.security.CurrentUsers.require().username())
                .query(Long.class).single();
        writeIndicators(id, v.indicators);
        PlanView after = get(id);
        audit.record("CREATE", "TrainingPlan", id, "培训规划：" + after.title(), null, after);
        return after;
    }

    @Transactional
    public PlanView update(long id, PlanForm f) {
        PlanView before = get(id);
        requireWritable(before.jurisdictionPath());
        Valid v = validate(f);
        jdbc.sql("""
                update training_plan set jurisdiction_org_id = ?, title = ?, start_year = ?, end_year = ?, note = ?,
                  updated_at = now(), version = version + 1 where id = ?""")
                .params(f.jurisdictionOrgId(), v.title, f.startYear(), f.endYear(), v.note, id).update();
        jdbc.sql("delete from plan_indicator where plan_id = ?").param(id).update();
        writeIndicators(id, v.indicators);
        PlanView after = get(id);
        audit.record("UPDATE", "TrainingPlan", id, "培训规划：" + after.title(), before, after);
        return after;
    }

    @Transactional
    public void delete(long id) {
        PlanView before = get(id);
        requireWritable(before.jurisdictionPath());
        jdbc.sql("delete from training_plan where id = ?").param(id).update();
        audit.record("DELETE", "TrainingPlan", id, "培训规划：" + before.title(), before, null);
    }

    private void requireWritable(String path) {
        if (!scopes.current().coversOrgPath(path)) {
            throw new BusinessException(403, "只能维护本人管理范围内的培训规划", List.of());
        }
    }

    private record Valid(String title, String note, List<IndicatorForm> indicators) {
    }

    private Valid validate(PlanForm f) {
        List<FieldProblem> problems = new ArrayList<>();
        if (f.jurisdictionOrgId() == null) {
            throw new BusinessException("请选择规划所属单位");
        }
        requireWritable(trees.requireVisible(Tree.ADMINISTRATIVE, f.jurisdictionOrgId()).path());
        String title = text(problems, "title", "规划名称", f.title(), 200, true);
        String note = text(problems, "note", "说明", f.note(), 2000, false);
        int thisYear = LocalDate.now(clock).getYear();
        if (f.startYear() == null || f.startYear() < Bounds.MIN_PLAN_YEAR || f.startYear() > thisYear + Bounds.PLAN_YEARS_AHEAD) {
            problems.add(new FieldProblem("startYear", "起始年度应在" + Bounds.MIN_PLAN_YEAR + "年至" + (thisYear + Bounds.PLAN_YEARS_AHEAD) + "年之间"));
        }
        if (f.endYear() == null || f.startYear() == null || f.endYear() < f.startYear() || f.endYear() - f.startYear() > 9) {
            problems.add(new FieldProblem("endYear", "截止年度应不早于起始年度，规划期最长10年"));
        }
        List<IndicatorForm> indicators = f.indicators() == null ? List.of() : f.indicators();
        if (indicators.size() > MAX_INDICATORS) {
            problems.add(new FieldProblem("indicators", "量化指标最多" + MAX_INDICATORS + "项"));
            indicators = List.of();
        }
        List<IndicatorForm> clean = new ArrayList<>();
        for (int i = 0; i < indicators.size(); i++) {
            clean.add(indicator(problems, i, indicators.get(i), f.startYear(), f.endYear()));
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        return new Valid(title, note, clean);
    }

    private static IndicatorForm indicator(List<FieldProblem> problems, int i, IndicatorForm x, Integer start, Integer end) {
        String at = "第" + (i + 1) + "项指标";
        String f = "indicators[" + i + "].";
        if (x == null) {
            problems.add(new FieldProblem("indicators[" + i + "]", at + "为空"));
            return null;
        }
        String name = text(problems, f + "name", at + "的名称", x.name(), 200, true);
        if (x.kind() == null) {
            problems.add(new FieldProblem(f + "kind", at + "：请选择指标类型"));
        }
        List<String> levels = enums(problems, f + "rankLevels", at + "的职级", x.rankLevels(), RankLevel.class);
        List<String> categories = enums(problems, f + "staffCategories", at + "的人员类别", x.staffCategories(), StaffCategory.class);
        if (x.maxAge() != null && (x.maxAge() < 18 || x.maxAge() > 70)) {
            problems.add(new FieldProblem(f + "maxAge", at + "：年龄上限应在18至70岁之间"));
        }
        if (x.windowYears() != null && (x.windowYears() < 1 || x.windowYears() > 10)) {
            problems.add(new FieldProblem(f + "windowYears", at + "：统计年限应在1至10年之间"));
        }
        String delivery = x.delivery() == null || x.delivery().isBlank() ? "ALL" : x.delivery();
        if (!DELIVERIES.contains(delivery)) {
            problems.add(new FieldProblem(f + "delivery", at + "：学时范围只能是全部、网络培训或网络培训以外"));
            delivery = "ALL";
        }
        if (x.kind() == IndicatorKind.ATTAINMENT && x.thresholdHours() == null) {
            problems.add(new FieldProblem(f + "thresholdHours", at + "：达标率指标须填写达标学时"));
        }
        positive(problems, f + "thresholdHours", at + "的达标学时", x.thresholdHours(), Bounds.MAX_HOURS);
        positive(problems, f + "thresholdDays", at + "的达标天数", x.thresholdDays(), new BigDecimal("366"));
        String code = x.requirementCode() == null || x.requirementCode().isBlank() ? null : x.requirementCode().strip();
        if (code != null && !code.matches("[A-Z0-9_]{1,40}")) {
            problems.add(new FieldProblem(f + "requirementCode", at + "：对应学时规则的代码只能由大写字母、数字和下划线组成"));
        }
        String note = text(problems, f + "note", at + "的说明", x.note(), 1000, false);
        Map<Integer, BigDecimal> targets = new TreeMap<>();
        for (Target t : x.targets() == null ? List.<Target>of() : x.targets()) {
            if (t == null || t.target() == null) {
                continue;
            }
            if (start == null || end == null || t.year() < start || t.year() > end) {
                problems.add(new FieldProblem(f + "targets", at + "：目标年度" + t.year() + "不在规划期内"));
            } else if (t.target().signum() < 0 || t.target().compareTo(x.kind() == IndicatorKind.HOURS_PER_HEAD ? Bounds.MAX_HOURS : new BigDecimal("100")) > 0) {
                problems.add(new FieldProblem(f + "targets", at + "：" + t.year() + "年的目标值" + t.target().toPlainString()
                        + (x.kind() == IndicatorKind.HOURS_PER_HEAD ? "应在0至" + Bounds.MAX_HOURS + "学时之间" : "应在0至100（%）之间")));
            } else if (t.target().scale() > 2 && t.target().stripTrailingZeros().scale() > 2) {
                problems.add(new FieldProblem(f + "targets", at + "：" + t.year() + "年的目标值最多两位小数"));
            } else {
                targets.put(t.year(), t.target());
            }
        }
        return new IndicatorForm(name, x.kind(), levels, categories, x.leadership(), x.partyMember(), x.maxAge(), x.windowYears(),
                Boolean.TRUE.equals(x.fullTimeOnly()), delivery, x.thresholdHours(), x.thresholdDays(), code, note,
                targets.entrySet().stream().map(e -> new Target(e.getKey(), e.getValue())).toList());
    }

    private static void positive(List<FieldProblem> problems, String field, String label, BigDecimal v, BigDecimal max) {
        if (v != null && (v.signum() <= 0 || v.compareTo(max) > 0 || v.stripTrailingZeros().scale() > 2)) {
            problems.add(new FieldProblem(field, label + "应大于0、不超过" + max.toPlainString() + "，最多两位小数"));
        }
    }

    private static <E extends Enum<E>> List<String> enums(List<FieldProblem> problems, String field, String label, List<String> values, Class<E> type) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            try {
                String name = Enum.valueOf(type, v).name();
                if (!out.contains(name)) {
                    out.add(name);
                }
            } catch (RuntimeException e) {
                String shown = RichText.text(String.valueOf(v));
                problems.add(new FieldProblem(field, label + "不认识：" + shown.substring(0, Math.min(20, shown.length()))));
            }
        }
        return out;
    }

    private static String text(List<FieldProblem> problems, String field, String label, String value, int max, boolean required) {
        String v = value == null ? null : RichText.text(value).strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                problems.add(new FieldProblem(field, "请填写" + label));
            }
            return null;
        }
        if (v.length() > max) {
            problems.add(new FieldProblem(field, label + "最多" + max + "个字（现有" + v.length() + "个字）"));
            return v.substring(0, max);
        }
        return v;
    }

    private void writeIndicators(long planId, List<IndicatorForm> indicators) {
        int order = 0;
        for (IndicatorForm x : indicators) {
            Long iid = jdbc.sql("""
                    insert into plan_indicator (plan_id, sort_order, name, kind, rank_levels, staff_categories, leadership,
                      party_member, max_age, window_years, full_time_only, delivery, threshold_hours, threshold_days,
                      requirement_code, note)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(planId, order++, x.name(), x.kind().name(), SqlArrays.of("text", x.rankLevels().toArray()),
                            SqlArrays.of("text", x.staffCategories().toArray()), x.leadership(), x.partyMember(), x.maxAge(),
                            x.windowYears(), x.fullTimeOnly(), x.delivery(), x.thresholdHours(), x.thresholdDays(),
                            x.requirementCode(), x.note())
                    .query(Long.class).single();
            for (Target t : x.targets()) {
                jdbc.sql("insert into plan_indicator_target (indicator_id, year, target) values (?, ?, ?)")
                        .params(iid, t.year(), t.target()).update();
            }
        }
    }
}
