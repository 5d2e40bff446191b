package org.ganxun.learning.internal.integrity;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.learning.internal.study.StudyCreditor;
import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * 学习诚信记录: every heartbeat that credited nothing for a reason that is evidence, per learner and unit, in the
 * caller's data scope (the learner's unit).
 */
@Service
public class IntegrityReport {

    private final JdbcClient jdbc;
    private final CurrentScope scopes;

    IntegrityReport(JdbcClient jdbc, CurrentScope scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    public record Row(long id, OffsetDateTime at, long cadreId, String cadreName, String orgName, long courseId, String courseTitle,
                      String reason, String reasonLabel, double position, String detail) {
    }

    /** Per learner and course: how many refusals of each reason. */
    public record Summary(long cadreId, String cadreName, String orgName, long courseId, String courseTitle,
                          Map<String, Long> reasons, long total) {
    }

    /**
     * A page of the per-learner-and-course summaries ({@code summaryTotal} in all) and a page of the refused
     * heartbeats, newest first ({@code total} in all); both grow with the county, so both are paged in SQL.
     */
    public record Report(List<Summary> summaries, long summaryTotal, int summaryPage, List<Row> rows, long total, int page, int size) {
    }

    public Report report(Long cadreId, Long orgId, LocalDate from, LocalDate to, int page, int summaryPage, int size) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new BusinessException("结束日期不能早于开始日期");
        }
        DataScope scope = scopes.current();
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        StringBuilder where = new StringBuilder(" where ").append(scope.sqlCondition("o.path", null, "c.id"));
        if (cadreId != null) {
            where.append(" and r.cadre_id = :cadre");
            p.put("cadre", cadreId);
        }
        if (orgId != null) {
            where.append(" and o.path like (select path from org_unit where id = :org) || '%'");
            p.put("org", orgId);
        }
        if (from != null) {
            where.append(" and r.at >= cast(:from as date)");
            p.put("from", from);
        }
        if (to != null) {
            where.append(" and r.at < cast(:to as date) + 1");
            p.put("to", to);
        }
        String base = " from study_refusal r join cadre_card c on c.id = r.cadre_id join org_unit o on o.id = c.org_id"
                + " join course k on k.id = r.course_id" + where;
        int sz = Math.min(Math.max(size, 1), 200);
        int pg = Math.max(page, 1);
        int sp = Math.max(summaryPage, 1);
        long total = jdbc.sql("select count(*)" + base).params(p).query(Long.class).single();
        List<Row> rows = jdbc.sql("select r.id, r.at, r.cadre_id, c.name, o.name as org_name, r.course_id, k.title, r.reason, r.position, r.detail"
                        + base + " order by r.at desc, r.id desc limit :limit offset :offset")
                .params(p).param("limit", sz).param("offset", (long) (pg - 1) * sz).query((rs, i) -> {
                    StudyCreditor.Reason reason = StudyCreditor.Reason.valueOf(rs.getString("reason"));
                    return new Row(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getLong("cadre_id"), rs.getString("name"),
                            rs.getString("org_name"), rs.getLong("course_id"), rs.getString("title"), reason.name(), reason.label(),
                            rs.getDouble("position"), rs.getString("detail"));
                }).list();
        long summaryTotal = jdbc.sql("select count(*) from (select distinct r.cadre_id, r.course_id" + base + ") x")
                .params(p).query(Long.class).single();
        Map<String, Summary> sums = new java.util.LinkedHashMap<>();
        // the page's learner-and-course pairs first, then their counts by reason
        jdbc.sql("with g as (select r.cadre_id, c.name, o.name as org_name, r.course_id, k.title, r.reason, count(*) as n" + base
                        + " group by r.cadre_id, c.name, o.name, r.course_id, k.title, r.reason),"
                        + " pg as (select distinct cadre_id, course_id, name, title from g order by name, title, cadre_id, course_id"
                        + " limit :limit offset :offset)"
                        + " select g.* from g join pg using (cadre_id, course_id) order by g.name, g.title, g.cadre_id, g.course_id, g.reason")
                .params(p).param("limit", sz).param("offset", (long) (sp - 1) * sz).query(rs -> {
                    String key = rs.getLong("cadre_id") + ":" + rs.getLong("course_id");
                    Summary s = sums.computeIfAbsent(key, k -> {
                        try {
                            return new Summary(rs.getLong("cadre_id"), rs.getString("name"), rs.getString("org_name"),
                                    rs.getLong("course_id"), rs.getString("title"), new java.util.LinkedHashMap<>(), 0);
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    s.reasons().put(StudyCreditor.Reason.valueOf(rs.getString("reason")).label(), rs.getLong("n"));
                });
        List<Summary> summaries = sums.values().stream()
                .map(s -> new Summary(s.cadreId(), s.cadreName(), s.orgName(), s.courseId(), s.courseTitle(), s.reasons(),
                        s.reasons().values().stream().mapToLong(Long::longValue).sum()))
                .toList();
        return new Report(summaries, summaryTotal, sp, rows, total, pg, sz);
    }
}
