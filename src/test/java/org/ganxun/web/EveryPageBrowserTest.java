package org.ganxun.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.Fixture;
import org.ganxun.support.HeadlessChromium;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every page of the side menu, for every role, in Debian's headless Chromium: log in, open each entry the
 * role's menu shows, and require that the page opens (its title), loads without an error message from the
 * server and without a script error. The feature tests go deep into a few pages; this one makes sure no page
 * a user can reach is broken. A page that fails leaves a PNG in target/screenshots/pages-*.png.
 */
@IntegrationTest
class EveryPageBrowserTest {

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;

    @Test
    void everyMenuPageOfEveryRoleOpensWithoutErrors() throws Throwable {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "巡检县" + tag, "COUNTY");
        long township = fixture.org(county, "巡检镇" + tag, "TOWNSHIP");
        long village = fixture.org(township, "巡检村" + tag, "VILLAGE");
        long committee = fixture.partyOrg(null, "巡检镇党委" + tag, "COMMITTEE", township);
        long branch = fixture.partyOrg(committee, "巡检村党支部" + tag, "BRANCH", village);
        long cadre = fixture.cadreInBranch("赵巡检", village, branch);
        fixture.cadre("钱巡检", township);

        List<CurrentUser> users = List.of(
                fixture.user("pg_sys_" + tag, Role.SYSTEM_ADMIN, null, null, null),
                fixture.user("pg_sec_" + tag, Role.SECURITY_ADMIN, null, null, null),
                fixture.user("pg_aud_" + tag, Role.AUDIT_ADMIN, null, null, null),
                fixture.user("pg_zzb_" + tag, Role.ORG_DEPT_ADMIN, county, null, null),
                fixture.user("pg_dx_" + tag, Role.PROVIDER_REGISTRAR, county, null, null),
                fixture.user("pg_unit_" + tag, Role.UNIT_LIAISON, township, null, null),
                fixture.user("pg_zb_" + tag, Role.BRANCH_SECRETARY, null, branch, null),
                fixture.user("pg_gb_" + tag, Role.CADRE, null, null, cadre));

        List<String> problems = new ArrayList<>();
        HeadlessChromium[] browser = {HeadlessChromium.desktop()};
        int[] pages = {0};
        try {
            browser[0].screenshots("pages");
            for (CurrentUser user : users) {
                List<String> found = new ArrayList<>();
                // a user whose pages the browser's death cut short is visited again, from the start, in a new one
                BrowserTest.onceMoreIfTheBrowserDies(() -> pages[0] += visitEveryPage(browser[0], user, found), () -> {
                    browser[0] = restart(browser[0]);
                    found.clear();
                    pages[0] += visitEveryPage(browser[0], user, found);
                });
                problems.addAll(found);
            }
        } finally {
            browser[0].close();
        }
        assertThat(problems).as("pages that failed").isEmpty();
        assertThat(pages[0]).as("pages visited").isGreaterThan(40);
    }

    private static HeadlessChromium restart(HeadlessChromium dead) throws IOException {
        try {
            dead.close();
        } catch (RuntimeException | IOException e) {
            // its process is gone already
        }
        HeadlessChromium browser = HeadlessChromium.desktop();
        browser.screenshots("pages");
        return browser;
    }

    /** Logs in as the user, opens every entry of their side menu; returns how many pages were opened. */
    private int visitEveryPage(HeadlessChromium browser, CurrentUser user, List<String> problems) {
        WebDriver driver = browser.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.manage().deleteAllCookies();
        driver.get(base() + "/#/login");
        ((JavascriptExecutor) driver).executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
        driver.navigate().refresh();
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username")));
        username.sendKeys(user.username());
        driver.findElement(input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(test("login-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(test("current-user")));
        // script errors and errors Vue reports (it logs them with console.error) are collected in the page
        ((JavascriptExecutor) driver).executeScript("""
                window.__pageErrors = [];
                // "ResizeObserver loop completed with undelivered notifications" is the browser noting that a
                // layout (Element Plus tables resizing) took two frames; it is not an error of the page
                window.addEventListener('error', e => {
                    if (!String(e.message).startsWith('ResizeObserver loop')) window.__pageErrors.push('error: ' + e.message);
                });
                window.addEventListener('unhandledrejection', e => window.__pageErrors.push('unhandled: '
                    + (e.reason && e.reason.message ? e.reason.message : e.reason)));
                const original = console.error;
                console.error = (...args) => { window.__pageErrors.push(args.map(String).join(' ')); original(...args); };
                """);
        List<String> titles = new ArrayList<>();
        for (WebElement item : driver.findElements(By.cssSelector("li.el-menu-item[data-test^='menu-']"))) {
            titles.add(item.getDomAttribute("data-test").substring("menu-".length()));
        }
        assertThat(titles).as("menu of " + user.role()).isNotEmpty();
        if (!user.is(Role.CADRE)) {
            // the home page's quick links lead to the pages of the role's work, each one the role may open
            List<String> links = wait.until(d -> {
                List<String> l = d.findElements(By.cssSelector("[data-test^='home-link-']")).stream()
                        .map(e -> e.getDomAttribute("data-test").substring("home-link-".length())).toList();
                return l.isEmpty() ? null : l;
            });
            assertThat(titles).as("menu of " + user.role() + " has the home page's links").containsAll(links);
            if (user.is(Role.PROVIDER_REGISTRAR)) {
                assertThat(links).as("a registrar's quick links").startsWith("教务管理", "班次备案");
            }
        }
        int opened = 0;
        for (String title : titles) {
            String where = user.role() + " · " + title;
            try {
                if (driver.findElements(test("current-user")).isEmpty()) {
                    // the last page had a layout of its own (the phone pages): back to the console
                    driver.get(base() + "/#/home");
                    wait.until(ExpectedConditions.presenceOfElementLocated(test("current-user")));
                }
                // a click from script: closed sub-menus need no unfolding, and the router does the rest; the
                // menu may re-render meanwhile, so the entry is looked up again until the click lands
                wait.ignoring(StaleElementReferenceException.class).until(d -> {
                    WebElement item = d.findElement(By.cssSelector("li.el-menu-item[data-test='menu-" + title + "']"));
                    ((JavascriptExecutor) d).executeScript("arguments[0].click()", item);
                    return true;
                });
                // phone pages (/m/…) are reached through a redirect and carry their own titles
                wait.until(d -> d.getTitle().startsWith(title) || d.getCurrentUrl().contains("#/m/"));
                settle(driver);
                opened++;
                int before = problems.size();
                Object toasts = ((JavascriptExecutor) driver).executeScript("""
                        return [...document.querySelectorAll('.el-message--error')]
                            .filter(m => m.offsetParent !== null || getComputedStyle(m).position === 'fixed')
                            .map(m => m.textContent.trim()).join(' | ');""");
                if (toasts != null && !toasts.toString().isEmpty()) {
                    problems.add(where + ": the page says “" + toasts + "”");
                }
                Object errors = ((JavascriptExecutor) driver).executeScript(
                        "const e = window.__pageErrors || []; window.__pageErrors = []; return e.join(' | ');");
                if (errors != null && !errors.toString().isEmpty()) {
                    problems.add(where + ": script errors: " + errors);
                }
                if (driver.getCurrentUrl().contains("#/login")) {
                    problems.add(where + ": sent back to the login page");
                }
                if (problems.size() > before) {
                    browser.shot(user.role().toLowerCase() + "-" + opened);
                }
            } catch (RuntimeException e) {
                if (BrowserTest.browserDied(e)) {
                    throw e;
                }
                browser.shot(user.role().toLowerCase() + "-failed");
                problems.add(where + ": " + e.getClass().getSimpleName() + " " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        return opened;
    }

    /** Waits until the page has no loading mask and its requests have had time to answer. */
    private static void settle(WebDriver driver) {
        sleep(200);
        new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".el-loading-mask")).stream().noneMatch(WebElement::isDisplayed));
        sleep(200);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
