package org.ganxun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Requests the UI would never send but a script or another system may: each gets a Chinese message naming
 * the field and the value, in the API's one error shape, never the framework's English text.
 */
@IntegrationTest
class ApiErrorsTest {

    @LocalServerPort int port;
    @Autowired Fixture fixture;

    private ApiSession admin() {
        long county = fixture.org(null, Fixture.unique("错误县"), "COUNTY");
        String name = Fixture.unique("err");
        fixture.user(name, Role.ORG_DEPT_ADMIN, county, null, null);
        ApiSession s = new ApiSession(port);
        assertThat(s.login(name, Fixture.PASSWORD).status()).isEqualTo(200);
        return s;
    }

    @Test
    void aBodyWithAWordForANumberNamesTheFieldAndTheValue() {
        ApiSession s = admin();
        ApiSession.Response r = s.send("POST", "/api/cadres", "{\"name\":\"张三\",\"orgId\":\"第一单位\"}");
        assertThat(r.status()).isEqualTo(400);
        JsonNode body = s.parse(r);
        assertThat(body.get("message").asString()).isEqualTo("字段orgId的值“第一单位”格式不正确");
        assertThat(body.get("problems").get(0).get("field").asString()).isEqualTo("orgId");

        ApiSession.Response date = s.send("POST", "/api/cadres", "{\"name\":\"张三\",\"birthDate\":\"1975-02-30\"}");
        assertThat(date.status()).isEqualTo(400);
        assertThat(s.parse(date).get("message").asString()).contains("birthDate").contains("1975-02-30");

        ApiSession.Response broken = s.send("POST", "/api/cadres", "{\"name\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(s.parse(broken).get("message").asString()).isEqualTo("提交的内容格式不正确，无法识别");
    }

    @Test
    void aQueryParameterOfTheWrongKindIsNamed() {
        ApiSession s = admin();
        ApiSession.Response year = s.get("/api/statistics/training?year=今年");
        assertThat(year.status()).isEqualTo(400);
        assertThat(s.parse(year).get("message").asString()).isEqualTo("参数year的值“今年”格式不正确");

        ApiSession.Response rank = s.get("/api/statistics/cadre-profile?rankLevel=XYZ");
        assertThat(rank.status()).isEqualTo(400);
        JsonNode body = s.parse(rank);
        assertThat(body.get("problems").get(0).get("field").asString()).isEqualTo("rankLevel");
        assertThat(body.get("problems").get(0).get("message").asString()).isEqualTo("值“XYZ”格式不正确");
    }

    @Test
    void anUnknownSortIsRefusedByItsFieldAndTheRosterProblemsAreKeyedByProperty() {
        ApiSession s = admin();
        ApiSession.Response sort = s.get("/api/cadres?sort=%3Cscript%3Ealert(1)%3C/script%3Exxxxxxxxxxxxxxxx,desc");
        assertThat(sort.status()).isEqualTo(400);
        JsonNode body = s.parse(sort);
        assertThat(body.get("problems").get(0).get("field").asString()).isEqualTo("sort");
        // the echo of what was typed is cut short
        assertThat(body.get("message").asString()).isEqualTo("不支持按“<script>alert(1)</sc…”排序");

        // every field of a cadre form is named by its property, as the dialog's fields are
        long county = fixture.org(null, Fixture.unique("错误县"), "COUNTY");
        String name = Fixture.unique("err");
        fixture.user(name, Role.ORG_DEPT_ADMIN, county, null, null);
        s = new ApiSession(port);
        assertThat(s.login(name, Fixture.PASSWORD).status()).isEqualTo(200);
        ApiSession.Response cadre = s.send("POST", "/api/cadres", "{\"name\":\"张\",\"citizenId\":\"123\",\"orgId\":" + county + "}");
        assertThat(cadre.status()).isEqualTo(400);
        java.util.List<String> fields = new java.util.ArrayList<>();
        s.parse(cadre).get("problems").forEach(p -> fields.add(p.get("field").asString()));
        assertThat(fields).contains("name", "citizenId", "staffCategory", "politicalStatus")
                .allMatch(f -> f.matches("[a-zA-Z.\\[\\]0-9]+"));
    }
}
