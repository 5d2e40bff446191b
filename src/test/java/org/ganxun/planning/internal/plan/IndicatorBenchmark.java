package org.ganxun.planning.internal.plan;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import org.ganxun.planning.IndicatorKind;
import org.ganxun.planning.TrainingPlans.IndicatorForm;
import org.ganxun.planning.TrainingPlans.Target;
import org.ganxun.planning.TrainingPlans;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A whole county: 35,000 cadres in 30 townships and 10 departments, five years of archive (30 entries each, about
 * 1,050,000), and the seven indicators of a five-year plan. Times the dashboard (every indicator, as the county's
 * organisation department, scoped to its subtree) 10 times after 3 warm-up runs, beside a same-run baseline of one
 * plain count of the county's approved entries of the year. Run: ./mvnw -Pbench -Dskip.web=true test -Dtest=IndicatorBenchmark
 */
@Tag("benchmark")
@IntegrationTest
class IndicatorBenchmark {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired Fixture fixture;
    @Autowired TrainingPlans plans;
    @Autowired IndicatorFigures figures;
    @Autowired NamedParameterJdbcTemplate named;
    @Autowired TransactionTemplate statements;

    @Test
    void wholeCounty() throws Exception {
        int cadres = Integer.getInteger("bench.cadres", 35_000);
        int y = Year.now().getValue();
        long county = fixture.org(null, Fixture.unique("指标县"), "COUNTY");
        List<Long> units = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            units.add(fixture.org(county, (u < 30 ? "指标镇" : "指标局") + u, u < 30 ? "TOWNSHIP" : "DEPARTMENT"));
        }
        long t0 = System.nanoTime();
        generate(cadres, units, y);
        // as autovacuum leaves a table after a million inserts (PostgreSQL 13+ vacuums on inserts): statistics and the
        // visibility map (without which no scan is index-only)
        jdbc.sql("vacuum analyze cadre").update();
        jdbc.sql("vacuum analyze archive_entry").update();
        System.out.printf("%n=== indicators: %d cadres, %d entries loaded in %d ms ===%n", cadres,
                jdbc.sql("select count(*) from archive_entry a join cadre c on c.id = a.cadre_id join organization o on o.id = c.org_id where o.path like ?")
                        .param(jdbc.sql("select path from organization where id = ?").param(county).query(String.class).single() + "%")
                        .query(Long.class).single(), (System.nanoTime() - t0) / 1_000_000);
        CurrentUser admin = fixture.user(Fixture.unique("ib"), Role.ORG_DEPT_ADMIN, county, null, null);
        List<IndicatorForm> indicators = List.of(
                ind("县处级领导干部5年内脱产培训全覆盖", IndicatorKind.COVERAGE, List.of("COUNTY"), List.of(), true, null, null, null, true, "ALL", null, null),
                ind("乡科级领导干部每年12天或90学时达标率", IndicatorKind.ATTAINMENT, List.of("TOWNSHIP"), List.of(), true, null, null, null, false, "NOT_ONLINE", "90", "12"),
                ind("网络培训人均学时", IndicatorKind.HOURS_PER_HEAD, List.of(), List.of(), null, null, null, null, false, "ONLINE", null, null),
                ind("年轻干部轮训覆盖率", IndicatorKind.COVERAGE, List.of(), List.of(), null, null, 35, 3, false, "ALL", null, null),
                ind("村(社区)干部轮训覆盖率", IndicatorKind.COVERAGE, List.of(), List.of("VILLAGE_CADRE"), null, null, null, 2, false, "ALL", null, null),
                ind("党员每年32学时达标率", IndicatorKind.ATTAINMENT, List.of(), List.of(), null, true, null, null, false, "ALL", "32", null),
                ind("三年未参训干部占比", IndicatorKind.UNTRAINED_SHARE, List.of(), List.of(), null, null, null, null, false, "ALL", null, null));
        long plan = fixture.as(admin, () -> plans.create(new TrainingPlans.PlanForm(county, "五年规划", y - 4, y, null, indicators)).id());

        long[] dash = time(13, 3, () -> fixture.as(admin, () -> figures.dashboard(plan, y - 1, null)));
        String path = jdbc.sql("select path from organization where id = ?").param(county).query(String.class).single();
        long[] base = time(13, 3, () -> jdbc.sql("""
                select count(*) from archive_entry a join cadre c on c.id = a.cadre_id join organization o on o.id = c.org_id
                 where o.path like ? and a.status = 'APPROVED' and a.credited_on between ? and ?""")
                .params(path + "%", LocalDate.of(y - 1, 1, 1), LocalDate.of(y - 1, 12, 31)).query(Long.class).single());
        // the statement alone, now and as it was (session 8's single statement), in the same run, with the same rows
        IndicatorFigures.Query q = fixture.as(admin, () -> figures.dashboardQuery(plan, y - 1));
        String before = previous(q);
        Map<String, Object> now = statement(q.sql(), q.params(), true, true);
        Map<String, Object> then = statement(before, q.params(), false, false);
        if (!now.toString().equals(then.toString())) {
            throw new AssertionError("the statements disagree:\n now  " + now + "\n then " + then);
        }
        long[] stNow = time(13, 3, () -> statement(q.sql(), q.params(), true, true));
        long[] stNoIndex = time(13, 3, () -> statement(q.sql(), q.params(), false, true));
        long[] stThen = time(13, 3, () -> statement(before, q.params(), false, false));
        System.out.printf("| dashboard, 7 indicators, county admin | %d | %d |%n", dash[0], dash[1]);
        System.out.printf("| its statement now (V167 index, work_mem 64MB) | %d | %d |%n", stNow[0], stNow[1]);
        System.out.printf("| its statement now, without the V167 index | %d | %d |%n", stNoIndex[0], stNoIndex[1]);
        System.out.printf("| its statement before (session 8: 21 aggregates over every entry; no V167 index, default work_mem) | %d | %d |%n",
                stThen[0], stThen[1]);
        System.out.printf("| baseline: count of the year's approved entries | %d | %d |%n", base[0], base[1]);
        if (Boolean.getBoolean("bench.explain")) {
            System.out.println("--- EXPLAIN now");
            statements.executeWithoutResult(s -> {
                named.getJdbcOperations().execute(IndicatorFigures.WORK_MEM);
                named.queryForList("explain (analyze, buffers) " + q.sql(), q.params(), String.class).forEach(System.out::println);
            });
            System.out.println("--- EXPLAIN before");
            statements.executeWithoutResult(s -> {
                named.getJdbcOperations().execute("drop index archive_entry_approved_credit_idx");
                named.queryForList("explain (analyze, buffers) " + before, q.params(), String.class).forEach(System.out::println);
                s.setRollbackOnly();
            });
        }
        fixture.as(admin, () -> figures.dashboard(plan, y - 1, null)).figures()
                .forEach(f -> System.out.printf("  %s: %s%s (%d / %d)%n", f.name(), f.value(), f.unit(), f.counted(), f.population()));
    }

    private static IndicatorForm ind(String name, IndicatorKind kind, List<String> levels, List<String> cats, Boolean lead, Boolean party,
                                     Integer maxAge, Integer window, boolean fullTime, String delivery, String hours, String days) {
        return new IndicatorForm(name, kind, levels, cats, lead, party, maxAge, window, fullTime, delivery,
                hours == null ? null : new BigDecimal(hours), days == null ? null : new BigDecimal(days), null, null,
                List.of(new Target(Year.now().getValue() - 1, new BigDecimal("50"))));
    }

    /**
     * A statement in a transaction, with or without V167's index (dropped inside the transaction, which is rolled back)
     * and with or without the dashboard's work_mem.
     */
    private Map<String, Object> statement(String sql, Map<String, Object> params, boolean index, boolean workMem) {
        return statements.execute(s -> {
            if (!index) {
                named.getJdbcOperations().execute("drop index archive_entry_approved_credit_idx");
                s.setRollbackOnly();
            }
            if (workMem) {
                named.getJdbcOperations().execute(IndicatorFigures.WORK_MEM);
            }
            return named.queryForMap(sql, params);
        });
    }

    /** The dashboard's statement as session 8 wrote it (kept here to time it beside today's on the same data). */
    private static String previous(IndicatorFigures.Query q) {
        StringBuilder aggs = new StringBuilder();
        StringBuilder totals = new StringBuilder();
        for (int i = 0; i < q.parts().size(); i++) {
            IndicatorFigures.Parts pt = q.parts().get(i);
            String sfx = "_" + i;
            aggs.append(i == 0 ? "" : ",\n").append(pt.aggregates());
            String g = "(true" + pt.group() + ")";
            totals.append(i == 0 ? "" : ",\n").append("count(*) filter (where ").append(g).append(") as population_").append(i)
                    .append(", count(*) filter (where ").append(g).append(" and ").append(pt.counted()).append(") as counted_").append(i)
                    .append(", coalesce(sum(agg.hours_").append(i).append(") filter (where ").append(g).append("), 0) as sum_hours_").append(i);
        }
        return """
                with people as (
                  select c.id, c.rank_level, c.staff_category, c.leadership, c.political_status, c.birth_date
                    from cadre_card c join org_unit o on o.id = c.org_id
                    left join party_unit p on p.id = c.party_org_id
                  %s
                ), agg as (
                  select pe.id,
                %s
                    from people pe
                    left join approved_credit a on a.cadre_id = pe.id
                         and a.credited_on between :from and :yearEnd
                   group by pe.id
                )
                select %s
                  from agg join people c on c.id = agg.id
                """.formatted(q.peopleWhere(), aggs, totals);
    }

    /** p50 and p95 in ms of {@code runs - warmup} timed runs. */
    private static long[] time(int runs, int warmup, Runnable r) {
        long[] ms = new long[runs - warmup];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            r.run();
            if (i >= warmup) {
                ms[i - warmup] = (System.nanoTime() - t) / 1_000_000;
            }
        }
        Arrays.sort(ms);
        return new long[]{ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.95) - 1]};
    }

    private void generate(int cadres, List<Long> units, int y) throws Exception {
        long first = jdbc.sql("select coalesce(max(id), 0) + 1 from cadre").query(Long.class).single();
        jdbc.sql("select setval(pg_get_serial_sequence('cadre', 'id'), ?)").param(first + cadres + 10).query().singleRow();
        Random r = new Random(17);
        String[] levels = {"COUNTY", "TOWNSHIP", "TOWNSHIP", "STAFF", "STAFF", "STAFF", "STAFF", "STAFF", "STAFF", "STAFF"};
        String[] cats = {"CIVIL_SERVANT", "CIVIL_SERVANT", "PUBLIC_INSTITUTION", "VILLAGE_CADRE"};
        String[] sources = {"ONLINE_COURSE", "ONLINE_COURSE", "ONLINE_COURSE", "GROUP_STUDY", "CLASS_COMPLETION", "EXTERNAL_TRAINING"};
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            StringBuilder cad = new StringBuilder();
            StringBuilder e = new StringBuilder();
            for (int i = 0; i < cadres; i++) {
                long id = first + i;
                String level = levels[r.nextInt(levels.length)];
                boolean leader = !level.equals("STAFF") && r.nextInt(3) > 0;
                LocalDate born = LocalDate.of(y - 24 - r.nextInt(36), 1 + r.nextInt(12), 1);
                cad.append(id).append("\t指标").append(i).append("\tMALE\t汉族\t").append(born).append("\tv1:x\t").append(String.format("%064x", id))
                        .append("\t110101********0000\tBACHELOR\t").append(r.nextInt(10) < 7 ? "CPC_MEMBER" : "MASSES").append('\t')
                        .append(units.get(i % units.size())).append("\t科员\t").append(level).append("\tDEPUTY\t").append(leader).append('\t')
                        .append(cats[r.nextInt(cats.length)]).append("\t2000-07-01\tACTIVE\n");
                for (int k = 0; k < 30; k++) {
                    String src = sources[r.nextInt(sources.length)];
                    boolean online = src.equals("ONLINE_COURSE");
                    LocalDate on = LocalDate.of(y - 4, 1, 1).plusDays(r.nextInt(5 * 365));
                    int hours = online ? 1 + r.nextInt(3) : 3 + r.nextInt(40);
                    e.append(id).append('\t').append(src).append("\t课程\t").append(on).append('\t').append(hours).append('\t')
                            .append(online ? "ONLINE" : "CONCENTRATED").append("\tfalse\t").append(!online && r.nextInt(3) == 0)
                            .append("\t\\N\tAPPROVED\n");
                }
                if (e.length() > 8_000_000) {
                    flush(pg, cad, e);
                }
            }
            flush(pg, cad, e);
        }
    }

    private static void flush(PGConnection pg, StringBuilder cad, StringBuilder e) throws Exception {
        pg.getCopyAPI().copyIn("copy cadre (id, name, gender, ethnicity, birth_date, citizen_id_enc, citizen_id_hash, citizen_id_masked,"
                + " education, political_status, org_id, post, rank_level, rank_grade, leadership, staff_category, entered_work_on, status)"
                + " from stdin", new StringReader(cad.toString()));
        pg.getCopyAPI().copyIn("copy archive_entry (cadre_id, source, title, credited_on, hours, delivery, required, full_time,"
                + " training_type, status) from stdin", new StringReader(e.toString()));
        cad.setLength(0);
        e.setLength(0);
    }
}
