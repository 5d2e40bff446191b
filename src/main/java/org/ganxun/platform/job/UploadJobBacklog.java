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
    private final String countSql;

    /**
     * @param job      the job table's name, the metric's tag
     * @param countSql {@code select count(*)} of the table's jobs in the status given as its one parameter
     */
    protected UploadJobBacklog(JdbcClient jdbc, String job, String countSql) {
        this.jdbc = jdbc;
        this.job = job;
        this.countSql = countSql;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (String status : new String[]{"QUEUED", "RUNNING"}) {
            BacklogGauges.count(meters, jdbc, "ganxun.import.jobs", "Upload jobs waiting or running, on all nodes",
                    Tags.of("job", job, "state", status.toLowerCase()), countSql, status);
        }
    }
}
