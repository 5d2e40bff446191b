package org.ganxun.planning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.CadreSearch;
import org.ganxun.people.PersonNo;
import org.ganxun.people.RankLevel;
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
    static final String COURSES = "('CLASS_COMPLETION','EXTERNAL_TRAINING')";
    static final int DEFAULT_UNTRAINED_WINDOW = 3;
    static final int MAX_PAGE = 200;

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

    IndicatorFigures(TrainingPlans plans, CadreSearch search, NamedParameterJdbcTemplate jdbc, OrganizationTrees trees, DataScopes scopes) {
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
        List<Figure> figures = new ArrayList<>();
        for (TrainingPlans.Indicator ind : plan.indicators()) {
            figures.add(figure(plan, ind, y, sub.orgId()));
        }
        return new Dashboard(plan.id(), plan.title(), plan.startYear(), plan.endYear(), y, y == Year.now().getValue(),
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
                   join cadre c on c.id = f.id join organization o on o.id = c.org_id
                  where\s""" + filter + " order by f.counted, tree_path_key(o.path), c.name, c.id limit :limit offset :offset",
                params, (rs, i) -> {
                    String level = rs.getString("rank_level");
                    return new Person(rs.getLong("id"), PersonNo.of(rs.getLong("id")), rs.getString("name"), rs.getString("unit"),
                            level, level == null ? "未定级" : RankLevel.valueOf(level).label(), rs.getBoolean("counted"),
                            rs.getLong("courses"), rs.getBigDecimal("hours"), rs.getBigDecimal("days"));
                });
        return new People(ind.id(), ind.name(), y, ind.definition(), rows, total == null ? 0 : total, pageNo, pageSize);
    }

    private static int year(TrainingPlans.PlanView plan, Integer year) {
        int thisYear = Year.now().getValue();
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

    private Figure figure(TrainingPlans.PlanView plan, TrainingPlans.Indicator ind, int y, Long orgId) {
        Statement st = statement(plan, ind, y, orgId);
        Map<String, Object> row = jdbc.queryForMap(st.facts() + """
                 select count(*) as population, count(*) filter (where f.counted) as counted,
                        coalesce(sum(f.hours), 0) as hours from facts f""", st.params());
        long population = ((Number) row.get("population")).longValue();
        long counted = ((Number) row.get("counted")).longValue();
        BigDecimal hours = (BigDecimal) row.get("hours");
        BigDecimal value = value(ind.kind(), population, counted, hours);
        BigDecimal target = ind.targetFor(y);
        Light light = light(ind.kind().lowerIsBetter(), value, target);
        return new Figure(ind.id(), ind.name(), ind.kind(), ind.kindLabel(), ind.unit(), ind.lowerIsBetter(), population, counted,
                hours, value, target, light, light.label(), ind.definition(), ind.requirementCode(), st.from(), st.to());
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

    private Statement statement(TrainingPlans.PlanView plan, TrainingPlans.Indicator ind, int y, Long orgId) {
        CadreQuery q = new CadreQuery(null, null, orgId, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
        CadreSearch.Where where = search.where(q);
        Map<String, Object> params = new HashMap<>(where.params());
        StringBuilder group = new StringBuilder();
        if (!ind.rankLevels().isEmpty()) {
            group.append(" and c.rank_level in (:gLevels)");
            params.put("gLevels", ind.rankLevels());
        }
        if (!ind.staffCategories().isEmpty()) {
            group.append(" and c.staff_category in (:gCategories)");
            params.put("gCategories", ind.staffCategories());
        }
        if (ind.leadership() != null) {
            group.append(" and c.leadership = :gLeadership");
            params.put("gLeadership", ind.leadership());
        }
        if (ind.partyMember() != null) {
            group.append(ind.partyMember() ? " and c.political_status in ('CPC_MEMBER','CPC_PROBATIONARY')"
                    : " and c.political_status not in ('CPC_MEMBER','CPC_PROBATIONARY')");
        }
        if (ind.maxAge() != null) {
            // age on the 31st of December of the year = year - birth year; at most maxAge: born in year - maxAge or later
            group.append(" and c.birth_date >= :gBornFrom");
            params.put("gBornFrom", LocalDate.of(y - ind.maxAge(), 1, 1));
        }
        LocalDate yearStart = LocalDate.of(y, 1, 1);
        LocalDate yearEnd = LocalDate.of(y, 12, 31);
        LocalDate windowStart = switch (ind.kind()) {
            case COVERAGE -> ind.windowYears() == null ? LocalDate.of(plan.startYear(), 1, 1) : LocalDate.of(y - ind.windowYears() + 1, 1, 1);
            case UNTRAINED_SHARE -> LocalDate.of(y - (ind.windowYears() == null ? DEFAULT_UNTRAINED_WINDOW : ind.windowYears()) + 1, 1, 1);
            default -> yearStart;
        };
        LocalDate from = windowStart.isBefore(yearStart) ? windowStart : yearStart;
        params.put("yearStart", yearStart);
        params.put("yearEnd", yearEnd);
        params.put("windowStart", windowStart);
        params.put("from", from);
        String delivery = switch (ind.delivery()) {
            case "ONLINE" -> " and a.delivery = 'ONLINE'";
            case "NOT_ONLINE" -> " and a.delivery <> 'ONLINE'";
            default -> "";
        };
        String course = "a.source in " + COURSES + (ind.fullTimeOnly() ? " and a.full_time" : "") + " and a.credited_on >= :windowStart";
        String inYear = "a.credited_on >= :yearStart" + delivery;
        String counted = switch (ind.kind()) {
            case COVERAGE -> "courses > 0";
            case UNTRAINED_SHARE -> "courses = 0";
            case HOURS_PER_HEAD -> "hours > 0";
            case ATTAINMENT -> {
                params.put("tHours", ind.thresholdHours());
                String c = "hours >= :tHours";
                if (ind.thresholdDays() != null) {
                    params.put("tDays", ind.thresholdDays());
                    c += " or days >= :tDays";
                }
                yield "(" + c + ")";
            }
        };
        String facts = """
                with people as (
                  select c.id from cadre c join organization o on o.id = c.org_id
                    left join party_organization p on p.id = c.party_org_id
                  %s%s
                ), agg as (
                  select pe.id,
                         count(a.id) filter (where %s) as courses,
                         coalesce(sum(a.hours) filter (where %s), 0) as hours,
                         coalesce(sum(a.days) filter (where %s), 0) as days
                    from people pe
                    left join archive_entry a on a.cadre_id = pe.id and a.status = 'APPROVED'
                         and a.credited_on between :from and :yearEnd
                   group by pe.id
                ), facts as (
                  select agg.*, %s as counted from agg
                )
                """.formatted(where.sql(), group, course, inYear, inYear, counted);
        return new Statement(facts, params, windowStart, yearEnd);
    }
}
