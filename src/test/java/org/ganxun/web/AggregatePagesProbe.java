package org.ganxun.web;

import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ganxun.demo.DemoDataLoader;
import org.ganxun.platform.desk.FigureSource;
import org.ganxun.platform.desk.TodoSource;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.support.ApiSession;
import org.ganxun.support.HeadlessChromium;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test but a measurement beside {@link PageSpeedBenchmark}: the server's time for each request the
 * whole-county aggregate pages make (统计, 达标情况, 规划, 党员学时/统计, 首页), as zzb and admin, on the demo county
 * grown to ten times its people (as the benchmark grows it). Best and median of five calls after one warm-up.
 * Meant for a kept database ({@code GANXUN_DB_URL}): the demo is loaded and grown once, later runs reuse it.
 * <p>
 * {@code ./mvnw -Pbench -Dskip.web=true test -Dtest=AggregatePagesProbe}
 */
@IntegrationTest
@Tag("benchmark")
class AggregatePagesProbe {

    static final List<String> ACCOUNTS = List.of(System.getProperty("bench.accounts", "zzb,admin").split(","));
    static final int RUNS = Integer.getInteger("bench.runs", 5);
    /** -Dbench.browser=干部队伍结构统计,… also opens these menu pages in headless Chromium (time to content, as the benchmark). */
    static final List<String> BROWSER = System.getProperty("bench.browser", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.browser").split(","));

    @LocalServerPort int port;
    @Autowired DemoDataLoader loader;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired List<TodoSource> todoSources;
    @Autowired List<FigureSource> figureSources;
    @Autowired UserDetailsService users;

    @Test
    void aggregatePageRequests() throws Exception {
        PageSpeedBenchmark bench = new PageSpeedBenchmark();
        bench.jdbc = jdbc;
        bench.tx = tx;
        bench.loader = loader;
        bench.port = port;
        bench.loadDemo();
        long countyId = jdbc.sql("select scope_org_id from app_user where username = 'zzb'").query(Long.class).single();
        long cadres = jdbc.sql("select count(*) from cadre").query(Long.class).single();
        if (cadres < 20_000) {
            bench.grow(countyId);
            cadres = jdbc.sql("select count(*) from cadre").query(Long.class).single();
        }
        int year = Year.now().getValue();
        StringBuilder out = new StringBuilder("\n=== AggregatePagesProbe (" + cadres + " cadres) ===\n");
        for (String account : ACCOUNTS) {
            ApiSession s = new ApiSession(port);
            s.login(account, DemoDataLoader.PASSWORD);
            long plan = s.getJson("/api/planning/plans").path(0).path("id").asLong();
            long scope = jdbc.sql("select coalesce(scope_org_id, ?) from app_user where username = ?")
                    .param(countyId).param(account).query(Long.class).single();
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("训统计 training", "/api/statistics/training?year=" + year);
            pages.put("结构统计 cadre-profile", "/api/statistics/cadre-profile");
            pages.put("dict cadre", "/api/cadres/dictionaries");
            pages.put("达标 dashboard", "/api/compliance/dashboard?page=1&size=20&sort=missingHours,desc");
            pages.put("plans", "/api/planning/plans");
            pages.put("needs", "/api/planning/needs?year=" + (year + 1));
            pages.put("指标 plan dashboard", "/api/planning/plans/" + plan + "/dashboard?year=" + year);
            pages.put("评估 report", "/api/planning/plans/" + plan + "/report?year=" + year + "&kind=ANNUAL");
            pages.put("report texts", "/api/planning/plans/" + plan + "/report/texts?year=" + year);
            pages.put("经费 budget", "/api/planning/plans/" + plan + "/budget?year=" + year);
            pages.put("费标准 fee-standard", "/api/planning/fee-standard?orgId=" + scope);
            pages.put("orgs", "/api/orgs?includeRetired=false");
            pages.put("首页 desk", "/api/desk");
            pages.put("首页 cadres total", "/api/cadres?page=1&size=1");
            pages.put("首页 reserve total", "/api/cadres?page=1&size=1&reserveCadre=true");
            pages.put("党员学时 hours", "/api/partyedu/hours?year=" + year + "&page=1&size=20");
            pages.put("党员统计 statistics", "/api/partyedu/statistics?year=" + year);
            for (var e : pages.entrySet()) {
                List<Long> ms = new ArrayList<>();
                int status = 0;
                int bytes = 0;
                for (int i = 0; i <= RUNS; i++) {
                    long t = System.nanoTime();
                    ApiSession.Response r = s.get(e.getValue());
                    long took = (System.nanoTime() - t) / 1_000_000;
                    status = r.status();
                    bytes = r.body().length;
                    if (i > 0) {
                        ms.add(took);
                    }
                }
                ms.sort(null);
                out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d B |%n", account, e.getKey(),
                        ms.get(0), ms.get(ms.size() / 2), status, bytes));
            }
            desk(account, out);
        }
        if (!BROWSER.isEmpty()) {
            browser(bench, out);
        }
        System.out.println(out);
    }

    /** The pages in headless Chromium, each opened twice per account (the second visit has the page's script cached). */
    private void browser(PageSpeedBenchmark bench, StringBuilder out) throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.desktop()) {
            for (String account : ACCOUNTS) {
                long login = bench.signIn(browser.driver(), account);
                out.append(String.format(Locale.ROOT, "| %s | browser login page | %d ms |%n", account, login));
                for (int visit = 1; visit <= 2; visit++) {
                    for (String title : BROWSER) {
                        long[] t = bench.open(browser, account, title);
                        out.append(String.format(Locale.ROOT, "| %s | browser %s (visit %d) | %d ms | %d requests |%n", account, title, visit, t[0], t[1]));
                    }
                }
            }
        }
    }

    /** The workbench's sources one by one (the desk calls them in turn): ms of the second call. */
    private void desk(String account, StringBuilder out) {
        CurrentUser me = ((CurrentUser) users.loadUserByUsername(account)).withoutPassword();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(me, null, me.getAuthorities()));
        try {
            List<Object> sources = new ArrayList<>(todoSources);
            sources.addAll(figureSources);
            for (Object source : sources) {
                long took = 0;
                for (int i = 0; i < 2; i++) {
                    long t = System.nanoTime();
                    if (source instanceof TodoSource ts && todoSources.contains(source)) {
                        ts.todos(me);
                    }
                    if (source instanceof FigureSource fs && figureSources.contains(source)) {
                        fs.figures(me);
                        fs.upcoming(me);
                    }
                    took = (System.nanoTime() - t) / 1_000_000;
                }
                out.append(String.format(Locale.ROOT, "| %s | desk source %s | %d ms |%n", account,
                        org.springframework.aop.support.AopUtils.getTargetClass(source).getSimpleName(), took));
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
