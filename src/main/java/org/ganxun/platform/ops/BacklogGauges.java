package org.ganxun.platform.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.ganxun.platform.security.Unscoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Backlogs an operator watches, counted in the database when Prometheus scrapes, so every node reports the same
 * cluster-wide figure. Each module registers its own (a {@code MeterBinder} whose SQL names its own table); the
 * metric names are listed in {@link OperationsMetrics}.
 */
public final class BacklogGauges {

    private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);

    private BacklogGauges() {
    }

    /** A gauge of what {@code countSql} (a {@code select count(*)}) returns with these parameters. */
    public static void count(MeterRegistry meters, JdbcClient jdbc, String name, String description, Tags tags, String countSql,
                             Object... params) {
        Gauge.builder(name, () -> count(jdbc, countSql, params)).description(description).tags(tags).register(meters);
    }

    /** NaN when the database does not answer (the health endpoint tells that). */
    private static Number count(JdbcClient jdbc, String sql, Object... params) {
        try {
            return jdbc.sql(Unscoped.countsOnly() + sql).params(params).query(Long.class).single();
        } catch (RuntimeException e) {
            log.debug("metric query failed: {}", e.getMessage());
            return Double.NaN;
        }
    }
}
