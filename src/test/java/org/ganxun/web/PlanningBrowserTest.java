package org.ganxun.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.util.List;

import org.ganxun.planning.IndicatorKind;
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
 * The county's organisation department opens 培训日历 (month, then week: the session with its instructor), takes the
 * calendar link and fetches it as a calendar app would, then opens 培训规划与指标 and drills into a figure.
 * Screenshots: target/screenshots/planning-*.png.
 */
@IntegrationTest
class PlanningBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "planning";
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired TrainingPlans plans;

    @Test
    void calendarFeedAndIndicatorDashboard() throws Exception {
        LocalDate today = LocalDate.now();
        long county = fixture.org(null, Fixture.unique("界面规划县"), "COUNTY");
        long town = fixture.org(county, Fixture.unique("界面镇"), "TOWNSHIP");
        CurrentUser admin = fixture.user(Fixture.unique("uipl"), Role.ORG_DEPT_ADMIN, county, null, null);
        long cadre = fixture.cadre("界面学员", town);
        long plan = jdbc.sql("insert into annual_plan (jurisdiction_org_id, year, title) values (?, ?, '计划') returning id")
                .params(county, today.getYear()).query(Long.class).single();
        long teacher = jdbc.sql("insert into instructor (owner_org_id, name, kind) values (?, '周教授', 'IN_HOUSE') returning id")
                .param(county).query(Long.class).single();
        long clazz = jdbc.sql("""
                insert into training_class (plan_id, jurisdiction_org_id, filer_org_id, name, class_type, starts_on, ends_on, venue, seats, status)
                values (?, ?, ?, '基层治理能力提升专题班', 'THEMATIC', ?, ?, '党校报告厅', 30, 'APPROVED') returning id""")
                .params(plan, county, county, today, today).query(Long.class).single();
        jdbc.sql("""
                insert into class_session (class_id, session_date, starts_at, ends_at, topic, instructor_id, hours)
                values (?, ?, ?, ?, '网格化治理实务', ?, 3)""").params(clazz, today, LocalTime.of(9, 0), LocalTime.of(12, 0), teacher).update();
        jdbc.sql("""
                insert into archive_entry (cadre_id, source, source_ref, title, credited_on, hours, delivery, status)
                values (?, 'CLASS_COMPLETION', ?, '培训', ?, 24, 'CONCENTRATED', 'APPROVED')""")
                .params(cadre, Fixture.unique("R"), today).update();
        int y = Year.now().getValue();
        fixture.as(admin, () -> plans.create(new TrainingPlans.PlanForm(county, "界面五年规划", y - 1, y + 3, null, List.of(
                new TrainingPlans.IndicatorForm("干部年度培训覆盖率", IndicatorKind.COVERAGE, List.of(), List.of(), null, null, null, 1, false,
                        null, null, null, null, null, List.of(new TrainingPlans.Target(y, new BigDecimal("100"))))))));

        driver.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username"))).sendKeys(admin.username());
        driver.findElement(input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(test("login-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(test("current-user")));

        driver.get("http://localhost:" + port + "/#/planning/calendar");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("cal-month"), "基层治理能力提升专题班"));
        browser.shot("month");
        driver.findElements(By.cssSelector("[data-test=cal-view] label")).get(1).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("cal-week"), "网格化治理实务"));
        assertThat(driver.findElement(test("cal-week")).getText()).contains("09:00–12:00", "周教授", "党校报告厅");
        browser.shot("week");

        driver.findElement(test("cal-feed")).click();
        wait.until(ExpectedConditions.elementToBeClickable(test("cal-feed-issue"))).click();
        WebElement url = wait.until(ExpectedConditions.visibilityOfElementLocated(input("cal-feed-url")));
        wait.until(d -> !url.getDomProperty("value").isEmpty());
        String link = url.getDomProperty("value");
        browser.shot("feed");
        String path = link.substring(link.indexOf("/api/public/"));
        HttpResponse<String> ics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(ics.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        assertThat(ics.body().replace("\r\n ", "")).contains("BEGIN:VEVENT", "网格化治理实务（基层治理能力提升专题班）");

        driver.get("http://localhost:" + port + "/#/planning/indicators");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("pi-result"), "干部年度培训覆盖率"));
        assertThat(driver.findElement(test("pi-value")).getText()).isEqualTo("100");
        browser.shot("indicators");
        driver.findElement(test("pi-figure")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("pi-people"), "界面学员"));
        browser.shot("drill-down");
    }
}
