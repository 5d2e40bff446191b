package org.ganxun.people.internal.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
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
import org.ganxun.platform.security.DataScope;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the {@link CadreProfile} over the roster filters and the user's data scope. The filters go
 * through {@link CadreSearch#where}, the same clause the roster list uses, so the table and the list always
 * count the same people. All figures come from one SQL statement ({@code count(*) filter (where ...)}).
 */
@Service
public class CadreProfileStatistics {

    /** Party members (and probationary members); everyone else is 党外 in this table. */
    private static final String PARTY = "('CPC_MEMBER','CPC_PROBATIONARY')";
    private static final String ASSOCIATE_OR_ABOVE = "('DOCTORATE','MASTER','BACHELOR','ASSOCIATE')";
    private static final String SECONDARY_OR_BELOW = "('TECHNICAL_SECONDARY','HIGH_SCHOOL','BELOW_HIGH_SCHOOL')";

    private record Figure(String section, String key, String label, String condition) {
    }

    private static final Map<String, String> SECTION_TITLES = new LinkedHashMap<>();

    static {
        SECTION_TITLES.put("rank", "职级");
        SECTION_TITLES.put("women", "女干部");
        SECTION_TITLES.put("minority", "少数民族干部");
        SECTION_TITLES.put("nonParty", "党外干部");
        SECTION_TITLES.put("education", "学历");
        SECTION_TITLES.put("age", "年龄");
    }

    /**
     * Every figure of the table, in the order shown. Rank items add up to the total: a cadre without a rank
     * level, or with a leading level but no 正/副 grade, is 未定级. Ages are as of {@code :asOf}: a person
     * who turns 35 on that day is 35 (so in 35-44), and likewise at 45.
     */
    private static final List<Figure> FIGURES = List.of(
            new Figure("rank", "PROVINCIAL_PRINCIPAL", "正部级", "c.rank_level = 'PROVINCIAL' and c.rank_grade = 'PRINCIPAL'"),
            new Figure("rank", "PROVINCIAL_DEPUTY", "副部级", "c.rank_level = 'PROVINCIAL' and c.rank_grade = 'DEPUTY'"),
            new Figure("rank", "BUREAU_PRINCIPAL", "正厅级", "c.rank_level = 'BUREAU' and c.rank_grade = 'PRINCIPAL'"),
            new Figure("rank", "BUREAU_DEPUTY", "副厅级", "c.rank_level = 'BUREAU' and c.rank_grade = 'DEPUTY'"),
            new Figure("rank", "COUNTY_PRINCIPAL", "正处级", "c.rank_level = 'COUNTY' and c.rank_grade = 'PRINCIPAL'"),
            new Figure("rank", "COUNTY_DEPUTY", "副处级", "c.rank_level = 'COUNTY' and c.rank_grade = 'DEPUTY'"),
            new Figure("rank", "TOWNSHIP_PRINCIPAL", "正科级", "c.rank_level = 'TOWNSHIP' and c.rank_grade = 'PRINCIPAL'"),
            new Figure("rank", "TOWNSHIP_DEPUTY", "副科级", "c.rank_level = 'TOWNSHIP' and c.rank_grade = 'DEPUTY'"),
            new Figure("rank", "STAFF", "科员及以下", "c.rank_level = 'STAFF'"),
            new Figure("rank", "UNRANKED", "未定级", "c.rank_level is null or (c.rank_level <> 'STAFF' and c.rank_grade is null)"),
            new Figure("women", "FEMALE", "女干部", "c.gender = 'FEMALE'"),
            new Figure("minority", "MINORITY", "少数民族干部",
                    "c.ethnicity not in ('汉族', '汉', '')"),
            new Figure("nonParty", "NON_PARTY", "党外干部", "c.political_status not in " + PARTY),
            new Figure("education", "ASSOCIATE_OR_ABOVE", "专科及以上", "c.education in " + ASSOCIATE_OR_ABOVE),
            new Figure("education", "POSTGRADUATE", "研究生", "c.education in ('DOCTORATE','MASTER')"),
            new Figure("education", "BACHELOR", "本科", "c.education = 'BACHELOR'"),
            new Figure("education", "ASSOCIATE", "专科", "c.education = 'ASSOCIATE'"),
            new Figure("education", "SECONDARY_OR_BELOW", "中专及以下", "c.education in " + SECONDARY_OR_BELOW),
            new Figure("education", "UNKNOWN", "未填写", "c.education is null"),
            new Figure("age", "UNDER_35", "35岁以下", "c.birth_date > :born35"),
            new Figure("age", "35_44", "35-44岁", "c.birth_date <= :born35 and c.birth_date > :born45"),
            new Figure("age", "45_PLUS", "45岁及以上", "c.birth_date <= :born45"));

    private static final String SQL;

    static {
        StringBuilder sb = new StringBuilder("select count(*) as total");
        for (int i = 0; i < FIGURES.size(); i++) {
            sb.append(",\n  count(*) filter (where ").append(FIGURES.get(i).condition()).append(") as f").append(i);
        }
        sb.append("\nfrom cadre c join org_unit o on o.id = c.org_id")
                .append(" left join party_unit p on p.id = c.party_org_id\n");
        SQL = sb.toString();
    }

    private final CadreSearch search;
    private final NamedParameterJdbcTemplate jdbc;
    private final JdbcClient client;
    private final OrganizationTrees trees;
    private final DataScopes scopes;
    private final Clock clock;

    CadreProfileStatistics(CadreSearch search, NamedParameterJdbcTemplate jdbc, JdbcClient client,
                           OrganizationTrees trees, DataScopes scopes, Clock clock) {
        this.clock = clock;
        this.search = search;
        this.jdbc = jdbc;
        this.client = client;
        this.trees = trees;
        this.scopes = scopes;
    }

    /** The table over the roster filters within the current user's scope; ages as of {@code asOf} (default today). */
    @Transactional(readOnly = true)
    public CadreProfile profile(CadreQuery query, LocalDate asOf) {
        CadreQuery q = query == null ? CadreQuery.all() : query;
        LocalDate on = asOf == null ? LocalDate.now(clock) : asOf;
        CadreSearch.Where where = search.where(q);
        Map<String, Object> params = new HashMap<>(where.params());
        params.put("born35", on.minusYears(35));
        params.put("born45", on.minusYears(45));
        long[] counts = jdbc.query(SQL + where.sql(), params, rs -> {
            rs.next();
            long[] out = new long[FIGURES.size() + 1];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getLong(i + 1);
            }
            return out;
        });
        long total = counts[0];
        Map<String, List<CadreProfile.Item>> bySection = new LinkedHashMap<>();
        SECTION_TITLES.keySet().forEach(k -> bySection.put(k, new ArrayList<>()));
        for (int i = 0; i < FIGURES.size(); i++) {
            Figure f = FIGURES.get(i);
            bySection.get(f.section()).add(new CadreProfile.Item(f.key(), f.label(), counts[i + 1], share(counts[i + 1], total)));
        }
        List<CadreProfile.Section> sections = new ArrayList<>();
        bySection.forEach((k, items) -> sections.add(new CadreProfile.Section(k, SECTION_TITLES.get(k), List.copyOf(items))));
        return new CadreProfile(scopeName(q), on, total, List.copyOf(sections));
    }

    /** The query plan of the statement for these filters (for the benchmark). */
    @Transactional(readOnly = true)
    String explain(CadreQuery q, LocalDate asOf) {
        CadreSearch.Where where = search.where(q);
        Map<String, Object> params = new HashMap<>(where.params());
        params.put("born35", asOf.minusYears(35));
        params.put("born45", asOf.minusYears(45));
        return String.join("\n", jdbc.queryForList("explain (analyze, buffers) " + SQL + where.sql(), params, String.class));
    }

    /** Percent of total with one decimal, rounded half up; 0.0 when there is nobody. */
    static BigDecimal share(long count, long total) {
        if (total == 0) {
            return BigDecimal.ZERO.setScale(1);
        }
        return BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
    }

    /** What the table is about: the chosen unit, else the chosen party organisation, else the user's scope. */
    private String scopeName(CadreQuery q) {
        if (q.orgId() != null) {
            return trees.requireVisible(Tree.ADMINISTRATIVE, q.orgId()).name();
        }
        if (q.partyOrgId() != null) {
            return trees.requireVisible(Tree.PARTY, q.partyOrgId()).name();
        }
        DataScope scope = scopes.current();
        if (!scope.all()) {
            if (scope.orgPath() != null) {
                return nameByPath("organization", scope.orgPath());
            }
            if (scope.partyOrgPath() != null) {
                return nameByPath("party_organization", scope.partyOrgPath());
            }
            return "本人";
        }
        List<String> roots = client.sql("select name from org_unit where parent_id is null and not retired order by sort_order, id")
                .query(String.class).list();
        return roots.size() == 1 ? roots.get(0) : "全部单位";
    }

    private String nameByPath(String table, String path) {
        return client.sql("select name from " + table + " where path = ?").param(path).query(String.class)
                .optional().orElse("本单位");
    }
}
