package org.ganxun.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.RealCsrf.token;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import java.nio.charset.StandardCharsets;

import org.ganxun.platform.security.AnyScope;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 14 item 3: every organisation reference a request body sets is checked against the writer's scope in one
 * place, before the handler runs — and a new form cannot leave an id-like field undecided.
 */
@IntegrationTest
class ReferenceScopeTest {

    /** Field names that point at units, party organisations, cadres or party members. */
    private static final Pattern REFERENCE = Pattern.compile("(?i).*(org|cadre|member|parent)Ids?");

    @LocalServerPort int port;
    @Autowired ApplicationContext context;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    @Test
    void everyReferenceInARequestBodyIsDeclaredCheckedOrDeliberatelyOpen() {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<Class<?>> seen = new HashSet<>();
        List<String> undecided = new ArrayList<>();
        int checked = 0;
        for (HandlerMethod hm : mapping.getHandlerMethods().values()) {
            for (MethodParameter p : hm.getMethodParameters()) {
                if (p.hasParameterAnnotation(RequestBody.class)) {
                    checked += walk(p.getGenericParameterType(), seen, undecided);
                }
            }
        }
        assertThat(checked).as("references found in request bodies").isGreaterThan(25);
        assertThat(undecided).as("id-like fields with neither @InScope nor @AnyScope").isEmpty();
    }

    private static int walk(Type t, Set<Class<?>> seen, List<String> undecided) {
        if (t instanceof ParameterizedType pt) {
            int n = 0;
            for (Type a : pt.getActualTypeArguments()) {
                n += walk(a, seen, undecided);
            }
            return n;
        }
        if (!(t instanceof Class<?> c) || !c.isRecord() || !c.getName().startsWith("org.ganxun.") || !seen.add(c)) {
            return 0;
        }
        int n = 0;
        for (RecordComponent rc : c.getRecordComponents()) {
            boolean declared = rc.isAnnotationPresent(InScope.class) || rc.isAnnotationPresent(AnyScope.class);
            if (declared) {
                n++;
            } else if (REFERENCE.matcher(rc.getName()).matches()) {
                undecided.add(c.getName() + "." + rc.getName());
            }
            n += walk(rc.getGenericType(), seen, undecided);
        }
        return n;
    }

    @Test
    void aWriterCannotPointAnythingAtAnotherTownship() {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "引用县" + tag, "COUNTY");
        long townA = fixture.org(county, "引用甲镇" + tag, "TOWNSHIP");
        long townB = fixture.org(county, "引用乙镇" + tag, "TOWNSHIP");
        long villageB = fixture.org(townB, "引用乙村" + tag, "VILLAGE");
        long branchB = fixture.partyOrg(null, "引用乙村党支部" + tag, "BRANCH", villageB);
        long cadreA = fixture.cadre("引用甲干部", townA);
        long cadreB = fixture.cadre("引用乙干部", townB);
        CurrentUser liaisonA = fixture.user("rf_lia_" + tag, Role.UNIT_LIAISON, townA, null, null);
        CurrentUser deptA = fixture.user("rf_dept_" + tag, Role.ORG_DEPT_ADMIN, townA, null, null);

        // a cadre of A put into B's party branch (its secretary would then read the file)
        ApiSession liaison = signedIn(liaisonA);
        String form = liaison.getJson("/api/cadres/" + cadreA).toString().replace("\"partyOrgId\":null",
                "\"partyOrgId\":" + branchB);
        ApiSession.Response moved = liaison.send("PUT", "/api/cadres/" + cadreA, form);
        assertThat(moved.status()).isEqualTo(403);
        assertThat(moved.text()).contains("所选党组织不在您的管理范围内").contains("partyOrgId");
        assertThat(jdbc.sql("select party_org_id from cadre where id = ?").param(cadreA).query(Long.class).optional())
                .isEmpty();

        // a login bound to a cadre of B, made by A's department
        ApiSession dept = signedIn(deptA);
        ApiSession.Response account = dept.send("POST", "/api/users", """
                {"username":"rf_gb_%s","role":"CADRE","cadreId":%d,"password":"Yin3yong!Gan#Bu7"}""".formatted(tag, cadreB));
        assertThat(account.status()).isEqualTo(403);
        assertThat(account.text()).contains("所选干部不在您的管理范围内");
        assertThat(jdbc.sql("select count(*) from app_user where username = ?").param("rf_gb_" + tag).query(Long.class).single())
                .isZero();
        // the same for their own township's cadre works
        ApiSession.Response own = dept.send("POST", "/api/users", """
                {"username":"rf_ga_%s","role":"CADRE","cadreId":%d,"password":"Yin3yong!Gan#Bu7"}""".formatted(tag, cadreA));
        assertThat(own.status()).as(own.text()).isEqualTo(200);
    }

    @Test
    void aJsonPartOfAMultipartRequestIsCheckedTheSameWay() throws Exception {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "分段县" + tag, "COUNTY");
        long townA = fixture.org(county, "分段甲镇" + tag, "TOWNSHIP");
        long townB = fixture.org(county, "分段乙镇" + tag, "TOWNSHIP");
        long cadreB = fixture.cadre("分段乙干部", townB);
        CurrentUser liaisonA = fixture.user("rf_mp_" + tag, Role.UNIT_LIAISON, townA, null, null);
        // a 学时 report (multipart: the entry as JSON, the evidence as a file) for another township's cadre
        String entry = """
                {"cadreId":%d,"source":"EXTERNAL_TRAINING","title":"外出培训","provider":"市委党校","startedOn":"2026-03-02",
                 "endedOn":"2026-03-04","quantity":3,"quantityUnit":"DAYS","delivery":"CONCENTRATED"}""".formatted(cadreB);
        String body = mvc.perform(multipart("/api/archive/reports")
                        .file(new MockMultipartFile("entry", "", "application/json", entry.getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile("file", "证书.pdf", "application/pdf", "%PDF-1.4 x".getBytes(StandardCharsets.UTF_8)))
                        .with(user(liaisonA)).with(token()))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("所选干部不在您的管理范围内");
        assertThat(jdbc.sql("select count(*) from archive_entry where cadre_id = ?").param(cadreB).query(Long.class).single()).isZero();
    }

    private ApiSession signedIn(CurrentUser u) {
        ApiSession s = new ApiSession(port);
        ApiSession.Response r = s.login(u.username(), Fixture.PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return s;
    }
}
