package org.ganxun.classroom;

import org.ganxun.training.forclassroom.ClassroomCommands;

import org.ganxun.platform.security.Permission;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.ganxun.org.DataScopes;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.training.forclassroom.ClassRows;
import org.ganxun.training.ClassStatus;
import org.ganxun.training.SessionStatus;
import org.ganxun.training.SessionView;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who runs a class's classroom (the class's registrar: the filer's staff and the approving department) and
 * who sits in it (a CADRE account enrolled in the class). Shared by attendance, leave, completion,
 * certificates and evaluation.
 */
@Component
class Classroom {

    /** Wall-clock zone of timetables (sessions are local times). */
    static final ZoneId ZONE = ZoneId.systemDefault(); // the users' clock: GanxunApplication.useUsersTimeZone
    static final Set<ClassStatus> RUNNING = Set.of(ClassStatus.APPROVED, ClassStatus.IN_PROGRESS);

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final ClassRows rows;
    private final TrainingClasses classes;
    private final ClassroomCommands commands;

    Classroom(JdbcClient jdbc, DataScopes scopes, ClassRows rows, TrainingClasses classes, ClassroomCommands commands) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.rows = rows;
        this.classes = classes;
    }

    record SessionRow(long id, long classId, LocalDate date, LocalTime startsAt, LocalTime endsAt, String topic,
                      Long instructorId, String instructorName, BigDecimal hours, SessionStatus status, int lateGraceMinutes,
                      int codeSeconds, ClassStatus classStatus, String className) {

        LocalDateTime start() {
            return date.atTime(startsAt);
        }

        LocalDateTime end() {
            return date.atTime(endsAt);
        }

        boolean ended(LocalDateTime now) {
            return now.isAfter(end());
        }
    }

    /** The class, if the current user runs it (403 otherwise). */
    TrainingClasses.Row requireManager(long classId, boolean lock) {
        TrainingClasses.Row row = rows.find(classId, lock);
        CurrentUser me = CurrentUsers.require();
        DataScope scope = scopes.current();
        if (!me.can(Permission.CLASSROOM_MANAGE)
                || !(scope.all() || scope.coversOrgPath(row.filerPath()) || scope.coversOrgPath(row.jurisdictionPath()))) {
            throw new BusinessException(403, "只有班次的举办单位教务人员或备案机关可以管理该班", List.of());
        }
        return row;
    }

    /** The class if the current user may open it (403 otherwise), as the class page decides. */
    TrainingClasses.Row requireVisible(long classId) {
        return rows.requireVisible(classId);
    }

    TrainingClasses.Row row(long classId, boolean lock) {
        return rows.find(classId, lock);
    }

    /** Whether the current user runs the class (no exception). */
    boolean isManager(long classId) {
        try {
            requireManager(classId, false);
            return true;
        } catch (BusinessException e) {
            return false;
        }
    }

    SessionRow session(long sessionId) {
        return jdbc.sql("""
                select s.id, s.class_id, s.session_date, s.starts_at, s.ends_at, s.topic, s.instructor_id, i.name as iname,
                       s.hours, s.status, tc.late_grace_minutes, tc.checkin_code_seconds, tc.status as cstatus, tc.name as cname
                from session_card s join class_card tc on tc.id = s.class_id left join instructor_card i on i.id = s.instructor_id
                where s.id = ?""")
                .param(sessionId)
                .query((rs, i) -> new SessionRow(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalTime.class), rs.getObject(5, LocalTime.class), rs.getString(6),
                        rs.getObject(7, Long.class), rs.getString(8), rs.getBigDecimal(9), SessionStatus.valueOf(rs.getString(10)),
                        rs.getInt(11), rs.getInt(12), ClassStatus.valueOf(rs.getString(13)), rs.getString(14)))
                .optional().orElseThrow(() -> BusinessException.notFound("课次"));
    }

    /** The signed-in cadre's enrollment id in a class (holding a seat or finished), or 403. */
    long requireTrainee(long classId) {
        CurrentUser me = CurrentUsers.require();
        if (me.cadreId() == null) {
            throw new BusinessException(403, "请使用学员本人的账号登录", List.of());
        }
        return jdbc.sql(Unscoped.own() + """
                select id from enrollment_card where class_id = ? and cadre_id = ?
                    and status in ('ENROLLED', 'COMPLETED', 'NOT_COMPLETED', 'DISMISSED')
                order by case status when 'ENROLLED' then 0 else 1 end, id desc limit 1""")
                .params(classId, me.cadreId()).query(Long.class).optional()
                .orElseThrow(() -> new BusinessException(403, "您不是本班学员", List.of()));
    }

    /** The class's scheduled (not cancelled) sessions in timetable order, as training keeps them. */
    List<SessionView> scheduledSessions(long classId) {
        return classes.sessions(classId).stream().filter(s -> s.status() == SessionStatus.SCHEDULED).toList();
    }

    /** Class 学时: the sum of its scheduled sessions. */
    BigDecimal totalHours(long classId) {
        return jdbc.sql("select coalesce(sum(hours), 0) from session_card where class_id = ? and status = 'SCHEDULED'")
                .param(classId).query(BigDecimal.class).single();
    }

    /** Marks an approved class as running (first attendance or leave). */
    void markInProgress(long classId, ClassStatus status) {
        if (status == ClassStatus.APPROVED) {
            commands.markInProgress(classId);
        }
    }

    static String masked(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        if (name.length() == 1) {
            return name;
        }
        if (name.length() == 2) {
            return name.charAt(0) + "*";
        }
        return name.charAt(0) + "*".repeat(name.length() - 2) + name.charAt(name.length() - 1);
    }
}
