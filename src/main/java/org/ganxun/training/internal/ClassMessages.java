package org.ganxun.training.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.notify.Notifications;
import org.ganxun.org.DataScopes;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.security.Phones;
import org.ganxun.training.ClassMessageKeys;
import org.ganxun.training.forclassroom.ClassRows;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What was sent to a class's trainees (调训通知, 候补, 递补, 取消): each in-app message with when it was read and its SMS
 * copy's delivery state from the outbox. For the jurisdiction's organisation department (who calls up) and the class's
 * registrar. The messages are found by their keys, which {@code Enrollments} derives from the enrollment's id.
 */
@Service
class ClassMessages {

    /** The verbs of Enrollments' message keys ({@code training:<verb>:<enrollmentId>}); the classroom's leave messages ({@code training:leave:<leaveId>}) come through {@link ClassMessageKeys}. */
    static final List<String> VERBS = List.of("enroll", "waitlist", "withdraw", "cancel", "promote");

    private final JdbcClient jdbc;
    private final ClassRows rows;
    private final DataScopes scopes;
    private final Notifications notifications;
    private final List<ClassMessageKeys> otherKeys;

    ClassMessages(JdbcClient jdbc, ClassRows rows, DataScopes scopes, Notifications notifications, List<ClassMessageKeys> otherKeys) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.scopes = scopes;
        this.notifications = notifications;
        this.otherKeys = otherKeys;
    }

    public record Line(String cadreName, String phone, String kind, String title, String body, java.time.Instant sentAt,
                       java.time.Instant readAt, String smsStatus, String smsStatusLabel, int smsAttempts, String smsError,
                       java.time.Instant smsSentAt) {
    }

    @Transactional(readOnly = true)
    public List<Line> of(long classId) {
        TrainingClasses.Row row = rows.find(classId, false);
        CurrentUser me = CurrentUsers.require();
        DataScope scope = scopes.current();
        boolean approver = TrainingClasses.isApprover(me, scope, row) && me.can(Permission.CALLUP_MANAGE);
        boolean manager = me.can(Permission.CLASSROOM_MANAGE)
                && (scope.all() || scope.coversOrgPath(row.filerPath()) || scope.coversOrgPath(row.jurisdictionPath()));
        if (!approver && !manager) {
            throw new BusinessException(403, "只有备案机关的组织部门或举办单位教务人员可以查看本班的通知发送记录", List.of());
        }
        Map<String, String[]> who = new HashMap<>();
        Map<Long, String[]> byEnrollment = new HashMap<>();
        jdbc.sql(Unscoped.ofChecked("class", "ClassMessages.of (approver or registrar)")
                        + "select e.id, c.name, c.phone from enrollment e join cadre_card c on c.id = e.cadre_id where e.class_id = ?")
                .param(classId)
                .query((rs, i) -> {
                    String[] person = {rs.getString(2), rs.getString(3)};
                    byEnrollment.put(rs.getLong(1), person);
                    for (String v : VERBS) {
                        who.put("training:" + v + ":" + rs.getLong(1), person);
                    }
                    return null;
                }).list();
        // the classroom's messages about the class (leave decisions), each about one of these enrollments
        for (ClassMessageKeys source : otherKeys) {
            source.keysOf(classId).forEach((key, enrollmentId) -> {
                String[] person = byEnrollment.get(enrollmentId);
                if (person != null) {
                    who.put(key, person);
                }
            });
        }
        List<Line> out = new ArrayList<>();
        for (Notifications.Sent s : notifications.sent(who.keySet(), "class", "ClassMessages.of (approver or registrar)")) {
            String[] person = who.get(s.dedupKey());
            String status = s.sms() == null ? null : s.sms().status();
            out.add(new Line(person[0], Phones.forReader(person[1]), s.kind(), s.title(), s.body(), s.createdAt(), s.readAt(), status,
                    status == null ? "未发短信" : switch (status) {
                        case "SENT" -> "已发送";
                        case "FAILED" -> "发送失败";
                        default -> "待发送";
                    }, s.sms() == null ? 0 : s.sms().attempts(), s.sms() == null ? null : s.sms().lastError(),
                    s.sms() == null ? null : s.sms().sentAt()));
        }
        return out;
    }
}
