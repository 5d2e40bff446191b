package org.ganxun.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.ganxun.platform.security.Unscoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SMS outbox's backlog an operator watches, {@code ganxun.outbox.sms{state=pending|failed}}: read from the
 * database when Prometheus scrapes, so every node reports the same cluster-wide figure (the platform's other backlogs
 * are in platform.ops.OperationsMetrics). Spring Boot binds it to the registry.
 */
@Component
class SmsOutboxMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(SmsOutboxMetrics.class);

    private final JdbcClient jdbc;

    SmsOutboxMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String state : new String[]{"PENDING", "FAILED"}) {
            Gauge.builder("ganxun.outbox.sms", () -> count(state)).description("SMS messages in the outbox")
                    .tag("state", state.toLowerCase()).register(registry);
        }
    }

    /** NaN when the database does not answer (the health endpoint tells that). */
    private Number count(String state) {
        try {
            return jdbc.sql(Unscoped.countsOnly() + "select count(*) from sms_outbox where status = ?").param(state)
                    .query(Long.class).single();
        } catch (RuntimeException e) {
            log.debug("metric query failed: {}", e.getMessage());
            return Double.NaN;
        }
    }
}
