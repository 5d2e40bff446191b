package org.ganxun.classroom;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.training.ClassStatus;
import org.ganxun.training.ClassType;
import org.ganxun.training.EnrollmentStatus;
import org.ganxun.training.SessionView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The trainee's own view (phone pages): my classes, my timetable with attendance, leave and evaluation state, my result. */
@Service
public class Trainees {

    private final JdbcClient jdbc;
    private final Classroom classroom;
    private final Attendance attendance;
    private final TeachingEvaluations evaluations;
    private final Completion completion;
    private final Clock clock;

    Trainees(JdbcClient jdbc, Classroom classroom, Attendance attendance, TeachingEvaluations evaluations, Completion completion, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.classroom = classroom;
        this.attendance = attendance;
        this.evaluations = evaluations;
        this.completion = completion;
    }

    public record MyClass(long classId, long enrollmentId, String name, String classTypeLabel, LocalDate startsOn, LocalDate endsOn,
                          String venue, ClassStatus status, String statusLabel, EnrollmentStatus enrollmentStatus,
                          String enrollmentStatusLabel, BigDecimal totalHours, Long certificateId, String certificateSerial) {
    }

    public record MySession(long sessionId, LocalDate date, LocalTime startsAt, LocalTime endsAt, String topic, String instructorName,
                            String venue, BigDecimal hours, AttendanceStatus attendance, String attendanceLabel, boolean canCheckIn,
                            boolean canEvaluate, boolean evaluated, boolean onLeaveRequest) {
    }

    public record MyTimetable(MyClass trainingClass, List<MySession> sessions, List<TeachingEvaluations.Criterion> criteria,
                              boolean canEvaluateClass, boolean classEvaluated, Completion.TraineeResult result) {
    }

    @Transactional(readOnly = true)
    public List<MyClass> classes() {
        CurrentUser me = CurrentUsers.require();
        if (me.cadreId() == null) {
            return List.of();
        }
        return jdbc.sql(Unscoped.own() + """
                select tc.id, e.id as eid, tc.name, tc.class_type, tc.starts_on, tc.ends_on, tc.venue, tc.status, e.status as estatus,
                       (select coalesce(sum(hours), 0) from session_card s where s.class_id = tc.id and s.status = 'SCHEDULED') as total,
                       ce.id as cert_id, case when ce.revoked_at is null then ce.serial end as serial
                from enrollment_card e join class_card tc on tc.id = e.class_id
                left join certificate ce on ce.enrollment_id = e.id
                where e.cadre_id = ? and e.status in ('ENROLLED', 'COMPLETED', 'NOT_COMPLETED', 'DISMISSED')
                order by tc.starts_on desc, tc.id desc""")
                .param(me.cadreId())
                .query((rs, i) -> {
                    ClassStatus st = ClassStatus.valueOf(rs.getString("status"));
                    EnrollmentStatus es = EnrollmentStatus.valueOf(rs.getString("estatus"));
                    return new MyClass(rs.getLong("id"), rs.getLong("eid"), rs.getString("name"),
                            ClassType.valueOf(rs.getString("class_type")).label(), rs.getObject("starts_on", LocalDate.class),
                            rs.getObject("ends_on", LocalDate.class), rs.getString("venue"), st, st.label(), es, es.label(),
                            rs.getBigDecimal("total"), rs.getObject("cert_id", Long.class), rs.getString("serial"));
                }).list();
    }

    @Transactional(readOnly = true)
    public MyTimetable timetable(long classId) {
        long enrollmentId = classroom.requireTrainee(classId);
        MyClass c = classes().stream().filter(x -> x.enrollmentId() == enrollmentId).findFirst()
                .orElseThrow(() -> BusinessException.notFound("班次"));
        Attendance.Sheet sheet = attendance.sheetOf(classId, enrollmentId);
        List<Long> onLeave = jdbc.sql(Unscoped.own() + """
                select ls.session_id from leave_request l join leave_request_session ls on ls.leave_id = l.id
                where l.enrollment_id = ? and l.status in ('PENDING', 'APPROVED', 'RETURNED')""").param(enrollmentId).query(Long.class).list();
        LocalDateTime now = LocalDateTime.now(clock);
        boolean running = Classroom.RUNNING.contains(c.status()) && c.enrollmentStatus() == EnrollmentStatus.ENROLLED;
        List<MySession> out = new ArrayList<>();
        Attendance.SheetRow row = sheet.rows().isEmpty() ? null : sheet.rows().get(0);
        for (int i = 0; i < sheet.sessions().size(); i++) {
            SessionView s = sheet.sessions().get(i);
            Attendance.Cell cell = row == null ? null : row.cells().get(i);
            LocalDateTime start = s.sessionDate().atTime(s.startsAt());
            LocalDateTime end = s.sessionDate().atTime(s.endsAt());
            boolean canCheckIn = running && !now.isBefore(start.minusMinutes(60)) && !now.isAfter(end)
                    && cell != null && !cell.status().attended();
            boolean started = !now.isBefore(start);
            boolean evaluated = evaluations.rated(enrollmentId, s.id(), classId);
            out.add(new MySession(s.id(), s.sessionDate(), s.startsAt(), s.endsAt(), s.topic(), s.instructorName(), s.venue(), s.hours(),
                    cell == null ? null : cell.status(), cell == null ? null : cell.statusLabel(), canCheckIn, started && !evaluated,
                    evaluated, onLeave.contains(s.id())));
        }
        boolean lastStarted = !out.isEmpty() && !now.isBefore(out.get(out.size() - 1).date().atTime(out.get(out.size() - 1).startsAt()));
        boolean classEvaluated = evaluations.rated(enrollmentId, null, classId);
        Completion.TraineeResult result = completion.resultsOf(classroom.row(classId, false), enrollmentId).trainees().stream()
                .findFirst().orElse(null);
        return new MyTimetable(c, out, evaluations.criteriaOf(classId), lastStarted && !classEvaluated, classEvaluated, result);
    }

    /** A session of today (or one still to be rated) on the trainee's phone home, with its class. */
    public record TodaySession(long classId, String className, MySession session) {
    }

    /** The phone home's part of the classroom: today's sessions of the running classes, and the sessions still to be rated. */
    public record Today(List<TodaySession> today, List<TodaySession> toEvaluate, List<MyClass> running) {
    }

    @Transactional(readOnly = true)
    public Today today() {
        LocalDate today = LocalDateTime.now(clock).toLocalDate();
        List<TodaySession> todays = new ArrayList<>();
        List<TodaySession> toRate = new ArrayList<>();
        List<MyClass> running = new ArrayList<>();
        for (MyClass c : classes()) {
            if (!Classroom.RUNNING.contains(c.status()) || c.enrollmentStatus() != EnrollmentStatus.ENROLLED) {
                continue;
            }
            running.add(c);
            for (MySession s : timetable(c.classId()).sessions()) {
                if (s.date().equals(today)) {
                    todays.add(new TodaySession(c.classId(), c.name(), s));
                }
                if (s.canEvaluate() && !s.onLeaveRequest()) {
                    toRate.add(new TodaySession(c.classId(), c.name(), s));
                }
            }
        }
        return new Today(todays, toRate, running);
    }
}
