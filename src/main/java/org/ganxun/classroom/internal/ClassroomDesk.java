package org.ganxun.classroom.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.classroom.Trainees;
import org.ganxun.org.DataScopes;
import org.ganxun.platform.desk.Todo;
import org.ganxun.platform.desk.TodoSource;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The classroom's lines of the workbench: leave requests to decide (per class, as 教务管理 shows them) and the
 * trainee's sessions to rate. (Filings, quotas and coming classes are training's, {@code training.TrainingDesk}.)
 */
@Component
class ClassroomDesk implements TodoSource {

    private static final String GROUP = "培训班";
    /** How many classes a per-class line lists at most; the rest are on the page. */
    static final int MAX_PER_CLASS = 5;

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final Trainees trainees;

    ClassroomDesk(JdbcClient jdbc, DataScopes scopes, Trainees trainees) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.trainees = trainees;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Todo> todos(CurrentUser me) {
        List<Todo> out = new ArrayList<>();
        DataScope scope = scopes.current();
        if (me.can(Permission.CLASSROOM_MANAGE) && (scope.all() || scope.orgPath() != null)) {
            // the classes whose registrar the user is (Classroom.requireManager: filer or jurisdiction in scope)
            Map<String, Object> p = new HashMap<>(scope.sqlParameters());
            String cond = scope.all() ? scope.decidedHere() + "true"
                    : DataScope.moduleCondition("(fo.path like :scopeOrgPath or jo.path like :scopeOrgPath)");
            jdbc.sql("select tc.id, tc.name, count(*) from leave_request l join class_card tc on tc.id = l.class_id"
                            + " join org_unit fo on fo.id = tc.filer_org_id join org_unit jo on jo.id = tc.jurisdiction_org_id"
                            + " where l.status = 'PENDING' and " + cond
                            + " group by tc.id, tc.name, tc.starts_on order by tc.starts_on, tc.id limit " + MAX_PER_CLASS)
                    .params(p)
                    .query((rs, i) -> Todo.of("training.leaves." + rs.getLong(1), GROUP, "待审批的请假：" + rs.getString(2),
                            rs.getLong(3), "/training/classroom").with("classId", rs.getLong(1)).with("tab", "leaves"))
                    .list().forEach(out::add);
        }
        if (me.can(Permission.SELF_SERVICE) && me.cadreId() != null) {
            Trainees.Today t = trainees.today();
            if (!t.toEvaluate().isEmpty()) {
                out.add(Todo.of("training.evaluate", "我的培训", "待评估的课程", t.toEvaluate().size(), "/m/classes"));
            }
        }
        return out;
    }
}
