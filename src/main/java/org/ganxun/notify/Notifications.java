package org.ganxun.notify;

import java.time.Instant;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** In-app notifications, plus an SMS copy through the outbox when a phone number is given. */
@Service
public class Notifications {

    private final JdbcClient jdbc;
    private final SmsOutbox sms;

    Notifications(JdbcClient jdbc, SmsOutbox sms) {
        this.jdbc = jdbc;
        this.sms = sms;
    }

    public record Message(long id, String kind, String title, String body, String link, Instant createdAt, Instant readAt) {
    }

    /**
     * Notifies a cadre. {@code dedupKey} makes repeated calls (a job run twice) harmless; returns false
     * when the notification already existed.
     */
    @Transactional
    public boolean toCadre(long cadreId, String kind, String title, String body, String link, String dedupKey, String phoneForSms) {
        int n = jdbc.sql("""
                insert into notification (cadre_id, kind, title, body, link, dedup_key) values (?, ?, ?, ?, ?, ?)
                on conflict (dedup_key) do nothing""")
                .params(cadreId, kind, title, body, link, dedupKey).update();
        if (n == 1 && phoneForSms != null && !phoneForSms.isBlank()) {
            sms.enqueue(phoneForSms, title + "：" + body, dedupKey == null ? null : "sms:" + dedupKey);
        }
        return n == 1;
    }

    @Transactional
    public boolean toUser(long userId, String kind, String title, String body, String link, String dedupKey) {
        return jdbc.sql("""
                insert into notification (user_id, kind, title, body, link, dedup_key) values (?, ?, ?, ?, ?, ?)
                on conflict (dedup_key) do nothing""")
                .params(userId, kind, title, body, link, dedupKey).update() == 1;
    }

    /** The signed-in user's messages (a cadre's account also sees those addressed to the cadre). */
    @Transactional(readOnly = true)
    public List<Message> mine(boolean unreadOnly) {
        return mine(unreadOnly, null);
    }

    /** {@link #mine(boolean)} of one kind (a {@link #kindLabel} group's prefix such as {@code TRAINING_}), newest first, at most 200. */
    @Transactional(readOnly = true)
    public List<Message> mine(boolean unreadOnly, String kindPrefix) {
        CurrentUser me = CurrentUsers.require();
        String prefix = kindPrefix == null || kindPrefix.isBlank() ? "" : kindPrefix.strip();
        return jdbc.sql(Unscoped.own() + """
                select id, kind, title, body, link, created_at, read_at from notification
                where (user_id = :user or (cadre_id is not null and cadre_id = :cadre)) and (not :unread or read_at is null)
                  and (:prefix = '' or starts_with(kind, :prefix))
                order by created_at desc, id desc limit 200""")
                .param("user", me.id()).param("cadre", me.cadreId() == null ? -1L : me.cadreId()).param("unread", unreadOnly)
                .param("prefix", prefix)
                .query((rs, i) -> new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .list();
    }

    /**
     * How many of the signed-in user's messages are unread, and the id of the newest: the bell asks every 30 seconds,
     * so this is two index lookups.
     */
    @Transactional(readOnly = true)
    public Unread unread() {
        CurrentUser me = CurrentUsers.require();
        return jdbc.sql(Unscoped.own() + """
                select count(*) filter (where read_at is null), coalesce(max(id), 0) from notification
                where user_id = :user or (cadre_id is not null and cadre_id = :cadre)""")
                .param("user", me.id()).param("cadre", me.cadreId() == null ? -1L : me.cadreId())
                .query((rs, i) -> new Unread(rs.getLong(1), rs.getLong(2))).single();
    }

    public record Unread(long count, long latestId) {
    }

    @Transactional
    public int markAllRead() {
        CurrentUser me = CurrentUsers.require();
        return jdbc.sql("update notification set read_at = now() where read_at is null"
                        + " and (user_id = :user or (cadre_id is not null and cadre_id = :cadre))")
                .param("user", me.id()).param("cadre", me.cadreId() == null ? -1L : me.cadreId()).update();
    }

    /**
     * What was sent under these keys (the caller's own subject, such as a class's enrollments, whose access it checked):
     * the in-app message (when it was created and read) and its SMS copy's delivery state.
     */
    public record Sent(String dedupKey, String kind, String title, String body, Instant createdAt, Instant readAt,
                       SmsOutbox.Delivery sms) {
    }

    @Transactional(readOnly = true)
    public List<Sent> sent(java.util.Collection<String> dedupKeys, String checkedSubject, String checkedBy) {
        if (dedupKeys.isEmpty()) {
            return List.of();
        }
        List<Sent> rows = jdbc.sql(Unscoped.ofChecked(checkedSubject, checkedBy)
                        + "select dedup_key, kind, title, body, created_at, read_at from notification where dedup_key = any(?)"
                        + " order by created_at desc, id desc")
                .param(dedupKeys.toArray(String[]::new))
                .query((rs, i) -> new Sent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), null))
                .list();
        java.util.Map<String, SmsOutbox.Delivery> sms = this.sms.deliveries(rows.stream().map(r -> "sms:" + r.dedupKey()).toList());
        return rows.stream().map(r -> new Sent(r.dedupKey(), r.kind(), r.title(), r.body(), r.createdAt(), r.readAt(),
                sms.get("sms:" + r.dedupKey()))).toList();
    }

    @Transactional
    public void markRead(long id) {
        CurrentUser me = CurrentUsers.require();
        jdbc.sql("update notification set read_at = now() where id = :id and read_at is null"
                        + " and (user_id = :user or (cadre_id is not null and cadre_id = :cadre))")
                .param("id", id).param("user", me.id()).param("cadre", me.cadreId() == null ? -1L : me.cadreId()).update();
    }
}
