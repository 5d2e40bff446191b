package org.ganxun.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

import org.ganxun.demo.DemoMedia;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.PhoneBrowserTest;
import org.ganxun.support.Fixture;
import org.ganxun.support.HeadlessChromium;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A cadre on a 390×844 phone: the phone home (今日) lists the required course of their unit with its progress and due
 * date, and the catalogue shows it first. PNGs in target/screenshots/assignment-*.png.
 */
@IntegrationTest
class AssignmentBrowserTest extends PhoneBrowserTest {

    @Override
    protected String screenshots() {
        return "assignment";
    }

    @Autowired Fixture fixture;
    @Autowired LearningFixture learning;
    @Autowired Courses courses;
    @Autowired Assignments assignments;
    @Autowired ScriptedStudy study;

    @Test
    void thePhoneHomeListsARequiredCourseWithItsProgressAndDueDate() {
        LearningFixture.Learner l = learning.learner("必修县", "必修明");
        long county = l.county();
        long cadre = l.cadre();
        CurrentUser admin = l.admin();
        CurrentUser me = l.me();
        LocalDate today = LocalDate.now();
        long course = fixture.as(admin, () -> {
            Courses.Course c = courses.create(new Courses.CourseForm("条例必学", CourseCategory.POLICY_LAW, null, null, null, null, null));
            try {
                courses.upload(c.id(), "条例.wav", new ByteArrayInputStream(DemoMedia.wav(120)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            long id = courses.publish(c.id()).id();
            assignments.create(new Assignments.AssignmentForm(AssignmentKind.REQUIRED, "本年度必学", null, today.minusDays(1),
                    today.plusDays(6), List.of(id), List.of(county), List.of(), List.of(), List.of()));
            return id;
        });
        // a minute of the two studied (108 s needed): 55 %
        study.study(cadre, course, Instant.now().minusSeconds(600), Collections.nCopies(3, ScriptedStudy.Move.WATCH));

        driver.get(url("/#/m/home"));
        signIn(me);
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("l-assignment")));
        assertThat(card.getText()).contains("必修").contains("本年度必学").contains(today.plusDays(6) + "前完成").contains("还有6天")
                .contains("已学完0/1门").contains("条例必学").contains("55%");
        assertThat(((Number) driver.executeScript("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
        browser.shot("home");

        driver.findElement(HeadlessChromium.test("l-required-course")).click();
        wait.until(ExpectedConditions.urlContains("/m/learning/" + course));
        // the player is open (its course read, its session started) before the learner goes back to the catalogue
        wait.until(ExpectedConditions.presenceOfElementLocated(HeadlessChromium.test("l-audio")));
        driver.get(url("/#/m/learning"));
        WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("l-required")));
        assertThat(first.getText()).contains("条例必学");
        browser.shot("catalogue");
    }
}
