package org.ganxun.compliance;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.Credit;
import org.ganxun.people.CadreStatus;
import org.ganxun.people.PeopleFacts;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.StaffCategory;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Recomputes everyone's stored standing in one pass: three ordered cursors (people, rank periods,
 * approved credits) merged by cadre id, the pure calculator per person, and one COPY of the results,
 * all in one transaction so dashboards never see a half-done table. Runs nightly (deadlines pass with
 * the date even when nothing is recorded); a PostgreSQL advisory lock keeps two nodes from running it
 * at once.
 */
@Service
public class StandingRecompute {

    private static final Logger log = LoggerFactory.getLogger(StandingRecompute.class);
    private static final long LOCK_KEY = 0x67616e78756eL; // "ganxun"

    private final DataSource dataSource;
    private final RuleSetStore rules;

    private final boolean recomputeOnStart;

    StandingRecompute(DataSource dataSource, RuleSetStore rules,
                      @Value("${ganxun.compliance.recompute-on-start:true}") boolean recomputeOnStart) {
        this.dataSource = dataSource;
        this.rules = rules;
        this.recomputeOnStart = recomputeOnStart;
    }

    public record Result(int people, int standings, long millis) {
    }

    @Scheduled(cron = "${ganxun.compliance.recompute-cron:0 30 1 * * *}")
    void nightly() {
        try {
            Result r = recomputeAll(LocalDate.now());
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
                 ResultSet rs = s.executeQuery("select exists (select 1 from cadre_standing), exists (select 1 from cadre)")) {
                rs.next();
                if (rs.getBoolean(1) || !rs.getBoolean(2)) {
                    return;
                }
                Result r = recomputeAll(LocalDate.now());
                log.info("No standings were stored: computed {} people, {} standings in {} ms", r.people(), r.standings(), r.millis());
            } catch (SQLException | IOException | RuntimeException e) {
                log.error("Computing the first standings failed (the nightly run will try again)", e);
            }
        }, "standing-first-recompute");
        t.setDaemon(true);
        t.start();
    }

    public Result recomputeAll(LocalDate asOf) throws SQLException, IOException {
        long t0 = System.currentTimeMillis();
        List<RuleSetStore.Stored> ruleSets = rules.all();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (var lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
                    lock.setLong(1, LOCK_KEY);
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            c.rollback();
                            return new Result(0, 0, 0); // another node is doing it
                        }
                    }
                }
                // per-person refreshes wait until this pass commits, so they cannot interleave with it;
                // the ordered cursors sort in memory rather than on disk
                try (var lockTable = c.createStatement()) {
                    lockTable.execute("lock table cadre_standing in exclusive mode");
                    lockTable.execute("set local work_mem = '256MB'");
                }
                int[] counts = new int[2];
                StringBuilder copy = new StringBuilder(1 << 20);
                try (PreparedStatement people = cursor(c, """
                        select c.id, o.path, c.staff_category, c.political_status, c.entered_work_on, c.status
                        from cadre c join organization o on o.id = c.org_id where c.status = 'ACTIVE' order by c.id""");
                     PreparedStatement periods = cursor(c, """
                             select h.cadre_id, h.started_on, h.ended_on, h.rank_level, h.rank_grade, h.leadership
                             from cadre_post_history h join cadre c on c.id = h.cadre_id
                             where c.status = 'ACTIVE' order by h.cadre_id, h.started_on, h.id""");
                     PreparedStatement credits = cursor(c, """
                             select e.cadre_id, e.id, e.credited_on, e.source, e.delivery, e.required, e.full_time, e.training_type, e.hours
                             from archive_entry e where e.status = 'APPROVED' and e.credited_on <= ? order by e.cadre_id""")) {
                    credits.setObject(1, asOf);
                    try (ResultSet p = people.executeQuery(); ResultSet h = periods.executeQuery(); ResultSet e = credits.executeQuery()) {
                        boolean hMore = h.next();
                        boolean eMore = e.next();
                        List<PeopleFacts.RankPeriod> ps = new ArrayList<>();
                        List<Credit> cs = new ArrayList<>();
                        try (var del = c.prepareStatement("delete from cadre_standing")) {
                            del.executeUpdate();
                        }
                        CopySink sink = new CopySink(c.unwrap(PGConnection.class));
                        while (p.next()) {
                            long id = p.getLong(1);
                            ps.clear();
                            cs.clear();
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
                            String path = p.getString(2);
                            Optional<RuleSet> governing = RuleSetStore.governing(ruleSets, path, asOf);
                            counts[0]++;
                            if (governing.isEmpty()) {
                                continue;
                            }
                            PeopleFacts.Person person = new PeopleFacts.Person(id, 0, path, StaffCategory.valueOf(p.getString(3)),
                                    PoliticalStatus.valueOf(p.getString(4)).partyMember(), p.getObject(5, LocalDate.class),
                                    CadreStatus.valueOf(p.getString(6)), List.copyOf(ps));
                            for (Standing s : StandingCalculator.compute(StandingService.toFacts(person), cs, governing.get(), asOf, false)) {
                                copy.append(id).append('\t').append(s.code()).append('\t').append(s.title()).append('\t')
                                        .append(s.status().name()).append('\t').append(plain(s.requiredHours())).append('\t')
                                        .append(plain(s.countedHours())).append('\t').append(plain(s.missingHours())).append('\t')
                                        .append(s.deadline() == null ? "\\N" : s.deadline().toString()).append('\t')
                                        .append(governing.get().id()).append('\t').append(asOf).append('\n');
                                counts[1]++;
                            }
                            if (copy.length() > (1 << 20)) {
                                sink.write(copy);
                            }
                        }
                        sink.write(copy);
                    }
                }
                c.commit();
                return new Result(counts[0], counts[1], System.currentTimeMillis() - t0);
            } catch (SQLException | IOException | RuntimeException ex) {
                c.rollback();
                throw ex;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static String plain(BigDecimal b) {
        return b.toPlainString();
    }

    private static PreparedStatement cursor(Connection c, String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setFetchSize(10_000);
        return s;
    }

    /** Streams batches of rows into cadre_standing with COPY. */
    private record CopySink(PGConnection pg) {
        void write(StringBuilder rows) throws SQLException, IOException {
            if (rows.length() == 0) {
                return;
            }
            pg.getCopyAPI().copyIn("copy cadre_standing (cadre_id, code, title, status, required_hours, counted_hours,"
                    + " missing_hours, deadline, rule_set_id, as_of) from stdin", new StringReader(rows.toString()));
            rows.setLength(0);
        }
    }
}
