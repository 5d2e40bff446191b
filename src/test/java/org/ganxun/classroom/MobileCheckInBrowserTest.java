package org.ganxun.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.training.TrainingFixture.allDay;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.PhoneBrowserTest;
import org.ganxun.support.IntegrationTest;
import org.ganxun.training.TrainingClasses;
import org.ganxun.training.TrainingFixture;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A trainee checks in on a phone-sized window (390×844) in Debian's headless Chromium: the registrar's
 * projector code is a URL; opening it asks the trainee to sign in, then checks in; scanning it again is
 * refused; the timetable then shows the session attended. PNGs go to target/screenshots/mobile-*.png.
 */
@IntegrationTest
class MobileCheckInBrowserTest extends PhoneBrowserTest {

    @Override
    protected String screenshots() {
        return "mobile";
    }

    @Override
    protected boolean touch() {
        return true;
    }

    @org.springframework.beans.factory.annotation.Value("${ganxun.public-url}") String publicUrl;
    @Autowired TrainingFixture tf;
    @Autowired TrainingClasses classes;
    @Autowired JdbcClient jdbc;

    @Test
    void traineeScansTheProjectorCodeOnAPhone() {
        TrainingFixture.awayFromMidnight();
        TrainingFixture.County c = tf.county();
        LocalDate today = LocalDate.now(Classroom.ZONE);
        String className = Fixture.unique("手机签到班");
        long cls = c.approved(className, today, allDay(today, "基层治理能力提升", "3"), allDay(today, "手输签到码", "1"));
        long sessionId = classes.sessions(cls).stream().filter(x -> x.topic().equals("基层治理能力提升")).findFirst().orElseThrow().id();
        long typedSession = classes.sessions(cls).stream().filter(x -> x.topic().equals("手输签到码")).findFirst().orElseThrow().id();
        long later = c.approved(Fixture.unique("后续轮训班"), today.plusDays(30), today.plusDays(31), List.of(), 5);
        CurrentUser trainee = c.trainee("手机学员", cls, later);

        // the registrar's projector code: a URL with the rotating token
        ApiSession registrar = new ApiSession(port);
        registrar.login(c.registrar.username(), Fixture.PASSWORD);
        JsonNode qr = registrar.getJson("/api/training/sessions/" + sessionId + "/qr");
        String url = qr.get("url").asString();
        assertThat(url).startsWith(publicUrl + "/#/m/checkin?t=" + sessionId + ".");
        assertThat(registrar.get("/api/training/sessions/" + sessionId + "/qr.png").headers().firstValue("Content-Type")).hasValue("image/png");

        // the phone opens it: sign in first, then the check-in happens by itself (the link carries the configured
        // public address; the test server listens on its own port)
        String here = url(url.substring(publicUrl.length()));
        driver.get(here);
        signIn(trainee, "login");
        var message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='m-checkin-message']")));
        shot("checked-in");
        assertThat(message.getText()).startsWith("签到成功");
        assertThat(driver.findElement(By.cssSelector("[data-test='m-checkin-result']")).getText()).contains(className);
        assertThat(((Number) driver.executeScript("return window.innerWidth")).intValue()).isEqualTo(390);
        assertThat(((Number) driver.executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no horizontal scrolling at 390px").isLessThanOrEqualTo(390);
        assertThat(jdbc.sql("select count(*) from attendance where session_id = ?").param(sessionId).query(Long.class).single()).isEqualTo(1);

        // scanning the same code again is refused and stores nothing
        driver.get(here);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='m-checkin-message']"), "签到码不能重复使用"));
        shot("replayed");
        assertThat(jdbc.sql("select count(*) from attendance where session_id = ?").param(sessionId).query(Long.class).single()).isEqualTo(1);

        // my timetable shows the session attended
        driver.get(url("/#/m/classes"));
        wait.until(d -> d.findElements(By.cssSelector("[data-test='m-class']")).stream().filter(e -> e.getText().contains(className))
                .findFirst().orElse(null)).click();
        var session = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='m-session']")));
        wait.until(d -> session.getText().contains("迟到") || session.getText().contains("出勤"));
        shot("timetable");

        // a code typed by hand: the projector shows 8 digits in two groups, typed as shown
        String shortCode = registrar.getJson("/api/training/sessions/" + typedSession + "/qr").get("shortCode").asString();
        assertThat(shortCode).matches("\\d{8}");
        driver.get(url("/#/m/checkin?s=" + typedSession));
        var codeInput = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='m-code'] input, input[data-test='m-code']")));
        codeInput.sendKeys(shortCode.substring(0, 4) + " " + shortCode.substring(4));
        shot("typed-code");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='m-code-submit']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='m-checkin-message']"), "签到成功"));
        assertThat(jdbc.sql("select method from attendance where session_id = ?").param(typedSession).query(String.class).single()).isEqualTo("CODE");

        // another class's address while the page stays open (a notification link): that class's timetable
        driver.get(url("/#/m/class/" + later));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='m-session']"), "开班动员"));
        assertThat(driver.findElements(By.cssSelector("[data-test='m-session']"))).extracting(e -> e.getText())
                .noneMatch(t -> t.contains("基层治理能力提升"));
    }

    /** The certificate check looks the serial up again when only the serial in the address changes. */
    @Test
    void theVerificationPageFollowsTheSerialInTheAddress() {
        String base = url("/#/verify/");
        driver.get(base + "GX-NONE-1");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='verify-error']"), "GX-NONE-1"));
        driver.get(base + "GX-NONE-2");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='verify-error']"), "GX-NONE-2"));
        assertThat(driver.findElement(By.cssSelector("[data-test='verify']")).getText()).doesNotContain("GX-NONE-1");
    }

    private void shot(String name) {
        browser.shot(name);
    }
}
