package org.ganxun.secondment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.HeadlessChromium;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A cadre of a sending unit finds an upcoming secondment programme on 我的挂职 and puts themself forward (个人自荐). */
@IntegrationTest
class SelfRegistrationBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "self-register";
    }

    @Override
    protected boolean phone() {
        return true;
    }

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired Programmes programmes;
    @Autowired JdbcClient jdbc;

    @Test
    void aCadrePutsThemselfForwardFromTheirPhone() {
        long county = fixture.org(null, Fixture.unique("自荐县"), "COUNTY");
        long dept = fixture.org(county, Fixture.unique("发改局"), "DEPARTMENT");
        CurrentUser orgDept = fixture.user(Fixture.unique("zzb"), Role.ORG_DEPT_ADMIN, county, null, null);
        String name = Fixture.unique("县直年轻干部下派挂职");
        long programme = fixture.as(orgDept, () -> programmes.create(new Programmes.ProgrammeForm(name, Direction.DOWNWARD, county,
                LocalDate.now().plusMonths(1), LocalDate.now().plusMonths(13), "到乡镇挂任乡镇长助理", new BigDecimal("10000"),
                new BigDecimal("2000"), new BigDecimal("3000"), null, 3, List.of(RankLevel.STAFF, RankLevel.TOWNSHIP),
                null, null, null, null, null, null, null, null, null, null, null, 7, List.of(dept))).id());
        long cadre = fixture.cadre("自荐明", dept);
        jdbc.sql("update cadre set entered_work_on = ? where id = ?").params(LocalDate.of(2012, 8, 1), cadre).update();
        CurrentUser me = fixture.user(Fixture.unique("zj"), Role.CADRE, null, null, cadre);

        driver.get("http://localhost:" + port + "/#/secondment/my");
        wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.input("login-username"))).sendKeys(me.username());
        driver.findElement(HeadlessChromium.input("login-password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(HeadlessChromium.test("login-submit")).click();
        var open = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("open-programmes")));
        assertThat(open.getText()).contains(name);
        browser.shot("open");

        open.findElement(By.cssSelector("input")).sendKeys("愿到基层一线锻炼");
        driver.findElement(HeadlessChromium.test("self-register")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(HeadlessChromium.test("open-programmes"), "已报名"));
        browser.shot("registered");

        var stored = jdbc.sql("select source, recommendation_note from secondment_candidate where programme_id = ? and cadre_id = ?")
                .params(programme, cadre).query().singleRow();
        assertThat(stored.get("source")).isEqualTo("SELF");
        assertThat(stored.get("recommendation_note")).isEqualTo("愿到基层一线锻炼");
    }
}
