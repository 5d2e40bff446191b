package org.ganxun.archive.internal.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.CadreSearch;
import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The yearly training figures a county reports by hand today (seed 002: "共举办各类培训班…期次，培训党员干部…人次，
 * 其中处级领导干部…人次…网络培训率…每人每年学时数平均…"), and the figures that show whether chances are spread
 * (seed 000: the same people trained again and again, 副科级以下 and village cadres never): who has had no
 * training course in three years, who has had three or more.
 *
 * <p>Counted from the learning archive's approved entries, so every figure has its source entries. "Trained"
 * means a 培训班 completion or recognised 外出培训 ({@link #COURSES}); group study (中心组, 主题党日) adds hours but
 * is not a training course. People are the roster's active cadres under the filters and the user's data scope
 * ({@link CadreSearch#where}, as the roster and the profile table), each counted under their current unit and
 * rank.
 */
@Service
public class TrainingStatistics {

    /** Archive sources that are a training course taken (培训班结业, 外出培训认定). */
    static final String COURSES = "('CLASS_COMPLETION','EXTERNAL_TRAINING')";
    /** The window of the "never trained" and "trained again and again" figures, in years ending with the year asked. */
    static final int WINDOW_YEARS = 3;
    /** Courses in the window from which a person counts as trained again and again. */
    static final int FREQUENT = 3;

    public record Row(String key, String label, long cadres, long trained, BigDecimal trainedShare, long personTimes,
                      long onlineTrained, BigDecimal onlineShare, BigDecimal hoursPerHead, BigDecimal concentratedHoursPerHead,
                      BigDecimal onlineHoursPerHead, long untrainedInWindow, BigDecimal untrainedShare, long frequentInWindow) {
    }

    /**
     * The year's figures over the filtered people: in total, by rank level (in the order of {@link RankLevel}, then
     * 未定级), and by unit (each unit directly under the chosen one with everything under it; the chosen unit's own
     * people as 本级). {@code classes} is the number of distinct 培训班 the people completed that year.
     */
    public record Report(String scopeName, int year, LocalDate from, LocalDate to, int windowYears, long classes, Row total,
                         List<Row> byRank, List<Row> byUnit) {
    }

    private final CadreSearch search;
    private final NamedParameterJdbcTemplate jdbc;
    private final OrganizationTrees trees;
    private final DataScopes scopes;
    private final Clock clock;

    TrainingStatistics(CadreSearch search, NamedParameterJdbcTemplate jdbc, OrganizationTrees trees, DataScopes scopes, Clock clock) {
        this.clock = clock;
        this.search = search;
        this.jdbc = jdbc;
        this.trees = trees;
        this.scopes = scopes;
    }

    @Transactional(readOnly = true)
    public Report report(int year, CadreQuery query) {
        int thisYear = Year.now(clock).getValue();
        if (year < 2000 || year > thisYear) {
            throw new BusinessException("统计年度应在2000年至" + thisYear + "年之间");
        }
        CadreQuery q = query == null ? CadreQuery.all() : query;
        CadreSearch.Where where = search.where(q);
        Map<String, Object> params = new HashMap<>(where.params());
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        params.put("yearStart", from);
        params.put("yearEnd", to);
        params.put("windowStart", LocalDate.of(year - WINDOW_YEARS + 1, 1, 1));
        params.put("frequent", FREQUENT);
        Root root = root(q);
        params.put("rootPath", root.path() == null ? "/" : root.path());

        List<Row> byRank = new ArrayList<>();
        List<Row> byUnit = new ArrayList<>();
        Row[] total = {null};
        jdbc.query(sql(where.sql(), root.path() != null), params, rs -> {
            boolean rankRow = rs.getInt("g_rank") == 0;
            boolean unitRow = rs.getInt("g_unit") == 0;
            if (rankRow) {
                String level = rs.getString("rank_level");
                byRank.add(row(rs, level == null ? "UNRANKED" : level, level == null ? "未定级" : RankLevel.valueOf(level).label()));
            } else if (unitRow) {
                long unit = rs.getLong("unit");
                byUnit.add(row(rs, String.valueOf(unit), unit == 0 ? root.name() + "（本级）" : rs.getString("unit_name")));
            } else {
                total[0] = row(rs, "TOTAL", "合计");
            }
        });
        byRank.sort(Comparator.comparingInt(r -> r.key().equals("UNRANKED") ? Integer.MAX_VALUE : RankLevel.valueOf(r.key()).ordinal()));
        Row sum = total[0] != null ? total[0] : new Row("TOTAL", "合计", 0, 0, share(0, 0), 0, 0, share(0, 0),
                perHead(BigDecimal.ZERO, 0), perHead(BigDecimal.ZERO, 0), perHead(BigDecimal.ZERO, 0), 0, share(0, 0), 0);
        Long classes = jdbc.queryForObject("""
                select count(distinct a.source_ref) from archive_entry a
                 join cadre_card c on c.id = a.cadre_id join org_unit o on o.id = c.org_id
                 left join party_unit p on p.id = c.party_org_id
                """ + where.sql() + """
                 and a.status = 'APPROVED' and a.source = 'CLASS_COMPLETION' and a.credited_on between :yearStart and :yearEnd
                """, params, Long.class);
        return new Report(root.name(), year, from, to, WINDOW_YEARS, classes == null ? 0 : classes, sum, byRank,
                root.orgScoped() ? byUnit : List.of());
    }

    /**
     * The unit whose children make the by-unit rows; {@code path} null means the top of the tree. A party
     * organisation's people (a branch secretary's scope) have no unit breakdown ({@code orgScoped} false).
     */
    private record Root(String path, String name, boolean orgScoped) {
    }

    private Root root(CadreQuery q) {
        if (q.orgId() != null) {
            var node = trees.requireVisible(Tree.ADMINISTRATIVE, q.orgId());
            return new Root(node.path(), node.name(), true);
        }
        if (q.partyOrgId() != null) {
            var node = trees.requireVisible(Tree.PARTY, q.partyOrgId());
            return new Root(null, node.name(), false);
        }
        DataScope scope = scopes.current();
        if (scope.all()) {
            List<Map<String, Object>> tops = jdbc.queryForList(
                    "select path, name from org_unit where parent_id is null and not retired order by sort_order, id", Map.of());
            if (tops.size() == 1) {
                return new Root((String) tops.get(0).get("path"), (String) tops.get(0).get("name"), true);
            }
            return new Root(null, "全部单位", true);
        }
        if (scope.orgPath() != null) {
            String name = jdbc.query("select name from org_unit where path = :p", Map.of("p", scope.orgPath()),
                    rs -> rs.next() ? rs.getString(1) : "本单位");
            return new Root(scope.orgPath(), name, true);
        }
        if (scope.partyOrgPath() != null) {
            String name = jdbc.query("select name from party_unit where path = :p", Map.of("p", scope.partyOrgPath()),
                    rs -> rs.next() ? rs.getString(1) : "本党组织");
            return new Root(null, name, false);
        }
        return new Root(null, "本人", false);
    }

    /**
     * One statement: each filtered person with their year's and window's course counts and hours, then grouping
     * sets by rank level, by unit under the root, and overall. The unit of a person is the id in their unit's path
     * right after the root's (0 for the root's own people); without a root, the top-level unit.
     */
    private static String sql(String where, boolean hasRoot) {
        String unit = hasRoot
                ? "case when o.path = :rootPath then 0 else split_part(substr(o.path, length(:rootPath) + 1), '/', 1)::bigint end"
                : "split_part(o.path, '/', 2)::bigint";
        return """
                with people as (
                  select c.id, c.rank_level, %s as unit
                    from cadre_card c join org_unit o on o.id = c.org_id
                    left join party_unit p on p.id = c.party_org_id
                  %s
                ), hours as (
                  select a.cadre_id,
                         count(*) filter (where a.source in %s and a.credited_on >= :yearStart) as courses_year,
                         count(*) filter (where a.source in %s) as courses_window,
                         count(*) filter (where a.source = 'ONLINE_COURSE' and a.credited_on >= :yearStart) as online_year,
                         coalesce(sum(a.hours) filter (where a.credited_on >= :yearStart), 0) as hours_year,
                         coalesce(sum(a.hours) filter (where a.credited_on >= :yearStart and a.delivery = 'CONCENTRATED'), 0) as concentrated_year,
                         coalesce(sum(a.hours) filter (where a.credited_on >= :yearStart and a.delivery = 'ONLINE'), 0) as online_hours_year
                    from archive_entry a join people on people.id = a.cadre_id
                   where a.status = 'APPROVED' and a.credited_on between :windowStart and :yearEnd
                   group by a.cadre_id
                )
                select grouping(x.rank_level) as g_rank, grouping(x.unit) as g_unit, x.rank_level, x.unit,
                       (select u.name from org_unit u where u.id = x.unit) as unit_name,
                       count(*) as cadres,
                       count(*) filter (where h.courses_year > 0) as trained,
                       coalesce(sum(h.courses_year), 0) as person_times,
                       count(*) filter (where h.online_year > 0) as online_trained,
                       coalesce(sum(h.hours_year), 0) as hours,
                       coalesce(sum(h.concentrated_year), 0) as concentrated_hours,
                       coalesce(sum(h.online_hours_year), 0) as online_hours,
                       count(*) filter (where coalesce(h.courses_window, 0) = 0) as untrained_window,
                       count(*) filter (where h.courses_window >= :frequent) as frequent_window
                  from people x left join hours h on h.cadre_id = x.id
                 group by grouping sets ((x.rank_level), (x.unit), ())
                 order by (select tree_path_key(u.path) from org_unit u where u.id = x.unit) nulls first
                """.formatted(unit, where, COURSES, COURSES);
    }

    private static Row row(ResultSet rs, String key, String label) throws SQLException {
        long cadres = rs.getLong("cadres");
        long trained = rs.getLong("trained");
        long online = rs.getLong("online_trained");
        long untrained = rs.getLong("untrained_window");
        return new Row(key, label, cadres, trained, share(trained, cadres), rs.getLong("person_times"), online, share(online, cadres),
                perHead(rs.getBigDecimal("hours"), cadres), perHead(rs.getBigDecimal("concentrated_hours"), cadres),
                perHead(rs.getBigDecimal("online_hours"), cadres), untrained, share(untrained, cadres), rs.getLong("frequent_window"));
    }

    /** Percent with one decimal, half up; 0.0 when there is nobody. */
    static BigDecimal share(long count, long total) {
        if (total == 0) {
            return BigDecimal.ZERO.setScale(1);
        }
        return BigDecimal.valueOf(count * 100).divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
    }

    /** 学时 per person with one decimal, half up. */
    static BigDecimal perHead(BigDecimal hours, long people) {
        if (people == 0 || hours == null) {
            return BigDecimal.ZERO.setScale(1);
        }
        return hours.divide(BigDecimal.valueOf(people), 1, RoundingMode.HALF_UP);
    }
}
