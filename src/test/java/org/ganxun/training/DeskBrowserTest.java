package org.ganxun.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.ganxun.classroom.Leaves;
import org.ganxun.notify.Notifications;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The workbench in Chromium: the organisation department's home lists the filing the party school submitted and its
 * link lands on 备案审批 with the class; the registrar's home lists the trainee's leave and its link lands on 教务管理
 * with the class and the 请假审批 tab open, where approving confirms itself. A message sent while the message centre is
 * open appears on the bell and in the list without a reload. PNGs: target/screenshots/desk-*.png.
 */
@IntegrationTest
class DeskBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "desk";
    }

    @LocalServerPort int port;
    @Autowired TrainingFixture tf;
    @Autowired TrainingClasses classes;
    @Autowired Enrollments enrollments;
    @Autowired Leaves leaves;
    @Autowired Notifications notifications;
    @Autowired JdbcClient jdbc;

    @Test
    void theWorkbenchOfEachRoleLinksToTheFilteredPage() {
        TrainingFixture.awayFromMidnight();
        TrainingFixture.County c = tf.county();
        LocalDate today = LocalDate.now(java.time.ZoneId.systemDefault());
        String filedName = Fixture.unique("待审批培训班");
        long filed = c.draft(filedName, today.plusDays(20), today.plusDays(21), List.of(), 10,
                List.of(TrainingFixture.session(today.plusDays(20), 9, 12, "开班", null, null)));
        tf.fixture.as(c.registrar, () -> classes.submit(filed));

        // the organisation department: one filing to approve, its link opens 备案审批 listing it
        login(c.admin.username());
        WebElement approvals = wait.until(ExpectedConditions.visibilityOfElementLocated(test("desk-training.approvals")));
        assertThat(approvals.getText()).startsWith("1").contains("待审批的班次备案");
        browser.shot("admin-home");
        approvals.click();
        wait.until(ExpectedConditions.urlContains("/training/approvals"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("class-table"), filedName));
        browser.shot("admin-approvals");

        // a running class where a trainee asked for leave: the registrar's workbench links to its 请假审批 tab
        String runningName = Fixture.unique("在训培训班");
        long running = tf.fixture.as(c.registrar, () -> classes.create(c.form(runningName, today, today, List.of(), 5,
                List.of(new TrainingClasses.SessionForm(null, today, LocalTime.of(0, 0), LocalTime.of(23, 59), "专题辅导", null, "党校",
                        new BigDecimal("3"))))).id());
        tf.fixture.as(c.registrar, () -> classes.submit(running));
        tf.fixture.as(c.admin, () -> classes.approve(running, null));
        long cadre = c.staff("请假学员", c.townA);
        tf.fixture.as(c.admin, () -> enrollments.name(running, cadre));
        CurrentUser trainee = tf.fixture.user(Fixture.unique("qj"), Role.CADRE, null, null, cadre);
        long sessionId = classes.sessions(running).get(0).id();
        long leaveId = tf.fixture.as(trainee, () -> leaves.request(running, new Leaves.LeaveForm(List.of(sessionId), "下乡防汛")).id());

        logout();
        login(c.registrar.username());
        WebElement leave = wait.until(ExpectedConditions.visibilityOfElementLocated(test("desk-training.leaves." + running)));
        assertThat(leave.getText()).startsWith("1").contains(runningName);
        browser.shot("registrar-home");
        leave.click();
        wait.until(ExpectedConditions.urlContains("classId=" + running));
        assertThat(driver.getCurrentUrl()).contains("tab=leaves").contains("/training/classroom");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("leave-table"), "下乡防汛"));
        assertThat(driver.findElement(By.cssSelector(".el-tabs__item.is-active")).getText()).isEqualTo("请假审批");
        browser.shot("registrar-leaves");

        // approving confirms itself (it used to say nothing)
        driver.findElement(test("leave-approve")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".el-message-box__btns .el-button--primary"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".el-message--success"), "已批准请假学员的请假"));
        browser.shot("leave-approved");
        assertThat(jdbc.sql("select status from leave_request where id = ?").param(leaveId).query(String.class).single()).isEqualTo("APPROVED");
    }

    /**
     * The unit liaison (富驿镇's 培训专管员 in the demo): the department approved a class the party school filed and
     * gave the township two seats; the liaison's workbench lists the seats to fill, and its link lands on 学员报名
     * with that class chosen and the township's quota shown. The other township's liaison sees nothing of it.
     */
    @Test
    void theUnitLiaisonsWorkbenchLinksToNominatingForTheClass() {
        TrainingFixture.County c = tf.county();
        LocalDate today = LocalDate.now(java.time.ZoneId.systemDefault());
        String name = Fixture.unique("名额班");
        long cls = c.draft(name, today.plusDays(20), today.plusDays(21), List.of(), 10,
                List.of(TrainingFixture.session(today.plusDays(20), 9, 12, "开班", null, null)));
        tf.fixture.as(c.registrar, () -> classes.submit(cls));
        tf.fixture.as(c.admin, () -> classes.approve(cls, null));
        tf.fixture.as(c.admin, () -> enrollments.setQuotas(cls, List.of(new Enrollments.QuotaRequest(c.townA, 2))));

        login(c.liaisonB.username());
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("current-user")));
        // the workbench has answered: its list or its empty line is shown
        wait.until(d -> !d.findElements(By.cssSelector("[data-test='desk'] .todos, [data-test='desk-empty']")).isEmpty());
        assertThat(driver.findElements(test("desk-training.nominate." + cls))).as("not the other township's seats").isEmpty();
        logout();

        login(c.liaisonA.username());
        WebElement seats = wait.until(ExpectedConditions.visibilityOfElementLocated(test("desk-training.nominate." + cls)));
        assertThat(seats.getText()).startsWith("2").contains(name);
        browser.shot("liaison-home");
        seats.click();
        wait.until(ExpectedConditions.urlContains("/training/enroll"));
        assertThat(driver.getCurrentUrl()).contains("classId=" + cls);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-card .muted"), name + "："));
        // the township's quota comes with the candidates, a moment after the class
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-card .muted"), "名额 0/2"));
        browser.shot("liaison-enroll");
    }

    @Test
    void aMessageArrivesInAnOpenPage() {
        TrainingFixture.County c = tf.county();
        login(c.admin.username());
        driver.get(base() + "/#/me/messages");
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("msg-unread-filter")));
        assertThat(driver.findElements(test("msg-row"))).isEmpty();
        browser.shot("messages-empty");

        String title = Fixture.unique("站点离线预警");
        notifications.toUser(c.admin.id(), "SITE_ALERT", title, "甲镇远程教育站点已连续3天未播放", "/#/partyedu/sites?tab=alerts", null);

        // the page polls the unread count every 30 seconds: the bell and the list show it without a reload
        WebDriverWait poll = new WebDriverWait(driver, Duration.ofSeconds(45));
        poll.until(ExpectedConditions.textToBePresentInElementLocated(test("msg-row"), title));
        poll.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='bell'] sup"), "1"));
        browser.shot("messages-arrived");
        assertThat(driver.findElement(test("msg-row")).getText()).contains("未读").contains("远程站点");

        // reading it opens its object and the bell goes quiet
        driver.findElement(test("msg-open")).click();
        wait.until(ExpectedConditions.urlContains("/partyedu/sites"));
        // (the badge is re-rendered as the count changes: an element found a moment ago may be gone, so look again)
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("[data-test='bell'] sup")).stream().noneMatch(WebElement::isDisplayed));
        assertThat(jdbc.sql("select read_at is not null from notification where title = ?").param(title).query(Boolean.class).single()).isTrue();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static By test(String name) {
        return By.cssSelector("[data-test='" + name + "']");
    }

    private void login(String username) {
        driver.get(base() + "/#/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='login-username'] input, input[data-test='login-username']")))
                .sendKeys(username);
        driver.findElement(By.cssSelector("[data-test='login-password'] input, input[data-test='login-password']")).sendKeys(Fixture.PASSWORD);
        driver.findElement(test("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("current-user"), username));
    }

    private void logout() {
        driver.manage().deleteAllCookies();
        driver.get(base() + "/#/login");
    }
}
