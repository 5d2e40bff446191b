package org.ganxun.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A gateway that fails for a while, then recovers: every message is delivered, and exactly once. */
@IntegrationTest
class SmsOutboxTest {

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    /** Fails the first {@code failures} calls, then records deliveries by message id. */
    static final class FlakyGateway implements SmsGateway {
        final AtomicInteger failuresLeft;
        final Map<String, Integer> delivered = new ConcurrentHashMap<>();

        FlakyGateway(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void send(String messageId, String phone, String body) throws SmsException {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new SmsException("gateway unavailable (503)");
            }
            delivered.merge(messageId, 1, Integer::sum);
        }
    }

    @Test
    void aGatewayDownForAWhileDeliversEveryMessageExactlyOnce() throws Exception {
        String batch = Fixture.unique("b");
        FlakyGateway gateway = new FlakyGateway(25);
        SmsOutbox outbox = new SmsOutbox(jdbc, gateway, tx);
        for (int i = 0; i < 40; i++) {
            outbox.enqueue("1380000" + String.format("%04d", i), "消息" + i, batch + ":" + i);
        }
        outbox.enqueue("13800000000", "重复入队", batch + ":0"); // the same key again: not a second message

        ExecutorService pool = Executors.newFixedThreadPool(3); // three nodes sending at once
        for (int round = 0; round < 30 && pending(batch) > 0; round++) {
            List<Future<Integer>> fs = List.of(pool.submit(() -> outbox.sendDue(50)), pool.submit(() -> outbox.sendDue(50)),
                    pool.submit(() -> outbox.sendDue(50)));
            for (Future<Integer> f : fs) {
                f.get();
            }
            // time passes: failed messages become due again
            jdbc.sql("update sms_outbox set next_attempt_at = now() where status = 'PENDING' and dedup_key like ?")
                    .param(batch + ":%").update();
        }
        pool.shutdown();

        assertThat(pending(batch)).isZero();
        assertThat(gateway.delivered).hasSize(40);
        assertThat(gateway.delivered.values()).allMatch(n -> n == 1);
        assertThat(jdbc.sql("select count(*) from sms_outbox where dedup_key like ? and status = 'SENT'").param(batch + ":%")
                .query(Long.class).single()).isEqualTo(40);
        assertThat(jdbc.sql("select max(attempts) from sms_outbox where dedup_key like ?").param(batch + ":%")
                .query(Integer.class).single()).isGreaterThan(1);
    }

    @Test
    void backoffGrowsAndIsCapped() {
        assertThat(SmsOutbox.backoff(1).toSeconds()).isEqualTo(5);
        assertThat(SmsOutbox.backoff(2).toSeconds()).isEqualTo(10);
        assertThat(SmsOutbox.backoff(4).toSeconds()).isEqualTo(40);
        assertThat(SmsOutbox.backoff(15).toSeconds()).isEqualTo(3600);
    }

    private long pending(String batch) {
        return jdbc.sql("select count(*) from sms_outbox where dedup_key like ? and status = 'PENDING'").param(batch + ":%")
                .query(Long.class).single();
    }
}
