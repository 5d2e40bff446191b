package org.ganxun.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.ganxun.demo.DemoMedia;
import org.ganxun.learning.internal.study.StudySessions;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.support.PhoneBrowserTest;
import org.ganxun.support.HeadlessChromium;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A cadre on a 390×844 phone: 网络学院 lists the course, the player plays it and the server credits the seconds
 * played; a presence check pops up and is answered. PNGs in target/screenshots/learning-*.png.
 */
@IntegrationTest
class LearningBrowserTest extends PhoneBrowserTest {

    @Override
    protected String screenshots() {
        return "learning";
    }

    @Autowired LearningFixture learning;
    @Autowired StudySessions sessions;
    @Autowired JdbcClient jdbc;

    @Test
    void aCadreListensToACourseOnTheirPhoneAndTheServerCreditsIt() throws Exception {
        LearningFixture.Learner l = learning.learner("手机学习县", "学习明");
        long cadre = l.cadre();
        CurrentUser me = l.me();
        long course = learning.published(l, new Courses.CourseForm("基层治理经验谈", CourseCategory.BUSINESS, "张科长",
                "乡镇党委书记谈网格化管理。", "基层治理", null, null),
                "经验谈.wav", null, DemoMedia.wav(120));

        driver.get(url("/#/m/learning"));
        signIn(me);
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("l-course")));
        assertThat(card.getText()).contains("基层治理经验谈").contains("业务知识").contains("2:00").contains("0.25学时");
        browser.shot("catalogue");

        card.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test='l-audio']")));
        wait.until(d -> jdbc.sql("select count(*) from study_session where cadre_id = ? and status = 'ACTIVE'").param(cadre)
                .query(Long.class).single() == 1);
        // muted playback needs no user gesture in a headless browser
        driver.executeScript("const a = document.querySelector('audio'); a.muted = true; a.play();");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> (Boolean) driver.executeScript(
                "return document.querySelector('audio').currentTime > 4"));
        driver.executeScript("document.querySelector('audio').pause()"); // pausing sends a heartbeat
        wait.until(d -> credited(cadre, course) >= 3);
        browser.shot("played");

        long session = jdbc.sql("select id from study_session where cadre_id = ? and status = 'ACTIVE'").param(cadre).query(Long.class).single();
        StudySessions.PresenceView check = sessions.issuePresenceCheck(session);
        driver.executeScript("document.querySelector('audio').play()");
        Thread.sleep(1500);
        driver.executeScript("document.querySelector('audio').pause()"); // the heartbeat's answer carries the check
        WebElement prompt = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("l-presence")));
        assertThat(prompt.getText()).contains(check.question());
        browser.shot("presence");
        String[] q = check.question().replace(" = ?", "").split(" \\+ ");
        String answer = String.valueOf(Integer.parseInt(q[0]) + Integer.parseInt(q[1]));
        driver.findElements(By.cssSelector(".p-options button")).stream().filter(b -> b.getText().trim().equals(answer))
                .findFirst().orElseThrow().click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(HeadlessChromium.test("l-presence")));
        browser.shot("answered");
    }

    /**
     * A SCORM 1.2 package on the phone: the SCO in its iframe finds scorm-again's window.API, reports incomplete,
     * then completed on its last section; the player shows it and sends it with a heartbeat, which the server stores
     * and credits the seconds the SCO was open — the course is not complete, for 270 s are needed.
     */
    @Test
    void aCadreWorksThroughAScormPackageOnTheirPhone() throws Exception {
        LearningFixture.Learner l = learning.learner("手机课件县", "课件明");
        long cadre = l.cadre();
        CurrentUser me = l.me();
        long course = learning.published(l, new Courses.CourseForm("廉洁从政知识互动课件", CourseCategory.POLICY_LAW, null, null, null, null, null),
                "廉洁.zip", null, org.ganxun.demo.DemoScorm.scorm12Package());

        driver.get(url("/#/m/learning/" + course));
        signIn(me);
        WebElement frame = wait.until(ExpectedConditions.presenceOfElementLocated(HeadlessChromium.test("l-sco")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(HeadlessChromium.test("l-sco-status"), "未学完"));
        driver.switchTo().frame(frame);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("at"), "1 / 4"));
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("为什么要廉洁从政");
        // a reader spends a moment on the first section: the seconds credited are whole seconds the SCO was open, and a
        // warm browser reaches the last section within a second of opening it (credited 0, correctly)
        Thread.sleep(2500);
        for (int i = 0; i < 3; i++) {
            driver.findElement(By.id("next")).click();
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("at"), "4 / 4"));
        driver.switchTo().defaultContent();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(HeadlessChromium.test("l-sco-status"), "已学完"));
        browser.shot("scorm");
        // the heartbeat the status change sent: stored with the next write-behind, time credited, not complete
        wait.until(d -> "completed".equals(jdbc.sql("select package_status from study_progress where cadre_id = ? and course_id = ?")
                .params(cadre, course).query(String.class).optional().orElse(null)));
        assertThat(credited(cadre, course)).isPositive().isLessThan(270);
        assertThat(jdbc.sql("select completed_at is null from study_progress where cadre_id = ? and course_id = ?")
                .params(cadre, course).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aCadreReadsADocumentPageByPageOnTheirPhone() throws Exception {
        LearningFixture.Learner l = learning.learner("手机阅读县", "阅读明");
        long cadre = l.cadre();
        CurrentUser me = l.me();
        long course = learning.published(l, new Courses.CourseForm("学习读本", CourseCategory.POLITICAL_THEORY, null, null, null, null, null),
                "读本.pdf", null, DemoMedia.pdf("学习读本", new String[] {"第一段", "第二段"}, 3));

        driver.get(url("/#/m/learning/" + course));
        signIn(me);
        // pdf.js has drawn page 1 on the canvas (its width set from the page)
        wait.until(d -> ((Number) driver.executeScript("const c = document.querySelector('canvas'); return c ? c.height : 0")).intValue() > 300);
        assertThat(driver.findElement(HeadlessChromium.test("l-page")).getText()).contains("第 1 / 3 页");
        browser.shot("document");
        Thread.sleep(3000);
        driver.findElements(By.cssSelector(".p-pages button")).get(1).click(); // 下一页
        wait.until(ExpectedConditions.textToBePresentInElementLocated(HeadlessChromium.test("l-page"), "第 2 / 3 页"));
        // the seconds on page 1 were credited to it
        wait.until(d -> credited(cadre, course) >= 2);
        String covered = jdbc.sql("select covered from study_progress where cadre_id = ? and course_id = ?").params(cadre, course)
                .query(String.class).single();
        assertThat(covered).matches("\\d+,0,0");
        browser.shot("document-page2");
    }

    private int credited(long cadre, long course) {
        return jdbc.sql("select coalesce(max(credited_seconds), 0) from study_progress where cadre_id = ? and course_id = ?")
                .params(cadre, course).query(Integer.class).single();
    }
}
