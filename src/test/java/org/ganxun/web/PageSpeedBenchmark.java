package org.ganxun.web;

import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ganxun.demo.DemoDataLoader;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.CadreSearch;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.support.HeadlessChromium;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test but a measurement: the time to content of every menu page of every demo account, in headless
 * Chromium, on the demo county and then on a county of ten times its people (the roster, party members, their
 * 学时 and standings copied nine more times by SQL). Beside it, in the same run, the time the login page takes to
 * show its form (a page that loads nothing from the server: the baseline of this machine at this moment).
 * <p>
 * Time to content: from the click on the menu entry until the page's requests have answered, no loading mask is
 * shown and the page has stopped changing — the moment of the last change to the page (and the frame after it),
 * so the time a browser spends laying out and painting a big grid counts. Each page is opened once per account
 * by default in one browser, so a page's script is loaded on its first account's visit and cached for the next
 * accounts; {@code -Dbench.rounds=2} opens each page twice per account and ranks the second visit.
 * <p>
 * Run with {@code ./mvnw -Pbench test -Dtest=PageSpeedBenchmark} (the web UI must be built); results go to
 * docs/benchmarks.md. Loads the demo county into the test database unless the demo accounts are already there.
 */
@IntegrationTest
@Tag("benchmark")
class PageSpeedBenchmark {

    /** The demo accounts measured; -Dbench.accounts=zzb,dangxiao measures only those (a shorter run). */
    static final List<String> ACCOUNTS = List.of(System.getProperty("bench.accounts",
            "admin,anquan,shenji,zzb,dangxiao,fuyi,zhibu,ganbu").split(","));
    /** -Dbench.only10=true skips the demo county's round and measures the ten-times county only. */
    static final boolean ONLY_TEN_TIMES = Boolean.getBoolean("bench.only10");
    /** -Dbench.only1=true measures the demo county only (no ten-times round: a shorter run on a loaded machine). */
    static final boolean ONLY_DEMO = Boolean.getBoolean("bench.only1");
    /** -Dbench.pages=干部花名册,党员学时 measures only the menu pages with those titles (a shorter run). */
    static final List<String> PAGES = System.getProperty("bench.pages", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.pages").split(","));
    static final int COPIES = 9;
    static final int SLOWEST = 20;
    /** Visits of each page per account: 1 by default (the machine is shared); -Dbench.rounds=2 adds a warm visit. */
    static final int ROUNDS = Integer.getInteger("bench.rounds", 1);

    @LocalServerPort int port;
    @Autowired DemoDataLoader loader;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired CadreSearch roster;
    @Autowired NamedParameterJdbcTemplate named;
    @Autowired UserDetailsService users;

    record Visit(String scale, String account, String page, long cold, long warm, int requests) {
    }

    @Test
    void everyMenuPageOfEveryDemoAccount() throws Exception {
        loadDemo();
        // the planner's view of the tables when the measuring starts (run 3 measured admin's pages before any
        // statistics on the county's tables, and admin's planning pages took over 30 s; DemoDataLoader analyzes now)
        System.out.println("PageSpeedBenchmark: tables with rows changed since their last analyze: " + jdbc.sql("""
                select coalesce(string_agg(relname || ' ' || n_mod_since_analyze, ', ' order by n_mod_since_analyze desc), 'none')
                from pg_stat_user_tables where n_mod_since_analyze > 1000""").query(String.class).single());
        long countyId = jdbc.sql("select scope_org_id from app_user where username = 'zzb'").query(Long.class).single();
        List<Visit> visits = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try (HeadlessChromium browser = HeadlessChromium.desktop()) {
            browser.screenshots("speed");
            if (!ONLY_TEN_TIMES) {
                explainRoster("1×");
                lines.add(measure(browser, "1×", countyId, visits));
            }
            if (!ONLY_DEMO) {
                grow(countyId);
                explainRoster("10×");
                lines.add(measure(browser, "10×", countyId, visits));
            }
        }
        StringBuilder out = new StringBuilder("\n=== PageSpeedBenchmark ===\n");
        lines.forEach(l -> out.append(l).append('\n'));
        for (String scale : List.of("1×", "10×")) {
            List<Visit> of = visits.stream().filter(v -> v.scale().equals(scale))
                    .sorted(Comparator.comparingLong(Visit::warm).reversed()).toList();
            out.append(String.format(Locale.ROOT, "%n-- %s county: %d pages; the slowest %d (ms: last visit, first visit; requests) --%n",
                    scale, of.size(), SLOWEST));
            of.stream().limit(SLOWEST).forEach(v -> out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d |%n",
                    scale, v.account(), v.page(), v.warm(), v.cold(), v.requests())));
            out.append(String.format(Locale.ROOT, "over 1 s: %d, over 2 s: %d%n",
                    of.stream().filter(v -> v.warm() > 1000).count(), of.stream().filter(v -> v.warm() > 2000).count()));
        }
        System.out.println(out);
    }

    /** Loads the demo county unless its accounts are there already. */
    void loadDemo() throws InterruptedException {
        boolean loaded = jdbc.sql("select exists (select 1 from app_user where username = 'zzb')").query(Boolean.class).single();
        if (!loaded) {
            loader.loadActivity(loader.load());
            // the archive credits the finished class's hours after the commit
            Thread.sleep(3000);
        }
    }

    /**
     * EXPLAIN ANALYZE of what 干部花名册 asks first for the county department (the default page: active cadres under
     * the county in tree order, 20 rows, and their count): the statements {@link CadreSearch#pageStatements} gives
     * for zzb, the ones the page runs; the plan's lines are printed beside the page times. A warm-up run first, so
     * the figure is the query's, not the cache's.
     */
    private void explainRoster(String scale) {
        CurrentUser zzb = ((CurrentUser) users.loadUserByUsername("zzb")).withoutPassword();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(zzb, null, zzb.getAuthorities()));
        try {
            CadreSearch.PageStatements st = roster.pageStatements(CadreQuery.all(), 1, 20);
            Map<String, Object> params = new java.util.HashMap<>(st.params());
            params.put("ids", named.queryForList(st.ids(), params, Long.class));
            Map<String, String> queries = new java.util.LinkedHashMap<>();
            queries.put("roster count", st.count());
            queries.put("roster page ids", st.ids());
            queries.put("roster page rows", st.rows());
            queries.forEach((name, sql) -> {
                for (int run = 0; run < 2; run++) {
                    List<String> plan = named.queryForList("explain (analyze, costs off) " + sql, params, String.class);
                    if (run == 1) {
                        System.out.printf(Locale.ROOT, "PageSpeedBenchmark %s EXPLAIN ANALYZE %s:%n  %s%n", scale, name, String.join("\n  ", plan));
                    }
                }
            });
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Every page of every account at the county's present size; returns the line with the baseline and the people. */
    private String measure(HeadlessChromium browser, String scale, long countyId, List<Visit> visits) {
        String path = jdbc.sql("select path from organization where id = ?").param(countyId).query(String.class).single();
        long cadres = jdbc.sql("select count(*) from cadre c join organization o on o.id = c.org_id where o.path like ?")
                .param(path + "%").query(Long.class).single();
        long members = jdbc.sql("select count(*) from party_member m join cadre c on c.id = m.cadre_id"
                + " join organization o on o.id = c.org_id where o.path like ?").param(path + "%").query(Long.class).single();
        List<Long> logins = new ArrayList<>();
        for (String account : ACCOUNTS) {
            logins.add(signIn(browser.driver(), account));
            System.out.printf(Locale.ROOT, "PageSpeedBenchmark %s %s · login page: %d ms%n", scale, account, logins.get(logins.size() - 1));
            List<String> titles = titles(browser.driver());
            Map<String, long[]> times = new java.util.LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String title : titles) {
                    long[] t = open(browser, account, title);
                    long[] kept = times.computeIfAbsent(title, k -> new long[]{t[0], t[0], t[1]});
                    kept[1] = t[0];
                    System.out.printf(Locale.ROOT, "PageSpeedBenchmark %s %s · %s: %d ms (visit %d, %d requests)%n",
                            scale, account, title, t[0], round + 1, t[1]);
                }
            }
            times.forEach((title, t) -> visits.add(new Visit(scale, account, title, t[0], t[1], (int) t[2])));
        }
        logins.sort(null);
        return String.format(Locale.ROOT, "%s county: %d cadres, %d party members; login page shows its form in %d ms (median of %d, max %d)",
                scale, cadres, members, logins.get(logins.size() / 2), logins.size(), logins.get(logins.size() - 1));
    }

    /** Signs in afresh; returns how long the login page took to show its form (ms from navigation start). */
    long signIn(WebDriver driver, String account) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.manage().deleteAllCookies();
        driver.get(base() + "/#/login");
        ((JavascriptExecutor) driver).executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
        // a fresh load: the figure is this navigation's own
        driver.get("about:blank");
        driver.get(base() + "/#/login");
        Number shown = (Number) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const poll = () => document.querySelector("input[data-test='login-username'], [data-test='login-username'] input")
                    ? requestAnimationFrame(() => done(performance.now())) : setTimeout(poll, 5);
                poll();""");
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username")));
        username.sendKeys(account);
        driver.findElement(input("login-password")).sendKeys(DemoDataLoader.PASSWORD);
        driver.findElement(test("login-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(test("current-user")));
        return Math.round(shown.doubleValue());
    }

    private static List<String> titles(WebDriver driver) {
        List<String> titles = new ArrayList<>();
        for (WebElement item : driver.findElements(By.cssSelector("li.el-menu-item[data-test^='menu-']"))) {
            titles.add(item.getDomAttribute("data-test").substring("menu-".length()));
        }
        if (!PAGES.isEmpty()) {
            titles.retainAll(PAGES);
        }
        // signing in lands on 首页: it is opened last, coming from another page, so that its click navigates
        if (titles.remove("首页")) {
            titles.add("首页");
        }
        return titles;
    }

    /** Opens a menu page; returns {ms to content, requests made}. */
    long[] open(HeadlessChromium browser, String account, String title) {
        WebDriver driver = browser.driver();
        if (driver.findElements(test("current-user")).isEmpty()) {
            // the last page had a layout of its own (the phone pages): back to the console
            driver.get(base() + "/#/home");
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(test("current-user")));
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        ((JavascriptExecutor) driver).executeScript(INSTRUMENT);
        Map<?, ?> r = (Map<?, ?>) ((JavascriptExecutor) driver).executeAsyncScript(MEASURE, title);
        long ms = ((Number) r.get("ms")).longValue();
        if (ms < 0) {
            browser.shot(account + "-timeout");
            System.out.println("PageSpeedBenchmark: " + account + " · " + title + " did not settle: " + r.get("why"));
            ms = 30_000;
        }
        if (Boolean.TRUE.equals(r.get("animated"))) {
            System.out.println("PageSpeedBenchmark: " + account + " · " + title + " keeps changing: timed to its last answer");
        }
        if (r.get("calls") != null && !r.get("calls").toString().isEmpty()) {
            System.out.println("PageSpeedBenchmark: " + account + " · " + title + " requests (own/ended after click): " + r.get("calls"));
        }
        return new long[]{ms, ((Number) r.get("requests")).longValue()};
    }

    /**
     * Counts the page's requests in flight and notes when the page last changed (a frame after the change, so that
     * layout and paint count). Installed once per document.
     */
    static final String INSTRUMENT = """
            if (!window.__bench) {
                const b = window.__bench = { inflight: 0, requests: 0, lastChange: performance.now(), lastNet: 0, pending: false };
                const open = XMLHttpRequest.prototype.send;
                XMLHttpRequest.prototype.send = function (...args) {
                    b.inflight++; b.requests++;
                    this.addEventListener('loadend', () => { b.inflight--; b.lastNet = performance.now(); b.lastChange = Math.max(b.lastChange, b.lastNet); });
                    return open.apply(this, args);
                };
                const f = window.fetch;
                window.fetch = (...args) => { b.inflight++; b.requests++;
                    return f(...args).finally(() => { b.inflight--; b.lastNet = performance.now(); b.lastChange = Math.max(b.lastChange, b.lastNet); }); };
                new MutationObserver(() => {
                    if (b.pending) return;
                    b.pending = true;
                    requestAnimationFrame(() => setTimeout(() => { b.pending = false; b.lastChange = performance.now(); }, 0));
                }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            }""";

    /**
     * Clicks the menu entry and waits until the page has settled (400 ms without requests or changes). A page that
     * keeps changing (an animation, a ticking clock) settles when its requests have been answered for 3 s: then the
     * figure is the last answer plus a frame ({@code animated}).
     */
    static final String MEASURE = """
            const title = arguments[0], done = arguments[arguments.length - 1];
            const b = window.__bench;
            const item = document.querySelector(`li.el-menu-item[data-test='menu-${title}']`);
            if (!item) return done({ ms: -1, requests: 0, why: 'no menu entry' });
            const requests = b.requests;
            performance.clearResourceTimings();
            performance.setResourceTimingBufferSize(1000);
            const t0 = performance.now();
            b.lastChange = t0;
            b.lastNet = t0;
            item.click();
            const poll = () => {
                const now = performance.now();
                const there = document.title.startsWith(title) || location.hash.includes('#/m/');
                const masked = [...document.querySelectorAll('.el-loading-mask')].some((m) => m.offsetParent !== null);
                // the visit's requests with their own times (ms from the click to the answer's end), to tell the
                // server's share from the browser's
                const calls = () => performance.getEntriesByType('resource')
                    .filter((e) => e.startTime >= t0 && e.initiatorType !== 'script' && e.initiatorType !== 'link'
                        && e.initiatorType !== 'css' && e.initiatorType !== 'img')
                    .map((e) => new URL(e.name).pathname + ' ' + Math.round(e.duration) + '/' + Math.round(e.responseEnd - t0)
                        + ' ms ' + Math.round(e.encodedBodySize / 1024) + ' KB').join(', ');
                if (there && !masked && b.inflight === 0 && !b.pending && now - b.lastChange > 400) {
                    return done({ ms: Math.round(b.lastChange - t0), requests: b.requests - requests, calls: calls() });
                }
                if (there && !masked && b.inflight === 0 && now - b.lastNet > 3000) {
                    return done({ ms: Math.round(b.lastNet - t0 + 16), requests: b.requests - requests, animated: true, calls: calls() });
                }
                if (now - t0 > 30000) return done({ ms: -1, requests: b.requests - requests,
                    why: JSON.stringify({ there, masked, inflight: b.inflight, title: document.title }) });
                setTimeout(poll, 20);
            };
            setTimeout(poll, 50);""";

    /**
     * Ten times the county's people: every cadre copied nine times into the same unit and branch (a new citizen-ID
     * hash, the same encrypted ID), with their post history, party membership, branch study attendance, 学时 entries
     * and standings. Classes, surveys and secondments stay as they are (they are not sized by the roster).
     */
    void grow(long countyId) {
        long started = System.nanoTime();
        tx.executeWithoutResult(s -> {
            String path = jdbc.sql("select path from organization where id = ?").param(countyId).query(String.class).single();
            jdbc.sql("drop table if exists bench_copy").update();
            jdbc.sql("""
                    create temp table bench_copy on commit drop as
                    select c.id as src, k, nextval(pg_get_serial_sequence('cadre', 'id')) as id
                    from cadre c join organization o on o.id = c.org_id cross join generate_series(1, ?) k
                    where o.path like ?""").param(COPIES).param(path + "%").update();
            copy("cadre", "id", "m.id", "m.src = t.id",
                    Map.of("citizen_id_hash", "encode(sha256(convert_to(t.citizen_id_hash || m.k, 'UTF8')), 'hex')"));
            copy("cadre_post_history", "cadre_id", "m.id", "m.src = t.cadre_id", Map.of());
            copy("archive_entry", "cadre_id", "m.id", "m.src = t.cadre_id", Map.of());
            copy("cadre_standing", "cadre_id", "m.id", "m.src = t.cadre_id", Map.of());
            jdbc.sql("""
                    create temp table bench_member on commit drop as
                    select p.id as src, m.id as cadre_id, nextval(pg_get_serial_sequence('party_member', 'id')) as id
                    from party_member p join bench_copy m on m.src = p.cadre_id""").update();
            copy("party_member", "id", "m.id", "m.src = t.id", Map.of("cadre_id", "m.cadre_id"), "bench_member");
            copy("study_attendance", "member_id", "m.id", "m.src = t.member_id", Map.of(), "bench_member");
        });
        // vacuumed as well: a county's database in use is (autovacuum), and an index-only scan needs the visibility map
        jdbc.sql("vacuum analyze").update();
        System.out.printf(Locale.ROOT, "PageSpeedBenchmark: county grown ×%d in %d ms%n", COPIES + 1, (System.nanoTime() - started) / 1_000_000);
    }

    private void copy(String table, String key, String keyValue, String join, Map<String, String> overrides) {
        copy(table, key, keyValue, join, overrides, "bench_copy");
    }

    /** Copies the table's rows that join the mapping, with the key (and any overrides) taken from the mapping. */
    private void copy(String table, String key, String keyValue, String join, Map<String, String> overrides, String mapping) {
        List<String> columns = jdbc.sql("""
                select column_name from information_schema.columns
                where table_name = ? and table_schema = current_schema() and is_generated = 'NEVER'
                  and (column_default is null or column_default not like 'nextval%' or column_name = ?)
                order by ordinal_position""").param(table).param(key).query(String.class).list();
        String values = columns.stream().map(c -> c.equals(key) ? keyValue : overrides.getOrDefault(c, "t." + c))
                .reduce((a, c) -> a + ", " + c).orElseThrow();
        jdbc.sql("insert into " + table + " (" + String.join(", ", columns) + ") select " + values + " from " + table
                + " t join " + mapping + " m on " + join).update();
    }

    String base() {
        return "http://localhost:" + port;
    }
}
