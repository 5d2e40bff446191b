package org.ganxun.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.IntegrationTest;
import org.ganxun.training.ClassType;
import org.ganxun.training.TrainingClasses;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A party-school registrar files a class in the browser: 班次备案 → 新建备案, types the name, picks the dates,
 * adds a session, saves and submits, and sees the clash warning against an approved class of the same
 * theme and target group. Screenshots go to target/screenshots/filing-*.png.
 */
@IntegrationTest
class FilingBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "filing";
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired TrainingClasses classes;
    @Autowired org.ganxun.support.TestClock clock;

    @Test
    void registrarFilesAClassAndSeesTheClashWarning() {
        long county = fixture.org(null, Fixture.unique("界面备案县"), "COUNTY");
        long school = fixture.org(county, Fixture.unique("县委党校"), "INSTITUTION");
        CurrentUser admin = fixture.user(Fixture.unique("uizzb"), Role.ORG_DEPT_ADMIN, county, null, null);
        CurrentUser registrar = fixture.user(Fixture.unique("uidx"), Role.PROVIDER_REGISTRAR, school, null, null);
        clock.setToday(LocalDate.of(2026, 5, 11)); // a month ahead of the classes; back to the real time after the test
        LocalDate day = LocalDate.of(2026, 6, 15);
        // an approved class of the same theme for everyone, 6/15-6/19 (Monday to Friday)
        long existing = fixture.as(registrar, () -> classes.create(new TrainingClasses.ClassForm(county, school, null,
                "学习贯彻党的二十大精神专题培训班", ClassType.THEMATIC, day, day.plusDays(4), "党校礼堂", List.of(RankLevel.TOWNSHIP),
                List.of(), 60, true, List.of(), null, null,
                List.of(new TrainingClasses.SessionForm(null, day, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(12, 0),
                        "开班动员", null, null, java.math.BigDecimal.valueOf(3))), null)).id());
        fixture.as(registrar, () -> classes.submit(existing));
        fixture.as(admin, () -> classes.approve(existing, null));

        driver.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username"))).sendKeys(registrar.username());
        driver.findElement(input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(test("login-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(test("current-user")));
        driver.get("http://localhost:" + port + "/#/training/classes");
        wait.until(ExpectedConditions.elementToBeClickable(test("class-add"))).click();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(input("class-name")));
        name.sendKeys("学习贯彻党的二十大精神专题研讨班");
        WebElement starts = driver.findElements(By.cssSelector("[data-test=class-form] .date-pair input")).get(0);
        starts.sendKeys("2026-06-16");
        starts.sendKeys(org.openqa.selenium.Keys.ENTER);
        WebElement ends = driver.findElements(By.cssSelector("[data-test=class-form] .date-pair input")).get(1);
        ends.sendKeys("2026-06-17");
        ends.sendKeys(org.openqa.selenium.Keys.ENTER);
        driver.findElement(input("class-venue")).click(); // closes the picker
        driver.findElement(test("session-add")).click();
        WebElement topic = wait.until(ExpectedConditions.visibilityOfElementLocated(input("session-topic")));
        topic.sendKeys("二十大精神宣讲");
        shot("form");
        driver.findElement(test("class-submit")).click();
        WebElement result = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            List<WebElement> r = d.findElements(By.cssSelector("[data-test=submit-result]"));
            List<WebElement> err = d.findElements(By.cssSelector("[data-test=class-form] .el-alert--error"));
            if (!err.isEmpty() && err.get(0).isDisplayed()) {
                throw new AssertionError("filing form says: " + err.get(0).getText());
            }
            return r.isEmpty() || !r.get(0).isDisplayed() ? null : r.get(0);
        });
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("clash-warning")));
        shot("clash-warning");
        String text = result.getText();
        assertThat(text).contains("已提交备案", "内容相近", "学习贯彻党的二十大精神专题培训班", "名称相似度100%");
    }

    private void shot(String name) {
        browser.shot(name);
    }
}
