package org.ganxun.notify;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.ganxun.platform.security.Unscoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMS outbox. A message is stored in the caller's transaction; a scheduled sender claims due
 * messages ({@code FOR UPDATE SKIP LOCKED}, so several nodes can run it), sends each through the gateway
 * with its outbox key as the message id, and marks it sent. A failure schedules a retry with exponential
 * backoff (capped), so a gateway that is down for a while delays messages but loses none.
 */
@Service
public class SmsOutbox {

    private static final Logger log = LoggerFactory.getLogger(SmsOutbox.class);
    static final int MAX_ATTEMPTS = 20;

    private final JdbcClient jdbc;
    private final SmsGateway gateway;
    private final TransactionTemplate tx;

    SmsOutbox(JdbcClient jdbc, SmsGateway gateway, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.tx = tx;
    }

    @Transactional
    public void enqueue(String phone, String body, String dedupKey) {
        String key = dedupKey == null ? UUID.randomUUID().toString() : dedupKey;
        jdbc.sql("insert into sms_outbox (phone, body, dedup_key) values (?, ?, ?) on conflict (dedup_key) do nothing")
                .params(phone.strip(), body.length() > 500 ? body.substring(0, 500) : body, key).update();
    }

    /** Delivery state of one outbox message, for senders that show a log per recipient. */
    public record Delivery(String dedupKey, String status, int attempts, String lastError, java.time.Instant sentAt) {
    }

    /** The states of the messages with these keys (absent keys are left out). */
    @Transactional(readOnly = true)
    public java.util.Map<String, Delivery> deliveries(java.util.Collection<String> dedupKeys) {
        java.util.Map<String, Delivery> out = new java.util.HashMap<>();
        if (dedupKeys.isEmpty()) {
            return out;
        }
        jdbc.sql(Unscoped.ofChecked("broadcast or class", "its service, which asks for the delivery state") + "select dedup_key, status, attempts, last_error, sent_at from sms_outbox where dedup_key = any(?)")
                .param(dedupKeys.toArray(String[]::new))
                .query((rs, i) -> new Delivery(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list().forEach(d -> out.put(d.dedupKey(), d));
        return out;
    }

    @Scheduled(fixedDelayString = "${ganxun.sms.poll-ms:5000}", initialDelayString = "${ganxun.sms.initial-delay-ms:10000}")
    @SchedulerLock(name = "sms-outbox", lockAtMostFor = "PT15M")
    public void scheduled() {
        sendDue(100);
    }

    /** Sends what is due; returns how many were sent. One transaction per message keeps a failure local. */
    public int sendDue(int max) {
        int sent = 0;
        for (int i = 0; i < max; i++) {
            Boolean result = tx.execute(status -> {
                List<Object[]> rows = jdbc.sql(Unscoped.because("the outbox sender, a job") + """
                        select id, phone, body, dedup_key, attempts from sms_outbox
                        where status = 'PENDING' and next_attempt_at <= now()
                        order by next_attempt_at, id limit 1 for update skip locked""")
                        .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)})
                        .list();
                if (rows.isEmpty()) {
                    return null;
                }
                Object[] r = rows.get(0);
                long id = (Long) r[0];
                int attempts = (Integer) r[4] + 1;
                try {
                    gateway.send((String) r[3], (String) r[1], (String) r[2]);
                    jdbc.sql("update sms_outbox set status = 'SENT', attempts = ?, sent_at = now(), last_error = null where id = ?")
                            .params(attempts, id).update();
                    return true;
                } catch (SmsGateway.SmsException | RuntimeException e) {
                    Duration wait = backoff(attempts);
                    String state = attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING";
                    jdbc.sql("update sms_outbox set attempts = ?, status = ?, last_error = ?, next_attempt_at = now() + make_interval(secs => ?) where id = ?")
                            .params(attempts, state, truncate(e.getMessage()), (double) wait.toSeconds(), id).update();
                    log.warn("SMS {} attempt {} failed: {}", r[3], attempts, e.getMessage());
                    return false;
                }
            });
            if (result == null) {
                break;
            }
            if (result) {
                sent++;
            }
        }
        return sent;
    }

    /** 5 s, 10 s, 20 s … capped at one hour. */
    static Duration backoff(int attempts) {
        long seconds = 5L << Math.min(attempts - 1, 10);
        return Duration.ofSeconds(Math.min(seconds, 3600));
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
    }
}
