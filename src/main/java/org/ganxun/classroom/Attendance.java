package org.ganxun.classroom;

import org.ganxun.training.forclassroom.ClassroomCommands;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.ganxun.audit.AuditLog;
import org.ganxun.classroom.internal.CheckInAttempts;
import org.ganxun.classroom.internal.CheckInCodes;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.PlainText;
import org.ganxun.training.ClassStatus;
import org.ganxun.training.SessionStatus;
import org.ganxun.training.SessionView;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Check-in (签到) and roll call (点名). A trainee checks in by scanning the session's rotating QR code (or
 * typing its short code); the registrar takes roll call and corrects marks, each change audited. Every
 * (session, enrollment) is stored once: a unique constraint, and check-in inserts with ON CONFLICT DO NOTHING.
 * <p>
 * Late (迟到) = checked in after the session's start plus the class's grace minutes. Absent (缺课) = no
 * check-in and no granted leave when the session has ended (or marked absent at roll call).
 */
@Service
public class Attendance {

    static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

    private final JdbcClient jdbc;
    private final Classroom classroom;
    private final CheckInCodes codes;
    private final CheckInAttempts attempts;
    private final AuditLog audit;
    private final Clock clock;
    private final ClassroomCommands commands;

    Attendance(JdbcClient jdbc, Classroom classroom, CheckInCodes codes, CheckInAttempts attempts, AuditLog audit, Clock clock,
               ClassroomCommands commands) {
        this.commands = commands;
        this.clock = clock;
        this.jdbc = jdbc;
        this.classroom = classroom;
        this.codes = codes;
        this.attempts = attempts;
        this.audit = audit;
    }

    public record CheckInRequest(@Size(max = 200, message = "签到二维码无效，请重新扫描") String token, Long sessionId,
                                 @Size(max = 20, message = "签到码应为8位数字") String code) {
    }

    public record CheckInResult(long sessionId, String topic, String className, AttendanceStatus status, String statusLabel,
                                Instant checkedInAt, String message) {
    }

    public record QrCode(long sessionId, String topic, String className, String token, String url, String shortCode,
                         Instant validUntil, int seconds, long checkedIn, long expected) {
    }

    public record Mark(@NotNull(message = "请选择学员") Long enrollmentId, @NotNull(message = "请选择考勤状态") AttendanceStatus status,
                       @Size(max = 300, message = "备注最多{max}个字") @PlainText(message = "备注不能包含网页标记或脚本") String note) {
    }

    public record Cell(long sessionId, AttendanceStatus status, String statusLabel, Instant checkedInAt, String method) {
    }

    public record SheetRow(long enrollmentId, long cadreId, String cadreName, String orgName, List<Cell> cells,
                           BigDecimal attendedHours, BigDecimal leaveHours, BigDecimal absenceHours, int lateCount) {
    }

    public record Sheet(long classId, List<SessionView> sessions, List<SheetRow> rows, BigDecimal totalHours) {
    }

    /** Per-trainee hours of a class, from the sheet. */
    record Tally(BigDecimal total, BigDecimal attended, BigDecimal leave, BigDecimal absence, int late) {
    }

    // ---------------------------------------------------------------- check-in

    static final String LOCKED = "签到码已连续输错" + CheckInAttempts.MAX + "次，本课次不能再输入签到码。请扫描投影屏上的二维码签到，"
            + "或请教务员解除锁定、在点名时为您签到";

    @Transactional
    public CheckInResult checkIn(CheckInRequest req) {
        CurrentUser me = CurrentUsers.require();
        if (me.cadreId() == null) {
            throw new BusinessException(403, "请使用学员本人的账号登录后签到", List.of());
        }
        Instant nowInstant = Instant.now(clock);
        CheckInCodes.Parsed parsed;
        Classroom.SessionRow s;
        if (req.token() != null && !req.token().isBlank()) {
            CheckInCodes.Parsed first = codes.verifyToken(req.token(), req.sessionId(), nowInstant, 60);
            if (first.verdict() == CheckInCodes.Verdict.INVALID) {
                throw new BusinessException("签到码无效，请扫描投影屏上的签到二维码");
            }
            if (first.verdict() == CheckInCodes.Verdict.WRONG_SESSION) {
                throw new BusinessException("该签到码不属于本课次，请扫描本课次的签到二维码");
            }
            s = classroom.session(first.sessionId());
            parsed = codes.verifyToken(req.token(), req.sessionId(), nowInstant, s.codeSeconds());
        } else if (req.sessionId() != null && req.code() != null && !req.code().isBlank()) {
            s = classroom.session(req.sessionId());
            if (attempts.failures(s.id(), me.cadreId()) >= CheckInAttempts.MAX) {
                throw new BusinessException(429, LOCKED, List.of());
            }
            parsed = codes.verifyShortCode(s.id(), req.code(), nowInstant, s.codeSeconds());
            if (parsed.verdict() == CheckInCodes.Verdict.INVALID) {
                int left = attempts.recordFailure(s.id(), me.cadreId());
                throw left == 0 ? new BusinessException(429, LOCKED, List.of())
                        : new BusinessException("签到码不正确，请核对投影屏上本课次的" + CheckInCodes.SHORT_DIGITS + "位签到码（还可输入" + left + "次）");
            }
        } else {
            throw new BusinessException("请扫描签到二维码，或选择课次并输入" + CheckInCodes.SHORT_DIGITS + "位签到码");
        }
        if (parsed.verdict() == CheckInCodes.Verdict.EXPIRED) {
            throw new BusinessException(410, "签到码已过期（每" + s.codeSeconds() + "秒更新一次），请扫描投影屏上的最新二维码", List.of());
        }
        if (parsed.verdict() != CheckInCodes.Verdict.OK) {
            throw new BusinessException("签到码无效，请扫描投影屏上的签到二维码");
        }
        if (s.status() != SessionStatus.SCHEDULED || !Classroom.RUNNING.contains(s.classStatus())) {
            throw BusinessException.conflict("该课次已取消或班次不在培训中，不能签到");
        }
        LocalDateTime now = LocalDateTime.ofInstant(nowInstant, Classroom.ZONE);
        if (now.isBefore(opens(s)) || now.isAfter(s.end())) {
            throw BusinessException.conflict("本课次签到时间为" + s.date() + " " + opens(s).format(HM) + "至"
                    + s.end().format(HM) + "，当前不在签到时间内");
        }
        Long enrollmentId = jdbc.sql(Unscoped.own() + "select id from enrollment_card where class_id = ? and cadre_id = ? and status = 'ENROLLED'")
                .params(s.classId(), me.cadreId()).query(Long.class).optional()
                .orElseThrow(() -> new BusinessException(403, "您不是本班在训学员，不能签到", List.of()));
        AttendanceStatus status = now.isAfter(s.start().plusMinutes(s.lateGraceMinutes())) ? AttendanceStatus.LATE : AttendanceStatus.PRESENT;
        int n = jdbc.sql("""
                insert into attendance (session_id, enrollment_id, status, method, checked_in_at, marked_by)
                values (?, ?, ?, ?, ?, ?) on conflict (session_id, enrollment_id) do nothing""")
                .params(s.id(), enrollmentId, status.name(), req.token() != null && !req.token().isBlank() ? "QR" : "CODE",
                        Timestamp.from(nowInstant), me.username())
                .update();
        if (n == 0) {
            Instant at = jdbc.sql(Unscoped.own() + "select checked_in_at from attendance where session_id = ? and enrollment_id = ?")
                    .params(s.id(), enrollmentId).query(Timestamp.class).single().toInstant();
            throw BusinessException.conflict("您已于" + LocalDateTime.ofInstant(at, Classroom.ZONE).format(HM)
                    + "签到，签到码不能重复使用");
        }
        classroom.markInProgress(s.classId(), s.classStatus());
        String msg = status == AttendanceStatus.LATE
                ? "签到成功（迟到：上课时间" + s.startsAt().format(HM) + "，宽限" + s.lateGraceMinutes() + "分钟）"
                : "签到成功";
        return new CheckInResult(s.id(), s.topic(), s.className(), status, status.label(), nowInstant, msg);
    }

    public record CodeLock(long sessionId, long cadreId, String cadreName, int failures, Instant lastFailedAt) {
    }

    /** Trainees who typed too many wrong codes for a session (registrar). */
    @Transactional(readOnly = true)
    public List<CodeLock> codeLocks(long sessionId) {
        Classroom.SessionRow s = classroom.session(sessionId);
        classroom.requireManager(s.classId(), false);
        return attempts.locked(sessionId).stream()
                .map(l -> new CodeLock(sessionId, l.cadreId(), l.cadreName(), l.failures(), l.lastFailedAt())).toList();
    }

    /** Lets a trainee type codes for a session again (registrar), audited. */
    @Transactional
    public void liftCodeLock(long sessionId, long cadreId) {
        Classroom.SessionRow s = classroom.session(sessionId);
        classroom.requireManager(s.classId(), false);
        int failures = attempts.failures(sessionId, cadreId);
        if (failures == 0) {
            throw BusinessException.notFound("该学员在本课次的签到码锁定");
        }
        attempts.clear(sessionId, cadreId);
        audit.record("UNLOCK_CHECKIN_CODE", "ClassSession", sessionId, "解除签到码锁定：" + s.className() + " " + s.topic()
                + "，干部ID " + cadreId + "（输错" + failures + "次）", null, null);
    }

    /** The session's current code for the projector (registrar). */
    @Transactional(readOnly = true)
    public QrCode qr(long sessionId, String baseUrl) {
        Classroom.SessionRow s = classroom.session(sessionId);
        classroom.requireManager(s.classId(), false);
        long slot = CheckInCodes.slot(Instant.now(clock), s.codeSeconds());
        String token = codes.token(sessionId, slot);
        long done = jdbc.sql(Unscoped.countsOnly() + "select count(*) from attendance where session_id = ? and status in ('PRESENT','LATE')")
                .param(sessionId).query(Long.class).single();
        long expected = jdbc.sql(Unscoped.countsOnly() + "select count(*) from enrollment_card where class_id = ? and status = 'ENROLLED'")
                .param(s.classId()).query(Long.class).single();
        return new QrCode(sessionId, s.topic(), s.className(), token, checkInUrl(baseUrl, token), codes.shortCode(sessionId, slot),
                Instant.ofEpochSecond((slot + 1) * s.codeSeconds()), s.codeSeconds(), done, expected);
    }

    static String checkInUrl(String baseUrl, String token) {
        return baseUrl + "/#/m/checkin?t=" + token;
    }

    public static byte[] png(String text, int size) {
        try {
            Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
            hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
            hints.put(EncodeHintType.MARGIN, 2);
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(m, "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Check-in opens an hour before a session starts; so does the registrar's roll call. */
    static final int OPENS_MINUTES_BEFORE = 60;

    static LocalDateTime opens(Classroom.SessionRow s) {
        return s.start().minusMinutes(OPENS_MINUTES_BEFORE);
    }

    // ---------------------------------------------------------------- roll call

    /** Roll call or correction by the registrar: sets the marks of one session; each change is audited. */
    @Transactional
    public List<Cell> rollCall(long sessionId, List<Mark> marks) {
        Classroom.SessionRow s = classroom.session(sessionId);
        TrainingClasses.Row row = classroom.requireManager(s.classId(), false);
        if (row.status() == ClassStatus.COMPLETED || !Classroom.RUNNING.contains(row.status())) {
            throw BusinessException.conflict("班次" + row.status().label() + "，考勤不能再修改");
        }
        CurrentUser me = CurrentUsers.require();
        // a session that has not begun cannot have been attended: marks made now would credit hours at once
        boolean marking = marks.stream().anyMatch(m -> m.status() != null && m.status() != AttendanceStatus.NOT_YET);
        if (marking && LocalDateTime.now(clock).isBefore(opens(s))) {
            throw BusinessException.conflict("该课次（" + s.date() + " " + s.startsAt().format(HM) + "）尚未开始，"
                    + opens(s).format(HM) + "起才能点名");
        }
        List<Cell> out = new ArrayList<>();
        for (Mark m : marks) {
            if (m.enrollmentId() == null || m.status() == null) {
                throw new BusinessException("请选择学员和考勤状态");
            }
            if (m.status() != AttendanceStatus.PRESENT && m.status() != AttendanceStatus.LATE
                    && m.status() != AttendanceStatus.ABSENT && m.status() != AttendanceStatus.NOT_YET) {
                throw new BusinessException("点名只能标记出勤、迟到、缺课或清除标记；请假须由学员申请并经审批");
            }
            Map<String, Object> who = jdbc.sql(Unscoped.ofChecked("class", "ClassRows") + """
                    select e.id, c.name from enrollment_card e join cadre_card c on c.id = e.cadre_id
                    where e.id = ? and e.class_id = ? and e.status = 'ENROLLED'""")
                    .params(m.enrollmentId(), s.classId()).query().listOfRows().stream().findFirst()
                    .orElseThrow(() -> BusinessException.notFound("在训学员"));
            Map<String, Object> before = jdbc.sql(Unscoped.ofChecked("class", "ClassRows") + "select status, method, checked_in_at from attendance where session_id = ? and enrollment_id = ?")
                    .params(sessionId, m.enrollmentId()).query().listOfRows().stream().findFirst().orElse(null);
            if (m.status() == AttendanceStatus.NOT_YET) {
                jdbc.sql("delete from attendance where session_id = ? and enrollment_id = ?").params(sessionId, m.enrollmentId()).update();
            } else {
                jdbc.sql("""
                        insert into attendance (session_id, enrollment_id, status, method, marked_by, note)
                        values (?, ?, ?, 'ROLL_CALL', ?, ?)
                        on conflict (session_id, enrollment_id) do update set status = excluded.status, method = 'ROLL_CALL',
                            marked_by = excluded.marked_by, note = excluded.note, updated_at = now()""")
                        .params(sessionId, m.enrollmentId(), m.status().name(), me.username(), m.note()).update();
            }
            String was = before == null ? "未签到" : AttendanceStatus.valueOf((String) before.get("status")).label();
            audit.record(before == null ? "ROLL_CALL" : "CORRECT_ATTENDANCE", "Attendance", sessionId + ":" + m.enrollmentId(),
                    (before == null ? "点名：" : "更正考勤：") + who.get("name") + "，" + s.date() + " " + s.topic() + "，"
                            + was + " → " + m.status().label() + (m.note() == null || m.note().isBlank() ? "" : "（" + m.note() + "）"),
                    before, Map.of("status", m.status().name()));
            out.add(new Cell(sessionId, m.status(), m.status().label(), Instant.now(clock), "ROLL_CALL"));
        }
        classroom.markInProgress(s.classId(), row.status());
        return out;
    }

    // ---------------------------------------------------------------- sheet

    @Transactional(readOnly = true)
    public Sheet sheet(long classId) {
        classroom.requireManager(classId, false);
        return sheetOf(classId, null);
    }

    /** The attendance sheet; {@code onlyEnrollment} restricts it to one trainee (their own view). */
    Sheet sheetOf(long classId, Long onlyEnrollment) {
        List<SessionView> sessions = classroom.scheduledSessions(classId);
        record Trainee(long enrollmentId, long cadreId, String name, String org) {
        }
        List<Trainee> trainees = jdbc.sql(Unscoped.ofChecked("class", "ClassRows") + """
                select e.id, c.id, c.name, o.name from enrollment_card e join cadre_card c on c.id = e.cadre_id join org_unit o on o.id = c.org_id
                where e.class_id = :cls and e.status in ('ENROLLED', 'COMPLETED', 'NOT_COMPLETED', 'DISMISSED')
                  and (cast(:only as bigint) is null or e.id = :only)
                order by tree_path_key(o.path), c.name, e.id""")
                .param("cls", classId).param("only", onlyEnrollment)
                .query((rs, i) -> new Trainee(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))).list();
        Map<String, Object[]> marks = new HashMap<>();
        jdbc.sql(Unscoped.ofChecked("class", "ClassRows") + """
                select a.session_id, a.enrollment_id, a.status, a.checked_in_at, a.method from attendance a
                join session_card s on s.id = a.session_id where s.class_id = ?""")
                .param(classId).query(rs -> {
                    marks.put(rs.getLong(1) + ":" + rs.getLong(2), new Object[]{rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5)});
                });
        Set<String> leave = new HashSet<>();
        jdbc.sql(Unscoped.ofChecked("class", "ClassRows") + """
                select l.enrollment_id, ls.session_id from leave_request l join leave_request_session ls on ls.leave_id = l.id
                where l.class_id = ? and l.status in ('APPROVED', 'RETURNED')""")
                .param(classId).query(rs -> {
                    leave.add(rs.getLong(2) + ":" + rs.getLong(1));
                });
        LocalDateTime now = LocalDateTime.now(clock);
        List<SheetRow> rows = new ArrayList<>();
        BigDecimal total = sessions.stream().map(SessionView::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
        for (Trainee t : trainees) {
            List<Cell> cells = new ArrayList<>();
            BigDecimal att = BigDecimal.ZERO, lv = BigDecimal.ZERO, ab = BigDecimal.ZERO;
            int late = 0;
            for (SessionView s : sessions) {
                String key = s.id() + ":" + t.enrollmentId();
                Object[] m = marks.get(key);
                AttendanceStatus st = status(m == null ? null : AttendanceStatus.valueOf((String) m[0]), leave.contains(key),
                        now.isAfter(s.sessionDate().atTime(s.endsAt())));
                switch (st) {
                    case PRESENT -> att = att.add(s.hours());
                    case LATE -> {
                        att = att.add(s.hours());
                        late++;
                    }
                    case LEAVE -> lv = lv.add(s.hours());
                    case ABSENT -> ab = ab.add(s.hours());
                    default -> {
                    }
                }
                cells.add(new Cell(s.id(), st, st.label(), m == null ? null : (Instant) m[1], m == null ? null : (String) m[2]));
            }
            rows.add(new SheetRow(t.enrollmentId(), t.cadreId(), t.name(), t.org(), cells, att, lv, ab, late));
        }
        return new Sheet(classId, sessions, rows, total);
    }

    /**
     * The status of one trainee at one session: a stored mark wins for present/late (they came, even on leave),
     * then granted leave, then a stored absent mark, then absent once the session is over.
     */
    static AttendanceStatus status(AttendanceStatus stored, boolean onLeave, boolean sessionEnded) {
        if (stored == AttendanceStatus.PRESENT || stored == AttendanceStatus.LATE) {
            return stored;
        }
        if (onLeave) {
            return AttendanceStatus.LEAVE;
        }
        if (stored == AttendanceStatus.ABSENT) {
            return AttendanceStatus.ABSENT;
        }
        return sessionEnded ? AttendanceStatus.ABSENT : AttendanceStatus.NOT_YET;
    }

    Map<Long, Tally> tallies(long classId) {
        Sheet sheet = sheetOf(classId, null);
        Map<Long, Tally> out = new LinkedHashMap<>();
        for (SheetRow r : sheet.rows()) {
            out.put(r.enrollmentId(), new Tally(sheet.totalHours(), r.attendedHours(), r.leaveHours(), r.absenceHours(), r.lateCount()));
        }
        return out;
    }

    /** A class's attendance: its name, the marks present or late, and all marks (present, late, absent, on leave). */
    public record ClassAttendance(String className, long present, long marks) {
    }

    /**
     * The classes among these whose attendance (present or late, of all marks) is below {@code percent}, in class
     * order, at most {@code limit} (planning's evaluation report). Counts only; no scope check: the caller chose the
     * classes within its reader's scope.
     */
    public List<ClassAttendance> lowAttendance(List<Long> classIds, BigDecimal percent, int limit) {
        if (classIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(Unscoped.countsOnly() + """
                select tc.name, count(*) filter (where a.status in ('PRESENT','LATE')) as present, count(*) as marks
                  from attendance a join session_card s on s.id = a.session_id join class_card tc on tc.id = s.class_id
                 where s.class_id in (:ids) and a.status in ('PRESENT','LATE','ABSENT','LEAVE')
                 group by tc.id, tc.name having count(*) > 0
                    and count(*) filter (where a.status in ('PRESENT','LATE')) * 100 < :low * count(*)
                 order by tc.id limit :limit""")
                .param("ids", classIds).param("low", percent).param("limit", limit)
                .query((rs, i) -> new ClassAttendance(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /** Per-class settings of check-in (code life and late grace), registrar. */
    @Transactional
    public Map<String, Integer> settings(long classId, Integer codeSeconds, Integer lateGraceMinutes) {
        TrainingClasses.Row row = classroom.requireManager(classId, true);
        Map<String, Object> before = jdbc.sql("select checkin_code_seconds, late_grace_minutes from class_card where id = ?")
                .param(classId).query().singleRow();
        if (codeSeconds != null && (codeSeconds < 15 || codeSeconds > 600)) {
            throw new BusinessException("签到码有效时长须在15至600秒之间");
        }
        if (lateGraceMinutes != null && (lateGraceMinutes < 0 || lateGraceMinutes > 240)) {
            throw new BusinessException("迟到宽限须在0至240分钟之间");
        }
        commands.setCheckInSettings(classId, codeSeconds, lateGraceMinutes);
        Map<String, Integer> after = settingsOf(classId);
        audit.record("UPDATE_CHECKIN_SETTINGS", "TrainingClass", classId, "签到设置：" + row.name() + "，签到码每"
                + after.get("codeSeconds") + "秒更新，迟到宽限" + after.get("lateGraceMinutes") + "分钟", before, after);
        return after;
    }

    public Map<String, Integer> settingsOf(long classId) {
        return jdbc.sql("select checkin_code_seconds, late_grace_minutes from class_card where id = ?").param(classId)
                .query((rs, i) -> Map.of("codeSeconds", rs.getInt(1), "lateGraceMinutes", rs.getInt(2))).single();
    }
}
