package org.ganxun.exam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.ganxun.demo.DemoMedia;
import org.ganxun.learning.CourseCategory;
import org.ganxun.learning.Courses;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.Fixture;
import org.ganxun.support.HeadlessChromium;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A cadre on a 390×844 phone takes an exam: the list, the confirmation, the paper with the server's time left,
 * answers saved as they are given (a reload shows them), hand in, the score. PNGs in target/screenshots/exam-*.png.
 */
@IntegrationTest
class ExamBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "exam";
    }

    @Override
    protected boolean phone() {
        return true;
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired QuestionBank bank;
    @Autowired Exams exams;
    @Autowired JdbcClient jdbc;
    @Autowired Courses courses;

    @Test
    void aCadreTakesAnExamOnTheirPhone() {
        long county = fixture.org(null, Fixture.unique("手机考试县"), "COUNTY");
        CurrentUser admin = fixture.user(Fixture.unique("sjksadm"), Role.ORG_DEPT_ADMIN, county, null, null);
        long cadre = fixture.cadre("考试明", county);
        CurrentUser me = fixture.user(Fixture.unique("sjks"), Role.CADRE, null, null, cadre);
        // three 判断题, all keyed 对, at 10 points each: the candidate answers two 对 and one 错 → 20 of 30, pass 20
        long examId = fixture.as(admin, () -> {
            for (int i = 1; i <= 3; i++) {
                bank.create(new QuestionForm("判断题", "廉洁自律判断第" + i + "题：领导干部应当如实报告个人有关事项。", List.of(), "对", "易", "廉洁自律", null));
            }
            Exams.Exam e = exams.create(new Exams.ExamForm("任前廉政法规知识测试", ExamPurpose.PRE_APPOINTMENT, null, county,
                    List.of(new Exams.Line("廉洁自律", null, 3, new BigDecimal("10"))), new BigDecimal("20"), 30, 1, "BEST", null, null));
            return exams.publish(e.id()).id();
        });

        driver.get("http://localhost:" + port + "/#/m/exams");
        wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.input("login-username"))).sendKeys(me.username());
        driver.findElement(HeadlessChromium.input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(HeadlessChromium.test("login-submit")).click();
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("x-exam")));
        assertThat(card.getText()).contains("任前廉政法规知识测试").contains("3题").contains("限时30分钟");
        browser.shot("list");

        driver.findElement(HeadlessChromium.test("x-start")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".el-message-box__btns .el-button--primary"))).click();
        WebElement timer = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("x-timer")));
        assertThat(timer.getText()).contains("剩余时间").contains("已答 0/3");
        List<WebElement> questions = driver.findElements(HeadlessChromium.test("x-question"));
        assertThat(questions).hasSize(3);
        // 对 is the first option of a 判断题, 错 the second
        for (int i = 0; i < 3; i++) {
            List<WebElement> options = driver.findElements(HeadlessChromium.test("x-question")).get(i).findElements(By.cssSelector("label.x-opt"));
            options.get(i == 2 ? 1 : 0).click();
        }
        wait.until(d -> jdbc.sql("select count(*) from exam_answer x join exam_attempt a on a.id = x.attempt_id where a.cadre_id = ? and x.response is not null")
                .param(cadre).query(Long.class).single() == 3);
        browser.shot("paper");

        // a reload shows the same paper with the answers given
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(HeadlessChromium.test("x-timer"), "已答 3/3"));

        driver.findElement(HeadlessChromium.test("x-submit")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".el-message-box__btns .el-button--primary"))).click();
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("x-result")));
        assertThat(result.getText()).contains("20分").contains("合格");
        browser.shot("result");
        assertThat(jdbc.sql("select score from exam_attempt where cadre_id = ? and exam_id = ?").params(cadre, examId)
                .query(BigDecimal.class).single()).isEqualByComparingTo("20");
    }

    /**
     * A course with a quiz, on the phone: the player shows the quiz as waiting for the credited share; the cadre
     * listens to the 10-second course (9 s needed), the quiz opens in the player, is taken there and passed, and only
     * then the course shows 已完成. PNGs target/screenshots/exam-quiz-*.png.
     */
    @Test
    void aCadreTakesACoursesQuizInThePlayerOnceTheShareIsReached() {
        long county = fixture.org(null, Fixture.unique("测验县"), "COUNTY");
        CurrentUser admin = fixture.user(Fixture.unique("cyadm"), Role.ORG_DEPT_ADMIN, county, null, null);
        long cadre = fixture.cadre("测验明", county);
        CurrentUser me = fixture.user(Fixture.unique("cyxy"), Role.CADRE, null, null, cadre);
        long course = fixture.as(admin, () -> {
            Courses.Course c = courses.create(new Courses.CourseForm("廉洁家风十秒课", CourseCategory.POLICY_LAW, "王老师", "短课。", null, null, null));
            try {
                courses.upload(c.id(), "家风.wav", new ByteArrayInputStream(DemoMedia.wav(10)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            courses.publish(c.id());
            // two 判断题 keyed 对, 5 points each, pass 10: both must be right
            for (int i = 1; i <= 2; i++) {
                bank.create(new QuestionForm("判断题", "家风判断第" + i + "题：家风建设是领导干部作风建设的重要内容。", List.of(), "对", "易", "家风", null));
            }
            Exams.Exam e = exams.create(new Exams.ExamForm("家风课测验", ExamPurpose.QUIZ, c.id(), null,
                    List.of(new Exams.Line("家风", null, 2, new BigDecimal("5"))), new BigDecimal("10"), 10, 3, "BEST", null, null));
            exams.publish(e.id());
            return c.id();
        });

        driver.get("http://localhost:" + port + "/#/m/learning/" + course);
        wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.input("login-username"))).sendKeys(me.username());
        driver.findElement(HeadlessChromium.input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(HeadlessChromium.test("login-submit")).click();
        WebElement quiz = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("l-quiz")));
        assertThat(quiz.getText()).contains("家风课测验").contains("2题").contains("及格10分");
        assertThat(driver.findElement(HeadlessChromium.test("l-quiz-wait")).getText()).contains("有效学习时间达到要求后即可参加测验");
        assertThat(driver.findElement(HeadlessChromium.test("l-quiz-start")).isEnabled()).isFalse();
        browser.shot("quiz-waiting");

        wait.until(d -> jdbc.sql("select count(*) from study_session where cadre_id = ? and status = 'ACTIVE'").param(cadre)
                .query(Long.class).single() == 1);
        driver.executeScript("const a = document.querySelector('audio'); a.muted = true; a.play();");
        // the end of the medium pauses it, and a pause sends a heartbeat: 10 s played, 9 s needed
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> (Boolean) driver.executeScript("return document.querySelector('audio').ended"));
        WebElement due = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("l-quiz-due")));
        assertThat(due.getText()).isEqualTo("待通过测验");
        assertThat(jdbc.sql("select completed_at is null from study_progress where cadre_id = ? and course_id = ?").params(cadre, course)
                .query(Boolean.class).single()).as("completion waits for the quiz").isTrue();
        wait.until(ExpectedConditions.elementToBeClickable(HeadlessChromium.test("l-quiz-start"))).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("x-timer")));
        List<WebElement> questions = driver.findElements(HeadlessChromium.test("x-question"));
        assertThat(questions).hasSize(2);
        for (WebElement q : questions) {
            q.findElements(By.cssSelector("label.x-opt")).get(0).click(); // 对
        }
        wait.until(d -> jdbc.sql("select count(*) from exam_answer x join exam_attempt a on a.id = x.attempt_id where a.cadre_id = ? and x.response is not null")
                .param(cadre).query(Long.class).single() == 2);
        browser.shot("quiz-paper");
        driver.findElement(HeadlessChromium.test("x-submit")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".el-message-box__btns .el-button--primary"))).click();
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("x-result")));
        assertThat(result.getText()).contains("10分").contains("合格");
        wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("l-quiz-passed")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("l-completed")));
        browser.shot("quiz-passed");
        assertThat(jdbc.sql("select completed_at is not null from study_progress where cadre_id = ? and course_id = ?").params(cadre, course)
                .query(Boolean.class).single()).isTrue();
        // the page is 390 px wide and nothing in it is wider
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
    }
}
