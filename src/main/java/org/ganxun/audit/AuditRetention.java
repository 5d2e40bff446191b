package org.ganxun.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps audit entries for {@code ganxun.audit.retention-months} (default 12; 网络安全法 第二十一条 requires at
 * least six months, so a smaller value stops the application at start) and removes older ones nightly.
 * Removal takes whole transactions' blocks from the start of the chain and records the hash of the last
 * removed block as the chain's anchor, so the rest still verifies; the purge is itself an audit entry,
 * which the verifier compares the anchor with.
 */
@Service
public class AuditRetention {

    public static final int MINIMUM_MONTHS = 6;
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    /**
     * The nightly job's cluster-wide lock (platform.ops.ClusterScheduling), held a while after the run so that a node
     * with a late clock does not run it again; and the lock of the purge itself, held only while it runs, which a
     * purge called directly also takes.
     */
    static final String LOCK_NAME = "audit-retention";
    static final String RUN_LOCK_NAME = "audit-retention-run";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final int months;
    private final LockingTaskExecutor locks;
    private final Clock clock;

    AuditRetention(JdbcClient jdbc, AuditLog audit, LockingTaskExecutor locks,
                   @Value("${ganxun.audit.retention-months:12}") int months, Clock clock) {
        this.clock = clock;
        if (months < MINIMUM_MONTHS) {
            throw new IllegalStateException("ganxun.audit.retention-months = " + months + ": audit entries must be kept"
                    + " at least " + MINIMUM_MONTHS + " months (网络安全法 第二十一条：留存相关的网络日志不少于六个月)");
        }
        this.jdbc = jdbc;
        this.audit = audit;
        this.months = months;
        this.locks = locks;
    }

    public int months() {
        return months;
    }

    /** What a purge removed: entries and transactions (blocks), everything older than {@code cutoff}. */
    public record Purge(long entries, long blocks, Instant cutoff) {
    }

    @Scheduled(cron = "${ganxun.audit.purge-cron:0 40 2 * * *}")
    @SchedulerLock(name = LOCK_NAME, lockAtMostFor = "PT1H", lockAtLeastFor = "${ganxun.jobs.hold-after-run:PT5M}")
    public void nightly() {
        try {
            Purge p = purge(Instant.now(clock));
            if (p.entries() > 0) {
                log.info("Audit retention: removed {} entries older than {}", p.entries(), p.cutoff());
            }
        } catch (RuntimeException e) {
            log.error("Audit retention purge failed", e);
        }
    }

    /**
     * Removes the blocks at the start of the chain whose entries are all older than the retention period
     * before {@code now}, stopping at the first block that holds a younger entry, so nothing younger goes.
     */
    @Transactional
    public Purge purge(Instant now) {
        Instant cutoff = ZonedDateTime.ofInstant(now, ZoneId.systemDefault()).minusMonths(months).toInstant();
        LockingTaskExecutor.TaskResult<Purge> r;
        try {
            r = locks.executeWithLock(() -> purgeLocked(cutoff),
                    new LockConfiguration(Instant.now(), RUN_LOCK_NAME, Duration.ofHours(1), Duration.ZERO));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        // another node is purging: nothing here (the anchor row's lock would serialise two purges anyway)
        return r.wasExecuted() ? r.getResult() : new Purge(0, 0, cutoff);
    }

    private Purge purgeLocked(Instant cutoff) {
        long cutoffUs = cutoff.getEpochSecond() * 1_000_000L + cutoff.getNano() / 1000;
        long anchor = jdbc.sql("select seq from audit_chain_anchor for update").query(Long.class).single();
        long firstKept = jdbc.sql("select coalesce(min(seq), -1) from audit_block where seq > ? and max_at_us >= ?")
                .params(anchor, cutoffUs).query(Long.class).single();
        long last = firstKept >= 0 ? firstKept - 1
                : jdbc.sql("select coalesce(max(seq), -1) from audit_block where seq > ?").param(anchor).query(Long.class).single();
        if (last <= anchor) {
            return new Purge(0, 0, cutoff);
        }
        byte[] lastHash = jdbc.sql("select hash from audit_block where seq = ?").param(last).query(byte[].class).single();
        int entries = jdbc.sql("""
                delete from audit_log where block_id in (select id from audit_block where seq > :a and seq <= :l)""")
                .param("a", anchor).param("l", last).update();
        int blocks = jdbc.sql("delete from audit_block where seq > :a and seq <= :l").param("a", anchor).param("l", last).update();
        jdbc.sql("""
                update audit_chain_anchor
                set seq = :l, hash = :h, purged_entries = purged_entries + :n, purged_at = now()""")
                .param("l", last).param("h", lastHash).param("n", entries).update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("retentionMonths", months);
        after.put("cutoff", cutoff.toString());
        after.put("entries", entries);
        after.put("blocks", blocks);
        after.put("anchorSeq", last);
        after.put("anchorHash", HexFormat.of().formatHex(lastHash));
        audit.recordAs(null, "system", "PURGE", "AuditLog", null,
                "按保存期限（" + months + "个月）清理 " + AuditChain.t(cutoff) + " 之前的审计记录 " + entries + " 条",
                null, after);
        return new Purge(entries, blocks, cutoff);
    }
}
