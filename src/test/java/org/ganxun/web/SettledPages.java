package org.ganxun.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.ganxun.demo.DemoDataLoader;
import org.ganxun.support.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A page that has shown its content stands still: no request and no change to the page while nobody touches it.
 * PageSpeedBenchmark found admin's 教务管理 and 干部教育培训统计 changing without end on the demo county (a
 * reactive loop costs a CPU in every open tab). Here each is opened from the menu as admin on the demo county,
 * coming from the page before it in the menu; once its requests have been answered and it has been quiet for 1 s
 * (up to 30 s: a loaded machine lays a big page out slowly), it is watched for 3 s: any DOM change or request fails
 * the test, naming what changed. The statistics page is watched once more with the pointer resting on its chart.
 * <p>
 * Run by {@code DemoDataLoaderTest}, which has the demo county loaded: the county loads once per database, and a
 * test class of its own would need a database of its own (not available when the suite runs on an external server).
 */
public final class SettledPages {

    private SettledPages() {
    }

    /** Fails if 干部教育培训统计 or 教务管理 keeps changing or requesting by itself once shown (admin, demo county). */
    public static void adminsPagesStandStill(int port) throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.desktop()) {
            browser.screenshots("settled");
            WebDriver driver = browser.driver();
            signIn(driver, port, "admin");
            // the pointer rests on the header, not on a table row or a chart (a hover is a change, but not the page's own)
            new Actions(driver).moveToElement(driver.findElement(By.cssSelector(".el-header"))).perform();
            // each page after the one before it in admin's menu, as the benchmark opened them (what a page leaves
            // running would show on the next)
            for (List<String> pair : List.of(List.of("干部队伍结构统计", "干部教育培训统计"), List.of("学员报名", "教务管理"))) {
                watch(driver, pair.get(0));
                String title = pair.get(1);
                Map<?, ?> r = watch(driver, title);
                browser.shot(title);
                assertThat(((Number) r.get("mutations")).longValue())
                        .as("%s changed by itself after showing its content: %s", title, r.get("what"))
                        .isZero();
                assertThat(((Number) r.get("requests")).longValue()).as("%s made requests by itself", title).isZero();
                if (title.equals("干部教育培训统计")) {
                    // a pointer resting on the chart (a tooltip shows once) must not keep the page busy either
                    new Actions(driver).moveToElement(driver.findElement(By.cssSelector(".echart"))).perform();
                    Map<?, ?> h = watch(driver, "hover:" + title);
                    new Actions(driver).moveToElement(driver.findElement(By.cssSelector(".el-header"))).perform();
                    assertThat(((Number) h.get("mutations")).longValue())
                            .as("%s changed without end under a resting pointer: %s", title, h.get("what"))
                            .isZero();
                }
            }
        }
    }

    private static void signIn(WebDriver driver, int port, String account) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get("http://localhost:" + port + "/#/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username"))).sendKeys(account);
        driver.findElement(input("login-password")).sendKeys(DemoDataLoader.PASSWORD);
        driver.findElement(test("login-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(test("current-user")));
    }

    /** Clicks the menu entry, waits until the page is there and quiet, then counts changes and requests for 3 s. */
    private static Map<?, ?> watch(WebDriver driver, String title) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
        return (Map<?, ?>) ((JavascriptExecutor) driver).executeAsyncScript(WATCH, title);
    }

    /**
     * Clicks the menu entry; once the page is there (its title, no loading mask, no request in flight) waits for it
     * to be quiet — 1 s without a change or an answer — for up to 30 s (a slow machine may take seconds to lay out
     * a big page), then counts for 3 s. A page that never goes quiet reports the changes of its last 3 s.
     */
    static final String WATCH = """
            const title = arguments[0], done = arguments[arguments.length - 1];
            const b = window.__settled || (window.__settled = (() => {
                const s = { inflight: 0, requests: 0, lastNet: performance.now() };
                const send = XMLHttpRequest.prototype.send, open = XMLHttpRequest.prototype.open;
                XMLHttpRequest.prototype.open = function (method, url, ...rest) {
                    this.__bell = String(url).includes('/api/notifications/unread');
                    return open.call(this, method, url, ...rest);
                };
                XMLHttpRequest.prototype.send = function (...args) {
                    // the bell's unread count is polled by the layout every 30 s, on every page: not the page's own
                    if (this.__bell) return send.apply(this, args);
                    s.inflight++; s.requests++;
                    this.addEventListener('loadend', () => { s.inflight--; s.lastNet = performance.now(); });
                    return send.apply(this, args);
                };
                return s;
            })());
            const hover = title.startsWith('hover:');
            if (!hover) document.querySelector(`li.el-menu-item[data-test='menu-${title}']`).click();
            const t0 = performance.now();
            const describe = (m) => {
                const t = m.target.nodeType === 1 ? m.target : m.target.parentElement;
                return m.type + ':' + (t ? t.tagName.toLowerCase() + (t.className && typeof t.className === 'string'
                    ? '.' + t.className.trim().split(/\\s+/).slice(0, 3).join('.') : '') : '?')
                    + (m.attributeName ? '[' + m.attributeName + ']' : '');
            };
            let lastMutation = performance.now(), window3 = { n: 0, what: {}, since: performance.now() }, observer = null;
            const count = (list) => {
                lastMutation = performance.now();
                for (const m of list) {
                    window3.n++;
                    const d = describe(m);
                    window3.what[d] = (window3.what[d] || 0) + 1;
                }
            };
            const finish = (w, requests) => {
                observer.disconnect();
                done({ mutations: w.n, requests, what: JSON.stringify(w.what).slice(0, 2000) });
            };
            let watching = null, previous = { n: 0, what: {} };
            const poll = () => {
                const now = performance.now();
                if (!observer) {
                    const there = hover || document.title.startsWith(title);
                    const masked = [...document.querySelectorAll('.el-loading-mask')].some((m) => m.offsetParent !== null);
                    if (now - t0 > 60000) return done({ mutations: -1, requests: -1, what: 'page not there: ' + document.title });
                    if (!there || masked || b.inflight > 0) return setTimeout(poll, 50);
                    observer = new MutationObserver(count);
                    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
                    lastMutation = now;
                    window3 = { n: 0, what: {}, since: now };
                    return setTimeout(poll, 50);
                }
                if (watching) {
                    if (now - watching.since >= 3000) return finish(window3, b.requests - watching.requests);
                    return setTimeout(poll, 50);
                }
                if (now - lastMutation >= 1000 && b.inflight === 0 && now - b.lastNet >= 1000) {
                    // quiet: from now on nothing should change
                    window3 = { n: 0, what: {}, since: now };
                    watching = { since: now, requests: b.requests };
                    return setTimeout(poll, 50);
                }
                if (now - t0 > 30000) return finish(previous.n > window3.n ? previous : window3, 0);
                if (now - window3.since >= 3000) {
                    previous = window3;
                    window3 = { n: 0, what: {}, since: now };
                }
                setTimeout(poll, 50);
            };
            setTimeout(poll, 50);""";
}
