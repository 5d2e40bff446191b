package org.ganxun.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.support.PhoneBrowserTest;
import org.ganxun.support.HeadlessChromium;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A two-SCO package on a 390×844 phone: the player lists its SCOs; the first SCO leaves suspend data and a location,
 * and after a reload it is given them back (resume); the second SCO opened from the list completes, and the list shows
 * each SCO's status. PNGs target/screenshots/scorm-*.png.
 */
@IntegrationTest
class ScormBrowserTest extends PhoneBrowserTest {

    @Override
    protected String screenshots() {
        return "scorm";
    }

    @Autowired LearningFixture learning;
    @Autowired JdbcClient jdbc;

    /** A SCO that shows what the API gave it (its title), then stores its own state and status and commits. */
    static String sco(String id, String status) {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>-</title></head><body><p id="t">%s</p><script>
                var api = window.parent.API;
                api.LMSInitialize('');
                document.title = 'got:' + api.LMSGetValue('cmi.suspend_data') + '|' + api.LMSGetValue('cmi.core.lesson_location');
                api.LMSSetValue('cmi.suspend_data', 'state-%s');
                api.LMSSetValue('cmi.core.lesson_location', 'page-2');
                api.LMSSetValue('cmi.core.lesson_status', '%s');
                api.LMSCommit('');
                </script></body></html>""".formatted(id, id, status);
    }

    static byte[] pkg() throws java.io.IOException {
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
                  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
                  <organizations default="o"><organization identifier="o"><title>两讲</title>
                    <item identifier="i1" identifierref="r1"><title>第一讲</title></item>
                    <item identifier="i2" identifierref="r2"><title>第二讲</title></item>
                  </organization></organizations>
                  <resources>
                    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="one.html"/>
                    <resource identifier="r2" type="webcontent" adlcp:scormtype="sco" href="two.html"/>
                  </resources>
                </manifest>""";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String[] f : List.of(new String[] {"imsmanifest.xml", manifest}, new String[] {"one.html", sco("i1", "incomplete")},
                    new String[] {"two.html", sco("i2", "completed")})) {
                zip.putNextEntry(new ZipEntry(f[0]));
                zip.write(f[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private String frameTitle() {
        return (String) driver.executeScript("const f = document.querySelector('iframe'); return f && f.contentDocument ? f.contentDocument.title : ''");
    }

    @Test
    void aTwoScoPackageResumesEachScoAndListsTheirStatus() throws Exception {
        LearningFixture.Learner l = learning.learner("多单元县", "单元明");
        long cadre = l.cadre();
        CurrentUser me = l.me();
        long course = learning.published(l, new Courses.CourseForm("廉政两讲", CourseCategory.POLICY_LAW, null, null, null, null, null),
                "两讲.zip", 10, pkg());

        driver.get(url("/#/m/learning/" + course));
        signIn(me);
        WebElement toc = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("l-sco-toc")));
        assertThat(toc.getText()).contains("1. 第一讲").contains("2. 第二讲");
        // the first SCO starts afresh and commits its state, which the player keeps on the server
        wait.until(d -> frameTitle().startsWith("got:"));
        assertThat(frameTitle()).isEqualTo("got:|");
        wait.until(d -> "state-i1".equals(jdbc.sql("select suspend_data from scorm_state where cadre_id = ? and course_id = ? and sco_id = 'i1'")
                .params(cadre, course).query(String.class).optional().orElse(null)));
        browser.shot("first");

        // a reload (another day, another phone): the first SCO is given back its suspend data and location
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.test("l-sco-toc")));
        wait.until(d -> frameTitle().startsWith("got:"));
        assertThat(frameTitle()).isEqualTo("got:state-i1|page-2");

        // the second SCO from the list completes; the list shows both statuses, the package is not done (the first is not)
        driver.findElements(HeadlessChromium.test("l-sco-item")).get(1).click();
        wait.until(d -> "completed".equals(jdbc.sql("select status from scorm_state where cadre_id = ? and course_id = ? and sco_id = 'i2'")
                .params(cadre, course).query(String.class).optional().orElse(null)));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(HeadlessChromium.test("l-sco-toc"), "已学完"));
        assertThat(driver.findElement(HeadlessChromium.test("l-sco-toc")).getText()).contains("未学完");
        assertThat(driver.findElement(HeadlessChromium.test("l-sco-status")).getText()).isEqualTo("未学完");
        browser.shot("list");
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
    }
}
