package org.ganxun.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.partyedu.ActivityKind;
import org.ganxun.partyedu.MemberCategory;
import org.ganxun.partyedu.Members;
import org.ganxun.partyedu.StudyActivities;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.survey.Surveys;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stored script in every field the UI shows from what people typed (the survey's html elements, its titles,
 * descriptions, choices and completion text, the survey's title and purpose, a study activity's topic and
 * content) is shown as text or removed and never runs, for an anonymous answerer and for the system
 * administrator signed in. Each payload would set {@code window.__xss} and the page title.
 */
@IntegrationTest
class StoredScriptBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "xss";
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired Surveys surveys;
    @Autowired Members members;
    @Autowired StudyActivities activities;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;

    /** A payload that marks the page when it runs, by way of an image error, a script element and an svg. */
    private static String payload(String field) {
        return "<img src=x onerror=\"window.__xss='" + field + "';document.title='pwned'\">"
                + "<script>window.__xss='" + field + "'</script>"
                + "<svg onload=\"window.__xss='" + field + "'\"></svg>";
    }

    private static String js(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void storedScriptsAreShownAsTextOrRemovedAndNeverRun() {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "防注入县" + tag, "COUNTY");
        CurrentUser zzb = fixture.user(Fixture.unique("zzb"), Role.ORG_DEPT_ADMIN, county, null, null);
        String admin = Fixture.unique("admin");
        fixture.user(admin, Role.SYSTEM_ADMIN, null, null, null);
        String model = """
                {"title": "%s", "description": "%s", "completedHtml": "<p>谢谢</p>%s",
                 "pages": [{"name": "p1", "title": "%s", "description": "%s", "elements": [
                   {"type": "html", "name": "intro", "html": "<p><b>填写说明</b>：请如实填写。</p>%s"},
                   {"type": "radiogroup", "name": "rank_level", "title": "您的职级%s", "description": "说明%s", "isRequired": true,
                    "choices": [{"value": "TOWNSHIP", "text": "乡科级%s"}, {"value": "STAFF", "text": "科员及以下"}]},
                   {"type": "panel", "name": "more", "title": "更多%s", "elements": [
                     {"type": "html", "name": "note", "html": {"default": "<i>补充</i>%s", "zh-cn": "<i>补充说明</i>%s"}},
                     {"type": "comment", "name": "suggestions", "title": "意见和建议%s", "placeholder": "%s"}
                   ]}
                 ]}]}""".formatted(js(payload("model-title")), js(payload("model-description")), js(payload("completedHtml")),
                js(payload("page-title")), js(payload("page-description")), js(payload("html")), js(payload("question-title")),
                js(payload("question-description")), js(payload("choice")), js(payload("panel-title")), js(payload("html-default")),
                js(payload("html-zh")), js(payload("comment-title")), js(payload("placeholder")));
        Surveys.Survey s = fixture.as(zzb, () -> {
            Surveys.Survey created = surveys.create(new Surveys.SurveyRequest("需求调研" + payload("survey-title"), "说明" + payload("purpose"),
                    null, true, LocalDate.now(), LocalDate.now().plusDays(7), json.readTree(model)));
            surveys.replaceTargets(created.id(), List.of(new Surveys.TargetRequest("全体干部", county, null, null, 20)));
            return surveys.open(created.id());
        });

        long township = fixture.org(county, "防注入镇" + tag, "TOWNSHIP");
        long village = fixture.org(township, "防注入村" + tag, "VILLAGE");
        long committee = fixture.partyOrg(null, "防注入镇党委" + tag, "COMMITTEE", township);
        long branch = fixture.partyOrg(committee, "防注入村党支部" + tag, "BRANCH", village);
        CurrentUser secretary = fixture.user(Fixture.unique("zb"), Role.BRANCH_SECRETARY, null, branch, null);
        long away = fixture.as(secretary, () -> members.create(new Members.MemberForm("邓在外", Fixture.citizenId(LocalDate.of(1992, 5, 6), true),
                LocalDate.of(2016, 7, 1), false, branch, "13912345678", MemberCategory.OTHER, List.of(), false,
                null, null, null, false, null, null, null, null, null, null, null)).id());
        StudyActivities.Activity a = fixture.as(secretary, () -> activities.create(new StudyActivities.ActivityRequest(branch,
                ActivityKind.PARTY_DAY, "主题党日" + payload("activity-topic"), LocalDate.now(), new BigDecimal("3"), "村委会" + payload("venue"),
                "一、学习。" + payload("activity-content"), LocalDate.now().plusDays(10))));
        String link = fixture.as(secretary, () -> activities.invite(a.id(), List.of(away), false)).get(0).link();
        String token = link.substring(link.lastIndexOf('/') + 1);

        try {
            // an anonymous answerer
            driver.get(base() + "/#/s/" + s.publicToken());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//b[normalize-space(text())='填写说明']")));
            settle();
            browser.shot("answer-anonymous");
            assertNothingRan("the answer page");
            assertThat(driver.findElements(By.cssSelector(".sd-html img, .sd-html script, .sd-html svg"))).isEmpty();

            // the member's invitation page
            driver.get(base() + "/#/m/study/" + token);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("checkin-topic"), "主题党日"));
            settle();
            browser.shot("study-invitation");
            assertNothingRan("the study invitation");

            // the system administrator, signed in: the answer page, the survey's own page and the survey list
            driver.get(base() + "/#/login");
            wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username"))).sendKeys(admin);
            driver.findElement(input("login-password")).sendKeys(Fixture.PASSWORD);
            driver.findElement(test("login-submit")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(test("current-user")));
            driver.get(base() + "/#/s/" + s.publicToken());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//b[normalize-space(text())='填写说明']")));
            settle();
            assertNothingRan("the answer page, signed in");
            driver.get(base() + "/#/surveys/" + s.id());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "需求调研"));
            settle();
            browser.shot("survey-detail");
            assertNothingRan("the survey's page");
        } catch (AssertionError | RuntimeException e) {
            browser.shot("failure");
            throw e;
        }
        // and what is stored has no script left in it (the page's CSP is not the only thing in the way)
        String stored = jdbc.sql("select model::text from survey where id = ?").param(s.id()).query(String.class).single();
        assertThat(stored).doesNotContain("onerror").doesNotContain("<script").doesNotContain("onload").contains("<b>填写说明</b>");
    }

    private void assertNothingRan(String where) {
        assertThat(driver.executeScript("return window.__xss === undefined ? null : String(window.__xss)")).as(where).isNull();
        // the survey's title is the page's title, payload and all, as text; only a payload that ran makes it "pwned"
        assertThat(driver.getTitle()).as(where).isNotEqualTo("pwned");
    }

    /** Images fail and handlers fire asynchronously: give them the time they would take. */
    private static void settle() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
