package org.ganxun.archive.internal.statistics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.ganxun.people.CadreQuery;
import org.ganxun.support.Bench;
import org.ganxun.support.Fixture;
import org.ganxun.support.ProvinceBenchmark;
import org.ganxun.support.ProvinceData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test but a measurement: the yearly training statistics (培训统计, {@link TrainingStatistics#report}) of the
 * generated province ({@link ProvinceData}) and of one of its units of 5,000, as the page asks them (the whole
 * service call), beside a same-run baseline: one hand-written SQL aggregation, per person of the same subtree, of
 * the same approved entries of the same three-year window, streamed to the client. Run with
 * {@code ./mvnw -Pbench -Dskip.web=true test -Dtest=TrainingStatisticsBenchmark} (sizes: -Dbench.cadres=...).
 */
@ProvinceBenchmark
class TrainingStatisticsBenchmark {

    @Autowired TrainingStatistics statistics;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired Fixture fixture;

    @Test
    void yearlyStatisticsOfTheProvince() throws Exception {
        ProvinceData.Province p = ProvinceData.ensure(fixture, jdbc, dataSource);
        String loadBefore = Bench.load();
        long unit = p.units().get(p.units().size() / 2);
        String unitPath = jdbc.sql("select path from organization where id = ?").param(unit).query(String.class).single();
        // the last full year of the data's five
        int year = p.generatedOn().getYear() - 1;

        int runs = 5;
        long[] rows = new long[1];
        List<Double> baseline = time(1, runs, () -> rows[0] = baseline(p.rootPath(), year));
        TrainingStatistics.Report[] report = new TrainingStatistics.Report[1];
        List<Double> province = time(1, runs, () -> report[0] = fixture.as(Fixture.systemAdmin(), () -> statistics.report(year, byOrg(p.root()))));
        List<Double> unitBaseline = time(3, 20, () -> baseline(unitPath, year));
        TrainingStatistics.Report[] unitReport = new TrainingStatistics.Report[1];
        List<Double> unitStats = time(3, 20, () -> unitReport[0] = fixture.as(Fixture.systemAdmin(), () -> statistics.report(year, byOrg(unit))));

        System.out.println();
        System.out.printf(Locale.ROOT, "=== Training statistics benchmark: %d cadres, %d archive entries, year %d; load average before / after: %s / %s%n",
                p.cadres(), p.entries(), year, loadBefore, Bench.load());
        System.out.printf(Locale.ROOT, "| %-62s | %8s | %8s |%n", "measure", "p50 ms", "max ms");
        row("baseline: per-person aggregation of the window, province (" + rows[0] + " rows)", baseline);
        row("training statistics, province (" + report[0].total().cadres() + " people, " + report[0].byUnit().size() + " units)", province);
        row("baseline: the same over one unit of 5,000", unitBaseline);
        row("training statistics, that unit (" + unitReport[0].total().cadres() + " people)", unitStats);
        System.out.println("=== end ===");
    }

    /** Per person of the subtree: the window's courses, the year's courses, hours and online hours; streamed. */
    private long baseline(String path, int year) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    select a.cadre_id,
                           count(*) filter (where a.source in ('CLASS_COMPLETION','EXTERNAL_TRAINING')) as courses_window,
                           count(*) filter (where a.source in ('CLASS_COMPLETION','EXTERNAL_TRAINING') and a.credited_on >= ?) as courses_year,
                           sum(a.hours) filter (where a.credited_on >= ?) as hours_year,
                           sum(a.hours) filter (where a.credited_on >= ? and a.delivery = 'ONLINE') as online_year
                      from archive_entry a join cadre c on c.id = a.cadre_id join organization o on o.id = c.org_id
                     where o.path like ? and c.status = 'ACTIVE' and a.status = 'APPROVED' and a.credited_on between ? and ?
                     group by a.cadre_id""")) {
                LocalDate yearStart = LocalDate.of(year, 1, 1);
                s.setObject(1, yearStart);
                s.setObject(2, yearStart);
                s.setObject(3, yearStart);
                s.setString(4, path + "%");
                s.setObject(5, LocalDate.of(year - TrainingStatistics.WINDOW_YEARS + 1, 1, 1));
                s.setObject(6, LocalDate.of(year, 12, 31));
                s.setFetchSize(10_000);
                long n = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rs.getBigDecimal(4);
                        n++;
                    }
                }
                c.commit();
                return n;
            }
        }
    }

    private static CadreQuery byOrg(long org) {
        return new CadreQuery(null, null, org, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    interface Work {
        void run() throws Exception;
    }

    private static List<Double> time(int warmUp, int runs, Work w) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            w.run();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            w.run();
            ms.add((System.nanoTime() - s) / 1e6);
        }
        Collections.sort(ms);
        return ms;
    }

    private static void row(String name, List<Double> ms) {
        System.out.printf(Locale.ROOT, "| %-62s | %8.0f | %8.0f |%n", name, ms.get((ms.size() - 1) / 2), ms.get(ms.size() - 1));
    }
}
