package org.ganxun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an attacker sends on purpose (a NUL byte, a forged Host header, anonymous calls for the API's
 * description) and the headers every answer carries.
 */
@IntegrationTest
class HostileRequestsTest {

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired WebApplicationContext context;
    @Autowired JsonMapper json;
    @Value("${ganxun.public-url}") String publicUrl;

    private ApiSession admin() {
        long county = fixture.org(null, Fixture.unique("敌意县"), "COUNTY");
        String name = Fixture.unique("hostile");
        fixture.user(name, Role.ORG_DEPT_ADMIN, county, null, null);
        ApiSession s = new ApiSession(port);
        assertThat(s.login(name, Fixture.PASSWORD).status()).isEqualTo(200);
        return s;
    }

    @Test
    void theApiDescriptionIsClosedToAnonymousCallersInEveryFormat() {
        ApiSession anonymous = new ApiSession(port);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(anonymous.get("/v3/api-docs.yaml").status()).isEqualTo(401);
        assertThat(anonymous.get("/v3/api-docs/swagger-config").status()).isEqualTo(401);
        ApiSession s = admin();
        assertThat(s.get("/v3/api-docs.yaml").status()).isEqualTo(200);
    }

    @Test
    void aNulByteInAParameterOrABodyIsRefusedBeforeSql() {
        ApiSession s = admin();
        for (String path : List.of("/api/cadres?name=%E5%BC%A0%00", "/api/partyedu/members?name=%00", "/api/users?text=a%00b")) {
            ApiSession.Response r = s.get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            JsonNode body = s.parse(r);
            assertThat(body.get("message").asString()).as(path).contains("空字符");
            assertThat(body.get("problems").get(0).get("field").asString()).as(path).isIn("name", "text");
        }
        ApiSession.Response body = s.send("POST", "/api/cadres", "{\"name\":\"张\\u0000三\"}");
        assertThat(body.status()).isEqualTo(400);
        assertThat(s.parse(body).get("message").asString()).contains("空字符");
        // an escaped backslash followed by u0000 is text, not a NUL: the call goes on to its own checks
        ApiSession.Response text = s.send("POST", "/api/cadres", "{\"name\":\"张\\\\u0000三\"}");
        assertThat(s.parse(text).get("message").asString()).doesNotContain("空字符");
    }

    /**
     * A NUL in any text of a JSON body, one form of each module family: refused before the handler (and before SQL,
     * which cannot store it), with the problem keyed by the property path the constraints use.
     */
    @Test
    void aNulInAnyTextOfABodyIsRefusedByItsPathInEveryModule() {
        ApiSession s = admin();
        String nul = "甲\\u0000乙";
        String[][] cases = {
                {"POST", "/api/cadres", "{\"name\":\"张三\",\"post\":\"" + nul + "\"}", "post"},
                {"POST", "/api/users", "{\"username\":\"nul_user\",\"displayName\":\"" + nul + "\",\"role\":\"CADRE\"}", "displayName"},
                {"POST", "/api/orgs", "{\"name\":\"" + nul + "\",\"kind\":\"UNIT\"}", "name"},
                {"POST", "/api/training/classes", "{\"name\":\"班\",\"sessions\":[{\"topic\":\"开班\"},{\"topic\":\"" + nul + "\"}]}", "sessions[1].topic"},
                {"PUT", "/api/surveys/0/targets", "[{\"issuedCount\":1},{\"label\":\"" + nul + "\"}]", "[1].label"},
                {"PUT", "/api/exams/attempts/0/answers/0", "{\"response\":\"" + nul + "\"}", "response"},
                {"POST", "/api/learning/courses", "{\"title\":\"" + nul + "\",\"category\":\"BUSINESS\"}", "title"},
                {"POST", "/api/archive/entries", "{\"title\":\"培训\",\"evidence\":\"" + nul + "\"}", "evidence"},
                {"POST", "/api/compliance/rule-sets", "{\"name\":\"规则\",\"document\":{\"requirements\":[{\"title\":\"" + nul + "\"}]}}",
                        "document.requirements[0].title"},
                {"POST", "/api/planning/plans", "{\"title\":\"规划\",\"note\":\"" + nul + "\"}", "note"},
                {"POST", "/api/partyedu/classroom/lecturers", "{\"name\":\"" + nul + "\"}", "name"},
                {"POST", "/api/secondment/programmes/0/forums", "{\"title\":\"座谈会\",\"place\":\"" + nul + "\"}", "place"},
                {"POST", "/api/training/classes/0/return", "{\"reason\":\"" + nul + "\"}", "reason"},
        };
        for (String[] c : cases) {
            ApiSession.Response r = s.send(c[0], c[1], c[2]);
            assertThat(r.status()).as(c[1] + " " + r.text()).isEqualTo(400);
            JsonNode body = s.parse(r);
            assertThat(body.get("problems").get(0).get("field").asString()).as(c[1]).isEqualTo(c[3]);
            assertThat(body.get("message").asString()).as(c[1]).isEqualTo("字段" + c[3] + "含有空字符（\\u0000），无法保存，请删除后重试");
        }
    }

    /**
     * The JSON part of an upload (a training reported with its certificate) is not a JSON body the filter reads: the
     * text reader refuses the NUL there, by the same path.
     */
    @Test
    void aNulInTheJsonPartOfAnUploadIsRefusedByItsField() {
        long county = fixture.org(null, Fixture.unique("敌意县"), "COUNTY");
        String name = Fixture.unique("hostile");
        fixture.user(name, Role.ORG_DEPT_ADMIN, county, null, null);
        ApiSession s = new ApiSession(port);
        assertThat(s.login(name, Fixture.PASSWORD).status()).isEqualTo(200);
        String boundary = "nulboundary" + System.nanoTime();
        String entry = "{\"title\":\"外出培训\",\"evidence\":\"证书\\u0000编号\"}";
        String multipart = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"entry\"\r\nContent-Type: application/json\r\n\r\n" + entry + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"cert.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n"
                + "--" + boundary + "--\r\n";
        ApiSession.Response r = s.sendBytes("POST", "/api/archive/reports", "multipart/form-data; boundary=" + boundary,
                multipart.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        JsonNode body = s.parse(r);
        assertThat(body.get("problems").get(0).get("field").asString()).isEqualTo("evidence");
        assertThat(body.get("message").asString()).contains("空字符");
    }

    @Test
    void everyAnswerCarriesAContentSecurityPolicyWithoutInlineScriptAndAReferrerPolicy() {
        ApiSession anonymous = new ApiSession(port);
        for (String path : List.of("/", "/index.html", "/api/auth/csrf", "/api/cadres")) {
            ApiSession.Response r = anonymous.get(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'self'");
            String scriptSrc = csp.substring(csp.indexOf("script-src"));
            scriptSrc = scriptSrc.substring(0, scriptSrc.indexOf(';'));
            assertThat(scriptSrc).as(path).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("strict-origin-when-cross-origin");
        }
    }

    @Test
    void behindAnHttpsProxyTheSessionCookieIsSecure() throws Exception {
        String name = Fixture.unique("https");
        fixture.user(name, Role.ORG_DEPT_ADMIN, fixture.org(null, Fixture.unique("安全县"), "COUNTY"), null, null);
        assertThat(sessionCookie(name, true)).contains("Secure").contains("HttpOnly");
        assertThat(sessionCookie(name, false)).doesNotContain("Secure").contains("HttpOnly");
    }

    /** The Set-Cookie header of the session a login creates, the proxy saying the client used https or not. */
    private String sessionCookie(String username, boolean https) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://localhost:" + port;
        HttpRequest.Builder csrf = HttpRequest.newBuilder(URI.create(base + "/api/auth/csrf")).GET();
        if (https) {
            csrf.header("X-Forwarded-Proto", "https");
        }
        HttpResponse<String> c = http.send(csrf.build(), HttpResponse.BodyHandlers.ofString());
        String token = json.readTree(c.body()).get("token").asString();
        HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token)
                // a Secure cookie is not sent back over http: send it by hand
                .header("Cookie", "XSRF-TOKEN=" + token)
                .POST(HttpRequest.BodyPublishers.ofString(ApiSession.form(Map.of("username", username, "password", Fixture.PASSWORD))));
        if (https) {
            login.header("X-Forwarded-Proto", "https");
        }
        HttpResponse<String> r = http.send(login.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("SESSION=") || v.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + r.headers().map()));
    }

    @Test
    void linksHandedOutAreBuiltFromTheConfiguredAddressNotTheHostHeader() throws Exception {
        long county = fixture.org(null, Fixture.unique("链接县"), "COUNTY");
        CurrentUser zzb = fixture.user(Fixture.unique("link"), Role.ORG_DEPT_ADMIN, county, null, null);
        ApiSession s = new ApiSession(port);
        assertThat(s.login(zzb.username(), Fixture.PASSWORD).status()).isEqualTo(200);
        ApiSession.Response created = s.send("POST", "/api/surveys", "{\"title\":\"链接测试问卷\",\"purpose\":\"测试\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        long id = s.parse(created).get("id").asLong();

        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        String body = mvc.perform(get("/api/surveys/" + id + "/link").header("Host", "evil.example")
                        .header("X-Forwarded-Host", "evil.example").with(user(zzb)))
                .andReturn().getResponse().getContentAsString();
        String url = json.readTree(body).get("url").asString();
        assertThat(url).doesNotContain("evil.example").startsWith(publicUrl.replaceAll("/+$", "") + "/#/s/");
    }
}
