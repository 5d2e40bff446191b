package org.ganxun.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.training.TrainingFixture.allDay;

import java.time.LocalDate;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.support.ApiSession;
import org.ganxun.support.PhoneBrowserTest;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.training.TrainingClasses;
import org.ganxun.training.TrainingFixture;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A cadre signs in on a 390-pixel window and lands on the phone home (今日), not the desktop home: today's session
 * with its check-in button, the call-up notice among the messages; checking in from there with the code on the
 * projector. PNGs: target/screenshots/phone-home-*.png.
 */
@IntegrationTest
class PhoneHomeBrowserTest extends PhoneBrowserTest {

    @Override
    protected String screenshots() {
        return "phone-home";
    }

    @Override
    protected boolean touch() {
        return true;
    }

    @Autowired TrainingFixture tf;
    @Autowired TrainingClasses classes;
    @Autowired JdbcClient jdbc;

    @Test
    void aCadreOnAPhoneLandsOnThePhoneHomeAndChecksInFromIt() {
        TrainingFixture.awayFromMidnight();
        TrainingFixture.County c = tf.county();
        LocalDate today = LocalDate.now(Classroom.ZONE);
        String className = Fixture.unique("手机首页班");
        long cls = c.approved(className, today, allDay(today, "乡村振兴专题", "3"));
        long sessionId = classes.sessions(cls).get(0).id();
        CurrentUser trainee = c.trainee("手机首页学员", cls);

        driver.get(url("/#/login"));
        signIn(trainee);

        // the phone home, not the desktop home
        var session = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='m-home-session']")));
        assertThat(driver.getCurrentUrl()).endsWith("/#/m/home");
        assertThat(session.getText()).contains("乡村振兴专题").contains(className);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='m-home-message']"), "调训通知"));
        assertThat(driver.findElement(By.cssSelector("[data-test='m-unread']")).getText()).isEqualTo("1");
        assertThat(driver.findElements(By.cssSelector("[data-test='m-home-standing']"))).hasSize(1);
        assertThat(((Number) driver.executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no horizontal scrolling at 390px").isLessThanOrEqualTo(390);
        browser.shot("home");

        // check in from it: the session is chosen, the code is the one the projector shows
        driver.findElement(By.cssSelector("[data-test='m-home-checkin']")).click();
        wait.until(ExpectedConditions.urlContains("/m/checkin?s=" + sessionId));
        ApiSession registrar = new ApiSession(port);
        registrar.login(c.registrar.username(), Fixture.PASSWORD);
        String code = registrar.getJson("/api/training/sessions/" + sessionId + "/qr").get("shortCode").asString();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='m-code'] input, input[data-test='m-code']")))
                .sendKeys(code);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='m-code-submit']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='m-checkin-message']"), "签到成功"));
        browser.shot("checked-in");
        assertThat(jdbc.sql("select count(*) from attendance where session_id = ?").param(sessionId).query(Long.class).single()).isEqualTo(1);

        // back home: the session shows attended and no check-in button is left
        driver.findElement(By.cssSelector("[data-test='m-nav-home']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='m-home-session']")));
        wait.until(d -> d.findElements(By.cssSelector("[data-test='m-home-checkin']")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("[data-test='m-home-session']")).getText()).containsAnyOf("出勤", "迟到");
        browser.shot("home-after");
    }
}
