package org.ganxun.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.people.RankLevel;
import org.ganxun.support.Fixture;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.IntegrationTest;
import org.ganxun.training.Enrollments;
import org.ganxun.training.TrainingFixture;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ClassroomBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "classroom";
    }

    @LocalServerPort int port;
    @Autowired TrainingFixture tf;
    @Autowired Enrollments enrollments;

    @Test
    void theRegistrarLandsOnTheClassRunningToday() {
        TrainingFixture.County c = tf.county();
        // yesterday to tomorrow: running today whether the browser counts days in UTC or in Beijing time
        LocalDate today = LocalDate.now(Classroom.ZONE);
        String upcoming = Fixture.unique("下月班");
        c.approved(upcoming, today.plusMonths(1), today.plusMonths(1).plusDays(2), List.of(RankLevel.STAFF), 10);
        String running = Fixture.unique("本周班");
        long cls = c.approved(running, today.minusDays(1), today.plusDays(1), List.of(RankLevel.STAFF), 10);
        long cadre = c.staff("教务学员", c.townA);
        tf.fixture.as(c.admin, () -> enrollments.name(cls, cadre));

        driver.get("http://localhost:" + port + "/#/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username"))).sendKeys(c.registrar.username());
        driver.findElement(input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(test("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/home"));
        browser.openMenu("培训班管理", "教务管理");

        // no searching: today's class is open with its attendance sheet
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page"), "教务学员"));
        browser.shot("landed");
        assertThat(driver.findElement(test("classroom-class")).getText()).contains(running).doesNotContain(upcoming);

        // roll call: the trainee's first session marked present from the sheet's one menu of marks
        driver.findElement(By.cssSelector("[data-test='attendance-sheet'] span.roll-mark")).click();
        wait.until(ExpectedConditions.elementToBeClickable(test("mark-as-PRESENT"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-test='attendance-sheet'] span.roll-mark"), "出勤"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(test("mark-as-PRESENT")));
        browser.shot("marked");
    }
}
