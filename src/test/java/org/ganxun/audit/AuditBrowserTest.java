package org.ganxun.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

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

/** 审计日志: the administrator checks the log's integrity with 校验完整性 and is told it is intact, then that it is not. */
@IntegrationTest
class AuditBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "audit";
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired AuditRetention retention;
    @Autowired JdbcClient jdbc;

    @Test
    void theAdministratorVerifiesTheLogAndIsToldWhichEntryWasChanged() {
        retention.purge(Instant.now().plusSeconds(86400L * 366 * 11)); // start from a chain no other test has touched
        CurrentUser admin = fixture.user(Fixture.unique("sj"), Role.AUDIT_ADMIN, null, null, null);
        driver.get("http://localhost:" + port + "/#/system/audit");
        wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.input("login-username"))).sendKeys(admin.username());
        driver.findElement(HeadlessChromium.input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(HeadlessChromium.test("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("audit-table")));

        driver.findElement(HeadlessChromium.test("audit-verify")).click();
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-message-box")));
        assertThat(box.getText()).contains("审计日志完整").contains("哈希链完整");
        browser.shot("intact");
        box.findElement(By.cssSelector(".el-message-box__btns button")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-message-box")));

        long login = jdbc.sql("select id from audit_log where action = 'LOGIN' and actor_username = ? order by id desc limit 1")
                .param(admin.username()).query(Long.class).single();
        String addr = jdbc.sql("select remote_addr from audit_log where id = ?").param(login).query(String.class).single();
        jdbc.sql("update audit_log set remote_addr = '10.0.0.9' where id = ?").param(login).update();
        try {
            driver.findElement(HeadlessChromium.test("audit-verify")).click();
            box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-message-box")));
            assertThat(box.getText()).contains("审计日志被篡改").contains("记录 " + login).contains("写入后被修改");
            browser.shot("altered");
        } finally {
            jdbc.sql("update audit_log set remote_addr = ? where id = ?").params(addr, login).update();
        }
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'VERIFY' and actor_username = ?")
                .param(admin.username()).query(Long.class).single()).isEqualTo(2);
    }
}
