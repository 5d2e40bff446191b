package org.ganxun.classroom;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.training.SessionStatus;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Leave (请假 / 销假): a trainee asks leave for sessions of their class, the class's registrar approves or
 * refuses, and the trainee reports back (销假) when they return. The 学时 of the sessions on granted leave
 * count as leave in the class's completion rules (条例第十五条: above 1/7 of the class's 学时 → 退学).
 */
@Service
public class Leaves {

    private final JdbcClient jdbc;
    private final Classroom classroom;
    private final AuditLog audit;
    private final CompletionRules rules;
    private final org.ganxun.notify.Notifications notifications;

    Leaves(JdbcClient jdbc, Classroom classroom, AuditLog audit, CompletionRules rules, org.ganxun.notify.Notifications notifications) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.classroom = classroom;
        this.audit = audit;
        this.rules = rules;
    }

    public record LeaveForm(List<Long> sessionIds, @Size(max = 500, message = "请假事由最多{max}个字") @PlainText(message = "请假事由不能包含网页标记或脚本") String reason) {
    }

    public record LeaveView(long id, long classId, long enrollmentId, long cadreId, String cadreName, String reason,
                            LeaveStatus status, String statusLabel, BigDecimal hours, List<Long> sessionIds, String sessionsText,
                            String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String decisionNote,
                            Instant returnedAt, String returnNote) {
    }

    public record Decided(LeaveView leave, String warning) {
    }

    private static final String SELECT = """
            select l.*, e.cadre_id, c.name as cadre_name,
                   (select string_agg(to_char(s.session_date, 'MM-DD') || ' ' || to_char(s.starts_at, 'HH24:MI') || ' ' || s.topic, '；'
                        order by s.session_date, s.starts_at) from leave_request_session ls join session_card s on s.id = ls.session_id
                        where ls.leave_id = l.id) as sessions_text,
                   (select array_agg(ls.session_id order by ls.session_id) from leave_request_session ls where ls.leave_id = l.id) as session_ids
            from leave_request l join enrollment_card e on e.id = l.enrollment_id join cadre_card c on c.id = e.cadre_id""";

    @Transactional
    public LeaveView request(long classId, LeaveForm form) {
        long enrollmentId = classroom.requireTrainee(classId);
        TrainingClasses.Row row = lockRunning(classId);
        if (!StringUtils.hasText(form.reason())) {
            throw new BusinessException("请填写请假事由");
        }
        if (form.sessionIds() == null || form.sessionIds().isEmpty()) {
            throw new BusinessException("请选择请假的课次");
        }
        LinkedHashSet<Long> ids = new LinkedHashSet<>(form.sessionIds());
        BigDecimal hours = BigDecimal.ZERO;
        for (Long sid : ids) {
            Classroom.SessionRow s = classroom.session(sid);
            if (s.classId() != classId || s.status() != SessionStatus.SCHEDULED) {
                throw new BusinessException("所选课次不属于本班或已取消");
            }
            boolean taken = jdbc.sql(Unscoped.own() + """
                    select count(*) from leave_request l join leave_request_session ls on ls.leave_id = l.id
                    where l.enrollment_id = ? and ls.session_id = ? and l.status in ('PENDING', 'APPROVED', 'RETURNED')""")
                    .params(enrollmentId, sid).query(Long.class).single() > 0;
            if (taken) {
                throw BusinessException.conflict(s.date() + " " + s.topic() + " 已有请假申请，不能重复请假");
            }
            if (attended(enrollmentId, sid)) {
                throw BusinessException.conflict(s.date() + " " + s.topic() + " 已签到出勤，不能请假");
            }
            hours = hours.add(s.hours());
        }
        long id = jdbc.sql("""
                insert into leave_request (class_id, enrollment_id, reason, status, hours, requested_by)
                values (?, ?, ?, 'PENDING', ?, ?) returning id""")
                .params(classId, enrollmentId, form.reason().strip(), hours, CurrentUsers.require().username())
                .query(Long.class).single();
        for (Long sid : ids) {
            jdbc.sql("insert into leave_request_session (leave_id, session_id) values (?, ?)").params(id, sid).update();
        }
        LeaveView v = get(id);
        audit.record("REQUEST_LEAVE", "LeaveRequest", id, "请假申请：" + v.cadreName() + "，" + row.name() + "，" + hours.stripTrailingZeros().toPlainString()
                + "学时（" + v.sessionsText() + "）", null, v);
        return v;
    }

    private boolean attended(long enrollmentId, long sessionId) {
        return jdbc.sql(Unscoped.ofChecked("class", "Classroom.requireTrainee or requireManager") + "select exists (select 1 from attendance where enrollment_id = ? and session_id = ? and status in ('PRESENT', 'LATE'))")
                .params(enrollmentId, sessionId).query(Boolean.class).single();
    }

    @Transactional
    public Decided approve(long id, String note) {
        return decide(id, true, note);
    }

    @Transactional
    public Decided refuse(long id, String note) {
        if (!StringUtils.hasText(note)) {
            throw new BusinessException("不批准请假须填写理由");
        }
        return decide(id, false, note);
    }

    private Decided decide(long id, boolean approve, String note) {
        LeaveView before = get(id);
        TrainingClasses.Row row = classroom.requireManager(before.classId(), true);
        if (before.status() != LeaveStatus.PENDING) {
            throw BusinessException.conflict("该请假申请" + before.statusLabel() + "，不能再审批");
        }
        if (approve && before.sessionIds().stream().anyMatch(sid -> attended(before.enrollmentId(), sid))) {
            // the trainee came after all: an approved leave beside the attendance would contradict it
            throw BusinessException.conflict("学员已在所请课次签到出勤，不能批准请假；如需更正请先更正考勤");
        }
        jdbc.sql("""
                update leave_request set status = ?, decided_by = ?, decided_at = now(), decision_note = ? where id = ?""")
                .params(approve ? "APPROVED" : "REFUSED", CurrentUsers.require().username(), StringUtils.hasText(note) ? note.strip() : null, id)
                .update();
        LeaveView after = get(id);
        String warning = null;
        if (approve) {
            classroom.markInProgress(row.id(), row.status());
            BigDecimal total = classroom.totalHours(row.id());
            BigDecimal granted = jdbc.sql(Unscoped.ofChecked("class", "ClassRows") + "select coalesce(sum(hours), 0) from leave_request where enrollment_id = ? and status in ('APPROVED', 'RETURNED')")
                    .param(before.enrollmentId()).query(BigDecimal.class).single();
            CompletionRules.Rule leaveRule = rules.effective(row.id()).stream().filter(r -> r.code().equals(CompletionRules.LEAVE_SHARE))
                    .findFirst().orElse(null);
            if (leaveRule != null && leaveRule.exceeded(granted, total)) {
                warning = "批准后该学员请假累计" + CompletionPolicy.fmt(granted) + "学时，已超过总学时" + CompletionPolicy.fmt(total)
                        + "的" + leaveRule.numerator() + "/" + leaveRule.denominator() + "，结业时将按“" + leaveRule.title() + "”予以"
                        + leaveRule.outcome().label() + "（" + leaveRule.source() + "）";
            }
        }
        audit.record(approve ? "APPROVE_LEAVE" : "REFUSE_LEAVE", "LeaveRequest", id, (approve ? "批准请假：" : "不批准请假：")
                + after.cadreName() + "，" + CompletionPolicy.fmt(after.hours()) + "学时" + (StringUtils.hasText(note) ? "。" + note.strip() : ""),
                before, after);
        // the trainee learns the decision in the message centre (and on the phone home) without asking
        notifications.toCadre(after.cadreId(), "TRAINING_LEAVE_DECIDED", approve ? "请假已批准" : "请假未批准",
                "您在“" + row.name() + "”的请假（" + after.sessionsText() + "）" + (approve ? "已批准" : "未批准")
                        + (StringUtils.hasText(note) ? "。" + note.strip() : "。"),
                "/m/class/" + row.id(), "training:leave:" + id, null);
        return new Decided(after, warning);
    }

    /** 销假: the trainee reports back after approved leave. */
    @Transactional
    public LeaveView reportBack(long id, String note) {
        LeaveView before = get(id);
        long enrollmentId = classroom.requireTrainee(before.classId());
        if (enrollmentId != before.enrollmentId()) {
            throw new BusinessException(403, "只能为本人的请假销假", List.of());
        }
        if (before.status() != LeaveStatus.APPROVED) {
            throw BusinessException.conflict("该请假" + before.statusLabel() + "，不能销假");
        }
        jdbc.sql("update leave_request set status = 'RETURNED', returned_at = now(), return_note = ? where id = ?")
                .params(StringUtils.hasText(note) ? note.strip() : null, id).update();
        LeaveView after = get(id);
        audit.record("RETURN_FROM_LEAVE", "LeaveRequest", id, "销假：" + after.cadreName(), before, after);
        return after;
    }

    /** The trainee withdraws a request not yet decided. */
    @Transactional
    public LeaveView cancel(long id) {
        LeaveView before = get(id);
        long enrollmentId = classroom.requireTrainee(before.classId());
        if (enrollmentId != before.enrollmentId()) {
            throw new BusinessException(403, "只能撤回本人的请假申请", List.of());
        }
        if (before.status() != LeaveStatus.PENDING) {
            throw BusinessException.conflict("该请假" + before.statusLabel() + "，不能撤回");
        }
        jdbc.sql("update leave_request set status = 'CANCELLED' where id = ?").param(id).update();
        LeaveView after = get(id);
        audit.record("CANCEL_LEAVE", "LeaveRequest", id, "撤回请假：" + after.cadreName(), before, after);
        return after;
    }

    @Transactional(readOnly = true)
    public List<LeaveView> ofClass(long classId) {
        classroom.requireManager(classId, false);
        return jdbc.sql(Unscoped.ofChecked("class", "Classroom.requireManager") + SELECT + " where l.class_id = ? order by l.requested_at desc, l.id desc").param(classId).query(Leaves::view).list();
    }

    @Transactional(readOnly = true)
    public List<LeaveView> mine(long classId) {
        long enrollmentId = classroom.requireTrainee(classId);
        return jdbc.sql(Unscoped.own() + SELECT + " where l.enrollment_id = ? order by l.requested_at desc, l.id desc").param(enrollmentId).query(Leaves::view).list();
    }

    LeaveView get(long id) {
        return jdbc.sql(Unscoped.rowChecked("every caller of Leaves.get (Classroom)") + SELECT + " where l.id = ?").param(id).query(Leaves::view).optional()
                .orElseThrow(() -> BusinessException.notFound("请假申请"));
    }

    private TrainingClasses.Row lockRunning(long classId) {
        TrainingClasses.Row row = classroom.row(classId, false);
        if (!Classroom.RUNNING.contains(row.status())) {
            throw BusinessException.conflict("班次" + row.status().label() + "，不能请假");
        }
        return row;
    }

    static LeaveView view(ResultSet rs, int i) throws SQLException {
        LeaveStatus st = LeaveStatus.valueOf(rs.getString("status"));
        java.sql.Array a = rs.getArray("session_ids");
        List<Long> ids = new ArrayList<>();
        if (a != null) {
            for (Long x : (Long[]) a.getArray()) {
                ids.add(x);
            }
        }
        return new LeaveView(rs.getLong("id"), rs.getLong("class_id"), rs.getLong("enrollment_id"), rs.getLong("cadre_id"),
                rs.getString("cadre_name"), rs.getString("reason"), st, st.label(), rs.getBigDecimal("hours"), ids,
                rs.getString("sessions_text"), rs.getString("requested_by"), ts(rs, "requested_at"), rs.getString("decided_by"),
                ts(rs, "decided_at"), rs.getString("decision_note"), ts(rs, "returned_at"), rs.getString("return_note"));
    }

    static Instant ts(ResultSet rs, String col) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
