package org.ganxun.compliance.internal.standing;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.Credit;
import org.ganxun.compliance.internal.ruleset.RuleSet;
import org.ganxun.compliance.internal.ruleset.RuleSetStore;
import org.ganxun.platform.db.CopyRows;
import org.ganxun.people.CadreStatus;
import org.ganxun.people.PeopleFacts;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.StaffCategory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Recomputes everyone's stored standing in one pass: three ordered cursors (people, rank periods,
 * approved credits) merged by cadre id on a reader thread, the pure calculator per person, and a COPY of
 * the results, all in one writing transaction so dashboards never see a half-done table. Runs nightly
 * (deadlines pass with the date even when nothing is recorded) on one node: the job's ShedLock lock keeps two
 * nodes from running it at once, also when an administrator starts it.
 */
@Service
public class StandingRecompute {

    private static final Logger log = LoggerFactory.getLogger(StandingRecompute.class);
    /** The nightly job's lock (held a while after the run: platform.ops.ClusterScheduling). */
    static final String LOCK_NAME = "standing-recompute";
    /** The recomputation's own lock, held only while it runs, whoever started it. */
    static final String RUN_LOCK_NAME = "standing-recompute-run";

    private final DataSource dataSource;
    private final RuleSetStore rules;

    private final boolean recomputeOnStart;
    private final LockingTaskExecutor locks;
    private final Clock clock;

    StandingRecompute(DataSource dataSource, RuleSetStore rules, LockingTaskExecutor locks,
                      @Value("${ganxun.compliance.recompute-on-start:true}") boolean recomputeOnStart, Clock clock) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.locks = locks;
        this.rules = rules;
        this.recomputeOnStart = recomputeOnStart;
    }

    public record Result(int people, int standings, long millis) {
    }

    @Scheduled(cron = "${ganxun.compliance.recompute-cron:0 30 1 * * *}")
    @SchedulerLock(name = LOCK_NAME, lockAtMostFor = "PT1H", lockAtLeastFor = "${ganxun.jobs.hold-after-run:PT5M}")
    public void nightly() {
        try {
            Result r = recomputeAll(LocalDate.now(clock));
            log.info("Standings recomputed: {} people, {} standings in {} ms", r.people(), r.standings(), r.millis());
        } catch (SQLException | IOException e) {
            log.error("Nightly standing recomputation failed", e);
        }
    }

    /**
     * A new installation (or one upgraded to this version) has people but no stored standings until the
     * nightly run: compute them once after start, in the background, so dashboards are not empty.
     */
    @EventListener(ApplicationReadyEvent.class)
    void computeWhenNoneStored() {
        if (!recomputeOnStart) {
            return;
        }
        Thread t = new Thread(() -> {
            try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                 ResultSet rs = s.executeQuery("select exists (select 1 from cadre_standing), exists (select 1 from cadre_card)")) {
                rs.next();
                if (rs.getBoolean(1) || !rs.getBoolean(2)) {
                    return;
                }
                Result r = recomputeAll(LocalDate.now(clock));
                log.info("No standings were stored: computed {} people, {} standings in {} ms", r.people(), r.standings(), r.millis());
            } catch (SQLException | IOException | RuntimeException e) {
                log.error("Computing the first standings failed (the nightly run will try again)", e);
            }
        }, "standing-first-recompute");
        t.setDaemon(true);
        t.start();
    }

    /** One person's facts and credits, read by the reader thread. */
    private record Bundle(PeopleFacts.Person person, List<Credit> credits) {
    }

    private static final List<Bundle> END = new ArrayList<>();

    /**
     * Reading and computing overlap: a reader thread streams people, rank periods and credits on its own
     * read-only connection and hands batches of people to this thread, which computes and COPYs the
     * standings on the writing connection.
     */
    public Result recomputeAll(LocalDate asOf) throws SQLException, IOException {
        // one recomputation at a time across nodes (ShedLock, as the scheduled jobs): one started by an
        // administrator, at start-up or by the nightly job while another node recomputes returns at once
        LockingTaskExecutor.TaskResult<Result> r;
        try {
            r = locks.executeWithLock(() -> recomputeLocked(asOf),
                    new LockConfiguration(Instant.now(), RUN_LOCK_NAME, Duration.ofHours(1), Duration.ZERO));
        } catch (SQLException | IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return r.wasExecuted() ? r.getResult() : new Result(0, 0, 0); // another node is doing it
    }

    private Result recomputeLocked(LocalDate asOf) throws SQLException, IOException {
        long t0 = System.currentTimeMillis();
        List<RuleSetStore.Stored> ruleSets = rules.all();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            java.util.concurrent.ExecutorService readerPool = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "standing-reader");
                t.setDaemon(true);
                return t;
            });
            AtomicBoolean cancelled = new AtomicBoolean();
            try {
                // per-person refreshes wait until this pass commits, so they cannot interleave with it
                try (var st = c.createStatement()) {
                    st.execute("lock table cadre_standing in exclusive mode");
                    st.execute("delete from cadre_standing");
                }
                BlockingQueue<List<Bundle>> queue = new ArrayBlockingQueue<>(32);
                Future<?> reader = readerPool.submit(() -> {
                    read(asOf, queue, cancelled);
                    return null;
                });
                int people = 0;
                int standings = 0;
                CopyRows copy = new CopyRows();
                while (true) {
                    List<Bundle> batch = take(queue, reader);
                    if (batch == END) {
                        break;
                    }
                    for (Bundle b : batch) {
                        people++;
                        Optional<RuleSet> governing = RuleSetStore.governing(ruleSets, StandingService.orgPathOn(b.person(), asOf), asOf);
                        if (governing.isEmpty()) {
                            continue;
                        }
                        long id = b.person().id();
                        for (Standing s : StandingCalculator.compute(StandingService.toFacts(b.person()), b.credits(), governing.get(), asOf, false)) {
                            copy.add(id).add(s.code()).add(s.title()).add(s.status().name()).add(plain(s.requiredHours()))
                                    .add(plain(s.countedHours())).add(plain(s.missingHours())).add(s.deadline())
                                    .add(governing.get().id()).add(asOf).add(plainOrNull(s.requiredDays()))
                                    .add(plainOrNull(s.countedDays())).add(plainOrNull(s.missingDays())).endRow();
                            standings++;
                        }
                    }
                    if (copy.rows() >= 20_000) {
                        copy.copyIn(c, COPY_STANDINGS);
                        copy = new CopyRows();
                    }
                }
                copy.copyIn(c, COPY_STANDINGS);
                reader.get();
                c.commit();
                return new Result(people, standings, System.currentTimeMillis() - t0);
            } catch (SQLException | RuntimeException ex) {
                cancelled.set(true);
                c.rollback();
                throw ex;
            } catch (InterruptedException ex) {
                cancelled.set(true);
                c.rollback();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", ex);
            } catch (ExecutionException ex) {
                cancelled.set(true);
                c.rollback();
                if (ex.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new IOException("reading standings' facts failed", ex.getCause());
            } finally {
                cancelled.set(true);
                readerPool.shutdownNow();
                c.setAutoCommit(true);
            }
        }
    }

    private static List<Bundle> take(BlockingQueue<List<Bundle>> queue, Future<?> reader) throws InterruptedException, ExecutionException {
        while (true) {
            List<Bundle> b = queue.poll(200, TimeUnit.MILLISECONDS);
            if (b != null) {
                return b;
            }
            if (reader.isDone()) {
                reader.get(); // rethrows the reader's failure
                b = queue.poll();
                return b == null ? END : b;
            }
        }
    }

    /** Streams everyone's facts in cadre order as batches of people; ends with {@link #END}. */
    private void read(LocalDate asOf, BlockingQueue<List<Bundle>> queue, AtomicBoolean cancelled) throws SQLException, InterruptedException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (var st = c.createStatement()) {
                st.execute("set local work_mem = '256MB'"); // the ordered cursors sort in memory, not on disk
            }
            try (PreparedStatement people = cursor(c, """
                    select c.id, o.path, c.staff_category, c.political_status, c.entered_work_on, c.status
                    from cadre_card c join org_unit o on o.id = c.org_id where c.status = 'ACTIVE' order by c.id""");
                 PreparedStatement periods = cursor(c, """
                         select h.cadre_id, h.started_on, h.ended_on, h.rank_level, h.rank_grade, h.leadership, o.path as org_path
                         from post_history h join cadre_card c on c.id = h.cadre_id join org_unit o on o.id = h.org_id
                         where c.status = 'ACTIVE' order by h.cadre_id, h.started_on, h.id""");
                 PreparedStatement credits = cursor(c, """
                         select e.cadre_id, e.id, e.credited_on, e.source, e.delivery, e.required, e.full_time, e.training_type, e.hours, e.days
                         from approved_credit e where e.credited_on <= ? order by e.cadre_id""")) {
                credits.setObject(1, asOf);
                try (ResultSet p = people.executeQuery(); ResultSet h = periods.executeQuery(); ResultSet e = credits.executeQuery()) {
                    boolean hMore = h.next();
                    boolean eMore = e.next();
                    List<Bundle> batch = new ArrayList<>(500);
                    while (p.next()) {
                        long id = p.getLong(1);
                        List<PeopleFacts.RankPeriod> ps = new ArrayList<>(2);
                        List<Credit> cs = new ArrayList<>();
                        while (hMore && h.getLong(1) < id) {
                            hMore = h.next();
                        }
                        while (hMore && h.getLong(1) == id) {
                            ps.add(PeopleFacts.period(h, 0));
                            hMore = h.next();
                        }
                        while (eMore && e.getLong(1) < id) {
                            eMore = e.next();
                        }
                        while (eMore && e.getLong(1) == id) {
                            cs.add(ArchiveEntries.credit(e, 0));
                            eMore = e.next();
                        }
                        batch.add(new Bundle(new PeopleFacts.Person(id, 0, p.getString(2), StaffCategory.valueOf(p.getString(3)),
                                PoliticalStatus.valueOf(p.getString(4)).partyMember(), p.getObject(5, LocalDate.class),
                                CadreStatus.valueOf(p.getString(6)), ps), cs));
                        if (batch.size() == 500) {
                            put(queue, batch, cancelled);
                            batch = new ArrayList<>(500);
                        }
                    }
                    put(queue, batch, cancelled);
                    put(queue, END, cancelled);
                }
            }
            c.rollback();
        }
    }

    private static void put(BlockingQueue<List<Bundle>> queue, List<Bundle> batch, AtomicBoolean cancelled) throws InterruptedException {
        while (!queue.offer(batch, 200, TimeUnit.MILLISECONDS)) {
            if (cancelled.get()) {
                throw new InterruptedException("recomputation cancelled");
            }
        }
    }

    private static String plain(BigDecimal b) {
        return b.toPlainString();
    }

    private static String plainOrNull(BigDecimal b) {
        return b == null ? null : b.toPlainString();
    }

    private static PreparedStatement cursor(Connection c, String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setFetchSize(10_000);
        return s;
    }

    private static final String COPY_STANDINGS = "copy cadre_standing (cadre_id, code, title, status, required_hours,"
            + " counted_hours, missing_hours, deadline, rule_set_id, as_of, required_days, counted_days, missing_days) from stdin";

}
