package org.ganxun.compliance.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.compliance.internal.standing.Standing;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.CadreSearch;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is short, by how much: the materialised standings of the people in a unit's subtree, filtered and
 * sorted on the server, within the user's data scope (the roster's own filter, so counts agree).
 */
@Service
public class ComplianceDashboard {

    private static final Map<String, String> SORTS = Map.of(
            "missingHours", "s.missing_hours", "countedHours", "s.counted_hours", "requiredHours", "s.required_hours",
            "name", "c.name", "orgName", "tree_path_key(o.path)", "deadline", "s.deadline", "status", "s.status", "title", "s.code");

    private final NamedParameterJdbcTemplate jdbc;
    private final CadreSearch search;

    ComplianceDashboard(NamedParameterJdbcTemplate jdbc, CadreSearch search) {
        this.jdbc = jdbc;
        this.search = search;
    }

    /**
     * One person's standing against one requirement. The days are null unless the requirement is met by days or
     * hours (条例第十四条); {@code shortfall} says what is missing in both ("2天或18学时"), null when nothing is.
     */
    public record Row(long cadreId, String name, String orgName, String post, String code, String title, String status,
                      BigDecimal requiredHours, BigDecimal countedHours, BigDecimal missingHours, LocalDate deadline, LocalDate asOf,
                      BigDecimal requiredDays, BigDecimal countedDays, BigDecimal missingDays, String shortfall) {
    }

    public record Summary(String code, String title, long total, long met, long shortCount, long overdue) {
    }

    public record Page(List<Summary> summary, List<Row> rows, long total, int page, int size) {
    }

    /**
     * The dashboard's filters, all optional: a unit (and everything under it), a requirement, a status, a name,
     * the person's rank level, staff category, leading post or not, and at least this many hours missing.
     */
    public record Query(Long orgId, String code, String status, String name, RankLevel rankLevel, StaffCategory staffCategory,
                        Boolean leadership, BigDecimal minMissing, String sort) {
    }

    @Transactional(readOnly = true)
    public Page page(Long orgId, String code, String status, String name, String sort, int page, int size) {
        return page(new Query(orgId, code, status, name, null, null, null, null, sort), page, size);
    }

    @Transactional(readOnly = true)
    public Page page(Query q, int page, int size) {
        String sort = q.sort();
        Map<String, Object> params = new HashMap<>();
        StringBuilder filter = filter(q, params);
        StringBuilder narrowed = new StringBuilder();
        narrow(q, narrowed, params);
        // the cards and the number of rows matching in one pass (a window count over the page's statement kept every
        // row of the county in memory before the limit)
        long[] total = {0};
        List<Summary> summary = summary(filter, narrowed.isEmpty() ? "true" : narrowed.substring(" and ".length()), params, total);
        int p = Math.max(page, 1);
        int s = Math.min(Math.max(size, 1), 500);
        params.put("limit", s);
        params.put("offset", (long) (p - 1) * s);
        List<Row> rows = jdbc.query(SELECT + FROM + filter + narrowed + " order by " + orderBy(sort) + " limit :limit offset :offset",
                params, this::row);
        return new Page(summary, rows, total[0], p, s);
    }

    /** The cards only (the workbench's counts): the filters' standings by requirement, without their rows. */
    @Transactional(readOnly = true)
    public List<Summary> summary(Query q) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder filter = filter(q, params);
        return summary(filter, "true", params, new long[1]);
    }

    /** By requirement over {@code filter}; {@code matching[0]} gets the number of those rows that meet {@code narrow}. */
    private List<Summary> summary(CharSequence filter, String narrow, Map<String, Object> params, long[] matching) {
        String summarySql = "select s.code, min(s.title) as title, count(*) as total, count(*) filter (where s.status = 'MET') as met,"
                + " count(*) filter (where s.status = 'SHORT') as short_count, count(*) filter (where s.status = 'OVERDUE') as overdue,"
                + " count(*) filter (where " + narrow + ") as matching"
                + FROM + filter + " group by s.code order by s.code";
        return jdbc.query(summarySql, params, (rs, i) -> {
            matching[0] += rs.getLong("matching");
            return new Summary(rs.getString("code"), rs.getString("title"), rs.getLong("total"), rs.getLong("met"),
                    rs.getLong("short_count"), rs.getLong("overdue"));
        });
    }

    /** The people in scope and the requirement asked (the page's summary counts all statuses): the condition; its parameters go into {@code params}. */
    private StringBuilder filter(Query q, Map<String, Object> params) {
        CadreSearch.Where w = where(q);
        params.putAll(w.params());
        StringBuilder filter = new StringBuilder(w.sql());
        if (q.code() != null && !q.code().isBlank()) {
            filter.append(" and s.code = :code");
            params.put("code", q.code());
        }
        return filter;
    }

    /** Everything matching, for the Excel export. */
    @Transactional(readOnly = true)
    public List<Row> all(Query q) {
        String sort = q.sort();
        Map<String, Object> params = new HashMap<>();
        StringBuilder filter = filter(q, params);
        narrow(q, filter, params);
        return jdbc.query(SELECT + FROM + filter + " order by " + orderBy(sort), params, this::row);
    }

    private CadreSearch.Where where(Query q) {
        return search.where(new CadreQuery(q.name(), null, q.orgId(), null, q.rankLevel(), null, q.staffCategory(),
                null, null, null, null, null, null, q.leadership(), null, null, null, null));
    }

    /** Status and hours missing narrow the rows, not the summary cards (which count everyone filtered so far). */
    private static void narrow(Query q, StringBuilder filter, Map<String, Object> params) {
        if (q.status() != null && !q.status().isBlank()) {
            filter.append(" and s.status = :status");
            params.put("status", q.status());
        }
        if (q.minMissing() != null && q.minMissing().signum() > 0) {
            filter.append(" and s.missing_hours >= :minMissing");
            params.put("minMissing", q.minMissing());
        }
    }

    private static String orderBy(String sort) {
        if (sort == null || sort.isBlank()) {
            return "s.missing_hours desc, tree_path_key(o.path), c.id";
        }
        String[] parts = sort.split(",");
        String col = SORTS.get(parts[0].strip());
        if (col == null) {
            throw new org.ganxun.platform.web.BusinessException("不支持按“" + parts[0] + "”排序");
        }
        return col + (parts.length > 1 && parts[1].strip().equalsIgnoreCase("desc") ? " desc" : " asc") + ", c.id";
    }

    private static final String SELECT = """
            select s.cadre_id, c.name, o.name as org_name, c.post, s.code, s.title, s.status, s.required_hours,
                   s.counted_hours, s.missing_hours, s.deadline, s.as_of, s.required_days, s.counted_days, s.missing_days""";

    private static final String FROM = """
             from cadre_standing s
             join cadre_card c on c.id = s.cadre_id
             join org_unit o on o.id = c.org_id
             left join party_unit p on p.id = c.party_org_id
            """;

    private Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(rs.getLong("cadre_id"), rs.getString("name"), rs.getString("org_name"), rs.getString("post"),
                rs.getString("code"), rs.getString("title"), rs.getString("status"), rs.getBigDecimal("required_hours"),
                rs.getBigDecimal("counted_hours"), rs.getBigDecimal("missing_hours"), rs.getObject("deadline", LocalDate.class),
                rs.getObject("as_of", LocalDate.class), rs.getBigDecimal("required_days"), rs.getBigDecimal("counted_days"),
                rs.getBigDecimal("missing_days"), Standing.shortfall(rs.getBigDecimal("missing_hours"), rs.getBigDecimal("missing_days")));
    }
}
