package org.ganxun.compliance;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A generated province slice: 200,000 cadres and 6,000,000 archive entries over five years. Prints the
 * full recompute beside a same-run baseline of one hand-written SQL aggregation of the same hours, one
 * person's standing p95, a 5,000-person unit dashboard p95, the cost of one new entry, heap and
 * database size. Run: ./mvnw -Pbench -Dskip.web=true test -Dtest=StandingBenchmark
 * (sizes: -Dbench.cadres=200000 -Dbench.entriesPerCadre=30).
 */
@Tag("benchmark")
@IntegrationTest
class StandingBenchmark {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired Fixture fixture;
    @Autowired StandingRecompute recompute;
    @Autowired StandingService standings;
    @Autowired ComplianceDashboard dashboard;
    @Autowired ArchiveEntries entries;

    @Test
    void provinceSlice() throws Exception {
        int cadres = Integer.getInteger("bench.cadres", 200_000);
        int perCadre = Integer.getInteger("bench.entriesPerCadre", 30);
        int unitSize = 5_000;
        LocalDate asOf = LocalDate.now();

        long province = fixture.org(null, Fixture.unique("基准省"), "COUNTY");
        List<Long> units = new ArrayList<>();
        for (int u = 0; u < (cadres + unitSize - 1) / unitSize; u++) {
            units.add(fixture.org(province, "基准单位" + u, "DEPARTMENT"));
        }
        long t0 = System.nanoTime();
        long firstId = generate(cadres, perCadre, units, unitSize, asOf);
        double genSeconds = (System.nanoTime() - t0) / 1e9;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("vacuum analyze cadre");
            s.execute("vacuum analyze archive_entry");
            s.execute("vacuum analyze cadre_post_history");
        }

        // baseline: one hand-written aggregation of the same approved hours, streamed to the client
        long[] baselineRows = new long[1];
        double baseline = best(3, () -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(10_000);
                    try (ResultSet rs = s.executeQuery("""
                            select cadre_id,
                                   sum(hours) filter (where credited_on >= date_trunc('year', current_date)) as this_year,
                                   sum(hours) filter (where full_time and delivery = 'CONCENTRATED') as full_time,
                                   sum(hours) filter (where delivery = 'ONLINE' and credited_on >= date_trunc('year', current_date)) as online
                            from archive_entry where status = 'APPROVED' group by cadre_id""")) {
                        long n = 0;
                        while (rs.next()) {
                            rs.getBigDecimal(2);
                            n++;
                        }
                        baselineRows[0] = n;
                    }
                }
                c.commit();
            }
        });

        Runtime rt = Runtime.getRuntime();
        System.gc();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        StandingRecompute.Result[] last = new StandingRecompute.Result[1];
        double full = best(3, () -> last[0] = recompute.recomputeAll(asOf));
        running.set(false);
        sampler.join();

        // one person's standing, computed on demand as the profile page does
        Random r = new Random(7);
        List<Double> person = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long id = firstId + r.nextInt(cadres);
            long s = System.nanoTime();
            fixture.as(Fixture.systemAdmin(), () -> standings.of(id, asOf));
            person.add((System.nanoTime() - s) / 1e6);
        }
        // a 5,000-person unit's dashboard: who is short, most missing first
        List<Double> dash = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long unit = units.get(r.nextInt(units.size()));
            long s = System.nanoTime();
            fixture.as(Fixture.systemAdmin(), () -> dashboard.page(unit, null, "SHORT", null, "missingHours,desc", 1, 50));
            dash.add((System.nanoTime() - s) / 1e6);
        }
        // one new entry: recorded, then only that person's standing is refreshed
        long someone = firstId + 17;
        long untouchedBefore = jdbc.sql("select count(*) from cadre_standing where cadre_id <> ?").param(someone).query(Long.class).single();
        String xminBefore = jdbc.sql("select max(xmin::text::bigint)::text from cadre_standing where cadre_id <> ?").param(someone).query(String.class).single();
        List<Double> oneEntry = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long s = System.nanoTime();
            int k = i;
            fixture.as(Fixture.systemAdmin(), () -> entries.record(new ArchiveEntries.EntryRequest(someone, CreditSource.EXTERNAL_TRAINING,
                    null, "基准新增" + k, null, asOf, asOf, asOf, new BigDecimal("2"), QuantityUnit.HOURS, null, Delivery.CONCENTRATED,
                    false, false, null, null)));
            standings.refresh(someone);
            oneEntry.add((System.nanoTime() - s) / 1e6);
        }
        String xminAfter = jdbc.sql("select max(xmin::text::bigint)::text from cadre_standing where cadre_id <> ?").param(someone).query(String.class).single();
        long untouchedAfter = jdbc.sql("select count(*) from cadre_standing where cadre_id <> ?").param(someone).query(Long.class).single();

        String dbSize = jdbc.sql("select pg_size_pretty(pg_database_size(current_database()))").query(String.class).single();
        String entrySize = jdbc.sql("select pg_size_pretty(pg_total_relation_size('archive_entry'))").query(String.class).single();

        System.out.println();
        System.out.println("== StandingBenchmark: " + cadres + " cadres, " + (long) cadres * perCadre + " archive entries (generated in "
                + String.format("%.1f", genSeconds) + " s)");
        System.out.printf("baseline  SQL aggregation of the same hours:   %8.0f ms (%d rows)%n", baseline * 1000, baselineRows[0]);
        System.out.printf("full recompute of everyone's standing:          %8.0f ms (%d people, %d standings) = %.2fx baseline%n",
                full * 1000, last[0].people(), last[0].standings(), full / baseline);
        System.out.printf("one person's standing:  p50 %6.1f ms  p95 %6.1f ms%n", pct(person, 50), pct(person, 95));
        System.out.printf("5,000-person dashboard: p50 %6.1f ms  p95 %6.1f ms%n", pct(dash, 50), pct(dash, 95));
        System.out.printf("one new entry + that person's refresh: p50 %6.1f ms  p95 %6.1f ms; other people's rows rewritten: %s%n",
                pct(oneEntry, 50), pct(oneEntry, 95), xminBefore.equals(xminAfter) && untouchedBefore == untouchedAfter ? "none" : "SOME");
        System.out.printf("peak heap during recompute: %d MB (max %d MB); database %s, archive_entry %s%n",
                peak.get() / (1024 * 1024), rt.maxMemory() / (1024 * 1024), dbSize, entrySize);
    }

    interface Work {
        void run() throws Exception;
    }

    private static double best(int runs, Work w) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            w.run();
            best = Math.min(best, (System.nanoTime() - s) / 1e9);
        }
        return best;
    }

    private static double pct(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    /** COPYs cadres, their rank periods and their entries; returns the first cadre id. */
    private long generate(int cadres, int perCadre, List<Long> units, int unitSize, LocalDate asOf) throws Exception {
        long first = jdbc.sql("select coalesce(max(id), 0) + 1 from cadre").query(Long.class).single();
        jdbc.sql("select setval(pg_get_serial_sequence('cadre', 'id'), ?)").param(first + cadres + 10).query().singleRow();
        Random r = new Random(42);
        String[] levels = {"COUNTY", "TOWNSHIP", "TOWNSHIP", "STAFF", "STAFF", "STAFF", "STAFF", "STAFF", "STAFF", "STAFF"};
        String[] cats = {"CIVIL_SERVANT", "CIVIL_SERVANT", "CIVIL_SERVANT_EQUIVALENT", "PUBLIC_INSTITUTION"};
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            StringBuilder cad = new StringBuilder();
            StringBuilder hist = new StringBuilder();
            for (int i = 0; i < cadres; i++) {
                long id = first + i;
                String level = levels[r.nextInt(levels.length)];
                boolean leader = !level.equals("STAFF") && r.nextInt(3) > 0;
                String hash = String.format("%064x", id);
                cad.append(id).append("\t基准").append(i).append("\tMALE\t汉族\t1975-01-01\tv1:x\t").append(hash).append("\t110101********0000\tBACHELOR\t")
                        .append(r.nextInt(10) < 7 ? "CPC_MEMBER" : "MASSES").append('\t').append(units.get(i / unitSize)).append("\t科员\t")
                        .append(level).append("\tDEPUTY\t").append(leader).append('\t').append(cats[r.nextInt(cats.length)])
                        .append("\t2000-07-01\tACTIVE\n");
                LocalDate promoted = LocalDate.of(2019 + r.nextInt(7), 1 + r.nextInt(12), 1);
                hist.append(id).append('\t').append(units.get(i / unitSize)).append("\tSTAFF\t\\N\tfalse\t2000-07-01\t").append(promoted).append('\n');
                hist.append(id).append('\t').append(units.get(i / unitSize)).append('\t').append(level).append("\tDEPUTY\t").append(leader)
                        .append('\t').append(promoted).append("\t\\N\n");
                if (cad.length() > 4_000_000) {
                    flushCadres(pg, cad, hist);
                }
            }
            flushCadres(pg, cad, hist);
            String[] sources = {"ONLINE_COURSE", "ONLINE_COURSE", "ONLINE_COURSE", "GROUP_STUDY", "CLASS_COMPLETION", "EXTERNAL_TRAINING"};
            StringBuilder e = new StringBuilder();
            LocalDate start = asOf.minusYears(5);
            int span = (int) (asOf.toEpochDay() - start.toEpochDay());
            for (int i = 0; i < cadres; i++) {
                long id = first + i;
                for (int k = 0; k < perCadre; k++) {
                    String src = sources[r.nextInt(sources.length)];
                    boolean online = src.equals("ONLINE_COURSE");
                    LocalDate on = start.plusDays(r.nextInt(span));
                    int hours = online ? 1 + r.nextInt(3) : 3 + r.nextInt(40);
                    e.append(id).append('\t').append(src).append("\t课程\t").append(on).append('\t').append(hours).append('\t')
                            .append(online ? "ONLINE" : "CONCENTRATED").append('\t').append(r.nextBoolean()).append('\t')
                            .append(!online && r.nextInt(3) == 0).append('\t')
                            .append(src.equals("CLASS_COMPLETION") && r.nextInt(10) == 0 ? "APPOINTMENT" : "\\N").append("\tAPPROVED\n");
                }
                if (e.length() > 8_000_000) {
                    flushEntries(pg, e);
                }
            }
            flushEntries(pg, e);
        }
        return first;
    }

    private static void flushCadres(PGConnection pg, StringBuilder cad, StringBuilder hist) throws Exception {
        pg.getCopyAPI().copyIn("copy cadre (id, name, gender, ethnicity, birth_date, citizen_id_enc, citizen_id_hash, citizen_id_masked,"
                + " education, political_status, org_id, post, rank_level, rank_grade, leadership, staff_category, entered_work_on, status)"
                + " from stdin", new StringReader(cad.toString()));
        pg.getCopyAPI().copyIn("copy cadre_post_history (cadre_id, org_id, rank_level, rank_grade, leadership, started_on, ended_on)"
                + " from stdin", new StringReader(hist.toString()));
        cad.setLength(0);
        hist.setLength(0);
    }

    private static void flushEntries(PGConnection pg, StringBuilder e) throws Exception {
        pg.getCopyAPI().copyIn("copy archive_entry (cadre_id, source, title, credited_on, hours, delivery, required, full_time,"
                + " training_type, status) from stdin", new StringReader(e.toString()));
        e.setLength(0);
    }
}
