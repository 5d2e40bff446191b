package org.ganxun.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.EndpointAccess;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.Permission.Duty;
import org.ganxun.platform.security.Requires;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.security.SignedIn;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14: permissions are declared once and every endpoint inherits them; roles are data a security
 * administrator extends; the three administrators of 三员分立 (等保 2.0 level 3, 安全管理中心 "系统管理员、安全管理员、
 * 审计管理员") stay apart.
 */
@IntegrationTest
class PermissionModelTest {

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired ApplicationContext context;
    @Autowired JdbcClient jdbc;

    @Test
    void everyApiHandlerDeclaresItsAccessAndAnUndeclaredOneIsRefused() {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<String> undeclared = new ArrayList<>();
        int api = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            if (e.getKey().getPatternValues().stream().anyMatch(p -> p.startsWith("/api/"))) {
                api++;
                if (EndpointAccess.declared(e.getValue()) == null) {
                    undeclared.add(e.getKey().toString());
                }
            }
        }
        assertThat(api).as("API handlers found").isGreaterThan(200);
        assertThat(undeclared).isEmpty();
        // the declaration on a method wins over its controller's; none at all is null, which the interceptor refuses
        assertThat(EndpointAccess.declared(handler(Planted.class, "open"))).isInstanceOf(EndpointAccess.AnySignedIn.class);
        assertThat(EndpointAccess.declared(handler(Planted.class, "guarded")))
                .isEqualTo(new EndpointAccess.Permissions(List.of(Permission.ROSTER_EDIT)));
        assertThat(EndpointAccess.declared(handler(Undeclared.class, "leak"))).isNull();
    }

    @Test
    void theAdministratorsDutiesStayApart() {
        // each built-in role holds at most one administrator's duty; the security and audit roles hold nothing else
        for (Role r : Role.values()) {
            Set<Duty> duties = new java.util.HashSet<>();
            r.permissions().forEach(p -> duties.add(p.duty()));
            duties.remove(Duty.BUSINESS);
            assertThat(duties).as(r.name()).hasSizeLessThanOrEqualTo(1);
        }
        assertThat(Role.SECURITY_ADMIN.permissions()).containsExactly(Permission.ROLE_MANAGE);
        assertThat(Role.AUDIT_ADMIN.permissions()).containsExactly(Permission.AUDIT_VIEW);
        assertThat(Role.SYSTEM_ADMIN.permissions()).doesNotContain(Permission.ROLE_MANAGE, Permission.AUDIT_VIEW);
    }

    @Test
    void eachAdministratorReachesOnlyTheirOwnWork() {
        String tag = Fixture.unique("");
        CurrentUser sys = fixture.user("pm_sys_" + tag, Role.SYSTEM_ADMIN, null, null, null);
        CurrentUser sec = fixture.user("pm_sec_" + tag, Role.SECURITY_ADMIN, null, null, null);
        CurrentUser aud = fixture.user("pm_aud_" + tag, Role.AUDIT_ADMIN, null, null, null);
        ApiSession s = signedIn(sys);
        assertThat(s.get("/api/cadres?size=1").status()).isEqualTo(200);
        assertThat(s.get("/api/roles").status()).isEqualTo(403);
        assertThat(s.get("/api/audit").status()).isEqualTo(403);
        ApiSession c = signedIn(sec);
        assertThat(c.get("/api/roles").status()).isEqualTo(200);
        assertThat(c.get("/api/users?size=1").status()).isEqualTo(200);
        assertThat(c.get("/api/cadres?size=1").status()).isEqualTo(403);
        assertThat(c.get("/api/audit").status()).isEqualTo(403);
        ApiSession a = signedIn(aud);
        assertThat(a.get("/api/audit").status()).isEqualTo(200);
        for (String path : List.of("/api/cadres?size=1", "/api/users", "/api/roles", "/api/partyedu/members",
                "/api/training/classes", "/api/compliance/dashboard")) {
            assertThat(a.get(path).status()).as(path).isEqualTo(403);
        }
        // what the UI builds its menu from
        JsonNode me = a.getJson("/api/auth/me");
        assertThat(me.get("role").asString()).isEqualTo("AUDIT_ADMIN");
        assertThat(me.get("permissions").toString()).isEqualTo("[\"AUDIT_VIEW\"]");
    }

    @Test
    void aSecurityAdministratorMakesACustomRoleThatGrantsWhatItSaysAndNoMore() {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "权限县" + tag, "COUNTY");
        long town = fixture.org(county, "权限镇" + tag, "TOWNSHIP");
        long other = fixture.org(county, "权限乙镇" + tag, "TOWNSHIP");
        long inTown = fixture.cadre("镇内干部", town);
        long outside = fixture.cadre("镇外干部", other);
        CurrentUser sec = fixture.user("pm_sec2_" + tag, Role.SECURITY_ADMIN, null, null, null);
        ApiSession secApi = signedIn(sec);

        // 三员分立 refused in a custom role, with the reason on the permissions field
        ApiSession.Response mixed = secApi.send("POST", "/api/roles", """
                {"name":"混合%s","dataScope":"ALL","permissions":["USER_MANAGE","AUDIT_VIEW"]}""".formatted(tag));
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.text()).contains("三员分立").contains("permissions");
        ApiSession.Response auditPlus = secApi.send("POST", "/api/roles", """
                {"name":"审计加%s","dataScope":"ALL","permissions":["AUDIT_VIEW","ROSTER_VIEW"]}""".formatted(tag));
        assertThat(auditPlus.status()).isEqualTo(400);
        assertThat(auditPlus.text()).contains("不能再包含业务权限");
        // hostile names are refused, not stored
        assertThat(secApi.send("POST", "/api/roles", """
                {"name":"<img src=x onerror=alert(1)>","dataScope":"SUBTREE","permissions":["ROSTER_VIEW"]}""").status())
                .isEqualTo(400);

        ApiSession.Response made = secApi.send("POST", "/api/roles", """
                {"name":"乡镇组织委员%s","description":"看花名册和党员","dataScope":"SUBTREE",
                 "permissions":["ROSTER_VIEW","PARTYEDU_MANAGE"]}""".formatted(tag));
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        String code = secApi.parse(made).get("code").asString();

        // the organisation department may give it (its permissions are within the department's own)
        CurrentUser dept = fixture.user("pm_dept_" + tag, Role.ORG_DEPT_ADMIN, town, null, null);
        ApiSession deptApi = signedIn(dept);
        ApiSession.Response account = deptApi.send("POST", "/api/users", """
                {"username":"pm_wy_%s","displayName":"组织委员","role":"%s","scopeOrgId":%d,"password":"Zu2zhi!Wei#Yuan9"}"""
                .formatted(tag, code, town));
        assertThat(account.status()).as(account.text()).isEqualTo(200);
        // but it may not make an administrator of any kind
        for (String admin : List.of("SYSTEM_ADMIN", "SECURITY_ADMIN", "AUDIT_ADMIN")) {
            ApiSession.Response r = deptApi.send("POST", "/api/users", """
                    {"username":"pm_x_%s_%s","role":"%s","scopeOrgId":%d,"password":"Zu2zhi!Wei#Yuan9"}"""
                    .formatted(admin.toLowerCase(), tag, admin, town));
            assertThat(r.status()).as(admin).isEqualTo(403);
        }

        ApiSession member = new ApiSession(port);
        assertThat(member.login("pm_wy_" + tag, "Zu2zhi!Wei#Yuan9").status()).isEqualTo(200);
        JsonNode me = member.getJson("/api/auth/me");
        assertThat(me.get("roleLabel").asString()).isEqualTo("乡镇组织委员" + tag);
        assertThat(me.get("permissions").toString()).contains("ROSTER_VIEW", "PARTYEDU_MANAGE").doesNotContain("ROSTER_EDIT");
        // reads within the township, not beyond it; writes nothing the role does not grant
        assertThat(member.get("/api/cadres/" + inTown).status()).isEqualTo(200);
        assertThat(member.get("/api/cadres/" + outside).status()).isIn(403, 404);
        assertThat(member.send("PUT", "/api/cadres/" + inTown, "{}").status()).isEqualTo(403);
        assertThat(member.get("/api/training/classes").status()).isEqualTo(403);

        // taking a permission away ends the role's sessions, and the next sign-in has the new set
        ApiSession.Response narrowed = secApi.send("PUT", "/api/roles/" + code, """
                {"name":"乡镇组织委员%s","dataScope":"SUBTREE","permissions":["PARTYEDU_MANAGE"]}""".formatted(tag));
        assertThat(narrowed.status()).as(narrowed.text()).isEqualTo(200);
        assertThat(member.get("/api/cadres/" + inTown).status()).isEqualTo(401);
        assertThat(member.login("pm_wy_" + tag, "Zu2zhi!Wei#Yuan9").status()).isEqualTo(200);
        assertThat(member.get("/api/cadres/" + inTown).status()).isEqualTo(403);

        // a role in use is not deleted; built-in roles are neither changed nor deleted
        assertThat(secApi.send("DELETE", "/api/roles/" + code, null).status()).isEqualTo(409);
        assertThat(secApi.send("PUT", "/api/roles/CADRE", """
                {"name":"干部","dataScope":"SELF","permissions":["SELF_SERVICE","ROSTER_VIEW"]}""").status()).isEqualTo(409);
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'Role' and entity_id = ?").param(code)
                .query(Long.class).single()).as("role changes audited").isEqualTo(2);
    }

    private ApiSession signedIn(CurrentUser u) {
        ApiSession s = new ApiSession(port);
        ApiSession.Response r = s.login(u.username(), Fixture.PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return s;
    }

    private static HandlerMethod handler(Class<?> type, String method) {
        try {
            return new HandlerMethod(type.getDeclaredConstructor().newInstance(), type.getDeclaredMethod(method));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SignedIn("test")
    static class Planted {
        public String open() {
            return "";
        }

        @Requires(Permission.ROSTER_EDIT)
        public String guarded() {
            return "";
        }
    }

    static class Undeclared {
        public String leak() {
            return "";
        }
    }
}
