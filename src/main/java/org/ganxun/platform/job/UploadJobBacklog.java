package org.ganxun.platform.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.ganxun.platform.ops.BacklogGauges;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ganxun.import.jobs{job, state=queued|running}}: the jobs of an upload job table waiting and running, on all
 * nodes. The table's owner registers one (a component extending this), so that its SQL names the table in its own
 * module.
 */
public abstract class UploadJobBacklog implements MeterBinder {

    private final JdbcClient jdbc;
    private final String job;
    private final String queuedSql;
    private final String runningSql;

    /** @param job the job table's name, the metric's tag; the two {@code select count(*)} of its QUEUED and RUNNING jobs */
    protected UploadJobBacklog(JdbcClient jdbc, String job, String queuedSql, String runningSql) {
        this.jdbc = jdbc;
        this.job = job;
        this.queuedSql = queuedSql;
        this.runningSql = runningSql;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        String description = "Upload jobs waiting or running, on all nodes";
        BacklogGauges.count(meters, jdbc, "ganxun.import.jobs", description, Tags.of("job", job, "state", "queued"), queuedSql);
        BacklogGauges.count(meters, jdbc, "ganxun.import.jobs", description, Tags.of("job", job, "state", "running"), runningSql);
    }
}
