package org.ganxun.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ganxun.planning.TrainingPlans;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The county's organisation department keeps its scheduling settings (排期设置) and its own fee standard (培训费标准) on
 * their pages, runs the scheduler from the calendar and accepts the proposal (the draft class moves), and sets the
 * year's special fund on the budget page. Screenshots: target/screenshots/plansettings-*.png.
 */
@IntegrationTest
class PlanSettingsBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "plansettings";
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired TrainingPlans plans;

    @Test
    void settingsFeeStandardSchedulerAcceptAndFund() {
        int y = Year.now().getValue();
        long county = fixture.org(null, Fixture.unique("界面排期县"), "COUNTY");
        CurrentUser admin = fixture.user(Fixture.unique("uiss"), Role.ORG_DEPT_ADMIN, county, null, null);
        long annual = jdbc.sql("insert into annual_plan (jurisdiction_org_id, year, title) values (?, ?, '计划') returning id")
                .params(county, y + 1).query(Long.class).single();
        LocalDate start = LocalDate.of(y + 1, 9, 7);
        long draft = jdbc.sql("""
                insert into training_class (plan_id, jurisdiction_org_id, filer_org_id, name, class_type, starts_on, ends_on, seats, status)
                values (?, ?, ?, '界面排期草稿班', 'THEMATIC', ?, ?, 20, 'DRAFT') returning id""")
                .params(annual, county, county, start, start.plusDays(1)).query(Long.class).single();
        jdbc.sql("""
                insert into class_session (class_id, session_date, starts_at, ends_at, topic, hours) values (?, ?, ?, ?, '开班式', 3)""")
                .params(draft, start, LocalTime.of(9, 0), LocalTime.of(12, 0)).update();
        fixture.as(admin, () -> plans.create(new TrainingPlans.PlanForm(county, "界面排期规划", y - 1, y + 3, null, List.of())));

        driver.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username"))).sendKeys(admin.username());
        driver.findElement(input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(test("login-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(test("current-user")));

        // 排期设置: the defaults, the share changed to 20 %, saved as the county's
        driver.get("http://localhost:" + port + "/#/planning/schedule-settings");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("ss-source"), "系统默认设置"));
        assertThat(driver.findElements(By.cssSelector("[data-test=ss-seasons] input")).stream().map(i -> i.getDomProperty("value")).toList())
                .contains("两会", "春耕", "防汛", "年终", "村(社区)干部", "03-01");
        WebElement share = driver.findElement(By.cssSelector("[data-test=ss-share] input"));
        share.sendKeys(Keys.chord(Keys.CONTROL, "a"), "20", Keys.TAB);
        driver.findElement(test("ss-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("ss-saved")));
        browser.shot("settings");
        assertThat(jdbc.sql("select max_unit_share from scheduling_settings where org_id = ?").param(county).query(BigDecimal.class).single())
                .isEqualByComparingTo("0.2");
        assertThat(jdbc.sql("select count(*) from scheduling_season where org_id = ?").param(county).query(Long.class).single()).isEqualTo(4);

        // 培训费标准: the central default, saved as the county's own under a new name
        driver.get("http://localhost:" + port + "/#/planning/fee-standard");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("fs-standard"), "默认标准"));
        assertThat(driver.findElement(test("fs-daily")).getText()).contains("住宿费", "三类");
        assertThat(driver.findElements(By.cssSelector("[data-test=fs-daily] input")).stream().map(i -> i.getDomProperty("value")).toList())
                .contains("340.00");
        WebElement name = driver.findElement(input("fs-name"));
        name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "界面县培训费管理办法");
        driver.findElement(test("fs-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("fs-saved")));
        browser.shot("fee-standard");
        assertThat(jdbc.sql("select name from fee_standard where jurisdiction_org_id = ?").param(county).query(String.class).single())
                .isEqualTo("界面县培训费管理办法");
        assertThat(jdbc.sql("select count(*) from fee_cap c join fee_standard s on s.id = c.standard_id where s.jurisdiction_org_id = ?")
                .param(county).query(Long.class).single()).isGreaterThanOrEqualTo(15L);

        // 智能排期 from the calendar, the proposal accepted: the draft moves to the proposed day
        driver.get("http://localhost:" + port + "/#/planning/calendar");
        wait.until(ExpectedConditions.elementToBeClickable(test("cal-schedule"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(test("sch-run"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("sch-feasible")));
        String row = wait.until(ExpectedConditions.visibilityOfElementLocated(test("sch-placements"))).getText();
        Matcher m = Pattern.compile("界面排期草稿班\\s+(\\d{4}-\\d{2}-\\d{2})").matcher(row);
        assertThat(m.find()).as(row).isTrue();
        LocalDate proposed = LocalDate.parse(m.group(1));
        driver.findElement(test("sch-accept")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("sch-accepted")));
        browser.shot("accepted");
        assertThat(jdbc.sql("select starts_on from training_class where id = ?").param(draft).query(LocalDate.class).single()).isEqualTo(proposed);
        assertThat(jdbc.sql("select session_date from class_session where class_id = ?").param(draft).query(LocalDate.class).single())
                .isEqualTo(proposed);

        // 培训经费: the year's special fund
        driver.get("http://localhost:" + port + "/#/planning/budget");
        wait.until(ExpectedConditions.elementToBeClickable(test("bg-fund-edit"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(input("bg-fund-amount"))).sendKeys("50000");
        driver.findElement(test("bg-fund-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("bg-fund"), "50,000"));
        browser.shot("fund");
    }
}
