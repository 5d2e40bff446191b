package org.ganxun.people;

import org.ganxun.platform.db.Like;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.security.DataScope;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a {@link CadreQuery} plus the current user's data scope into SQL. Used by the roster list, the
 * Excel export (streamed, not paged) and the profile statistics, so they always agree on who is counted.
 */
@Component
public class CadreSearch {

    private static final Map<String, String> SORTS = Map.ofEntries(
            Map.entry("id", "c.id"), Map.entry("name", "c.name"), Map.entry("birthDate", "c.birth_date"),
            Map.entry("age", "c.birth_date"), Map.entry("orgName", "o.tree_key"),
            Map.entry("rankLevel", inDeclaredOrder("c.rank_level", RankLevel.class)),
            Map.entry("enteredWorkOn", "c.entered_work_on"), Map.entry("joinedPartyOn", "c.joined_party_on"),
            Map.entry("updatedAt", "c.updated_at"), Map.entry("staffCategory", inDeclaredOrder("c.staff_category", StaffCategory.class)),
            Map.entry("education", inDeclaredOrder("c.education", Education.class)));

    /**
     * Sorts a column of enum names in the order the enum declares (省部级 before 厅局级, 博士 before 硕士),
     * not alphabetically by the stored English names.
     */
    static String inDeclaredOrder(String column, Class<? extends Enum<?>> type) {
        StringBuilder names = new StringBuilder();
        for (Enum<?> e : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append('\'').append(e.name()).append('\'');
        }
        return "array_position(array[" + names + "], " + column + ")";
    }

    /**
     * A cadre's row with the labels of their codes. A political status stored without its GB/T 4762 code (rows written
     * before the code tables, or by the demo) reads as the one code that maps to it (中共党员 → 01); 民主党派 has none.
     */
    static final String SELECT = """
            select c.id, c.name, c.gender, c.ethnicity, c.birth_date, c.citizen_id_masked, c.education, c.political_status,
                   c.joined_party_on, c.org_id, o.name as org_name, c.post, c.rank_level, c.rank_grade, c.leadership,
                   c.staff_category, c.entered_work_on, c.phone, c.reserve_cadre, c.party_org_id, p.name as party_org_name,
                   c.mobile_member, c.status, c.version, ps_.code as political_status_code,
                   coalesce(ps_.short_name, ps_.name) as ps_label,
                   c.education_full_time, ft_.name as ft_label, c.education_in_service, is_.name as is_label,
                   c.rank_title, rt_.name as rt_label, c.leadership_basis
            from cadre c
            join org_unit o on o.id = c.org_id
            left join party_unit p on p.id = c.party_org_id
            left join (select maps_to, min(code) as code from code_item where code_set = 'POLITICAL_STATUS'
                       group by maps_to having count(*) = 1) ps1_ on ps1_.maps_to = c.political_status
            left join code_item ps_ on ps_.code_set = 'POLITICAL_STATUS'
                and ps_.code = coalesce(c.political_status_code, ps1_.code)
            left join code_item ft_ on ft_.code_set = 'EDUCATION' and ft_.code = c.education_full_time
            left join code_item is_ on is_.code_set = 'EDUCATION' and is_.code = c.education_in_service
            left join code_item rt_ on rt_.code_set = 'RANK_TITLE' and rt_.code = c.rank_title
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final DataScopes scopes;
    private final OrganizationTrees trees;
    private final FieldCipher cipher;
    private final Clock clock;

    CadreSearch(NamedParameterJdbcTemplate jdbc, javax.sql.DataSource dataSource, DataScopes scopes,
                OrganizationTrees trees, FieldCipher cipher, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        org.springframework.jdbc.core.JdbcTemplate t = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        t.setFetchSize(1000); // PostgreSQL streams with a cursor only inside a transaction and with a fetch size
        this.streaming = new NamedParameterJdbcTemplate(t);
        this.scopes = scopes;
        this.trees = trees;
        this.cipher = cipher;
    }

    /** A WHERE clause (starting with "where") and its parameters, for tables aliased c, o and p. */
    public record Where(String sql, Map<String, Object> params) {
    }

    public record Page(List<CadreView> rows, long total, int page, int size) {
    }

    public Where where(CadreQuery q) {
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>(scope.sqlParameters());
        StringBuilder w = new StringBuilder("where ").append(scope.sqlCondition("o.path", "p.path", "c.id"));
        if (q.status() != null) {
            w.append(" and c.status = :status");
            params.put("status", q.status().name());
        } else {
            w.append(" and c.status = 'ACTIVE'");
        }
        Long personId = PersonNo.parse(q.name());
        if (personId != null) {
            w.append(" and c.id = :personId"); // a 人员编号 typed into the name box
            params.put("personId", personId);
        } else if (q.name() != null && !q.name().isBlank()) {
            w.append(" and c.name like :name");
            params.put("name", Like.contains(q.name()));
        }
        if (q.citizenId() != null && !q.citizenId().isBlank()) {
            w.append(" and c.citizen_id_hash = :cidHash");
            params.put("cidHash", cipher.blindIndex(q.citizenId().strip().toUpperCase()));
        }
        if (q.orgId() != null) {
            String path = trees.requireVisible(Tree.ADMINISTRATIVE, q.orgId()).path();
            w.append(" and o.path like :orgPath");
            params.put("orgPath", path + "%");
        }
        if (q.partyOrgId() != null) {
            String path = trees.requireVisible(Tree.PARTY, q.partyOrgId()).path();
            w.append(" and p.path like :partyPath");
            params.put("partyPath", path + "%");
        }
        eq(w, params, "c.rank_level", "rankLevel", q.rankLevel());
        eq(w, params, "c.rank_grade", "rankGrade", q.rankGrade());
        eq(w, params, "c.staff_category", "staffCategory", q.staffCategory());
        eq(w, params, "c.gender", "gender", q.gender());
        eq(w, params, "c.education", "education", q.education());
        eq(w, params, "c.political_status", "politicalStatus", q.politicalStatus());
        if (q.partyMember() != null) {
            w.append(q.partyMember() ? " and c.political_status in ('CPC_MEMBER','CPC_PROBATIONARY')"
                    : " and c.political_status not in ('CPC_MEMBER','CPC_PROBATIONARY')");
        }
        bool(w, params, "c.reserve_cadre", "reserveCadre", q.reserveCadre());
        bool(w, params, "c.mobile_member", "mobileMember", q.mobileMember());
        bool(w, params, "c.leadership", "leadership", q.leadership());
        LocalDate today = LocalDate.now(clock);
        if (q.ageFrom() != null) {
            // age >= n  <=>  born on or before today minus n years
            w.append(" and c.birth_date <= :bornBefore");
            params.put("bornBefore", today.minusYears(q.ageFrom()));
        }
        if (q.ageTo() != null) {
            // age <= n  <=>  born after today minus (n+1) years
            w.append(" and c.birth_date > :bornAfter");
            params.put("bornAfter", today.minusYears(q.ageTo() + 1L));
        }
        return new Where(w.toString(), params);
    }

    /**
     * The statements of one roster page, in the order {@link #page} runs them: the count, the page's ids (the sort),
     * then the rows with their code labels for the ids found (parameter {@code ids}). Public so that a benchmark can
     * EXPLAIN the statements the page really runs rather than a copy.
     */
    public record PageStatements(String count, String ids, String rows, Map<String, Object> params) {
    }

    /** The statements and parameters of a page of the current user's roster (see {@link #page}); nothing runs. */
    public PageStatements pageStatements(CadreQuery q, int page, int size) {
        int p = Math.max(page, 1);
        int s = Math.min(Math.max(size, 1), 500);
        Where w = where(q);
        Map<String, Object> params = new HashMap<>(w.params());
        params.put("limit", s);
        params.put("offset", (long) (p - 1) * s);
        String from = "from cadre c join org_unit o on o.id = c.org_id left join party_unit p on p.id = c.party_org_id ";
        // the page's ids first, over the cadre, unit and party tables only; then the 20 rows with their code labels.
        // One statement joined the party unit and five code lookups to every cadre in scope before sorting (EXPLAIN
        // ANALYZE on the demo county, loaded machine: 80 ms, against 1.8 ms for the count over the same cadres;
        // docs/benchmarks.md)
        return new PageStatements("select count(*) " + from + w.sql(),
                "select c.id " + from + w.sql() + " order by " + orderBy(q.sort()) + " limit :limit offset :offset",
                SELECT + w.sql() + " and c.id in (:ids)", params);
    }

    @Transactional(readOnly = true)
    public Page page(CadreQuery q, int page, int size) {
        int p = Math.max(page, 1);
        int s = Math.min(Math.max(size, 1), 500);
        PageStatements st = pageStatements(q, page, size);
        Map<String, Object> params = new HashMap<>(st.params());
        Long total = jdbc.queryForObject(st.count(), params, Long.class);
        LocalDate today = LocalDate.now(clock);
        List<Long> ids = jdbc.queryForList(st.ids(), params, Long.class);
        if (ids.isEmpty()) {
            return new Page(List.of(), total == null ? 0 : total, p, s);
        }
        params.put("ids", ids);
        Map<Long, CadreView> byId = new HashMap<>();
        jdbc.query(st.rows(), params, (rs, i) -> view(rs, today)).forEach(v -> byId.put(v.id(), v));
        List<CadreView> rows = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        return new Page(rows, total == null ? 0 : total, p, s);
    }

    /** Streams every match in order without loading them all (for exports of the current filter). */
    @Transactional(readOnly = true)
    public void forEach(CadreQuery q, Consumer<CadreView> sink) {
        Where w = where(q);
        streaming.query(SELECT + w.sql() + " order by " + orderBy(q.sort()), w.params(),
                (RowCallbackHandler) rs -> sink.accept(view(rs, LocalDate.now(clock))));
    }

    static String orderBy(String sort) {
        if (sort == null || sort.isBlank()) {
            // the unit's stored, indexed tree key (V181): PostgreSQL reads the units in order and their first cadres
            // rather than sorting everyone in scope (the first page at ten times the demo county: 237 ms before)
            return "o.tree_key, c.id";
        }
        String[] parts = sort.split(",");
        String col = SORTS.get(parts[0].strip());
        if (col == null) {
            String asked = parts[0].strip();
            String shown = asked.length() > 20 ? asked.substring(0, 20) + "…" : asked;
            throw new org.ganxun.platform.web.BusinessException("不支持按“" + shown + "”排序",
                    List.of(new org.ganxun.platform.web.BusinessException.FieldProblem("sort", "不支持的排序字段")));
        }
        boolean desc = parts.length > 1 && parts[1].strip().equalsIgnoreCase("desc");
        if (parts[0].strip().equals("age")) {
            desc = !desc; // older means an earlier birth date
        }
        return col + (desc ? " desc nulls last" : " asc nulls last") + ", c.id";
    }

    private static void eq(StringBuilder w, Map<String, Object> params, String column, String name, Enum<?> value) {
        if (value != null) {
            w.append(" and ").append(column).append(" = :").append(name);
            params.put(name, value.name());
        }
    }

    private static void bool(StringBuilder w, Map<String, Object> params, String column, String name, Boolean value) {
        if (value != null) {
            w.append(" and ").append(column).append(" = :").append(name);
            params.put(name, value);
        }
    }

    /** The row as a cadre, with the age on the users' day {@code today}. */
    static CadreView view(ResultSet rs, LocalDate today) throws SQLException {
        Gender g = Gender.valueOf(rs.getString("gender"));
        LocalDate birth = rs.getObject("birth_date", LocalDate.class);
        Education edu = enumOrNull(Education.class, rs.getString("education"));
        PoliticalStatus ps = PoliticalStatus.valueOf(rs.getString("political_status"));
        RankLevel rl = enumOrNull(RankLevel.class, rs.getString("rank_level"));
        RankGrade rg = enumOrNull(RankGrade.class, rs.getString("rank_grade"));
        StaffCategory sc = StaffCategory.valueOf(rs.getString("staff_category"));
        CadreStatus st = CadreStatus.valueOf(rs.getString("status"));
        String psLabel = rs.getString("ps_label");
        return new CadreView(rs.getLong("id"), rs.getString("name"), g, g.label(), rs.getString("ethnicity"), birth,
                Period.between(birth, today).getYears(), rs.getString("citizen_id_masked"), edu,
                edu == null ? null : edu.label(), ps, psLabel != null ? psLabel : ps.label(), rs.getObject("joined_party_on", LocalDate.class),
                rs.getLong("org_id"), rs.getString("org_name"), rs.getString("post"), rl, rl == null ? null : rl.label(),
                rg, rg == null ? null : rg.label(), rs.getBoolean("leadership"), sc, sc.label(),
                rs.getObject("entered_work_on", LocalDate.class), rs.getString("phone"), rs.getBoolean("reserve_cadre"),
                rs.getObject("party_org_id", Long.class), rs.getString("party_org_name"), rs.getBoolean("mobile_member"),
                st, st.label(), rs.getInt("version"), PersonNo.of(rs.getLong("id")), rs.getString("political_status_code"),
                rs.getString("education_full_time"), rs.getString("ft_label"), rs.getString("education_in_service"),
                rs.getString("is_label"), rs.getString("rank_title"), rs.getString("rt_label"), rs.getString("leadership_basis"));
    }

    static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }
}
