package org.ganxun.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.partyedu.ActivityKind;
import org.ganxun.partyedu.ContactVia;
import org.ganxun.partyedu.MemberCategory;
import org.ganxun.partyedu.Members;
import org.ganxun.partyedu.StudyActivities;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 党员教育 in Debian's headless Chromium: a member away confirms online attendance on a 390 px wide phone
 * from their SMS link (no account), and a branch secretary finds the member, the alert and the activity in
 * the console. PNGs go to target/screenshots/partyedu-*.png.
 */
@IntegrationTest
class PartyEduBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "partyedu";
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired Members members;
    @Autowired StudyActivities activities;
    @Autowired JdbcClient jdbc;

    @Test
    void aMemberAwayConfirmsOnAPhoneAndTheSecretarySeesItInTheConsole() {
        String tag = Fixture.unique("");
        long township = fixture.org(fixture.org(null, "界面县" + tag, "COUNTY"), "界面镇" + tag, "TOWNSHIP");
        long village = fixture.org(township, "界面村" + tag, "VILLAGE");
        long committee = fixture.partyOrg(null, "界面镇党委" + tag, "COMMITTEE", township);
        long branch = fixture.partyOrg(committee, "界面村党支部" + tag, "BRANCH", village);
        String username = "uipe_" + tag;
        CurrentUser secretary = fixture.user(username, Role.BRANCH_SECRETARY, null, branch, null);
        jdbc.sql("update app_user set display_name = '马书记' where id = ?").param(secretary.id()).update();
        long away = fixture.as(secretary, () -> members.create(new Members.MemberForm("邓在外", Fixture.citizenId(LocalDate.of(1992, 5, 6), true),
                LocalDate.of(2016, 7, 1), false, branch, "13912345678", MemberCategory.MIGRANT_WORKER, List.of("青年农民工群"), true,
                "广东省深圳市", "某物流公司", LocalDate.now().minusMonths(7), false, "马书记", "13800001111", LocalDate.now().minusMonths(7),
                ContactVia.QQ, null, null, null)).id());
        StudyActivities.Activity a = fixture.as(secretary, () -> activities.create(new StudyActivities.ActivityRequest(branch,
                ActivityKind.PARTY_DAY, "学习贯彻党的二十大精神", LocalDate.now(), new BigDecimal("3"), "村委会",
                "一、学习党的二十大报告第一部分。\n二、结合外出务工实际谈体会。", LocalDate.now().plusDays(10))));
        String link = fixture.as(secretary, () -> activities.invite(a.id(), List.of(away), false)).get(0).link();
        String token = link.substring(link.lastIndexOf('/') + 1);

        try {
            // ---- the member's phone: 390 px wide, no account; a wrong link first, then the right one in the same tab
            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(base() + "/#/m/study/no-such-link");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".status.error"), "参学链接无效"));
            driver.get(base() + "/#/m/study/" + token);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("checkin-topic"), "学习贯彻党的二十大精神"));
            assertThat(((Number) driver.executeScript("return window.innerWidth")).intValue()).isLessThanOrEqualTo(400);
            assertThat(((Number) driver.executeScript("return document.documentElement.scrollWidth")).intValue())
                    .as("nothing wider than the phone").isLessThanOrEqualTo(((Number) driver.executeScript("return window.innerWidth")).intValue());
            shot("phone-invitation");
            driver.findElement(test("checkin-confirm")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("checkin-message"), "完成参学，计3学时"));
            assertThat(driver.findElements(test("checkin-confirm"))).isEmpty();
            shot("phone-attended");
            assertThat(jdbc.sql("select mode from study_attendance where activity_id = ? and member_id = ?").params(a.id(), away)
                    .query(String.class).single()).isEqualTo("ONLINE");

            // ---- the branch secretary's console
            driver.manage().window().setSize(new Dimension(1400, 900));
            driver.get(base() + "/#/login");
            wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username"))).sendKeys(username);
            driver.findElement(input("login-password")).sendKeys(Fixture.PASSWORD);
            driver.findElement(test("login-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("current-user"), "马书记"));

            browser.openMenu("党员教育", "党员管理");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("member-table"), "邓在外"));
            assertThat(driver.findElement(test("member-table")).getText()).contains("广东省深圳市", "未转组织关系");
            shot("members");

            browser.openMenu("党员教育", "流动党员预警");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("mobile-alerts"), "外出满六个月未转组织关系"));
            assertThat(driver.findElement(test("mobile-alerts")).getText()).contains("失去联系满六个月");
            shot("alerts");

            browser.openMenu("党员教育", "学习活动");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("activity-table"), "学习贯彻党的二十大精神"));
            assertThat(driver.findElement(test("activity-table")).getText()).contains("在线1");
            shot("activities");

            // registering an activity: the secretary's only branch is chosen already
            driver.findElement(test("activity-add")).click();
            WebElement picker = wait.until(ExpectedConditions.visibilityOfElementLocated(test("activity-branch")));
            wait.until(d -> picker.getText().contains("界面村党支部" + tag));
            shot("activity-form");
        } catch (RuntimeException | AssertionError e) {
            shot("failure");
            throw e;
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private void shot(String name) {
        browser.shot(name);
    }
}
