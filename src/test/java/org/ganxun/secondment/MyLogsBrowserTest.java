package org.ganxun.secondment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.people.RankLevel;
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

/** A seconded cadre on 我的挂职 on their phone: writes a work log and reads who commented on an earlier one. */
@IntegrationTest
class MyLogsBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "my-logs";
    }

    @Override
    protected boolean phone() {
        return true;
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired Programmes programmes;
    @Autowired Selection selection;
    @Autowired Postings postings;
    @Autowired JdbcClient jdbc;

    @Test
    void aSecondedCadreWritesALogAndSeesWhoCommented() {
        long county = fixture.org(null, Fixture.unique("日志县"), "COUNTY");
        long dept = fixture.org(county, Fixture.unique("发改局"), "DEPARTMENT");
        long town = fixture.org(county, Fixture.unique("甲镇"), "TOWNSHIP");
        CurrentUser orgDept = fixture.user(Fixture.unique("zzb"), Role.ORG_DEPT_ADMIN, county, null, null);
        long programme = fixture.as(orgDept, () -> programmes.create(new Programmes.ProgrammeForm(Fixture.unique("县直干部下派挂职"),
                Direction.DOWNWARD, county, LocalDate.now().minusMonths(2), LocalDate.now().plusMonths(10), "到乡镇挂任乡镇长助理",
                new BigDecimal("10000"), new BigDecimal("2000"), new BigDecimal("3000"), null, 3,
                List.of(RankLevel.STAFF, RankLevel.TOWNSHIP), null, null, null, null, null, null, null, null, null, null, null, 7,
                List.of(dept))).id());
        long post = fixture.as(orgDept, () -> programmes.addPost(programme, new Programmes.PostForm(town, "镇长助理（挂职）", "协助抓乡村振兴", 1))).id();
        long cadre = fixture.cadre("日志明", dept);
        jdbc.sql("update cadre set reserve_cadre = true, entered_work_on = ? where id = ?").params(LocalDate.of(2012, 8, 1), cadre).update();
        long candidate = fixture.as(orgDept, () -> selection.register(programme,
                new Selection.CandidateForm(cadre, CandidateSource.RESERVE_POOL, null, null))).id();
        long posting = fixture.as(orgDept, () -> selection.approve(candidate, new Selection.ApproveForm(post, null, null))).postingId();
        CurrentUser me = fixture.user(Fixture.unique("rz"), Role.CADRE, null, null, cadre);
        long first = fixture.as(me, () -> postings.writeLog(posting,
                new Postings.LogForm(LocalDate.now().minusDays(3), "到镇里报到，熟悉分管工作"))).id();
        // the organisation department (not the receiving unit) comments on it
        fixture.as(orgDept, () -> postings.comment(first, new Postings.CommentForm("到岗及时，进入角色快")));
        String department = jdbc.sql("select display_name from app_user where username = ?").param(orgDept.username())
                .query(String.class).single();

        driver.get("http://localhost:" + port + "/#/secondment/my");
        wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.input("login-username"))).sendKeys(me.username());
        driver.findElement(HeadlessChromium.input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(HeadlessChromium.test("login-submit")).click();
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("my-posting")));
        // the card shows before its logs have come (they are read after the postings)
        wait.until(ExpectedConditions.textToBePresentInElementLocated(HeadlessChromium.test("my-posting"), "到镇里报到"));
        assertThat(card.getText()).contains("镇长助理（挂职）").contains("到镇里报到，熟悉分管工作")
                .contains("点评（" + department + "）：到岗及时，进入角色快")
                .doesNotContain("接收单位点评");
        browser.shot("posting");

        card.findElement(By.cssSelector("[data-test='log-content'] textarea, textarea[data-test='log-content']")).sendKeys("参加镇党委会，学习乡村振兴项目管理");
        driver.findElement(HeadlessChromium.test("log-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(HeadlessChromium.test("my-posting"), "参加镇党委会，学习乡村振兴项目管理"));
        browser.shot("written");
        assertThat(jdbc.sql("select count(*) from secondment_log where posting_id = ?").param(posting).query(Long.class).single())
                .isEqualTo(2);
        assertThat(driver.findElement(HeadlessChromium.test("my-posting")).getText()).contains("我的工作日志（2篇）");
        // the card is drawn before its logs arrive: drawing it must not read the logs' fields meanwhile
        assertThat(browser.scriptErrors()).as("script errors of 我的挂职").isEmpty();
    }
}
