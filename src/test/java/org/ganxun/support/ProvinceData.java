package org.ganxun.support;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The generated province shared by the province-scale benchmarks (issue 20): {@code cadres} active cadres in units
 * of 5,000 directly under one province node, two rank periods each, and {@code perCadre} approved archive entries
 * each over the five years before generation. Generated once per database ({@link ProvinceBenchmark}): COPY with
 * the archive's secondary indexes dropped and its foreign-key check off (the rows are consistent by
 * construction), then the indexes rebuilt, then VACUUM ANALYZE; a marker row records the size, and a later run
 * whose marker and row counts match reuses the data.
 *
 * <p>Citizen IDs are placeholders (no encryption): no benchmark reads them.
 */
public final class ProvinceData {

    public static final int UNIT_SIZE = 5_000;

    /** The province: its root unit, its units of 5,000 in order, and the ids of its cadres (first .. first + cadres - 1). */
    public record Province(long root, String rootPath, List<Long> units, long firstCadre, int cadres, int perCadre,
                           LocalDate generatedOn, double generatedSeconds) {

        public long entries() {
            return (long) cadres * perCadre;
        }
    }

    private ProvinceData() {
    }

    public static int cadres() {
        return Integer.getInteger("bench.cadres", 200_000);
    }

    public static int perCadre() {
        return Integer.getInteger("bench.entriesPerCadre", 30);
    }

    /** The province of this database, generated now if absent or incomplete. */
    public static synchronized Province ensure(Fixture fixture, JdbcClient jdbc, DataSource dataSource) throws Exception {
        int cadres = cadres();
        int perCadre = perCadre();
        jdbc.sql("""
                create table if not exists bench_province (cadres int not null, per_cadre int not null, root_org bigint not null,
                  first_cadre bigint not null, generated_on date not null, generated_seconds numeric not null)""").update();
        List<Map<String, Object>> marker = jdbc.sql("select * from bench_province where cadres = ? and per_cadre = ?")
                .params(cadres, perCadre).query().listOfRows();
        if (!marker.isEmpty()) {
            Map<String, Object> m = marker.get(0);
            long root = ((Number) m.get("root_org")).longValue();
            long first = ((Number) m.get("first_cadre")).longValue();
            long people = jdbc.sql("select count(*) from cadre where id between ? and ?").params(first, first + cadres - 1)
                    .query(Long.class).single();
            // the benchmarks remove what they add, so the archive holds exactly the generated entries
            long entries = jdbc.sql("select count(*) from archive_entry").query(Long.class).single();
            if (people == cadres && entries == (long) cadres * perCadre) {
                List<Long> units = jdbc.sql("select id from organization where parent_id = ? order by id").param(root)
                        .query(Long.class).list();
                String path = jdbc.sql("select path from organization where id = ?").param(root).query(String.class).single();
                System.out.printf("== ProvinceData: reusing %d cadres, %d entries (generated on %s in %s s)%n", cadres, entries,
                        m.get("generated_on"), m.get("generated_seconds"));
                return new Province(root, path, units, first, cadres, perCadre, ((java.sql.Date) m.get("generated_on")).toLocalDate(),
                        ((Number) m.get("generated_seconds")).doubleValue());
            }
            System.out.printf("== ProvinceData: marker found but %d cadres / %d entries: generating again%n", people, entries);
        }
        // a partial or other data set in this benchmark-only database: start from empty tables
        jdbc.sql("drop table if exists bench_archive_by_year_done").update();
        jdbc.sql("truncate bench_province, cadre_standing, archive_entry, cadre_post_history, cadre cascade").update();

        long t0 = System.nanoTime();
        LocalDate asOf = LocalDate.now();
        long root = fixture.org(null, Fixture.unique("基准省"), "COUNTY");
        List<Long> units = new ArrayList<>();
        for (int u = 0; u < (cadres + UNIT_SIZE - 1) / UNIT_SIZE; u++) {
            units.add(fixture.org(root, "基准单位" + u, "DEPARTMENT"));
        }
        long first = generate(jdbc, dataSource, cadres, perCadre, units, asOf);
        double seconds = (System.nanoTime() - t0) / 1e9;
        jdbc.sql("insert into bench_province values (?, ?, ?, ?, ?, ?)").params(cadres, perCadre, root, first, asOf, seconds).update();
        System.out.printf("== ProvinceData: generated %d cadres, %d entries in %.1f s%n", cadres, (long) cadres * perCadre, seconds);
        String path = jdbc.sql("select path from organization where id = ?").param(root).query(String.class).single();
        return new Province(root, path, units, first, cadres, perCadre, asOf, seconds);
    }

    private static long generate(JdbcClient jdbc, DataSource dataSource, int cadres, int perCadre, List<Long> units, LocalDate asOf)
            throws Exception {
        long first = jdbc.sql("select coalesce(max(id), 0) + 1 from cadre").query(Long.class).single();
        jdbc.sql("select setval(pg_get_serial_sequence('cadre', 'id'), ?)").param(first + cadres + 10).query().singleRow();
        Random r = new Random(42);
        String[] levels = {"COUNTY", "TOWNSHIP", "TOWNSHIP", "STAFF", "STAFF", "STAFF", "STAFF", "STAFF", "STAFF", "STAFF"};
        String[] cats = {"CIVIL_SERVANT", "CIVIL_SERVANT", "CIVIL_SERVANT_EQUIVALENT", "PUBLIC_INSTITUTION"};
        String[] educations = {"MASTER", "BACHELOR", "BACHELOR", "BACHELOR", "ASSOCIATE", "ASSOCIATE", "TECHNICAL_SECONDARY",
                "HIGH_SCHOOL", "BELOW_HIGH_SCHOOL", "\\N"};
        String[] politics = {"CPC_MEMBER", "CPC_MEMBER", "CPC_MEMBER", "CPC_MEMBER", "CPC_MEMBER", "CPC_PROBATIONARY",
                "MASSES", "MASSES", "CYL_MEMBER", "DEMOCRATIC_PARTY"};
        String[] ethnicities = {"汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "回族"};
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            try (Writer cad = writer(pg, "copy cadre (id, name, gender, ethnicity, birth_date, citizen_id_enc, citizen_id_hash,"
                    + " citizen_id_masked, education, political_status, org_id, post, rank_level, rank_grade, leadership, staff_category,"
                    + " entered_work_on, status) from stdin")) {
                for (int i = 0; i < cadres; i++) {
                    long id = first + i;
                    String level = levels[r.nextInt(levels.length)];
                    boolean leader = !level.equals("STAFF") && r.nextInt(3) > 0;
                    LocalDate birth = LocalDate.of(1966, 1, 1).plusDays(r.nextInt(36 * 365));
                    cad.append(Long.toString(id)).append("\t基准").append(Integer.toString(i)).append('\t')
                            .append(r.nextInt(100) < 30 ? "FEMALE" : "MALE").append('\t').append(ethnicities[r.nextInt(ethnicities.length)])
                            .append('\t').append(birth.toString()).append("\tv1:x\t").append(String.format("%064x", id))
                            .append("\t110101********0000\t").append(educations[r.nextInt(educations.length)]).append('\t')
                            .append(politics[r.nextInt(politics.length)]).append('\t').append(Long.toString(units.get(i / UNIT_SIZE)))
                            .append("\t科员\t").append(level).append("\tDEPUTY\t").append(Boolean.toString(leader)).append('\t')
                            .append(cats[r.nextInt(cats.length)]).append("\t2000-07-01\tACTIVE\n");
                }
            }
            Random h = new Random(43);
            try (Writer hist = writer(pg, "copy cadre_post_history (cadre_id, org_id, rank_level, rank_grade, leadership, started_on,"
                    + " ended_on) from stdin")) {
                for (int i = 0; i < cadres; i++) {
                    long id = first + i;
                    String unit = Long.toString(units.get(i / UNIT_SIZE));
                    LocalDate promoted = LocalDate.of(2019 + h.nextInt(7), 1 + h.nextInt(12), 1);
                    String level = levels[h.nextInt(levels.length)];
                    hist.append(Long.toString(id)).append('\t').append(unit).append("\tSTAFF\t\\N\tfalse\t2000-07-01\t")
                            .append(promoted.toString()).append('\n');
                    hist.append(Long.toString(id)).append('\t').append(unit).append('\t').append(level).append("\tDEPUTY\t")
                            .append(Boolean.toString(!level.equals("STAFF"))).append('\t').append(promoted.toString()).append("\t\\N\n");
                }
            }

            // the archive: without its secondary indexes (rebuilt once at the end) and without the per-row foreign-key check
            List<String> indexes = jdbc.sql("""
                    select indexdef from pg_indexes where tablename = 'archive_entry' and indexname <> 'archive_entry_pkey'""")
                    .query(String.class).list();
            try (Statement s = c.createStatement()) {
                for (String name : jdbc.sql("select indexname from pg_indexes where tablename = 'archive_entry' and indexname <> 'archive_entry_pkey'")
                        .query(String.class).list()) {
                    s.execute("drop index " + name);
                }
                s.execute("set session_replication_role = replica");
            }
            String[] sources = {"ONLINE_COURSE", "ONLINE_COURSE", "ONLINE_COURSE", "GROUP_STUDY", "CLASS_COMPLETION", "EXTERNAL_TRAINING"};
            LocalDate start = asOf.minusYears(5);
            int span = (int) (asOf.toEpochDay() - start.toEpochDay());
            Set<String> refs = new HashSet<>();
            try (Writer e = writer(pg, "copy archive_entry (cadre_id, source, source_ref, title, credited_on, hours, delivery, required,"
                    + " full_time, training_type, status) from stdin")) {
                for (int i = 0; i < cadres; i++) {
                    String id = Long.toString(first + i);
                    refs.clear();
                    for (int k = 0; k < perCadre; k++) {
                        String src = sources[r.nextInt(sources.length)];
                        boolean online = src.equals("ONLINE_COURSE");
                        LocalDate on = start.plusDays(r.nextInt(span));
                        int hours = online ? 1 + r.nextInt(3) : 3 + r.nextInt(40);
                        String ref = "\\N";
                        if (src.equals("CLASS_COMPLETION")) {
                            // one of 2,000 classes of that year; a person completes a class once
                            do {
                                ref = on.getYear() + "-" + r.nextInt(2_000);
                            } while (!refs.add(ref));
                        }
                        e.append(id).append('\t').append(src).append('\t').append(ref).append("\t课程\t").append(on.toString()).append('\t')
                                .append(Integer.toString(hours)).append('\t').append(online ? "ONLINE" : "CONCENTRATED").append('\t')
                                .append(Boolean.toString(r.nextBoolean())).append('\t').append(Boolean.toString(!online && r.nextInt(3) == 0))
                                .append('\t').append(src.equals("CLASS_COMPLETION") && r.nextInt(10) == 0 ? "APPOINTMENT" : "\\N")
                                .append("\tAPPROVED\n");
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("set session_replication_role = origin");
                s.execute("set maintenance_work_mem = '512MB'");
                for (String def : indexes) {
                    long t = System.nanoTime();
                    s.execute(def);
                    System.out.printf("== ProvinceData: %s (%.1f s)%n", def, (System.nanoTime() - t) / 1e9);
                }
                s.execute("reset maintenance_work_mem");
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("organization", "cadre", "cadre_post_history", "archive_entry")) {
                s.execute("vacuum analyze " + t);
            }
        }
        return first;
    }

    private static Writer writer(PGConnection pg, String copy) throws Exception {
        return new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(pg, copy, 1 << 20), StandardCharsets.UTF_8), 1 << 20);
    }
}
