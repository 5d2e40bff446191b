package org.ganxun.platform.ops;

import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutorListener;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Every scheduled job runs once per schedule across all application nodes: each {@code @Scheduled} method also
 * carries ShedLock's {@code @SchedulerLock}, whose lock is a row of the {@code shedlock} table (V140) taken with the
 * database's clock. The node that takes the row runs the job; the others skip that run. {@code lockAtLeastFor}
 * keeps the row for a while after a short job ends, so a node whose clock is a little behind does not run the
 * same nightly job again; {@code lockAtMostFor} frees it when a node died while running it.
 * {@code ScheduledJobsTest} checks that no {@code @Scheduled} method lacks the lock.
 *
 * <p>Work that is not only started by the scheduler but must not run twice at once (a recomputation started by an
 * administrator while the nightly one runs) takes a ShedLock lock of its own through {@link LockingTaskExecutor},
 * held only while it runs: one mechanism for both. Queues whose items several nodes may work at once keep their per-item claims (the SMS
 * outbox's {@code for update skip locked}, an upload job's advisory lock).
 *
 * <p>Metrics: {@code ganxun.jobs.runs{job, outcome=ran|skipped}} and the timer {@code ganxun.jobs.duration{job}}.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
public class ClusterScheduling {

    @Bean
    LockProvider lockProvider(DataSource dataSource, PlatformTransactionManager transactions) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                // the lock is written in a transaction of its own (REQUIRES_NEW), never in the caller's
                .withTransactionManager(transactions)
                .withTableName("shedlock")
                // lock_until is compared with the database's clock, not each node's
                .usingDbTime()
                .build());
    }

    @Bean
    JobMetrics jobMetrics(MeterRegistry meters) {
        return new JobMetrics(meters);
    }

    /** For work outside the scheduler that shares a job's lock (see the class comment). */
    @Bean
    LockingTaskExecutor lockingTaskExecutor(LockProvider locks, ObjectProvider<JobMetrics> metrics) {
        return new DefaultLockingTaskExecutor(locks, metrics.getObject());
    }

    /** Runs and skipped runs per job, for the Prometheus endpoint. */
    public static final class JobMetrics implements LockingTaskExecutorListener {
        private final MeterRegistry meters;

        JobMetrics(MeterRegistry meters) {
            this.meters = meters;
        }

        @Override
        public void onLockAcquired(LockConfiguration lock) {
            runs(lock, "ran").increment();
        }

        @Override
        public void onLockNotAcquired(LockConfiguration lock) {
            runs(lock, "skipped").increment();
        }

        @Override
        public void onTaskFinished(LockConfiguration lock, Duration duration) {
            Timer.builder("ganxun.jobs.duration").description("How long a scheduled job ran on this node")
                    .tag("job", lock.getName()).register(meters).record(duration);
        }

        private Counter runs(LockConfiguration lock, String outcome) {
            return Counter.builder("ganxun.jobs.runs")
                    .description("Scheduled job runs on this node: ran (took the cluster-wide lock) or skipped (another node had it)")
                    .tag("job", lock.getName()).tag("outcome", outcome).register(meters);
        }
    }
}
