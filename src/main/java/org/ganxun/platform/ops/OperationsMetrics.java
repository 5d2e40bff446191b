package org.ganxun.platform.ops;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.ganxun.platform.security.Unscoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The backlogs an operator watches, read from the database when Prometheus scrapes (so every node reports the
 * same cluster-wide figure): {@code ganxun.events.incomplete}
 * (event publications not completed yet) and {@code ganxun.import.jobs{job, state=queued|running}}. Requests and
 * errors are Spring Boot's {@code http.server.requests}; job runs {@code ganxun.jobs.*} (ClusterScheduling);
 * import throughput {@code ganxun.import.rows} and {@code ganxun.import.duration} (platform.job.UploadJobWorker); the SMS
 * outbox's backlog {@code ganxun.outbox.sms{state=pending|failed}} is the notify module's (a MeterBinder there).
 */
@Component
class OperationsMetrics implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

    private final MeterRegistry meters;
    private final JdbcClient jdbc;

    OperationsMetrics(MeterRegistry meters, JdbcClient jdbc) {
        this.meters = meters;
        this.jdbc = jdbc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        gauge("ganxun.events.incomplete", "Event publications whose listener has not completed", null, null,
                "select count(*) from event_publication where completion_date is null");
        for (String table : new String[]{"import_job", "online_import"}) {
            for (String state : new String[]{"QUEUED", "RUNNING"}) {
                Gauge.builder("ganxun.import.jobs", () -> count("select count(*) from " + table + " where status = '" + state + "'"))
                        .description("Upload jobs waiting or running, on all nodes")
                        .tag("job", table).tag("state", state.toLowerCase())
                        .register(meters);
            }
        }
    }

    private void gauge(String name, String description, String tag, String value, String sql) {
        Gauge.Builder<Supplier<Number>> b = Gauge.builder(name, () -> count(sql)).description(description);
        if (tag != null) {
            b.tag(tag, value);
        }
        b.register(meters);
    }

    /** NaN when the database does not answer (the health endpoint tells that). */
    private Number count(String sql) {
        try {
            return jdbc.sql(Unscoped.countsOnly() + sql).query(Long.class).single();
        } catch (RuntimeException e) {
            log.debug("metric query failed: {}", e.getMessage());
            return Double.NaN;
        }
    }
}
