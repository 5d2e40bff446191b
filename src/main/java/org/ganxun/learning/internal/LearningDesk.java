package org.ganxun.learning.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.learning.Assignments;
import org.ganxun.platform.desk.Todo;
import org.ganxun.platform.desk.TodoSource;
import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The workbench's and the phone home's 网络学院 lines: for a cadre, the required courses not yet completed whose
 * assignment is due within {@code ganxun.learning.due-soon-days} (14); for whoever sees the standings, the units in
 * their scope with someone behind on an assignment due within those days.
 */
@Component
class LearningDesk implements TodoSource {

    private final Assignments assignments;
    private final JdbcClient jdbc;
    private final CurrentScope scopes;
    private final int days;
    private final Clock clock;

    LearningDesk(Assignments assignments, JdbcClient jdbc, CurrentScope scopes, @Value("${ganxun.learning.due-soon-days:14}") int days, Clock clock) {
        this.clock = clock;
        this.assignments = assignments;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.days = days;
    }

    @Override
    public List<Todo> todos(CurrentUser me) {
        List<Todo> out = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        if (me.can(Permission.SELF_SERVICE) && me.cadreId() != null) {
            long n = assignments.mine(me.cadreId(), today).stream()
                    .filter(a -> !a.dueOn().isBefore(today) && a.daysLeft() <= days)
                    .mapToLong(a -> a.items().stream().filter(c -> !c.completed()).count()).sum();
            out.add(Todo.of("learning.required", "网络学院", days + "天内到期未学完的必修课程", n, "/m/learning").warning());
        }
        if (me.can(Permission.COMPLIANCE_VIEW)) {
            out.add(Todo.of("learning.unitsBehind", "网络学院", days + "天内到期、有人未学完必修课程的单位", unitsBehind(today),
                    "/learning/assignments"));
        }
        return out;
    }

    /** Units (a cadre's own unit) in scope with a targeted cadre not done with an assignment due within the days. */
    private long unitsBehind(LocalDate today) {
        DataScope scope = scopes.current();
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        p.put("today", today);
        p.put("until", today.plusDays(days));
        return jdbc.sql("""
                        select count(distinct c.org_id)
                        from course_assignment a join org_unit ow on ow.id = a.owner_org_id
                        join cadre_card c on true join org_unit o on o.id = c.org_id
                        left join party_unit po on po.id = c.party_org_id
                        where a.cancelled_at is null and a.starts_on <= :today and a.due_on between :today and :until and """
                        + Assignments.TARGET + " and " + scope.sqlCondition("o.path", "po.path", "c.id")
                        + " and exists (select 1 from course_assignment_course ac"
                        + " left join study_progress sp on sp.course_id = ac.course_id and sp.cadre_id = c.id"
                        + " where ac.assignment_id = a.id and sp.completed_at is null)")
                .params(p).query(Long.class).single();
    }
}
