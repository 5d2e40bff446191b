package org.ganxun.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.time.LocalDate;
import java.time.Year;
import java.util.List;

import org.ganxun.planning.TrainingPlans;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The county's organisation department opens 培训经费 (the plan's spending, then a class's sheet with its over-cap warning) and
 * 规划评估报告 (writes 主要做法 and saves). Screenshots: target/screenshots/budget-*.png.
 */
@IntegrationTest
class BudgetReportBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "budget";
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired TrainingPlans plans;

    @Test
    void budgetPageAndReportPage() {
        int y = Year.now().getValue();
        long county = fixture.org(null, Fixture.unique("界面经费县"), "COUNTY");
        CurrentUser admin = fixture.user(Fixture.unique("uibg"), Role.ORG_DEPT_ADMIN, county, null, null);
        long annual = jdbc.sql("insert into annual_plan (jurisdiction_org_id, year, title) values (?, ?, '计划') returning id")
                .params(county, y).query(Long.class).single();
        LocalDate start = LocalDate.of(y, 1, 12);
        long clazz = jdbc.sql("""
                insert into training_class (plan_id, jurisdiction_org_id, filer_org_id, name, class_type, starts_on, ends_on, seats, budget, status)
                values (?, ?, ?, '界面经费专题班', 'THEMATIC', ?, ?, 30, 20000, 'COMPLETED') returning id""")
                .params(annual, county, county, start, start.plusDays(1)).query(Long.class).single();
        jdbc.sql("insert into class_fee_profile (class_id, tier, trainee_count, staff_count) values (?, 'THREE', 10, 0)").param(clazz).update();
        // 10 people × 2 days = 20 person-days: 伙食费 cap 130 × 20 = 2,600; 3,000 is over
        jdbc.sql("insert into class_expense (class_id, category, amount, spent_on) values (?, 'MEALS', 3000, ?)").params(clazz, start).update();
        fixture.as(admin, () -> plans.create(new TrainingPlans.PlanForm(county, "界面经费规划", y - 1, y + 3, null, List.of())));

        driver.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username"))).sendKeys(admin.username());
        driver.findElement(input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(test("login-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(test("current-user")));

        driver.get("http://localhost:" + port + "/#/planning/budget");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("bg-spent"), "3,000"));
        assertThat(driver.findElement(test("bg-rows")).getText()).contains("界面经费专题班");
        browser.shot("plan");
        driver.findElement(By.xpath("//button[contains(., '支出明细')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("ex-sheet"), "伙食费超标"));
        assertThat(driver.findElement(test("ex-warning")).getText()).contains("财行〔2016〕540号");
        browser.shot("class");

        driver.get("http://localhost:" + port + "/#/planning/report");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("rp-classes"), "1"));
        WebElement practices = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[data-test=rp-practices], [data-test=rp-practices] textarea")));
        practices.sendKeys("一是坚持统抓统管。");
        driver.findElement(test("rp-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".el-message"), "已保存"));
        browser.shot("report");
        assertThat(jdbc.sql("select practices from plan_report_text where year = ? and plan_id in (select id from training_plan where jurisdiction_org_id = ?)")
                .params(y, county).query(String.class).single()).isEqualTo("一是坚持统抓统管。");
    }
}
