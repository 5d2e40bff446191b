package org.ganxun.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * SCORM state kept per learner and SCO: suspend data and location stored and given back on resume (on another
 * session), bounded by the SCORM sizes; a multi-SCO package lists its SCOs in the manifest's order with each one's
 * status, and is done only when every SCO is; another county's learner sees nothing (404); junk refused (400).
 */
@IntegrationTest
class ScormStateApiTest {

    @LocalServerPort int port;
    @Autowired Fixture fixture;

    /** A SCORM 1.2 package of three items: two SCOs and an asset (left out of the table of contents). */
    static byte[] twoScos() throws IOException {
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="m" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
                          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
                  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
                  <organizations default="org">
                    <organization identifier="org"><title>廉政两讲</title>
                      <item identifier="i1" identifierref="r1"><title>第一讲 纪律</title></item>
                      <item identifier="i2" identifierref="r2"><title>第二讲 规矩</title></item>
                      <item identifier="i3" identifierref="r3"><title>附件</title></item>
                    </organization>
                  </organizations>
                  <resources>
                    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="one.html"><file href="one.html"/></resource>
                    <resource identifier="r2" type="webcontent" adlcp:scormtype="sco" href="two/two.html"><file href="two/two.html"/></resource>
                    <resource identifier="r3" type="webcontent" adlcp:scormtype="asset" href="note.html"><file href="note.html"/></resource>
                  </resources>
                </manifest>""";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String[] f : new String[][] {{"imsmanifest.xml", manifest}, {"one.html", "<p>一</p>"}, {"two/two.html", "<p>二</p>"},
                    {"note.html", "<p>注</p>"}}) {
                zip.putNextEntry(new ZipEntry(f[0]));
                zip.write(f[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    record Side(ApiSession admin, ApiSession learner, long course) {
    }

    Side side(byte[] pkg) {
        long org = fixture.org(null, Fixture.unique("课件县"), "COUNTY");
        long cadre = fixture.cadre("课件甲", org);
        String adminName = Fixture.unique("kjadm");
        fixture.user(adminName, Role.ORG_DEPT_ADMIN, org, null, null);
        String learnerName = Fixture.unique("kjxy");
        fixture.user(learnerName, Role.CADRE, null, null, cadre);
        ApiSession admin = new ApiSession(port);
        assertThat(admin.login(adminName, Fixture.PASSWORD).status()).isEqualTo(200);
        ApiSession learner = new ApiSession(port);
        assertThat(learner.login(learnerName, Fixture.PASSWORD).status()).isEqualTo(200);
        long course = admin.parse(admin.send("POST", "/api/learning/courses", """
                {"title": "廉政两讲", "category": "POLICY_LAW"}""")).get("id").asLong();
        ApiSession.Response up = admin.sendBytes("PUT", "/api/learning/courses/" + course + "/medium?minutes=10&name=" + ApiSession.q("两讲.zip"),
                "application/zip", pkg);
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        assertThat(admin.send("POST", "/api/learning/courses/" + course + "/publish", null).status()).isEqualTo(200);
        return new Side(admin, learner, course);
    }

    @Test
    void suspendDataAndLocationAreKeptPerScoAndTheCourseNeedsEverySco() throws Exception {
        Side s = side(twoScos());
        String url = "/api/learning/catalogue/" + s.course() + "/scorm";
        JsonNode state = s.learner().getJson(url);
        assertThat(state.get("version").asString()).isEqualTo("1.2");
        assertThat(state.get("scos").findValuesAsString("title")).containsExactly("第一讲 纪律", "第二讲 规矩");
        assertThat(state.get("scos").get(1).get("launchUrl").asString()).isEqualTo("/api/learning/courses/" + s.course() + "/package/two/two.html");
        assertThat(state.get("done").asBoolean()).isFalse();

        // the first SCO suspends at a page with its data; read back (another device, a later day) as it was left
        String data = "viewed=1,2,3|last=3|<b>&\"'";
        ApiSession.Response saved = s.learner().send("PUT", url, """
                {"sco": "i1", "status": "incomplete", "location": "page-3", "suspendData": %s}""".formatted(quote(data)));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        JsonNode again = s.learner().getJson(url);
        assertThat(again.get("scos").get(0).get("location").asString()).isEqualTo("page-3");
        assertThat(again.get("scos").get(0).get("suspendData").asString()).isEqualTo(data);
        assertThat(again.get("status").asString()).isEqualTo("incomplete");

        // one SCO done is not the package done; both are
        s.learner().send("PUT", url, "{\"sco\": \"i1\", \"status\": \"completed\"}");
        JsonNode half = s.learner().getJson(url);
        assertThat(half.get("scos").get(0).get("status").asString()).isEqualTo("completed");
        assertThat(half.get("scos").get(0).get("location").asString()).as("a status alone keeps the location").isEqualTo("page-3");
        assertThat(half.get("done").asBoolean()).isFalse();
        assertThat(half.get("status").asString()).isEqualTo("incomplete");
        JsonNode all = s.learner().parse(s.learner().send("PUT", url, "{\"sco\": \"i2\", \"status\": \"passed\"}"));
        assertThat(all.get("done").asBoolean()).isTrue();
        assertThat(all.get("status").asString()).isEqualTo("completed");

        // hostile: past the SCORM 1.2 sizes, a SCO not in the package, a made-up status, NUL
        ApiSession.Response big = s.learner().send("PUT", url, "{\"sco\": \"i1\", \"suspendData\": \"" + "x".repeat(4097) + "\"}");
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.text()).contains("suspendData").contains("4096");
        ApiSession.Response far = s.learner().send("PUT", url, "{\"sco\": \"i1\", \"location\": \"" + "x".repeat(256) + "\"}");
        assertThat(far.status()).isEqualTo(400);
        assertThat(far.text()).contains("location");
        assertThat(s.learner().send("PUT", url, "{\"sco\": \"../i9\", \"status\": \"completed\"}").status()).isEqualTo(400);
        ApiSession.Response junk = s.learner().send("PUT", url, "{\"sco\": \"i1\", \"status\": \"<script>alert(1)</script>\"}");
        assertThat(junk.status()).isEqualTo(400);
        assertThat(junk.text()).contains("status");
        assertThat(s.learner().send("PUT", url, "{\"sco\": \"i1\", \"suspendData\": \"a\\u0000b\"}").status()).isEqualTo(400);
        assertThat(s.learner().getJson(url).get("scos").get(0).get("suspendData").asString()).isEqualTo(data);

        // another county's learner: the course is not open to them
        Side other = side(org.ganxun.demo.DemoScorm.scorm12Package());
        assertThat(other.learner().send("GET", url, null).status()).isEqualTo(404);
        assertThat(other.learner().send("PUT", url, "{\"sco\": \"i1\", \"status\": \"completed\"}").status()).isEqualTo(404);
        // a single-SCO package: one entry, id ''
        JsonNode single = other.learner().getJson("/api/learning/catalogue/" + other.course() + "/scorm");
        assertThat(single.get("scos")).hasSize(1);
        assertThat(single.get("scos").get(0).get("id").asString()).isEmpty();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
