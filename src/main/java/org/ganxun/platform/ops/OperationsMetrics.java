package org.ganxun.platform.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The backlogs an operator watches, read from the database when Prometheus scrapes (so every node reports the
 * same cluster-wide figure, {@link BacklogGauges}): {@code ganxun.events.incomplete} (event publications not
 * completed yet), here. The modules publish their own: {@code ganxun.import.jobs{job, state=queued|running}} the
 * upload job tables' owners (people's roster import, job=import_job; the archive's online import, job=online_import),
 * {@code ganxun.outbox.sms{state=pending|failed}} the notify module. Requests and errors are Spring Boot's
 * {@code http.server.requests}; job runs {@code ganxun.jobs.*} (ClusterScheduling); import throughput
 * {@code ganxun.import.rows} and {@code ganxun.import.duration} (platform.job.UploadJobWorker).
 */
@Component
class OperationsMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    OperationsMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        BacklogGauges.count(meters, jdbc, "ganxun.events.incomplete", "Event publications whose listener has not completed",
                Tags.empty(), "select count(*) from event_publication where completion_date is null");
    }
}
