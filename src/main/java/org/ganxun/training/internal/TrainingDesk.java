package org.ganxun.training.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.org.DataScopes;
import org.ganxun.platform.desk.FigureSource;
import org.ganxun.platform.desk.Todo;
import org.ganxun.platform.desk.TodoSource;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Permission;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The training module's lines of the workbench: filings to approve (the same list as 备案审批), quotas of the user's
 * units still open for nominations (学员报名) and the quotas of the classes the user's department files that are not
 * filled yet (调训管理); and the coming classes of the jurisdiction. Leave requests and sessions to rate are the
 * classroom's lines ({@code classroom.ClassroomDesk}).
 */
@Component
class TrainingDesk implements TodoSource, FigureSource {

    private static final String GROUP = "培训班";
    /** How many classes a per-class line lists at most; the rest are on the page. */
    static final int MAX_PER_CLASS = 5;

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final TrainingClasses classes;
    private final Clock clock;

    TrainingDesk(JdbcClient jdbc, DataScopes scopes, TrainingClasses classes, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.classes = classes;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Todo> todos(CurrentUser me) {
        List<Todo> out = new ArrayList<>();
        DataScope scope = scopes.current();
        if (me.can(Permission.CLASS_APPROVE)) {
            long n = classes.page(new TrainingClasses.ClassQuery(null, null, null, null, null, true), 1, 1).total();
            out.add(Todo.of("training.approvals", GROUP, "待审批的班次备案", n, "/training/approvals"));
        }
        LocalDate today = LocalDate.now(clock);
        if (me.can(Permission.ENROLL_NOMINATE) && (scope.all() || scope.orgPath() != null)) {
            // the quotas of the user's own units that still have room, of classes not started yet (单位推荐)
            Map<String, Object> p = new HashMap<>(scope.sqlParameters());
            p.put("today", today);
            String cond = scope.all() ? "true" : "o.path like :scopeOrgPath";
            jdbc.sql("select tc.id, tc.name, sum(q.seats - q.used) from class_quota q join training_class tc on tc.id = q.class_id"
                            + " join org_unit o on o.id = q.org_id where tc.status = 'APPROVED' and tc.starts_on > :today"
                            + " and q.used < q.seats and " + cond
                            + " group by tc.id, tc.name, tc.starts_on order by tc.starts_on, tc.id limit " + MAX_PER_CLASS)
                    .params(p)
                    .query((rs, i) -> Todo.of("training.nominate." + rs.getLong(1), GROUP, "待推荐学员（剩余名额）：" + rs.getString(2),
                            rs.getLong(3), "/training/enroll").with("classId", rs.getLong(1)))
                    .list().forEach(out::add);
        }
        if (me.can(Permission.CALLUP_MANAGE) && (scope.all() || scope.orgPath() != null)) {
            // the quotas the user's department gave out (jurisdiction in scope) that units have not filled (调训)
            Map<String, Object> p = new HashMap<>(scope.sqlParameters());
            p.put("today", today);
            String cond = scope.all() ? "true" : "jo.path like :scopeOrgPath";
            jdbc.sql("select tc.id, tc.name, sum(q.seats - q.used) from class_quota q join training_class tc on tc.id = q.class_id"
                            + " join org_unit jo on jo.id = tc.jurisdiction_org_id where tc.status = 'APPROVED' and tc.starts_on > :today"
                            + " and q.used < q.seats and " + cond
                            + " group by tc.id, tc.name, tc.starts_on order by tc.starts_on, tc.id limit " + MAX_PER_CLASS)
                    .params(p)
                    .query((rs, i) -> Todo.of("training.quotas." + rs.getLong(1), GROUP, "名额未报满：" + rs.getString(2),
                            rs.getLong(3), "/training/callup").with("classId", rs.getLong(1)))
                    .list().forEach(out::add);
        }
        return out;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Upcoming> upcoming(CurrentUser me) {
        if (!me.can(Permission.TRAINING_VIEW)) {
            return List.of();
        }
        DataScope scope = scopes.current();
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        String visible = TrainingClasses.visibleCondition(scope, p);
        p.put("today", LocalDate.now(clock));
        p.put("until", LocalDate.now(clock).plusDays(60));
        return jdbc.sql("select tc.id, tc.name, tc.starts_on, tc.ends_on, tc.venue, tc.status from training_class tc"
                        + " join org_unit jo on jo.id = tc.jurisdiction_org_id join org_unit fo on fo.id = tc.filer_org_id"
                        + " where tc.status in ('APPROVED', 'IN_PROGRESS') and tc.ends_on >= :today and tc.starts_on <= :until and " + visible
                        + " order by tc.starts_on, tc.id limit 8")
                .params(p)
                .query((rs, i) -> new Upcoming("class." + rs.getLong(1), rs.getString(2),
                        rs.getObject(3, LocalDate.class) + " 至 " + rs.getObject(4, LocalDate.class)
                                + ("IN_PROGRESS".equals(rs.getString(6)) ? "（进行中）" : ""),
                        rs.getString(5), "/training/classes", Map.of("classId", String.valueOf(rs.getLong(1)))))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Figure> figures(CurrentUser me) {
        if (!me.can(Permission.TRAINING_VIEW)) {
            return List.of();
        }
        DataScope scope = scopes.current();
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        String visible = TrainingClasses.visibleCondition(scope, p);
        p.put("year", LocalDate.now(clock).getYear());
        Long n = jdbc.sql("select count(*) from training_class tc join annual_plan ap on ap.id = tc.plan_id"
                        + " join org_unit jo on jo.id = tc.jurisdiction_org_id join org_unit fo on fo.id = tc.filer_org_id"
                        + " where ap.year = :year and tc.status in ('APPROVED', 'IN_PROGRESS', 'COMPLETED') and " + visible)
                .params(p).query(Long.class).single();
        return List.of(new Figure("training.classes", "本年度培训班次", String.valueOf(n), "期", "/training/classes"));
    }
}
