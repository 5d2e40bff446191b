package org.ganxun.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.IntegrationTest;
import org.ganxun.survey.Surveys;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cadre answers an anonymous training-needs survey on a phone (a 390 × 844 window) through its link, in
 * Debian's headless Chromium against the real application and UI; the return is stored and counted. A PNG
 * of every step goes to target/screenshots/.
 */
@IntegrationTest
class SurveyAnswerBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "survey";
    }

    @Override
    protected boolean phone() {
        return true;
    }

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired Fixture fixture;
    @Autowired Surveys surveys;
    @Autowired JsonMapper json;

    @Test
    void answersASurveyOnAPhone() throws Exception {
        long county = fixture.org(null, Fixture.unique("手机调研县"), "COUNTY");
        var zzb = fixture.user(Fixture.unique("zzb"), Role.ORG_DEPT_ADMIN, county, null, null);
        Surveys.Survey s = fixture.as(zzb, () -> {
            Surveys.Survey created = surveys.create(new Surveys.SurveyRequest("村干部培训需求调研", "请如实填写，匿名提交", null, true,
                    LocalDate.now(), LocalDate.now().plusDays(7), json.readTree("""
                            {"pages": [{"name": "p1", "elements": [
                              {"type": "radiogroup", "name": "rank_level", "title": "您的职级", "isRequired": true,
                               "choices": [{"value": "TOWNSHIP", "text": "乡科级"}, {"value": "STAFF", "text": "科员及以下"}]},
                              {"type": "checkbox", "name": "content_wanted", "title": "最希望参加哪些内容的培训", "isRequired": true, "maxSelectedChoices": 2,
                               "choices": [{"value": "law", "text": "法律法规"}, {"value": "rural", "text": "乡村振兴与农业技术"}, {"value": "social", "text": "社会管理与基层治理"}]},
                              {"type": "comment", "name": "suggestions", "title": "意见和建议"}
                            ]}]}""")));
            surveys.replaceTargets(created.id(), List.of(new Surveys.TargetRequest("村两委成员", county, null, null, 20)));
            return surveys.open(created.id());
        });
        try {
            driver.get("http://localhost:" + port + "/#/s/" + s.publicToken());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(text(),'您的职级')]")));
            shot("open");
            // the purpose reads as the survey's description, under its title (not as a strip above it)
            WebElement title = driver.findElement(By.xpath("//*[normalize-space(text())='村干部培训需求调研']"));
            WebElement purpose = driver.findElement(By.xpath("//*[normalize-space(text())='请如实填写，匿名提交']"));
            assertThat(purpose.getLocation().getY()).isGreaterThan(title.getLocation().getY());
            option("科员及以下").click();
            option("法律法规").click();
            option("乡村振兴与农业技术").click();
            WebElement comment = driver.findElement(By.cssSelector("textarea"));
            comment.sendKeys("希望多安排现场教学");
            shot("filled");
            WebElement complete = driver.findElement(By.cssSelector(".sd-navigation__complete-btn, input[type=button][value='完成'], input[type=button][value='提交']"));
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", complete);
            complete.click();
            WebElement done = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=survey-done]")));
            assertThat(done.getText()).contains("提交成功，感谢您的参与");
            shot("done");
            // the page fits the phone: nothing wider than the window
            var js = (org.openqa.selenium.JavascriptExecutor) driver;
            assertThat(((Number) js.executeScript("return window.innerWidth")).longValue()).isEqualTo(390L);
            assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue()).isLessThanOrEqualTo(390L);
        } catch (AssertionError | RuntimeException e) {
            shot("failure");
            throw e;
        }
        assertThat(jdbc.sql("select count(*) from survey_return where survey_id = ? and channel = 'ONLINE'").param(s.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select string_agg(value, ',' order by value) from survey_answer_value where survey_id = ? and question = 'content_wanted'")
                .param(s.id()).query(String.class).single()).isEqualTo("law,rural");
    }

    /**
     * SurveyJS draws its questions in a {@code <form onsubmit="return false;">}; the platform's Content-Security-Policy
     * refuses inline handlers, so Enter in a survey's only one-line answer submitted that form: the page reloaded and
     * the respondent's answers were gone. The answer page stops the submission itself.
     */
    @Test
    void enterInAOneLineAnswerKeepsThePage() throws Exception {
        long county = fixture.org(null, Fixture.unique("回车县"), "COUNTY");
        var zzb = fixture.user(Fixture.unique("zzb"), Role.ORG_DEPT_ADMIN, county, null, null);
        Surveys.Survey s = fixture.as(zzb, () -> {
            Surveys.Survey created = surveys.create(new Surveys.SurveyRequest("村名登记", null, null, true,
                    LocalDate.now(), LocalDate.now().plusDays(7), json.readTree("""
                            {"pages": [{"name": "p1", "elements": [
                              {"type": "text", "name": "village", "title": "您所在的村"}]}]}""")));
            surveys.replaceTargets(created.id(), List.of(new Surveys.TargetRequest("村两委成员", county, null, null, 20)));
            return surveys.open(created.id());
        });
        driver.get("http://localhost:" + port + "/#/s/" + s.publicToken());
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=text]")));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.__samePage = true");
        input.sendKeys("兴坝村", Keys.ENTER);
        // a submission would load the page anew within this second
        js.executeAsyncScript("setTimeout(arguments[arguments.length - 1], 1000)");
        assertThat(js.executeScript("return window.__samePage === true")).as("the page was not reloaded").isEqualTo(true);
        assertThat(driver.findElement(By.cssSelector("input[type=text]")).getDomProperty("value")).isEqualTo("兴坝村");
    }

    private WebElement option(String text) {
        WebElement e = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//span[contains(@class,'sv-string-viewer') and normalize-space(text())='" + text + "']")));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        return e;
    }

    private void shot(String name) {
        browser.shot(name);
    }
}
