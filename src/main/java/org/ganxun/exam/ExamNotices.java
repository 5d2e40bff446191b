package org.ganxun.exam;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.ganxun.notify.Notifications;
import org.ganxun.platform.security.Unscoped;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells an exam's candidates that it is published, in-app and by SMS through the outbox ({@link Notifications}), as
 * the 网络学院's assignment reminders do. Once per exam and candidate (the notification's dedup key), so publishing
 * cannot be made to send twice. A course's quiz is not announced: it comes with its course, in the player.
 */
@Service
class ExamNotices {

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final ZoneId zone;

    ExamNotices(JdbcClient jdbc, Notifications notifications, @Value("${spring.jackson.time-zone:Asia/Shanghai}") String zone) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.zone = ZoneId.of(zone);
    }

    private record Candidate(long cadreId, String phone) {
    }

    /** Notifies the active candidates of a published exam; returns how many were told now. */
    @Transactional
    public int published(Exams.Exam e) {
        if (e.purpose() == ExamPurpose.QUIZ) {
            return 0;
        }
        List<Candidate> candidates = jdbc.sql(Unscoped.because("the candidates of an exam the caller has just published (its target checked "
                        + "against the caller's scope when it was saved); their phones go to the SMS outbox only") + """
                        select c.id, c.phone from exam e join org_unit t on t.id = e.target_org_id,
                             cadre_card c join org_unit co on co.id = c.org_id
                        where e.id = ? and c.status = 'ACTIVE' and""" + Exams.CANDIDATE + " order by c.id")
                .param(e.id()).query((rs, i) -> new Candidate(rs.getLong(1), rs.getString(2))).list();
        String body = text(e);
        int sent = 0;
        for (Candidate c : candidates) {
            if (notifications.toCadre(c.cadreId(), "EXAM_NOTICE", "考试通知", body, "/#/m/exams", "exam:" + e.id() + ":published:" + c.cadreId(),
                    c.phone())) {
                sent++;
            }
        }
        jdbc.sql("update exam set notified_at = coalesce(notified_at, now()) where id = ?").param(e.id()).update();
        return sent;
    }

    /** “请参加“2026年度学法考试”（20题，限时60分钟，12月20日18:00前），在手机“在线考试”中作答。” */
    String text(Exams.Exam e) {
        StringBuilder b = new StringBuilder("请参加“").append(e.title()).append("”（").append(e.questionCount()).append("题，限时")
                .append(e.timeLimitMinutes()).append("分钟");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("M月d日HH:mm");
        if (e.opensAt() != null) {
            b.append("，").append(f.format(e.opensAt().atZoneSameInstant(zone))).append("起");
        }
        if (e.closesAt() != null) {
            b.append("，").append(f.format(e.closesAt().atZoneSameInstant(zone))).append("前");
        }
        return b.append("），请在手机“在线考试”中作答。").toString();
    }
}
