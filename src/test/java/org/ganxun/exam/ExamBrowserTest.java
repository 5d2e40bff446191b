package org.ganxun.exam;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

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
}
