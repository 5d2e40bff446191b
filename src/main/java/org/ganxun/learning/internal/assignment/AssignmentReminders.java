package org.ganxun.learning.internal.assignment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.ganxun.audit.AuditLog;
import org.ganxun.learning.Assignments;
import org.ganxun.notify.Notifications;
import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminds the cadres behind on an assignment (not every course complete), in-app and by SMS through the outbox
 * ({@link Notifications}): when a clerk presses 提醒未完成人员 (those in the clerk's scope, at most once a day per
 * person and assignment), and automatically a week before the due date (once per person and assignment, however
 * often the job runs or however many nodes run it).
 */
@Service
public class AssignmentReminders {

    private static final Logger log = LoggerFactory.getLogger(AssignmentReminders.class);

    /** The automatic reminder goes out this many days before the due date (or later, for an assignment made late). */
    static final int DAYS_AHEAD = 7;

    private final Assignments assignments;
    private final Notifications notifications;
    private final CurrentScope scopes;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    AssignmentReminders(Assignments assignments, Notifications notifications, CurrentScope scopes, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.assignments = assignments;
        this.notifications = notifications;
        this.scopes = scopes;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A clerk's button: those behind in the clerk's scope (optionally one unit's subtree). Returns how many were sent. */
    @Transactional
    public int remindInScope(long id, Long orgId) {
        Assignments.Assignment a = assignments.visible(id);
        if (a.cancelledAt() != null) {
            throw new BusinessException("该学习任务已撤销");
        }
        LocalDate today = LocalDate.now(clock);
        int sent = remind(a, scopes.current(), orgId, "assignment:" + id + ":" + today + ":");
        audit.record("REMIND", "CourseAssignment", id, "提醒未完成" + a.kindLabel() + "“" + a.title() + "”的干部（" + sent + "人）", null,
                java.util.Map.of("sent", sent, "orgId", orgId == null ? "" : orgId));
        return sent;
    }

    /** Every day at 9: assignments due within a week that were not yet reminded of automatically. */
    @Scheduled(cron = "${ganxun.learning.assignment-reminder-cron:0 0 9 * * *}")
    @SchedulerLock(name = "course-assignment-reminders", lockAtMostFor = "PT1H", lockAtLeastFor = "${ganxun.jobs.hold-after-run:PT5M}")
    public void scheduled() {
        int n = remindDue(LocalDate.now(clock));
        log.info("Course assignment reminders sent: {}", n);
    }

    /** The job's work for a given day; each person is reminded of each assignment once by it. */
    @Transactional
    public int remindDue(LocalDate today) {
        List<Long> due = jdbc.sql("""
                        select id from course_assignment where cancelled_at is null and starts_on <= ? and due_on between ? and ?
                        order by id""")
                .params(today, today, today.plusDays(DAYS_AHEAD)).query(Long.class).list();
        int sent = 0;
        for (long id : due) {
            sent += remind(assignments.get(id), DataScope.everything(), null, "assignment:" + id + ":week-before:");
        }
        return sent;
    }

    private int remind(Assignments.Assignment a, DataScope scope, Long orgId, String keyPrefix) {
        int sent = 0;
        String due = a.dueOn().getMonthValue() + "月" + a.dueOn().getDayOfMonth() + "日";
        for (Assignments.Behind b : assignments.behind(scope, a.id(), orgId)) {
            String body = "您的网络学院" + a.kindLabel() + "“" + a.title() + "”已学完" + b.completed() + "/" + b.courses() + "门课程，请于"
                    + due + "前学完。";
            if (notifications.toCadre(b.cadreId(), "LEARNING_REMINDER", "网络学院学习提醒", body, "/#/m/learning",
                    keyPrefix + b.cadreId(), b.phone())) {
                sent++;
            }
        }
        return sent;
    }
}
