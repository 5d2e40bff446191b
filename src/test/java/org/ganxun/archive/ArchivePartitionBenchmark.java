package org.ganxun.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import javax.sql.DataSource;

import org.ganxun.support.Bench;
import org.ganxun.support.Fixture;
import org.ganxun.support.ProvinceBenchmark;
import org.ganxun.support.ProvinceData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Should the learning archive be partitioned by year (issue 20)? On the generated province ({@link ProvinceData})
 * a copy of {@code archive_entry} partitioned by range of {@code credited_on}, one partition a year, with the same
 * indexes (made once and kept in the benchmark database), and the statements that read the archive timed on both,
 * alternately, in the same run: one person's approved entries (the profile's standing, a 培训档案), the recompute's
 * stream of everyone's, the yearly statistics' three-year window per person of the province and of one unit of
 * 5,000, and one year's totals. Run with {@code ./mvnw -Pbench -Dskip.web=true test -Dtest=ArchivePartitionBenchmark}.
 */
@ProvinceBenchmark
class ArchivePartitionBenchmark {

    static final String PARTITIONED = "bench_archive_by_year";

    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired Fixture fixture;

    @Test
    void archiveByYear() throws Exception {
        ProvinceData.Province p = ProvinceData.ensure(fixture, jdbc, dataSource);
        double copySeconds = ensurePartitionedCopy(p);
        String loadBefore = Bench.load();
        LocalDate asOf = p.generatedOn();
        int year = asOf.getYear() - 1;
        long unit = p.units().get(p.units().size() / 2);
        String unitPath = jdbc.sql("select path from organization where id = ?").param(unit).query(String.class).single();

        System.out.println();
        System.out.printf(Locale.ROOT, "=== Archive by year: %d cadres, %d entries; partitioned copy made in %.0f s; load average before: %s%n",
                p.cadres(), p.entries(), copySeconds, loadBefore);
        System.out.printf(Locale.ROOT, "| %-52s | %18s | %18s |%n", "statement (p50 / max ms)", "archive_entry", "by year");
        for (String t : List.of("archive_entry", PARTITIONED)) {
            System.out.println(explain("explain (analyze, buffers, costs off, timing off) " + personSql(t), p.firstCadre() + 7, asOf));
        }
        compare("one person's approved entries (300 people)", 1, 1, t -> {
            Random r = new Random(11);
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                long s = System.nanoTime();
                stream(personSql(t), 0, p.firstCadre() + r.nextInt(p.cadres()), asOf);
                ms.add((System.nanoTime() - s) / 1e6);
            }
            Collections.sort(ms);
            return new double[]{ms.get(149), ms.get(284)};
        });
        // the statements over everyone take minutes at a million people on a busy machine: one round there
        boolean big = p.cadres() > 500_000;
        compare("everyone's approved entries, by person (recompute read)", 0, big ? 1 : 2, t -> single(() -> stream("""
                select cadre_id, credited_on, source, hours, delivery, full_time from %s
                 where status = 'APPROVED' and credited_on <= ? order by cadre_id""".formatted(t), 10_000, asOf)));
        compare("three-year window per person, province", big ? 0 : 1, big ? 1 : 3, t -> single(() -> stream(windowSql(t), 10_000,
                LocalDate.of(year, 1, 1), p.rootPath() + "%", LocalDate.of(year - 2, 1, 1), LocalDate.of(year, 12, 31))));
        compare("three-year window per person, one unit of 5,000", 2, 10, t -> single(() -> stream(windowSql(t), 10_000,
                LocalDate.of(year, 1, 1), unitPath + "%", LocalDate.of(year - 2, 1, 1), LocalDate.of(year, 12, 31))));
        compare("one year's totals (count, hours) of everyone", big ? 0 : 1, big ? 1 : 3, t -> single(() -> stream("""
                select count(*), sum(hours) from %s where status = 'APPROVED' and credited_on between ? and ?""".formatted(t), 0,
                LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))));
        System.out.println("load average after: " + Bench.load());
        for (String t : List.of("archive_entry", PARTITIONED)) {
            System.out.println(t + ": " + jdbc.sql("""
                    select pg_size_pretty(sum(pg_total_relation_size(c.oid))) from pg_class c
                     where c.oid = ?::regclass or c.oid in (select inhrelid from pg_inherits where inhparent = ?::regclass)""")
                    .params(t, t).query(String.class).single());
        }
        System.out.println("=== end ===");
    }

    private static String personSql(String table) {
        return "select credited_on, source, hours, delivery, full_time from " + table
                + " where status = 'APPROVED' and cadre_id = ? and credited_on <= ?";
    }

    private static String windowSql(String table) {
        return """
                select a.cadre_id, count(*) filter (where a.source in ('CLASS_COMPLETION','EXTERNAL_TRAINING')) as courses_window,
                       sum(a.hours) filter (where a.credited_on >= ?) as hours_year
                  from %s a join cadre c on c.id = a.cadre_id join organization o on o.id = c.org_id
                 where o.path like ? and c.status = 'ACTIVE' and a.status = 'APPROVED' and a.credited_on between ? and ?
                 group by a.cadre_id""".formatted(table);
    }

    interface Measure {
        double[] run(String table) throws Exception;
    }

    interface Work {
        void run() throws Exception;
    }

    /** Warm-up, then the measure on each table, alternating, {@code rounds} times; p50 of each figure. */
    private void compare(String name, int warmUp, int rounds, Measure m) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            m.run("archive_entry");
            m.run(PARTITIONED);
        }
        List<double[]> plain = new ArrayList<>();
        List<double[]> parted = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            plain.add(m.run("archive_entry"));
            parted.add(m.run(PARTITIONED));
        }
        double[] a = median(plain);
        double[] b = median(parted);
        System.out.printf(Locale.ROOT, "| %-52s | %8.1f / %7.1f | %8.1f / %7.1f | by year / plain %.2f%n", name, a[0], a[1], b[0], b[1], b[0] / a[0]);
    }

    private static double[] median(List<double[]> xs) {
        double[] out = new double[2];
        for (int k = 0; k < 2; k++) {
            List<Double> v = new ArrayList<>();
            for (double[] x : xs) {
                v.add(x[k]);
            }
            Collections.sort(v);
            out[k] = v.get((v.size() - 1) / 2);
        }
        return out;
    }

    private static double[] single(Work w) throws Exception {
        long s = System.nanoTime();
        w.run();
        double ms = (System.nanoTime() - s) / 1e6;
        return new double[]{ms, ms};
    }

    private long stream(String sql, int fetch, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                if (fetch > 0) {
                    s.setFetchSize(fetch);
                }
                long n = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        n++;
                    }
                }
                c.commit();
                return n;
            }
        }
    }

    private String explain(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            return out.toString();
        }
    }

    /**
     * The partitioned copy, made once per data set: range partitions of a year each over the data's years, the
     * archive's rows by INSERT … SELECT, the archive's indexes (the primary key and the source key must then hold
     * credited_on: a partitioned table's unique keys include its partition key), VACUUM ANALYZE.
     */
    private double ensurePartitionedCopy(ProvinceData.Province p) throws Exception {
        boolean done = jdbc.sql("select to_regclass(?) is not null").param(PARTITIONED + "_done").query(Boolean.class).single();
        if (done) {
            return jdbc.sql("select seconds from " + PARTITIONED + "_done").query(Double.class).single();
        }
        long t0 = System.nanoTime();
        int from = p.generatedOn().getYear() - 5;
        int to = p.generatedOn().getYear();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists " + PARTITIONED);
            s.execute("create table " + PARTITIONED + " (like archive_entry including defaults) partition by range (credited_on)");
            for (int y = from; y <= to + 1; y++) {
                s.execute("create table " + PARTITIONED + "_" + y + " partition of " + PARTITIONED
                        + " for values from ('" + y + "-01-01') to ('" + (y + 1) + "-01-01')");
            }
            s.execute("insert into " + PARTITIONED + " select * from archive_entry");
            s.execute("set maintenance_work_mem = '512MB'");
            s.execute("alter table " + PARTITIONED + " add primary key (id, credited_on)");
            s.execute("create unique index on " + PARTITIONED + " (cadre_id, source, source_ref, credited_on) where source_ref is not null");
            s.execute("create index on " + PARTITIONED + " (cadre_id, credited_on)");
            s.execute("create index on " + PARTITIONED + " (status) where status = 'PENDING'");
            s.execute("create index on " + PARTITIONED + " (cadre_id, credited_on) include (source, hours, days, delivery, full_time)"
                    + " where status = 'APPROVED'");
            s.execute("vacuum analyze " + PARTITIONED);
            for (int y = from; y <= to + 1; y++) {
                s.execute("vacuum analyze " + PARTITIONED + "_" + y);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            s.execute("create table " + PARTITIONED + "_done (seconds double precision)");
            s.execute("insert into " + PARTITIONED + "_done values (" + seconds + ")");
            return seconds;
        }
    }
}
