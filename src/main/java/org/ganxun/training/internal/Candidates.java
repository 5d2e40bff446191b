package org.ganxun.training.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.people.CadreQuery;
import org.ganxun.people.CadreSearch;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.training.forclassroom.ClassRows;
import org.ganxun.training.ArchivedTraining;
import org.ganxun.training.Enrollments;
import org.ganxun.training.TrainingClasses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people a liaison may nominate for a class, in a suggested order so the same faces are not sent every
 * time (seed 000: 副科级以下 staff and village committee members had never been trained).
 * <p>
 * The rule ({@link #RULE}): fewest classes in the last three years first; among equals, the one whose
 * last class ended longest ago (never trained first); then fewest 学时 credited this year; then by unit.
 * "Classes" are this system's enrollments that held a seat (enrolled, completed, not completed or dismissed: whoever
 * sat in the class was sent; class not cancelled)
 * plus approved archive entries of concentrated training (sources CLASS_COMPLETION, EXTERNAL_TRAINING)
 * that did not come from this system's classes. Hours this year are the approved archive hours credited
 * this year. The archive answers both through {@link ArchivedTraining}, which it implements. Only people in the user's data scope, in the class's target group and not yet in the class
 * are listed.
 */
@Component
public class Candidates {

    static final String RULE = "建议顺序：近三年参训次数少者优先；次数相同时，最近一次参训早者优先（从未参训者最先）；"
            + "再按本年度已获学时少者优先。";

    /** The archive's part when the archive module is not running: nobody has any. */
    private static final String NO_ARCHIVE =
            "select null::bigint as cadre_id, 0 as courses, null::date as last_on, 0::numeric as hours where false";

    private final NamedParameterJdbcTemplate jdbc;
    private final CadreSearch search;
    private final ClassRows rows;
    private final Enrollments enrollments;
    /** The archive's answer; none when the archive module is not running (module tests). */
    private final ArchivedTraining archive;

    Candidates(NamedParameterJdbcTemplate jdbc, CadreSearch search, ClassRows rows, Enrollments enrollments,
               ObjectProvider<ArchivedTraining> archive) {
        this.archive = archive.getIfAvailable();
        this.jdbc = jdbc;
        this.search = search;
        this.rows = rows;
        this.enrollments = enrollments;
    }

    public record RecentClass(String name, LocalDate startsOn, LocalDate endsOn) {
    }

    public record Candidate(int suggestedRank, long cadreId, String name, String orgName, String post, String rankLevelLabel,
                            String staffCategoryLabel, int classesLast3Years, LocalDate lastTrainedOn,
                            BigDecimal hoursThisYear, String reason, List<RecentClass> recentClasses,
                            String busyWith) {
    }

    public record Page(List<Candidate> rows, long total, int page, int size, String rule,
                       List<Enrollments.Quota> myQuotas) {
    }

    @Transactional(readOnly = true)
    public Page page(long classId, Long orgId, String name, int page, int size, LocalDate today) {
        TrainingClasses.Row row = rows.requireVisible(classId);
        int p = Math.max(page, 1);
        int s = Math.min(Math.max(size, 1), 200);
        CadreQuery q = new CadreQuery(name, null, orgId, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
        CadreSearch.Where w = search.where(q);
        Map<String, Object> params = new HashMap<>(w.params());
        StringBuilder cond = new StringBuilder(w.sql());
        cond.append(" and o.path like :jpath");
        params.put("jpath", row.jurisdictionPath() + "%");
        if (!row.rankLevels().isEmpty()) {
            cond.append(" and c.rank_level in (:ranks)");
            params.put("ranks", row.rankLevels());
        }
        if (!row.categories().isEmpty()) {
            cond.append(" and c.staff_category in (:cats)");
            params.put("cats", row.categories());
        }
        cond.append(" and not exists (select 1 from enrollment x where x.class_id = :cls and x.cadre_id = c.id"
                + " and x.status in ('ENROLLED', 'WAITLISTED'))");
        params.put("cls", classId);
        params.put("since", today.minusYears(3));
        params.put("starts", row.startsOn());
        params.put("ends", row.endsOn());
        // the archive's part of each candidate's history, from the archive's own select (training does not read its tables)
        String arch = NO_ARCHIVE;
        if (archive != null) {
            ArchivedTraining.SummariesSql a = archive.summaries("select id from cand", today.minusYears(3), today.getYear());
            arch = a.sql();
            params.putAll(a.params());
        }
        params.put("limit", s);
        params.put("offset", (long) (p - 1) * s);
        String sql = """
                with cand as (
                    select c.id, c.name, o.name as org_name, o.path as org_path, c.post, c.rank_level, c.staff_category
                    from cadre_card c join org_unit o on o.id = c.org_id left join party_unit p on p.id = c.party_org_id
                    """ + cond + """
                ), hist as (
                    select e.cadre_id, tc.name, tc.starts_on, tc.ends_on from enrollment e
                    join training_class tc on tc.id = e.class_id
                    where e.cadre_id in (select id from cand) and e.status in ('ENROLLED', 'COMPLETED', 'NOT_COMPLETED', 'DISMISSED')
                      and tc.status <> 'CANCELLED' and tc.id <> :cls and tc.starts_on > :since
                ), arch as (
                    """ + arch + """
                ), agg as (
                    select cand.id, count(h.cadre_id) + coalesce(max(a.courses), 0) as n3, greatest(max(h.ends_on), max(a.last_on)) as last_on,
                           coalesce(max(a.hours), 0) as hours
                    from cand left join hist h on h.cadre_id = cand.id left join arch a on a.cadre_id = cand.id group by cand.id
                )
                select cand.*, agg.n3, agg.last_on, agg.hours, count(*) over () as total,
                       (select '“' || tc.name || '”（' || tc.starts_on || '至' || tc.ends_on || '）' from enrollment e
                          join training_class tc on tc.id = e.class_id
                          where e.cadre_id = cand.id and e.status = 'ENROLLED' and tc.status <> 'CANCELLED' and tc.id <> :cls
                            and tc.starts_on <= :ends and :starts <= tc.ends_on limit 1) as busy
                from cand join agg on agg.id = cand.id
                order by agg.n3, agg.last_on nulls first, agg.hours, cand.org_path, cand.id
                limit :limit offset :offset""";
        List<Candidate> out = new ArrayList<>();
        long[] total = {0};
        int[] rank = {(p - 1) * s};
        List<Map<String, Object>> raw = jdbc.queryForList(sql, params);
        List<Long> ids = raw.stream().map(m -> ((Number) m.get("id")).longValue()).toList();
        Map<Long, List<RecentClass>> recent = recent(ids, today.minusYears(3));
        for (Map<String, Object> m : raw) {
            total[0] = ((Number) m.get("total")).longValue();
            long id = ((Number) m.get("id")).longValue();
            int n3 = ((Number) m.get("n3")).intValue();
            LocalDate last = m.get("last_on") == null ? null : ((java.sql.Date) m.get("last_on")).toLocalDate();
            BigDecimal hours = (BigDecimal) m.get("hours");
            String rl = (String) m.get("rank_level");
            out.add(new Candidate(++rank[0], id, (String) m.get("name"), (String) m.get("org_name"), (String) m.get("post"),
                    rl == null ? "未定级" : RankLevel.valueOf(rl).label(),
                    StaffCategory.valueOf((String) m.get("staff_category")).label(), n3, last, hours,
                    reason(n3, last, hours, today), recent.getOrDefault(id, List.of()), (String) m.get("busy")));
        }
        if (raw.isEmpty()) {
            total[0] = 0;
        }
        List<Enrollments.Quota> mine = enrollments.quotas(classId).stream()
                .filter(qq -> CurrentUsers.current().map(u -> u.scopeOrgId() != null).orElse(false))
                .filter(qq -> {
                    String path = rows.orgPath(qq.orgId());
                    var scope = CurrentUsers.current().orElseThrow();
                    String mePath = scope.scopeOrgId() == null ? null : rows.orgPath(scope.scopeOrgId());
                    return mePath != null && (path.startsWith(mePath) || mePath.startsWith(path));
                }).toList();
        return new Page(out, total[0], p, s, RULE, mine);
    }

    /** The reason shown beside each candidate. */
    static String reason(int n3, LocalDate last, BigDecimal hours, LocalDate today) {
        String h = hours == null || hours.signum() == 0 ? "本年度尚无学时" : "本年度已获" + hours.stripTrailingZeros().toPlainString() + "学时";
        if (n3 == 0) {
            return "近三年未参加培训班，" + h;
        }
        return "近三年参训" + n3 + "次，最近一次" + (last != null && last.isAfter(today) ? "（已报名）" : "") + last + "，" + h;
    }

    private Map<Long, List<RecentClass>> recent(List<Long> ids, LocalDate since) {
        Map<Long, List<RecentClass>> m = new HashMap<>();
        if (ids.isEmpty()) {
            return m;
        }
        record Dated(long cadreId, RecentClass c) {
        }
        List<Dated> all = new ArrayList<>();
        jdbc.query(Unscoped.ofChecked("candidate list", "the scoped roster search") + """
                select e.cadre_id, tc.name, tc.starts_on, tc.ends_on from enrollment e join training_class tc on tc.id = e.class_id
                where e.cadre_id in (:ids) and e.status in ('ENROLLED', 'COMPLETED', 'NOT_COMPLETED', 'DISMISSED') and tc.status <> 'CANCELLED' and tc.starts_on > :since""",
                Map.of("ids", ids, "since", since), rs -> {
                    all.add(new Dated(rs.getLong(1), new RecentClass(rs.getString(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class))));
                });
        if (archive != null) {
            for (ArchivedTraining.Course c : archive.coursesSince(ids, since)) {
                all.add(new Dated(c.cadreId(), new RecentClass(c.title(), c.startsOn(), c.endsOn())));
            }
        }
        // latest first, this system's classes and the archive's courses together
        all.sort(Comparator.comparing((Dated d) -> d.c().startsOn(), Comparator.nullsLast(Comparator.reverseOrder())));
        for (Dated d : all) {
            m.computeIfAbsent(d.cadreId(), k -> new ArrayList<>()).add(d.c());
        }
        return m;
    }
}
