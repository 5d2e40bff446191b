package org.ganxun.people.internal.profile;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.ganxun.people.CadreQuery;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Bench;
import org.ganxun.support.Fixture;
import org.ganxun.support.ProvinceBenchmark;
import org.ganxun.support.ProvinceData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Not a test but a measurement: the cadre-profile statistics over the generated province ({@link ProvinceData}:
 * 200,000 cadres by default, {@code -Dbench.cadres=1000000}) and over one of its units of 5,000, timed (p50 / p95
 * over 20 runs after 3 warm-up runs) beside a baseline measured in the same run: a plain {@code select count(*)} of
 * the same subtree. Run with {@code ./mvnw -Pbench -Dskip.web=true test -Dtest=ProfileStatisticsBenchmark};
 * results go to docs/benchmarks.md.
 */
@ProvinceBenchmark
class ProfileStatisticsBenchmark {

    static final int WARM_UP = 3;
    static final int RUNS = 20;

    @Autowired
    CadreProfileStatistics statistics;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Fixture fixture;

    @Test
    void profileOfTheProvince() throws Exception {
        ProvinceData.Province p = ProvinceData.ensure(fixture, jdbc, dataSource);
        String loadBefore = Bench.load();
        long unit = p.units().get(p.units().size() / 2);
        String unitPath = jdbc.sql("select path from organization where id = ?").param(unit).query(String.class).single();
        LocalDate asOf = p.generatedOn();
        CadreQuery byProvince = byOrg(p.root());
        CadreQuery byUnit = byOrg(unit);

        signIn(Role.SYSTEM_ADMIN, null);
        double[] baseline = time(() -> count(p.rootPath()));
        double[] adminProfile = time(() -> statistics.profile(byProvince, asOf).total());
        System.out.println(statistics.explain(byProvince, asOf));
        double[] unitBaseline = time(() -> count(unitPath));
        double[] unitProfile = time(() -> statistics.profile(byUnit, asOf).total());
        System.out.println(statistics.explain(byUnit, asOf));
        signIn(Role.ORG_DEPT_ADMIN, p.root());
        double[] scopedProfile = time(() -> statistics.profile(CadreQuery.all(), asOf).total());
        SecurityContextHolder.clearContext();

        long allCadres = jdbc.sql("select count(*) from cadre").query(Long.class).single();
        String cpu = Runtime.getRuntime().availableProcessors() + " CPUs";
        String pg = jdbc.sql("show server_version").query(String.class).single();
        System.out.println();
        System.out.println("=== Cadre profile statistics benchmark (province) ===");
        System.out.printf(Locale.ROOT, "cadres in the province: %d (table: %d), %s, PostgreSQL %s; load average before / after: %s / %s%n",
                p.cadres(), allCadres, cpu, pg, loadBefore, Bench.load());
        System.out.printf(Locale.ROOT, "| %-58s | %8s | %8s |%n", "query (" + RUNS + " runs after " + WARM_UP + " warm-up)", "p50 ms", "p95 ms");
        row("baseline: select count(*) over the province", baseline);
        row("profile statistics, admin, orgId = province", adminProfile);
        row("profile statistics, user scoped to the province", scopedProfile);
        row("baseline: select count(*) over one unit of 5,000", unitBaseline);
        row("profile statistics, admin, orgId = that unit", unitProfile);
        System.out.println("=== end ===");
    }

    /** The baseline is no user's read: it runs signed out, as the data-scope guard checks only users' reads. */
    private long count(String path) {
        var signedIn = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            return jdbc.sql("""
                select count(*) from cadre c join organization o on o.id = c.org_id
                    where o.path like ? and c.status = 'ACTIVE'""").param(path + "%").query(Long.class).single();
        } finally {
            SecurityContextHolder.setContext(signedIn);
        }
    }

    private static CadreQuery byOrg(long org) {
        return new CadreQuery(null, null, org, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
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
}
