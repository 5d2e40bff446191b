package org.ganxun.partyedu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.time.LocalDate;

import org.ganxun.support.BrowserTest;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The branch secretary's workbench in Chromium (zhibu in the demo): a mobile member of their branch, registered by
 * the system administrator as away for seven months without transferring their membership (an alert under the
 * 党员教育管理工作条例's six months), shows as one 流动党员预警 on the secretary's home, and its link lands on
 * 流动党员预警 listing that member. The other branch's secretary has no such item. PNGs: target/screenshots/pedesk-*.png.
 */
@IntegrationTest
class PartyEduDeskBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "pedesk";
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired Members members;

    @Test
    void theBranchSecretarysWorkbenchLinksToTheMobileMemberAlerts() {
        Branches b = new Branches(fixture);
        LocalDate today = LocalDate.now(java.time.ZoneId.systemDefault());
        String name = "邓流动";
        b.member(members, Branches.mobileForm(name, b.branchA, "13600000001", today.minusMonths(7), today.minusMonths(1), false));

        login(b.secretaryB.username());
        // the workbench has answered: its list or its empty line is shown
        wait.until(d -> !d.findElements(By.cssSelector("[data-test='desk'] .todos, [data-test='desk-empty']")).isEmpty());
        assertThat(driver.findElements(test("desk-partyedu.mobile"))).as("not the other branch's member").isEmpty();
        driver.manage().deleteAllCookies();

        login(b.secretaryA.username());
        WebElement alerts = wait.until(ExpectedConditions.visibilityOfElementLocated(test("desk-partyedu.mobile")));
        assertThat(alerts.getText()).startsWith("1").contains("流动党员预警");
        browser.shot("secretary-home");
        alerts.click();
        wait.until(ExpectedConditions.urlContains("/partyedu/alerts"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("mobile-alerts"), name));
        assertThat(driver.findElement(test("mobile-alerts")).getText()).contains("外出满六个月未转组织关系");
        browser.shot("secretary-alerts");
    }

    private void login(String username) {
        driver.get("http://localhost:" + port + "/#/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username"))).sendKeys(username);
        driver.findElement(input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(test("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(test("current-user"), username));
    }
}
