package org.ganxun.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organisation department presses 发布 on a survey whose 乡镇 question still has the question bank's placeholder
 * option: the page says which question and option to change, and the survey stays a draft. The designer shows a
 * question's 显示条件 as “当第N题选择…时显示”.
 * PNG: target/screenshots/survey-placeholder-*.png.
 */
@IntegrationTest
class SurveyPlaceholderBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "survey-placeholder";
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired Surveys surveys;
    @Autowired JsonMapper json;

    @Test
    void aSurveyWithThePlaceholderOptionIsNotPublished() throws Exception {
        long county = fixture.org(null, Fixture.unique("占位县"), "COUNTY");
        long township = fixture.org(county, Fixture.unique("占位镇"), "TOWNSHIP");
        CurrentUser zzb = fixture.user(Fixture.unique("zzb"), Role.ORG_DEPT_ADMIN, county, null, null);
        String model = """
                {"pages": [{"name": "p1", "elements": [
                  {"type": "dropdown", "name": "township", "title": "您所在的乡镇（单位）", "isRequired": true,
                   "choices": ["（请设计者改为本地乡镇名称）"]},
                  {"type": "radiogroup", "name": "time_conflict", "title": "工作忙时是否影响参训",
                   "choices": [{"value": "yes", "text": "经常影响"}, {"value": "no", "text": "不影响"}]},
                  {"type": "comment", "name": "conflict_detail", "title": "影响参训的原因", "visibleIf": "{time_conflict} = 'yes'"}]}]}""";
        long id = fixture.as(zzb, () -> {
            Surveys.Survey s = surveys.create(new Surveys.SurveyRequest(Fixture.unique("占位调研"), "了解需求", null, true,
                    LocalDate.now(), LocalDate.now().plusDays(7), json.readTree(model)));
            return surveys.replaceTargets(s.id(), List.of(new Surveys.TargetRequest("全镇干部", township, null, null, 10))).id();
        });

        driver.get("http://localhost:" + port + "/#/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='login-username'] input, input[data-test='login-username']")))
                .sendKeys(zzb.username());
        driver.findElement(By.cssSelector("[data-test='login-password'] input, input[data-test='login-password']")).sendKeys(Fixture.PASSWORD);
        driver.findElement(By.cssSelector("[data-test='login-submit']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='current-user']"), zzb.username()));
        driver.get("http://localhost:" + port + "/#/surveys/" + id);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='survey-open']"))).click();
        var refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-message--error")));
        browser.shot("refused");
        assertThat(refusal.getText()).contains("第1题“您所在的乡镇（单位）”").contains("占位文字");
        assertThat(fixture.as(zzb, () -> surveys.get(id)).status()).isEqualTo(Surveys.Status.DRAFT);

        // the designer shows the third question's 显示条件 in words, not as a SurveyJS expression
        var pickers = driver.findElements(By.cssSelector("[data-test='condition-picker']"));
        assertThat(pickers).hasSize(3);
        assertThat(pickers.get(2).getText()).contains("当第").contains("2. 工作忙时是否影响参训").contains("经常影响").contains("时显示");
        assertThat(pickers.get(2).findElements(By.cssSelector("input[placeholder^='SurveyJS']"))).isEmpty();
        assertThat(pickers.get(0).getText()).contains("不选则始终显示");

        // adding a second choice writes an anyof condition, which the save stores
        pickers.get(2).findElement(By.cssSelector("[data-test='condition-choices']")).click();
        wait.until(d -> d.findElements(By.cssSelector(".el-select-dropdown__item")).stream()
                .filter(e -> e.isDisplayed() && e.getText().equals("不影响")).findFirst().orElse(null)).click();
        browser.shot("condition-picker");
        driver.findElement(By.cssSelector("[data-test='designer-save']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".el-message--success"), "问卷已保存"));
        var saved = fixture.as(zzb, () -> surveys.get(id)).model().path("pages").get(0).path("elements").get(2);
        assertThat(saved.path("visibleIf").asString()).isEqualTo("{time_conflict} anyof ['yes', 'no']");
    }
}
