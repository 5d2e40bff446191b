package org.ganxun.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.ganxun.platform.ops.BacklogGauges;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SMS outbox's backlog an operator watches, {@code ganxun.outbox.sms{state=pending|failed}}: read from the
 * database when Prometheus scrapes, so every node reports the same cluster-wide figure (platform.ops.BacklogGauges). Spring Boot binds it to the registry.
 */
@Component
class SmsOutboxMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    SmsOutboxMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String state : new String[]{"PENDING", "FAILED"}) {
            BacklogGauges.count(registry, jdbc, "ganxun.outbox.sms", "SMS messages in the outbox",
                    Tags.of("state", state.toLowerCase()), "select count(*) from sms_outbox where status = '" + state + "'");
        }
    }
}
