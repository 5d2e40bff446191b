package org.ganxun.planning.internal.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.CadreSearch;
import org.ganxun.people.PersonNo;
import org.ganxun.people.RankLevel;
import org.ganxun.planning.IndicatorKind;
import org.ganxun.planning.TrainingPlans;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of a plan's indicators for a year and a subtree, with a traffic light against the year's target, and
 * the people behind each figure. One statement per indicator: the population from the roster under the reader's data
 * scope ({@link CadreSearch#where}) and the indicator's target group, each person's approved archive entries of the
 * window aggregated beside them. The definitions are {@link IndicatorKind}'s.
 *
 * <p>The light: green when the target is reached; amber when short of it by at most a tenth of the target (at least 1
 * unit: a percentage point or an hour); red beyond; grey without a target for the year. For a "lower is better" figure
 * the same, mirrored.
 */
@Service
public class IndicatorFigures {

    /** Archive sources that are a training course taken (培训班结业, 外出培训认定), as the training statistics count them. */
    public static final String COURSES = "('CLASS_COMPLETION','EXTERNAL_TRAINING')";
    static final int DEFAULT_UNTRAINED_WINDOW = 3;
    static final int MAX_PAGE = 200;
    static final String WORK_MEM = "set local work_mem = '64MB'";

    public enum Light {
        GREEN("达标"), AMBER("接近"), RED("未达"), GREY("未设目标");

        private final String label;

        Light(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One indicator's figure: {@code counted} people of {@code population} (or hours over them), the target, the light. */
    public record Figure(long indicatorId, String name, IndicatorKind kind, String kindLabel, String unit, boolean lowerIsBetter,
                         long population, long counted, BigDecimal hours, BigDecimal value, BigDecimal target, Light light,
                         String lightLabel, String definition, String requirementCode, LocalDate from, LocalDate to) {
    }

    public record Dashboard(long planId, String planTitle, int startYear, int endYear, int year, boolean yearInProgress,
                            Long orgId, String scopeName, List<Figure> figures) {
    }

    /** A person behind a figure: whether they count (trained, met), with the value that decided it. */
    public record Person(long cadreId, String personNo, String name, String unit, String rankLevel, String rankLevelLabel,
                         boolean counted, long courses, BigDecimal hours, BigDecimal days) {
    }

    public record People(long indicatorId, String name, int year, String definition, List<Person> rows, long total, int page,
                         int size) {
    }

    private final TrainingPlans plans;
    private final CadreSearch search;
    private final NamedParameterJdbcTemplate jdbc;
    private final OrganizationTrees trees;
    private final DataScopes scopes;
    private final Clock clock;

    IndicatorFigures(TrainingPlans plans, CadreSearch search, NamedParameterJdbcTemplate jdbc, OrganizationTrees trees, DataScopes scopes, Clock clock) {
        this.clock = clock;
        this.plans = plans;
        this.search = search;
        this.jdbc = jdbc;
        this.trees = trees;
        this.scopes = scopes;
    }

    @Transactional(readOnly = true)
    public Dashboard dashboard(long planId, Integer year, Long orgId) {
        TrainingPlans.PlanView plan = plans.get(planId);
        int y = year(plan, year);
        Subtree sub = subtree(plan, orgId);
        List<Figure> figures = figures(plan, y, sub.orgId());
        return new Dashboard(plan.id(), plan.title(), plan.startYear(), plan.endYear(), y, y == Year.now(clock).getValue(),
                sub.orgId(), sub.name(), figures);
    }

    @Transactional(readOnly = true)
    public People people(long planId, long indicatorId, Integer year, Long orgId, Boolean counted, int page, int size) {
        TrainingPlans.PlanView plan = plans.get(planId);
        TrainingPlans.Indicator ind = plan.indicators().stream().filter(i -> i.id() == indicatorId).findFirst()
                .orElseThrow(() -> BusinessException.notFound("量化指标"));
        int y = year(plan, year);
        Subtree sub = subtree(plan, orgId);
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE));
        int pageNo = Math.max(0, page);
        Statement st = statement(plan, ind, y, sub.orgId());
        Map<String, Object> params = st.params();
        String filter = counted == null ? "true" : counted ? "f.counted" : "not f.counted";
        Long total = jdbc.queryForObject(st.facts() + " select count(*) from facts f where " + filter, params, Long.class);
        params.put("limit", pageSize);
        params.put("offset", (long) pageNo * pageSize);
        List<Person> rows = jdbc.query(st.facts() + """
                 select f.*, c.name, c.rank_level, o.name as unit from facts f
                   join cadre_card c on c.id = f.id join org_unit o on o.id = c.org_id
                  where\s""" + filter + " order by f.counted, tree_path_key(o.path), c.name, c.id limit :limit offset :offset",
                params, (rs, i) -> {
                    String level = rs.getString("rank_level");
                    return new Person(rs.getLong("id"), PersonNo.of(rs.getLong("id")), rs.getString("name"), rs.getString("unit"),
                            level, level == null ? "未定级" : RankLevel.valueOf(level).label(), rs.getBoolean("counted"),
                            rs.getLong("courses"), rs.getBigDecimal("hours"), rs.getBigDecimal("days"));
                });
        return new People(ind.id(), ind.name(), y, ind.definition(), rows, total == null ? 0 : total, pageNo, pageSize);
    }

    private int year(TrainingPlans.PlanView plan, Integer year) {
        int thisYear = Year.now(clock).getValue();
        int y = year != null ? year : Math.max(plan.startYear(), Math.min(plan.endYear(), thisYear));
        if (y < plan.startYear() || y > plan.endYear()) {
            throw new BusinessException("年度应在规划期" + plan.startYear() + "年至" + plan.endYear() + "年之内");
        }
        if (y > thisYear) {
            throw new BusinessException(y + "年尚未开始，没有可统计的数据");
        }
        return y;
    }

    private record Subtree(Long orgId, String name) {
    }

    /**
     * The subtree counted: the unit asked (inside the plan's jurisdiction and visible to the reader), else the plan's
     * jurisdiction when the reader's scope covers it, else the reader's own scope (which lies inside the jurisdiction).
     */
    private Subtree subtree(TrainingPlans.PlanView plan, Long orgId) {
        if (orgId != null) {
            var node = trees.requireVisible(Tree.ADMINISTRATIVE, orgId);
            if (!node.path().startsWith(plan.jurisdictionPath())) {
                throw new BusinessException("所选单位不在该规划的范围（" + plan.jurisdictionName() + "）内");
            }
            return new Subtree(node.id(), node.name());
        }
        DataScope scope = scopes.current();
        if (scope.coversOrgPath(plan.jurisdictionPath())) {
            return new Subtree(plan.jurisdictionOrgId(), plan.jurisdictionName());
        }
        return new Subtree(null, "本人管理范围");
    }

    private List<Figure> figures(TrainingPlans.PlanView plan, int y, Long orgId) {
        List<TrainingPlans.Indicator> inds = plan.indicators();
        if (inds.isEmpty()) {
            return List.of();
        }
        Query q = query(plan, y, orgId);
        // a county's people aggregated in memory rather than in batches spilled to disk (the planner cannot foresee
        // how many people a subtree holds)
        jdbc.getJdbcOperations().execute(WORK_MEM);
        Map<String, Object> row = inIndexOrder(jdbc, () -> jdbc.queryForMap(q.sql(), q.params()));
        List<Figure> out = new ArrayList<>();
        for (int i = 0; i < inds.size(); i++) {
            TrainingPlans.Indicator ind = inds.get(i);
            long population = ((Number) row.get("population_" + i)).longValue();
            long counted = ((Number) row.get("counted_" + i)).longValue();
            BigDecimal hours = (BigDecimal) row.get("sum_hours_" + i);
            BigDecimal value = value(ind.kind(), population, counted, hours);
            BigDecimal target = ind.targetFor(y);
            Light light = light(ind.kind().lowerIsBetter(), value, target);
            out.add(new Figure(ind.id(), ind.name(), ind.kind(), ind.kindLabel(), ind.unit(), ind.lowerIsBetter(), population, counted,
                    hours, value, target, light, light.label(), ind.definition(), ind.requirementCode(), q.parts().get(i).windowStart(),
                    LocalDate.of(y, 12, 31)));
        }
        return out;
    }

    /**
     * Runs a statement that aggregates each person's approved entries with each person's entries aggregated in the
     * order of the approved-credit index (merged with the people sorted) rather than hashed: the planner's choice
     * for a county hashes every entry of the window first, half as fast at ten times the demo county's people. The
     * rest of the transaction is planned as before. No {@code finally}: after a failed statement PostgreSQL refuses
     * every statement until the rollback, which undoes the {@code set local} (a reset there would hide the failure).
     */
    public static <T> T inIndexOrder(NamedParameterJdbcTemplate jdbc, java.util.function.Supplier<T> statement) {
        jdbc.getJdbcOperations().execute("set local enable_hashagg = off");
        T result = statement.get();
        jdbc.getJdbcOperations().execute("reset enable_hashagg");
        return result;
    }

    /** The dashboard's statement (for the benchmark too): its SQL, parameters, each indicator's parts and the roster's condition. */
    record Query(String sql, Map<String, Object> params, List<Parts> parts, String peopleWhere) {
    }

    Query dashboardQuery(long planId, int y) {
        TrainingPlans.PlanView plan = plans.get(planId);
        return query(plan, y, subtree(plan, null).orgId());
    }

    /**
     * Every indicator in one statement, one pass over the archive: the population once; the approved entries of the
     * widest window that any indicator can count (a course in its window, or any entry of the year) aggregated per person
     * with only the distinct aggregates the indicators need (indicators sharing a window or a delivery share a column);
     * then each indicator's group and count as filtered aggregates over the people. The figures are those of the
     * drill-down's {@link #statement} (IndicatorBenchmark compares the two forms on a county; PlanIndicatorsTest the
     * figures worked by hand).
     */
    private Query query(TrainingPlans.PlanView plan, int y, Long orgId) {
        List<TrainingPlans.Indicator> inds = plan.indicators();
        CadreSearch.Where where = search.where(new CadreQuery(null, null, orgId, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
        Map<String, Object> params = new HashMap<>(where.params());
        List<Parts> parts = new ArrayList<>();
        LocalDate yearStart = LocalDate.of(y, 1, 1);
        LocalDate from = yearStart;
        for (int i = 0; i < inds.size(); i++) {
            Parts pt = parts(plan, inds.get(i), y, "_" + i, params);
            parts.add(pt);
            from = pt.from().isBefore(from) ? pt.from() : from;
        }
        params.put("from", from);
        params.put("yearStart", yearStart);
        params.put("yearEnd", LocalDate.of(y, 12, 31));
        // the distinct aggregates over a person's entries, each a column x0, x1, …
        Map<String, String> columns = new LinkedHashMap<>();
        StringBuilder totals = new StringBuilder();
        for (int i = 0; i < inds.size(); i++) {
            TrainingPlans.Indicator ind = inds.get(i);
            Parts pt = parts.get(i);
            String delivery = switch (ind.delivery()) {
                case "ONLINE" -> " and a.delivery = 'ONLINE'";
                case "NOT_ONLINE" -> " and a.delivery <> 'ONLINE'";
                default -> "";
            };
            String window = "w" + pt.windowStart().toString().replace("-", "");
            params.put(window, pt.windowStart());
            String hours = column(columns, "sum(a.hours) filter (where a.credited_on >= :yearStart" + delivery + ")");
            String counted = switch (ind.kind()) {
                case COVERAGE, UNTRAINED_SHARE -> column(columns, "count(*) filter (where a.source in " + COURSES
                        + (ind.fullTimeOnly() ? " and a.full_time" : "") + " and a.credited_on >= :" + window + ")")
                        + (ind.kind() == IndicatorKind.COVERAGE ? " > 0" : " = 0");
                case HOURS_PER_HEAD -> hours + " > 0";
                case ATTAINMENT -> "(" + hours + " >= :tHours_" + i + (ind.thresholdDays() == null ? ""
                        : " or " + column(columns, "sum(a.days) filter (where a.credited_on >= :yearStart" + delivery + ")") + " >= :tDays_" + i) + ")";
            };
            String g = "(true" + pt.group() + ")";
            totals.append(i == 0 ? "" : ",\n").append("count(*) filter (where ").append(g).append(") as population_").append(i)
                    .append(", count(*) filter (where ").append(g).append(" and ").append(counted).append(") as counted_").append(i)
                    .append(", coalesce(sum(").append(hours).append(") filter (where ").append(g).append("), 0) as sum_hours_").append(i);
        }
        StringBuilder aggs = new StringBuilder();
        StringBuilder facts = new StringBuilder();
        columns.forEach((expr, col) -> {
            aggs.append(",\n         ").append(expr).append(" as ").append(col);
            facts.append(", coalesce(agg.").append(col).append(", 0) as ").append(col);
        });
        String sql = """
                with people as (
                  select c.id, c.rank_level, c.staff_category, c.leadership, c.political_status, c.birth_date
                    from cadre_card c join org_unit o on o.id = c.org_id
                    left join party_unit p on p.id = c.party_org_id
                  %s
                ), agg as (
                  select a.cadre_id%s
                    from people pe join approved_credit a on a.cadre_id = pe.id
                   where a.credited_on between :from and :yearEnd
                     and (a.source in %s or a.credited_on >= :yearStart)
                   group by a.cadre_id
                ), facts as (
                  select c.*%s from people c left join agg on agg.cadre_id = c.id
                )
                select %s
                  from facts c
                """.formatted(where.sql(), aggs, COURSES, facts, totals);
        return new Query(sql, params, parts, where.sql());
    }

    private static String column(Map<String, String> columns, String expression) {
        return columns.computeIfAbsent(expression, e -> "x" + columns.size());
    }

    /** The figure: a share in percent with one decimal, or hours per head with one decimal; null over nobody. */
    static BigDecimal value(IndicatorKind kind, long population, long counted, BigDecimal hours) {
        if (population == 0) {
            return null;
        }
        if (kind == IndicatorKind.HOURS_PER_HEAD) {
            return hours.divide(BigDecimal.valueOf(population), 1, RoundingMode.HALF_UP);
        }
        return BigDecimal.valueOf(counted * 100L).divide(BigDecimal.valueOf(population), 1, RoundingMode.HALF_UP);
    }

    static Light light(boolean lowerIsBetter, BigDecimal value, BigDecimal target) {
        if (target == null || value == null) {
            return Light.GREY;
        }
        BigDecimal band = target.multiply(new BigDecimal("0.1")).max(BigDecimal.ONE);
        BigDecimal shortBy = lowerIsBetter ? value.subtract(target) : target.subtract(value);
        if (shortBy.signum() <= 0) {
            return Light.GREEN;
        }
        return shortBy.compareTo(band) <= 0 ? Light.AMBER : Light.RED;
    }

    /** The statement's first part: {@code facts} (id, counted, courses, hours, days) over the population. */
    private record Statement(String facts, Map<String, Object> params, LocalDate from, LocalDate to) {
    }

    /**
     * One indicator's SQL parts, its parameters suffixed with {@code sfx}: the target-group condition on the cadre
     * (alias c, starting with " and"), its aggregate columns over the archive entries (alias a; columns
     * courses{sfx}, hours{sfx}, days{sfx}), whether a person counts (over those columns), and the window.
     */
    record Parts(String group, String aggregates, String counted, LocalDate windowStart, LocalDate from) {
    }

    static Parts parts(TrainingPlans.PlanView plan, TrainingPlans.Indicator ind, int y, String sfx, Map<String, Object> params) {
        StringBuilder group = new StringBuilder();
        if (!ind.rankLevels().isEmpty()) {
            group.append(" and c.rank_level in (:gLevels").append(sfx).append(")");
            params.put("gLevels" + sfx, ind.rankLevels());
        }
        if (!ind.staffCategories().isEmpty()) {
            group.append(" and c.staff_category in (:gCategories").append(sfx).append(")");
            params.put("gCategories" + sfx, ind.staffCategories());
        }
        if (ind.leadership() != null) {
            group.append(" and c.leadership = :gLeadership").append(sfx);
            params.put("gLeadership" + sfx, ind.leadership());
        }
        if (ind.partyMember() != null) {
            group.append(ind.partyMember() ? " and c.political_status in ('CPC_MEMBER','CPC_PROBATIONARY')"
                    : " and c.political_status not in ('CPC_MEMBER','CPC_PROBATIONARY')");
        }
        if (ind.maxAge() != null) {
            // age on the 31st of December of the year = year - birth year; at most maxAge: born in year - maxAge or later
            group.append(" and c.birth_date >= :gBornFrom").append(sfx);
            params.put("gBornFrom" + sfx, LocalDate.of(y - ind.maxAge(), 1, 1));
        }
        LocalDate yearStart = LocalDate.of(y, 1, 1);
        LocalDate windowStart = switch (ind.kind()) {
            case COVERAGE -> ind.windowYears() == null ? LocalDate.of(plan.startYear(), 1, 1) : LocalDate.of(y - ind.windowYears() + 1, 1, 1);
            case UNTRAINED_SHARE -> LocalDate.of(y - (ind.windowYears() == null ? DEFAULT_UNTRAINED_WINDOW : ind.windowYears()) + 1, 1, 1);
            default -> yearStart;
        };
        params.put("yearStart" + sfx, yearStart);
        params.put("windowStart" + sfx, windowStart);
        String delivery = switch (ind.delivery()) {
            case "ONLINE" -> " and a.delivery = 'ONLINE'";
            case "NOT_ONLINE" -> " and a.delivery <> 'ONLINE'";
            default -> "";
        };
        String course = "a.source in " + COURSES + (ind.fullTimeOnly() ? " and a.full_time" : "") + " and a.credited_on >= :windowStart" + sfx;
        String inYear = "a.credited_on >= :yearStart" + sfx + delivery;
        String aggregates = """
                         count(a.id) filter (where %s) as courses%s,
                         coalesce(sum(a.hours) filter (where %s), 0) as hours%s,
                         coalesce(sum(a.days) filter (where %s), 0) as days%s""".formatted(course, sfx, inYear, sfx, inYear, sfx);
        String counted = switch (ind.kind()) {
            case COVERAGE -> "courses" + sfx + " > 0";
            case UNTRAINED_SHARE -> "courses" + sfx + " = 0";
            case HOURS_PER_HEAD -> "hours" + sfx + " > 0";
            case ATTAINMENT -> {
                params.put("tHours" + sfx, ind.thresholdHours());
                String c = "hours" + sfx + " >= :tHours" + sfx;
                if (ind.thresholdDays() != null) {
                    params.put("tDays" + sfx, ind.thresholdDays());
                    c += " or days" + sfx + " >= :tDays" + sfx;
                }
                yield "(" + c + ")";
            }
        };
        return new Parts(group.toString(), aggregates, counted, windowStart, windowStart.isBefore(yearStart) ? windowStart : yearStart);
    }

    /** One indicator's people, for the drill-down. */
    private Statement statement(TrainingPlans.PlanView plan, TrainingPlans.Indicator ind, int y, Long orgId) {
        CadreSearch.Where where = search.where(new CadreQuery(null, null, orgId, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
        Map<String, Object> params = new HashMap<>(where.params());
        Parts pt = parts(plan, ind, y, "", params);
        params.put("from", pt.from());
        params.put("yearEnd", LocalDate.of(y, 12, 31));
        String facts = """
                with people as (
                  select c.id from cadre_card c join org_unit o on o.id = c.org_id
                    left join party_unit p on p.id = c.party_org_id
                  %s%s
                ), agg as (
                  select pe.id,
                %s
                    from people pe
                    left join approved_credit a on a.cadre_id = pe.id
                         and a.credited_on between :from and :yearEnd
                   group by pe.id
                ), facts as (
                  select agg.*, %s as counted from agg
                )
                """.formatted(where.sql(), pt.group(), pt.aggregates(), pt.counted());
        return new Statement(facts, params, pt.windowStart(), LocalDate.of(y, 12, 31));
    }
}
