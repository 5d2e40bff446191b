package org.ganxun.people.profile;

import java.io.StringReader;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.ganxun.people.CadreQuery;
import org.ganxun.people.CitizenId;
import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Not a test but a measurement: 100,000 cadres in a fresh county subtree (COPY), then the cadre-profile
 * statistics timed (p50 / p95 over 30 runs after a warm-up) beside a baseline measured in the same run: a
 * plain {@code select count(*)} of the same subtree. Run with
 * {@code ./mvnw -Pbench -Dskip.web=true test -Dtest=ProfileStatisticsBenchmark}; results go to docs/benchmarks.md.
 */
@IntegrationTest
@Tag("benchmark")
class ProfileStatisticsBenchmark {

    static final int CADRES = 100_000;
    static final int WARM_UP = 5;
    static final int RUNS = 30;

    @Autowired
    CadreProfileStatistics statistics;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    FieldCipher cipher;

    @Test
    void profileOfOneHundredThousandCadres() throws Exception {
        Random rnd = new Random(42);
        long county = org(null, "基准测试县" + System.nanoTime(), "COUNTY");
        String countyPath = path(county);
        List<Long> units = new ArrayList<>();
        List<Long> branches = new ArrayList<>();
        long committee = party(null, "基准测试县委", "COMMITTEE", county);
        for (int t = 0; t < 40; t++) {
            long town = org(county, "基准镇" + t, "TOWNSHIP");
            units.add(town);
            long townCommittee = party(committee, "基准镇" + t + "党委", "COMMITTEE", town);
            branches.add(party(townCommittee, "基准镇" + t + "机关党支部", "BRANCH", town));
            for (int v = 0; v < 12; v++) {
                long village = org(town, "基准村" + t + "-" + v, "VILLAGE");
                units.add(village);
                branches.add(party(townCommittee, "基准村" + t + "-" + v + "党支部", "BRANCH", village));
            }
        }

        long t0 = System.nanoTime();
        StringBuilder csv = new StringBuilder(CADRES * 200);
        Set<String> ids = new HashSet<>();
        String[] levels = {"COUNTY", "TOWNSHIP", "TOWNSHIP", "STAFF", "STAFF", "STAFF", "STAFF", "", "", ""};
        String[] educations = {"MASTER", "BACHELOR", "BACHELOR", "BACHELOR", "ASSOCIATE", "ASSOCIATE", "TECHNICAL_SECONDARY",
                "HIGH_SCHOOL", "BELOW_HIGH_SCHOOL", ""};
        String[] politics = {"CPC_MEMBER", "CPC_MEMBER", "CPC_MEMBER", "CPC_MEMBER", "CPC_MEMBER", "CPC_PROBATIONARY",
                "MASSES", "MASSES", "CYL_MEMBER", "DEMOCRATIC_PARTY"};
        String[] ethnicities = {"汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "回族"};
        for (int i = 0; i < CADRES; i++) {
            boolean female = rnd.nextInt(100) < 30;
            LocalDate birth = LocalDate.of(1966, 1, 1).plusDays(rnd.nextInt(36 * 365));
            String id;
            do {
                String first17 = "510799" + birth.toString().replace("-", "")
                        + String.format("%03d", rnd.nextInt(499) * 2 + (female ? 2 : 1));
                id = first17 + CitizenId.checkChar(first17);
            } while (!ids.add(id));
            int u = rnd.nextInt(units.size());
            String level = levels[rnd.nextInt(levels.length)];
            String grade = level.isEmpty() || level.equals("STAFF") ? "" : rnd.nextBoolean() ? "PRINCIPAL" : "DEPUTY";
            String political = politics[rnd.nextInt(politics.length)];
            boolean member = political.startsWith("CPC");
            csv.append("基准").append(i).append(',').append(female ? "FEMALE" : "MALE").append(',')
                    .append(ethnicities[rnd.nextInt(ethnicities.length)]).append(',').append(birth).append(',')
                    .append(cipher.encrypt(id)).append(',').append(cipher.blindIndex(id)).append(',')
                    .append(CitizenId.mask(id)).append(',').append(educations[rnd.nextInt(educations.length)]).append(',')
                    .append(political).append(',').append(units.get(u)).append(',').append(level).append(',')
                    .append(grade).append(',').append(!grade.isEmpty()).append(',')
                    .append(level.isEmpty() ? "VILLAGE_CADRE" : "CIVIL_SERVANT").append(',')
                    .append(member ? branches.get(u) : "").append(",ACTIVE\n");
        }
        long rowsCopied;
        try (Connection c = dataSource.getConnection()) {
            rowsCopied = c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy cadre (name, gender, ethnicity, birth_date, citizen_id_enc, citizen_id_hash, citizen_id_masked,
                        education, political_status, org_id, rank_level, rank_grade, leadership, staff_category,
                        party_org_id, status) from stdin (format csv)""", new StringReader(csv.toString()));
        }
        jdbc.sql("analyze cadre").update();
        jdbc.sql("analyze organization").update();
        jdbc.sql("analyze party_organization").update();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        long allCadres = jdbc.sql("select count(*) from cadre").query(Long.class).single();

        LocalDate asOf = LocalDate.of(2026, 11, 21);
        CadreQuery byOrg = new CadreQuery(null, null, county, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);

        signIn(Role.SYSTEM_ADMIN, null);
        double[] baseline = time(() -> jdbc.sql("""
                select count(*) from cadre c join organization o on o.id = c.org_id
                where o.path like ? and c.status = 'ACTIVE'""").param(countyPath + "%").query(Long.class).single());
        double[] adminProfile = time(() -> statistics.profile(byOrg, asOf).total());
        System.out.println(statistics.explain(byOrg, asOf));
        signIn(Role.ORG_DEPT_ADMIN, county);
        double[] scopedProfile = time(() -> statistics.profile(CadreQuery.all(), asOf).total());
        SecurityContextHolder.clearContext();

        long total = jdbc.sql("select count(*) from cadre c join organization o on o.id = c.org_id where o.path like ?")
                .param(countyPath + "%").query(Long.class).single();
        String cpu = Runtime.getRuntime().availableProcessors() + " CPUs";
        String pg = jdbc.sql("show server_version").query(String.class).single();
        System.out.println();
        System.out.println("=== Cadre profile statistics benchmark ===");
        System.out.printf(Locale.ROOT, "cadres in subtree: %d (table: %d), load by COPY incl. encryption and ANALYZE: %d ms, %s, PostgreSQL %s%n",
                total, allCadres, loadMs, cpu, pg);
        System.out.printf(Locale.ROOT, "| %-58s | %8s | %8s |%n", "query (" + RUNS + " runs after " + WARM_UP + " warm-up)", "p50 ms", "p95 ms");
        row("baseline: select count(*) over the same subtree", baseline);
        row("profile statistics, admin, orgId = subtree root", adminProfile);
        row("profile statistics, user scoped to the subtree", scopedProfile);
        System.out.println("=== end ===");
    }

    private static void row(String name, double[] t) {
        System.out.printf(Locale.ROOT, "| %-58s | %8.1f | %8.1f |%n", name, t[0], t[1]);
    }

    /** p50 and p95 in milliseconds. */
    private static double[] time(Supplier<Long> q) {
        for (int i = 0; i < WARM_UP; i++) {
            q.get();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long s = System.nanoTime();
            q.get();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        return new double[]{percentile(ms, 50), percentile(ms, 95)};
    }

    private static double percentile(double[] sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(idx, sorted.length - 1))];
    }

    private void signIn(Role role, Long scopeOrgId) {
        CurrentUser u = new CurrentUser(-2, "bench", "基准", "", role, scopeOrgId, null, null, true, false);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(u, null, u.getAuthorities()));
    }

    private long org(Long parent, String name, String kind) {
        long id = jdbc.sql("select nextval(pg_get_serial_sequence('organization', 'id'))").query(Long.class).single();
        String p = (parent == null ? "/" : path(parent)) + id + "/";
        jdbc.sql("insert into organization (id, parent_id, name, kind, path, depth) values (?, ?, ?, ?, ?, ?)")
                .params(id, parent, name, kind, p, p.split("/").length - 2).update();
        return id;
    }

    private String path(long org) {
        return jdbc.sql("select path from organization where id = ?").param(org).query(String.class).single();
    }

    private long party(Long parent, String name, String kind, long org) {
        long id = jdbc.sql("select nextval(pg_get_serial_sequence('party_organization', 'id'))").query(Long.class).single();
        String parentPath = parent == null ? "/" : jdbc.sql("select path from party_organization where id = ?").param(parent)
                .query(String.class).single();
        String p = parentPath + id + "/";
        jdbc.sql("insert into party_organization (id, parent_id, name, kind, org_id, path, depth) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, parent, name, kind, org, p, p.split("/").length - 2).update();
        return id;
    }
}
