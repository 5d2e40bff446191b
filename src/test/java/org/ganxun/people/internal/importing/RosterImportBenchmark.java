package org.ganxun.people.internal.importing;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.FastExcel;
import cn.idev.excel.context.AnalysisContext;
import cn.idev.excel.read.listener.ReadListener;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.people.CitizenId;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.excel.Workbooks;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a timed test: measures the roster import of 100,000 rows against a baseline of FastExcel parsing
 * plus a PostgreSQL COPY of the same rows, and the peak heap of each.
 * Run with {@code ./mvnw -Pbench -Dskip.web=true test -Dtest=RosterImportBenchmark}.
 */
@Tag("benchmark")
@IntegrationTest
class RosterImportBenchmark {

    static final int ROWS = 100_000;
    static final int WARMUP_ROWS = 20_000;
    /** Until the JIT is quiet: after one round it still spent 2–3 CPU-seconds compiling during the measured import. */
    static final int WARMUP_ROUNDS = 3;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    OrganizationTrees trees;
    @Autowired
    RosterImports imports;
    @Autowired
    DataSource dataSource;
    @Autowired
    org.ganxun.support.Unguarded unguarded;

    /** The benchmark's own reads and COPYs are its measuring, not a signed-in user's reads: past the ScopeGuard. */
    @org.junit.jupiter.api.BeforeEach
    void pastTheScopeGuard() {
        jdbc = unguarded.jdbc();
        if (dataSource instanceof org.springframework.jdbc.datasource.DelegatingDataSource d && d.getTargetDataSource() != null) {
            dataSource = d.getTargetDataSource();
        }
        CpuMeter.serverOf(jdbc);
    }

    @Test
    void import100000Rows() throws Exception {
        ImportFixtures fx = new ImportFixtures(jdbc, trees);
        // Warm-up: a long-running server has compiled its import code long before a big file arrives, so both
        // paths first run over smaller files (new people each round: the measured import creates cadres);
        // only the runs after them are measured. The JIT's CPU during the measured runs is printed below.
        Path small = Files.createTempFile("roster-bench-warmup-", ".xlsx");
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            ImportFixtures people = new ImportFixtures(jdbc, trees);
            write(small.toFile(), people, WARMUP_ROWS);
            baseline(small);
            importFile(people, small);
        }
        Files.deleteIfExists(small);

        Path file = Files.createTempFile("roster-bench-", ".xlsx");
        long t0 = System.nanoTime();
        write(file.toFile(), fx, ROWS);
        double genSec = (System.nanoTime() - t0) / 1e9;
        long size = Files.size(file);
        System.out.printf("generated %,d rows, %,d bytes in %.1f s%n", ROWS, size, genSec);

        HeapSampler heapA = HeapSampler.start();
        CpuMeter cpuA = CpuMeter.start();
        long a0 = System.nanoTime();
        long copied = baseline(file);
        double baseSec = (System.nanoTime() - a0) / 1e9;
        double[] baseCpu = cpuA.stop();
        long baseHeap = heapA.stop();

        long lastAudit = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
        long lastCadre = jdbc.sql("select coalesce(max(id), 0) from cadre").query(Long.class).single();
        long lastHistory = jdbc.sql("select coalesce(max(id), 0) from cadre_post_history").query(Long.class).single();
        HeapSampler heapB = HeapSampler.start();
        CpuMeter cpuB = CpuMeter.start();
        long b0 = System.nanoTime();
        ImportJob job = importFile(fx, file);
        double importSec = (System.nanoTime() - b0) / 1e9;
        double[] importCpu = cpuB.stop();
        long importHeap = heapB.stop();

        long audits = jdbc.sql("select count(*) from audit_log where id > ? and action = 'CREATE' and entity_type = 'Cadre'")
                .param(lastAudit).query(Long.class).single();
        // (c) the baseline that stores the same rows (issue 20): what (b) stored is taken out as COPY text, the
        // cadre and post-history rows are removed, and then the same parsing runs beside a COPY of those very
        // rows back into the real tables, with their keys, indexes, foreign keys and the audit chain's trigger.
        StoredRows stored = StoredRows.dump(dataSource, lastCadre, lastHistory, lastAudit);
        jdbc.sql("delete from cadre_post_history where id > ?").param(lastHistory).update();
        jdbc.sql("delete from cadre where id > ?").param(lastCadre).update();
        HeapSampler heapC = HeapSampler.start();
        CpuMeter cpuC = CpuMeter.start();
        long c0 = System.nanoTime();
        double[] parts = sameRowsBaseline(file, stored);
        double sameSec = (System.nanoTime() - c0) / 1e9;
        double[] sameCpu = cpuC.stop();
        long sameHeap = heapC.stop();
        stored.delete();
        Files.deleteIfExists(file);

        String report = String.format("""
                rows: %,d (file %,d bytes), after %d warm-up runs of both over %,d rows
                (a) baseline FastExcel parse + COPY: %.2f s = %,.0f rows/s, peak heap used %,d MB (copied %,d)
                (b) full import (product path):      %.2f s = %,.0f rows/s, peak heap used %,d MB (created %,d, audit entries %,d)
                ratio import / baseline: %.2f
                (c) same parsing + COPY of the same rows into the real tables, side by side: %.2f s (parsing alone %.2f s, storing alone %.2f s: %,d cadres, %,d history rows, %,d audit entries), peak heap used %,d MB
                ratio import / same-rows baseline: %.2f (goal: at most 1.3)
                CPU seconds (c): JVM %.1f, PostgreSQL %.1f
                CPU seconds (a): JVM %.1f (JIT %.1f, GC %.1f), PostgreSQL %.1f; (b): JVM %.1f (JIT %.1f, GC %.1f), PostgreSQL %.1f
                max heap (-Xmx): %,d MB, cores: %d
                """, ROWS, size, WARMUP_ROUNDS, WARMUP_ROWS, baseSec, ROWS / baseSec, baseHeap >> 20, copied, importSec, ROWS / importSec,
                importHeap >> 20, job.createdCount(), audits, importSec / baseSec, sameSec, parts[0], parts[1], stored.cadres, stored.histories, stored.audits, sameHeap >> 20,
                importSec / sameSec, sameCpu[0], sameCpu[1], baseCpu[0], baseCpu[2], baseCpu[3],
                baseCpu[1], importCpu[0], importCpu[2], importCpu[3], importCpu[1],
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        System.out.println("=== Roster import benchmark ===\n" + report);
        Files.writeString(Path.of("target", "roster-import-benchmark.txt"), report);
        jdbc.sql("drop table if exists bench_roster_copy").update();
    }

    /** (a) the baseline: FastExcel parsing alone, streamed into a COPY of the raw cells into a scratch table. */
    private long baseline(Path file) throws Exception {
        jdbc.sql("drop table if exists bench_roster_copy").update();
        jdbc.sql("create table bench_roster_copy (" + String.join(", ", COLUMNS.stream()
                .map(t -> "c" + COLUMNS.indexOf(t) + " text").toList()) + ")").update();
        try (Connection con = dataSource.getConnection()) {
            CopyIn copy = con.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY bench_roster_copy FROM STDIN (FORMAT csv)");
            StringBuilder line = new StringBuilder(512);
            FastExcel.read(file.toFile(), new ReadListener<Map<Integer, String>>() {
                @Override
                public void invoke(Map<Integer, String> row, AnalysisContext context) {
                    line.setLength(0);
                    for (int c = 0; c < 19; c++) {
                        if (c > 0) {
                            line.append(',');
                        }
                        String v = row.get(c);
                        if (v != null) {
                            line.append('"').append(v.replace("\"", "\"\"")).append('"');
                        }
                    }
                    line.append('\n');
                    byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
                    try {
                        copy.writeToCopy(b, 0, b.length);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void doAfterAllAnalysed(AnalysisContext context) {
                }
            }).headRowNumber(1).sheet(0).doRead();
            return copy.endCopy();
        }
    }

    /**
     * (c) FastExcel parsing of the file (as (a)) on one thread while another streams the rows (b) stored back into
     * {@code cadre}, {@code cadre_post_history} and {@code audit_log} by COPY in one transaction, as the import
     * overlaps its reading and writing threads. Returns {@code [parsing seconds, storing seconds]}.
     */
    private double[] sameRowsBaseline(Path file, StoredRows stored) throws Exception {
        var storing = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            long s0 = System.nanoTime();
            try (Connection con = dataSource.getConnection()) {
                con.setAutoCommit(false);
                var api = con.unwrap(PGConnection.class).getCopyAPI();
                api.copyIn("COPY cadre (" + stored.cadreColumns + ") FROM STDIN", Files.newInputStream(stored.cadreFile));
                api.copyIn("COPY cadre_post_history (" + stored.historyColumns + ") FROM STDIN", Files.newInputStream(stored.historyFile));
                api.copyIn("COPY audit_log (" + stored.auditColumns + ") FROM STDIN", Files.newInputStream(stored.auditFile));
                con.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return (System.nanoTime() - s0) / 1e9;
        });
        long p0 = System.nanoTime();
        long[] rows = {0};
        FastExcel.read(file.toFile(), new ReadListener<Map<Integer, String>>() {
            @Override
            public void invoke(Map<Integer, String> row, AnalysisContext context) {
                rows[0] += row.size();
            }

            @Override
            public void doAfterAllAnalysed(AnalysisContext context) {
            }
        }).headRowNumber(1).sheet(0).doRead();
        double parseSec = (System.nanoTime() - p0) / 1e9;
        return new double[]{parseSec, storing.get()};
    }

    /** The rows an import stored, as COPY text in temporary files (the audit rows without their id and chain columns). */
    static final class StoredRows {
        Path cadreFile;
        Path historyFile;
        Path auditFile;
        String cadreColumns;
        String historyColumns;
        String auditColumns;
        long cadres;
        long histories;
        long audits;

        static StoredRows dump(DataSource ds, long lastCadre, long lastHistory, long lastAudit) throws Exception {
            StoredRows r = new StoredRows();
            try (Connection con = ds.getConnection()) {
                r.cadreColumns = columns(con, "cadre", List.of());
                r.historyColumns = columns(con, "cadre_post_history", List.of());
                // the chain's trigger gives block, position and hash, and the sequence a new id, as for the import
                r.auditColumns = columns(con, "audit_log", List.of("id", "block_id", "pos", "hash"));
                var api = con.unwrap(PGConnection.class).getCopyAPI();
                r.cadreFile = Files.createTempFile("bench-cadre-", ".copy");
                r.historyFile = Files.createTempFile("bench-history-", ".copy");
                r.auditFile = Files.createTempFile("bench-audit-", ".copy");
                try (var out = Files.newOutputStream(r.cadreFile)) {
                    r.cadres = api.copyOut("COPY (select " + r.cadreColumns + " from cadre where id > " + lastCadre + " order by id) TO STDOUT", out);
                }
                try (var out = Files.newOutputStream(r.historyFile)) {
                    r.histories = api.copyOut("COPY (select " + r.historyColumns + " from cadre_post_history where id > " + lastHistory + " order by id) TO STDOUT", out);
                }
                try (var out = Files.newOutputStream(r.auditFile)) {
                    r.audits = api.copyOut("COPY (select " + r.auditColumns + " from audit_log where id > " + lastAudit
                            + " order by id) TO STDOUT", out);
                }
            }
            return r;
        }

        private static String columns(Connection con, String table, List<String> without) throws java.sql.SQLException {
            List<String> names = new ArrayList<>();
            try (var st = con.prepareStatement("select column_name from information_schema.columns where table_schema = current_schema() "
                    + "and table_name = ? and is_generated = 'NEVER' order by ordinal_position")) {
                st.setString(1, table);
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (!without.contains(rs.getString(1))) {
                            names.add(rs.getString(1));
                        }
                    }
                }
            }
            return String.join(", ", names);
        }

        void delete() throws IOException {
            Files.deleteIfExists(cadreFile);
            Files.deleteIfExists(historyFile);
            Files.deleteIfExists(auditFile);
        }
    }

    /** (b) the product path: upload → background job → one transaction; returns the finished job. */
    private ImportJob importFile(ImportFixtures fx, Path file) throws Exception {
        ImportFixtures.actAs(fx.countyAdmin);
        byte[] bytes = Files.readAllBytes(file);
        ImportJob job = imports.start(file.getFileName().toString(), bytes, ImportMode.ALL_OR_NOTHING, "127.0.0.1");
        bytes = null;
        while (true) {
            job = imports.get(job.id());
            if (job.status() != ImportJob.Status.QUEUED && job.status() != ImportJob.Status.RUNNING) {
                break;
            }
            Thread.sleep(100);
        }
        if (job.status() != ImportJob.Status.COMPLETED || job.createdCount() != job.totalRows()) {
            throw new AssertionError("import did not complete: " + job.status() + " " + job.message() + " " + job.errors());
        }
        return job;
    }

    /** The 19 columns the benchmark's file has (the roster's columns before issue 15 added 人员编号, 全日制/在职学历, 职级). */
    static final List<String> COLUMNS = List.of("姓名", "性别", "民族", "出生日期", "公民身份号码", "学历", "政治面貌", "入党时间",
            "单位", "职务", "职级层次", "正副职", "是否领导职务", "人员类别", "参加工作时间", "联系电话", "是否后备干部", "所在党支部",
            "是否流动党员");

    /** A roster of {@code rows} rows: one header row, every column filled, valid GB 11643 IDs. */
    static void write(File file, ImportFixtures fx, int rows) {
        int region = 110000 + ThreadLocalRandom.current().nextInt(500000);
        String[] units = {fx.townAName, fx.townBName, fx.countyName};
        String[] posts = {"科员", "副镇长", "党委委员", "站长", "主任科员"};
        String[] levels = {"乡科级", "科员及以下", "县处级"};
        String[] edu = {"大学本科", "大专", "硕士研究生", "中专"};
        String[] cats = {"公务员", "事业人员", "参公人员"};
        try (ExcelWriter w = Workbooks.open(Files.newOutputStream(file.toPath()))) {
            var sheet = Workbooks.sheet(0, "干部信息", COLUMNS, 4, 15);
            List<List<String>> chunk = new ArrayList<>(5000);
            LocalDate base = LocalDate.of(1960, 1, 1);
            for (int k = 0; k < rows; k++) {
                LocalDate birth = base.plusDays(k % 10_000);
                boolean male = k % 2 == 0;
                int seq = (k / 10_000) * 2 + (male ? 1 : 0) + 100;
                String first17 = String.format("%06d%s%03d", region, birth.toString().replace("-", ""), seq);
                String id = first17 + CitizenId.checkChar(first17);
                boolean member = k % 3 != 0;
                chunk.add(List.of("干部" + name(k), male ? "男" : "女", "汉族", birth.toString(), id, edu[k % edu.length],
                        member ? "中共党员" : "群众", member ? birth.plusYears(25).toString() : "", units[k % units.length],
                        posts[k % posts.length], levels[k % levels.length], k % 2 == 0 ? "正职" : "副职", k % 5 == 0 ? "是" : "否",
                        cats[k % cats.length], birth.plusYears(22).toString(), "138" + String.format("%08d", k),
                        k % 7 == 0 ? "是" : "否", member && k % units.length == 0 ? fx.branchAName : "", "否"));
                if (chunk.size() == 5000) {
                    w.write(chunk, sheet);
                    chunk.clear();
                }
            }
            w.write(chunk, sheet);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String name(int k) {
        String digits = "零一二三四五六七八九";
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(k).toCharArray()) {
            b.append(digits.charAt(c - '0'));
        }
        return b.toString();
    }

    /**
     * CPU time used during a phase by this JVM and by the PostgreSQL server's processes (read from /proc;
     * zero where /proc is not there). With 2 cores the sum over the wall time shows how busy the machine was.
     */
    static final class CpuMeter {
        private final long jvm0;
        private final long pg0;
        private final long[] jitGc0;

        private CpuMeter() {
            jvm0 = jvmNanos();
            pg0 = postgresTicks();
            jitGc0 = jitAndGcTicks();
        }

        static CpuMeter start() {
            return new CpuMeter();
        }

        /** {@code [jvm seconds, postgres seconds, of the JVM's: JIT compiler seconds, garbage collector seconds]} */
        double[] stop() {
            long[] jitGc = jitAndGcTicks();
            return new double[]{(jvmNanos() - jvm0) / 1e9, (postgresTicks() - pg0) / 100.0,
                    (jitGc[0] - jitGc0[0]) / 100.0, (jitGc[1] - jitGc0[1]) / 100.0};
        }

        /** CPU ticks of this JVM's compiler threads and of its garbage collector threads (from /proc/self/task). */
        private static long[] jitAndGcTicks() {
            long[] sum = new long[2];
            File[] tasks = new File("/proc/self/task").listFiles();
            for (File t : tasks == null ? new File[0] : tasks) {
                try {
                    String stat = Files.readString(t.toPath().resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    if (name.contains("CompilerThre")) {
                        sum[0] += ticks;
                    } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                        sum[1] += ticks;
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
            return sum;
        }

        /** The PostgreSQL server's main process (0: every process named postgres counts). */
        static volatile int postmaster;

        /** Finds the server's main process as the parent of this connection's backend. */
        static void serverOf(JdbcClient jdbc) {
            int backend = jdbc.sql("select pg_backend_pid()").query(Integer.class).single();
            try {
                String stat = Files.readString(Path.of("/proc", Integer.toString(backend), "stat"));
                postmaster = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
            } catch (IOException | RuntimeException e) {
                postmaster = 0; // another machine's server, or no /proc: nothing to measure
            }
        }

        private static long jvmNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** utime + stime of every process named postgres, in clock ticks (USER_HZ, 100 on Linux). */
        private static long postgresTicks() {
            long sum = 0;
            File[] procs = new File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
            if (procs == null) {
                return 0;
            }
            for (File p : procs) {
                try {
                    String stat = Files.readString(p.toPath().resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(open + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    // only this benchmark's server: other builds on the machine run PostgreSQL servers of their own
                    int pid = Integer.parseInt(p.getName());
                    if (postmaster > 0 && pid != postmaster && Integer.parseInt(f[1]) != postmaster) {
                        continue;
                    }
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
            return sum;
        }
    }

    /** Samples heap used every 10 ms from a background thread, after a System.gc(). */
    static final class HeapSampler implements Runnable {
        private final MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static HeapSampler start() {
            System.gc();
            HeapSampler s = new HeapSampler();
            s.thread = new Thread(s, "heap-sampler");
            s.thread.setDaemon(true);
            s.thread.start();
            return s;
        }

        @Override
        public void run() {
            while (running) {
                peak.accumulateAndGet(bean.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }
    }
}
