package org.ganxun.compliance;

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
import org.ganxun.compliance.internal.ComplianceDashboard;
import org.ganxun.compliance.internal.standing.StandingRecompute;
import org.ganxun.compliance.internal.standing.StandingService;
import org.ganxun.support.Fixture;
import org.ganxun.support.Bench;
import org.ganxun.support.ProvinceBenchmark;
import org.ganxun.support.ProvinceData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A generated province slice: 200,000 cadres and 6,000,000 archive entries over five years. Prints the
 * full recompute beside a same-run baseline of one hand-written SQL aggregation of the same hours, one
 * person's standing p95, a 5,000-person unit dashboard p95, the cost of one new entry, heap and
 * database size. Run: ./mvnw -Pbench -Dskip.web=true test -Dtest=StandingBenchmark
 * (sizes: -Dbench.cadres=200000 -Dbench.entriesPerCadre=30).
 */
@ProvinceBenchmark
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
        ProvinceData.Province p = ProvinceData.ensure(fixture, jdbc, dataSource);
        int cadres = p.cadres();
        int perCadre = p.perCadre();
        List<Long> units = p.units();
        long firstId = p.firstCadre();
        double genSeconds = p.generatedSeconds();
        // the data's own date, so that a data set generated on another day is read as on that day
        LocalDate asOf = p.generatedOn();
        String loadBefore = Bench.load();

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
        jdbc.sql("delete from archive_entry where cadre_id = ? and title like '基准新增%'").param(someone).update();
        standings.refresh(someone);
        String xminAfter = jdbc.sql("select max(xmin::text::bigint)::text from cadre_standing where cadre_id <> ?").param(someone).query(String.class).single();
        long untouchedAfter = jdbc.sql("select count(*) from cadre_standing where cadre_id <> ?").param(someone).query(Long.class).single();

        String dbSize = jdbc.sql("select pg_size_pretty(pg_database_size(current_database()))").query(String.class).single();
        String entrySize = jdbc.sql("select pg_size_pretty(pg_total_relation_size('archive_entry'))").query(String.class).single();

        System.out.println();
        System.out.println("== StandingBenchmark: " + cadres + " cadres, " + (long) cadres * perCadre + " archive entries (generated in "
                + String.format("%.1f", genSeconds) + " s, once per data set)");
        System.out.printf("baseline  SQL aggregation of the same hours:   %8.0f ms (%d rows)%n", baseline * 1000, baselineRows[0]);
        System.out.printf("full recompute of everyone's standing:          %8.0f ms (%d people, %d standings) = %.2fx baseline%n",
                full * 1000, last[0].people(), last[0].standings(), full / baseline);
        System.out.printf("one person's standing:  p50 %6.1f ms  p95 %6.1f ms%n", pct(person, 50), pct(person, 95));
        System.out.printf("5,000-person dashboard: p50 %6.1f ms  p95 %6.1f ms%n", pct(dash, 50), pct(dash, 95));
        System.out.printf("one new entry + that person's refresh: p50 %6.1f ms  p95 %6.1f ms; other people's rows rewritten: %s%n",
                pct(oneEntry, 50), pct(oneEntry, 95), xminBefore.equals(xminAfter) && untouchedBefore == untouchedAfter ? "none" : "SOME");
        System.out.println("load average before / after: " + loadBefore + " / " + Bench.load());
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
}
