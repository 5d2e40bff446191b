package org.ganxun.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 学时 as the people who use it, in Debian's headless Chromium against the real application and UI: an
 * organisation-department administrator records hours for a cadre on 学时登记; the cadre signs in on a
 * phone-sized window (390x844), sees their standing and entries on 我的学时 and reports an external
 * training with a small PDF; the administrator's workbench lists the report and its link opens 学时审核, where
 * it is approved. PNGs of the steps go to
 * target/screenshots/ (archive-*.png).
 */
@IntegrationTest
class ArchiveBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "archive";
    }

    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").getBytes();

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired Fixture fixture;
    @Autowired Roster roster;

    @Test
    void recordsHoursTheCadreSeesThemOnAPhoneReportsTrainingAndTheAdministratorApprovesIt() throws Exception {
        // ---- fixture: a county with a township, a 乡科级 cadre there with an account, the county's administrator
        long county = fixture.org(null, Fixture.unique("学时界面县"), "COUNTY");
        String townName = Fixture.unique("学时界面镇");
        long town = fixture.org(county, townName, "TOWNSHIP");
        String cadreName = "学时" + "甲乙丙丁戊己庚辛壬癸".charAt((int) (System.nanoTime() % 10)) + "科长";
        CadreForm f = Fixture.cadreForm(cadreName, town, Fixture.citizenId(LocalDate.of(1981, 6, 18), true));
        CadreForm leader = new CadreForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), f.citizenId(), f.education(),
                f.politicalStatus(), f.joinedPartyOn(), town, "副镇长", RankLevel.TOWNSHIP, org.ganxun.people.RankGrade.DEPUTY,
                true, f.staffCategory(), f.enteredWorkOn(), f.phone(), f.reserveCadre(), null, false, f.status(),
                LocalDate.of(2020, 1, 1));
        long cadreId = fixture.as(Fixture.systemAdmin(), () -> roster.create(leader).id());
        String adminName = Fixture.unique("uia");
        String cadreUser = Fixture.unique("uic");
        fixture.user(adminName, Role.ORG_DEPT_ADMIN, county, null, null);
        fixture.user(cadreUser, Role.CADRE, null, null, cadreId);
        LocalDate recordedOn = LocalDate.now().minusDays(5);
        LocalDate reportedOn = LocalDate.now().minusDays(2);

        try {
            // ---- the administrator records 8 学时 of a class for the cadre on 学时登记
            login(adminName);
            browser.openMenu("学时管理", "学时登记");
            WebElement picker = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test=entry-form] .el-select")));
            picker.click();
            WebElement search = driver.switchTo().activeElement();
            search.sendKeys(cadreName);
            WebElement option = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//li[contains(@class,'el-select-dropdown__item')][contains(.,'" + cadreName + "')]")));
            option.click();
            type(input("entry-title"), "全县乡镇干部能力提升培训班");
            type(input("entry-provider"), "县委党校");
            type(By.cssSelector("[data-test=entry-form] input[placeholder='开始']"), recordedOn.minusDays(1) + "\n");
            type(By.cssSelector("[data-test=entry-form] input[placeholder='结束']"), recordedOn + "\n");
            type(By.cssSelector("[data-test=entry-quantity] input"), "8");
            shot("record-filled");
            driver.findElement(test("entry-submit")).click();
            WebElement toast = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-message--success")));
            assertThat(toast.getText()).contains("已登记").contains(cadreName).contains("8");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("entry-list"), "全县乡镇干部能力提升培训班"));
            shot("recorded");
            logout();

            // ---- the cadre, on a phone: 我的学时 shows the standing and the entry
            driver.manage().window().setSize(new Dimension(390, 844));
            login(cadreUser);
            // issue 18: a cadre on a phone lands on the phone home (今日); its standing card leads to 我的学时
            clickWhenReady(test("m-home-standing"));
            wait.until(d -> d.getTitle().startsWith("我的学时"));
            WebElement yearly = wait.until(ExpectedConditions.visibilityOfElementLocated(test("standing-TOWNSHIP_YEARLY")));
            // 条例第十四条: 乡科级 12 天 or 90 学时 a year; 8 学时 (no days) recorded: 12 days or 82 学时 missing, due 31 December
            wait.until(ExpectedConditions.textToBePresentInElement(yearly.findElement(test("standing-counted")), "8"));
            assertThat(yearly.findElement(test("standing-missing")).getText()).isEqualTo("82");
            assertThat(yearly.findElement(test("standing-missing-days")).getText()).isEqualTo("12");
            assertThat(yearly.getText()).contains("尚差 12 天或 82 学时");
            assertThat(yearly.getDomAttribute("data-status")).isEqualTo("SHORT");
            assertThat(yearly.getText()).contains("干部教育培训工作条例").contains(LocalDate.now().getYear() + "-12-31");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("entry-list"), "全县乡镇干部能力提升培训班"));
            assertThat(bodyWidth()).as("the page fits a 390px phone").isLessThanOrEqualTo(390);
            shot("phone-my-archive");

            // ---- reports an external training with a small PDF
            driver.findElement(test("my-report")).click();
            WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(test("report-dialog")));
            type(input("entry-title"), "市委组织部乡村振兴专题培训");
            type(input("entry-provider"), "市委党校");
            type(By.cssSelector("[data-test=report-dialog] input[placeholder='开始']"), reportedOn.minusDays(1) + "\n");
            type(By.cssSelector("[data-test=report-dialog] input[placeholder='结束']"), reportedOn + "\n");
            type(By.cssSelector("[data-test=report-dialog] [data-test=entry-quantity] input"), "12");
            Path pdf = Files.createTempFile("结业证书-", ".pdf");
            Files.write(pdf, PDF);
            dialog.findElement(By.cssSelector("[data-test=entry-attachment] input[type=file]")).sendKeys(pdf.toAbsolutePath().toString());
            shot("phone-report");
            driver.findElement(test("report-submit")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//*[contains(@class,'el-message--success')][contains(.,'等待组织部门审核')]")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("entry-list"), "市委组织部乡村振兴专题培训"));
            assertThat(driver.findElement(test("entry-list")).getText()).contains("待审核");
            shot("phone-reported");
            logout();

            // ---- the administrator approves it on 学时审核
            driver.manage().window().setSize(new Dimension(1400, 900));
            login(adminName);
            // issue 18: the administrator's workbench lists the cadre's report and its link lands on 学时审核
            WebElement todo = wait.until(ExpectedConditions.visibilityOfElementLocated(test("desk-archive.review")));
            assertThat(todo.getText()).startsWith("1").contains("待审核的学时申报");
            shot("desk");
            todo.click();
            wait.until(ExpectedConditions.urlContains("/archive/review"));
            WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//*[@data-test='review-table']//tr[contains(.,'市委组织部乡村振兴专题培训')]")));
            assertThat(row.getText()).contains(cadreName).contains("12");
            shot("review");
            row.findElement(test("review-approve")).click();
            clickWhenReady(By.cssSelector(".el-message-box__btns .el-button--primary"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//*[contains(@class,'el-message--success')][contains(.,'已认定')]")));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(
                    "//*[@data-test='review-table']//tr[contains(.,'市委组织部乡村振兴专题培训')]")));
            shot("approved");
            List<String> statuses = jdbc.sql("select status from archive_entry where cadre_id = ? order by id").param(cadreId)
                    .query(String.class).list();
            assertThat(statuses).containsExactly("APPROVED", "APPROVED");
            assertThat(jdbc.sql("select approved_by from archive_entry where cadre_id = ? and title = ?")
                    .params(cadreId, "市委组织部乡村振兴专题培训").query(String.class).single()).isEqualTo(adminName);

            // ---- the county's yearly training figures now count the cadre as trained (the approved external course)
            browser.openMenu("统计分析", "干部教育培训统计");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("ts-result"), "年度干部教育培训情况"));
            assertThat(driver.findElement(test("ts-cadres")).getText()).isEqualTo("1");
            if (reportedOn.getYear() == LocalDate.now().getYear()) {
                assertThat(driver.findElement(test("ts-trained")).getText()).isEqualTo("1");
                assertThat(driver.findElement(test("ts-untrained")).getText()).isEqualTo("0");
            }
            assertThat(driver.findElement(test("ts-table")).getText()).contains(townName).contains("合计");
            shot("training-statistics");
        } catch (AssertionError | RuntimeException e) {
            shot("failure");
            throw e;
        }
    }

    // ---- browser helpers

    private String base() {
        return "http://localhost:" + port;
    }

    private void login(String username) {
        driver.get(base() + "/#/login");
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username")));
        user.sendKeys(username);
        driver.findElement(input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(test("login-submit")).click();
        // the desktop shows who is signed in; a cadre on a phone lands on the phone home instead
        wait.until(ExpectedConditions.or(ExpectedConditions.textToBePresentInElementLocated(test("current-user"), username),
                ExpectedConditions.visibilityOfElementLocated(test("m-home-hello"))));
    }

    /** Signs out by dropping the session; the next page load starts at the login page. */
    private void logout() {
        driver.manage().deleteAllCookies();
        driver.get(base() + "/#/login");
        driver.navigate().refresh();
    }

    private void type(By by, String text) {
        WebElement e = wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        e.click();
        e.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        e.sendKeys(text);
        if (!text.endsWith("\n")) {
            e.sendKeys(Keys.TAB);
        }
    }

    private void clickWhenReady(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(ElementNotInteractableException.class)
                .ignoring(ElementClickInterceptedException.class)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    private long bodyWidth() {
        return (Long) driver.executeScript("return document.documentElement.scrollWidth");
    }

    private void shot(String name) {
        browser.shot(name);
    }
}
