package org.ganxun.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Browserless;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Login over real HTTP: session cookie, CSRF, lockout after five failures, audit of logins. */
@IntegrationTest
class LoginTest {

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired UserAccounts accounts;
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void logsInAndKeepsTheSession() throws Exception {
        long org = fixture.org(null, Fixture.unique("登录县"), "COUNTY");
        CurrentUser u = fixture.user(Fixture.unique("login"), Role.ORG_DEPT_ADMIN, org, null, null);
        Browserless b = new Browserless(port);
        assertThat(b.get("/api/auth/me").statusCode()).isEqualTo(401);
        HttpResponse<String> r = b.login(u.username(), Fixture.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        HttpResponse<String> me = b.get("/api/auth/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"" + u.username() + "\"").contains("组织部管理员");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'LOGIN' and actor_username = ?")
                .param(u.username()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select password_hash from app_user where id = ?").param(u.id()).query(String.class).single())
                .startsWith("{argon2}");
        assertThat(b.postJson("/api/auth/logout", "{}").statusCode()).isEqualTo(204);
        assertThat(b.get("/api/auth/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aChangeOfScopeOrAPasswordResetByAnAdministratorEndsTheUsersSessions() throws Exception {
        long county = fixture.org(null, Fixture.unique("会话县"), "COUNTY");
        long townA = fixture.org(county, Fixture.unique("会话甲镇"), "TOWNSHIP");
        long townB = fixture.org(county, Fixture.unique("会话乙镇"), "TOWNSHIP");
        CurrentUser admin = fixture.user(Fixture.unique("sadm"), Role.ORG_DEPT_ADMIN, county, null, null);
        CurrentUser u = fixture.user(Fixture.unique("sess"), Role.UNIT_LIAISON, townA, null, null);
        Browserless b = new Browserless(port);
        assertThat(b.login(u.username(), Fixture.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(b.get("/api/auth/me").statusCode()).isEqualTo(200);
        // a change of the display name alone keeps the session
        fixture.as(admin, () -> accounts.update(u.id(), new UserAccounts.AccountRequest(u.username(), "新名字", u.role(),
                townA, null, null, true, null)));
        assertThat(b.get("/api/auth/me").statusCode()).isEqualTo(200);
        // moving the liaison to another township ends it: the old scope must not live on in the session
        fixture.as(admin, () -> accounts.update(u.id(), new UserAccounts.AccountRequest(u.username(), "新名字", u.role(),
                townB, null, null, true, null)));
        assertThat(b.get("/api/auth/me").statusCode()).isEqualTo(401);
        assertThat(b.login(u.username(), Fixture.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(b.get("/api/auth/me").body()).contains(u.username());
        fixture.as(admin, () -> {
            accounts.resetPassword(u.id(), "Reset@2026pw");
            return null;
        });
        assertThat(b.get("/api/auth/me").statusCode()).isEqualTo(401);
    }

    @Test
    void locksTheAccountAfterFiveFailuresEvenForTheRightPassword() throws Exception {
        CurrentUser u = fixture.user(Fixture.unique("lock"), Role.UNIT_LIAISON, fixture.org(null, Fixture.unique("锁县"), "COUNTY"), null, null);
        Browserless b = new Browserless(port);
        HttpResponse<String> first = b.login(u.username(), "Wrong@pass1");
        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(first.body()).contains("还可尝试4次");
        for (int i = 0; i < 3; i++) {
            b.login(u.username(), "Wrong@pass1");
        }
        HttpResponse<String> fifth = b.login(u.username(), "Wrong@pass1");
        assertThat(fifth.body()).contains("已锁定");
        HttpResponse<String> right = b.login(u.username(), Fixture.PASSWORD);
        assertThat(right.statusCode()).isEqualTo(401);
        assertThat(right.body()).contains("账号已被锁定");
        assertThat(jdbc.sql("select count(*) from audit_log where action in ('LOGIN_FAILED','LOGIN_LOCKED') and actor_username = ?")
                .param(u.username()).query(Long.class).single()).isEqualTo(5);

        // an administrator unlocks it
        fixture.as(Fixture.systemAdmin(), () -> {
            jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = ?").param(u.id()).update();
            return null;
        });
        assertThat(b.login(u.username(), Fixture.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void writesWithoutTheCsrfTokenAreRefused() throws Exception {
        long org = fixture.org(null, Fixture.unique("防伪县"), "COUNTY");
        CurrentUser u = fixture.user(Fixture.unique("csrf"), Role.SYSTEM_ADMIN, null, null, null);
        Browserless b = new Browserless(port);
        assertThat(b.login(u.username(), Fixture.PASSWORD).statusCode()).isEqualTo(200);
        String body = "{\"name\":\"改名\"}";
        assertThat(b.postJsonWithoutCsrf("/api/orgs/" + org + "/rename", body).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select name from organization where id = ?").param(org).query(String.class).single()).isNotEqualTo("改名");
        assertThat(b.postJson("/api/orgs/" + org + "/rename", body).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownNameIsAnsweredLikeAnAccountDownToTheLock() throws Exception {
        long org = fixture.org(null, Fixture.unique("探测县"), "COUNTY");
        CurrentUser real = fixture.user(Fixture.unique("probe"), Role.UNIT_LIAISON, org, null, null);
        CurrentUser disabled = fixture.user(Fixture.unique("off"), Role.UNIT_LIAISON, org, null, null);
        jdbc.sql("update app_user set enabled = false where id = ?").param(disabled.id()).update();

        List<String> forReal = wrongPasswords(real.username());
        assertThat(forReal).containsExactly(
                "401 用户名或密码错误，还可尝试4次", "401 用户名或密码错误，还可尝试3次", "401 用户名或密码错误，还可尝试2次",
                "401 用户名或密码错误，还可尝试1次", "401 用户名或密码错误次数过多，账号已锁定15分钟",
                "401 账号已被锁定，请15分钟后再试或联系管理员解锁", "401 账号已被锁定，请15分钟后再试或联系管理员解锁");
        String nobody = "nobody" + System.nanoTime();
        assertThat(wrongPasswords(nobody)).isEqualTo(forReal);
        // a disabled account says so only to its right password
        assertThat(wrongPasswords(disabled.username())).isEqualTo(forReal);
        // a name longer than any account's is counted too (by its first 50 characters)
        assertThat(wrongPasswords("x".repeat(60) + System.nanoTime())).isEqualTo(forReal);

        // the lock of an unknown name runs out like an account's, and like an account's, its next failure locks again
        jdbc.sql("update app_user set locked_until = now() - interval '1 minute' where id = ?").param(real.id()).update();
        jdbc.sql("update unknown_login set locked_until = now() - interval '1 minute' where username = ?").param(nobody).update();
        Browserless b = new Browserless(port);
        String again = answer(b.login(real.username(), "Wrong@pass1"));
        assertThat(again).isEqualTo("401 用户名或密码错误次数过多，账号已锁定15分钟");
        assertThat(answer(b.login(nobody, "Wrong@pass1"))).isEqualTo(again);

        HttpResponse<String> right = new Browserless(port).login(disabled.username(), Fixture.PASSWORD);
        assertThat(answer(right)).isEqualTo("401 账号已被锁定，请15分钟后再试或联系管理员解锁");
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = ?").param(disabled.id()).update();
        assertThat(answer(new Browserless(port).login(disabled.username(), Fixture.PASSWORD))).isEqualTo("401 账号已停用，请联系管理员");
    }

    /** The answers (status and message) to seven wrong passwords in a row. */
    private List<String> wrongPasswords(String username) throws Exception {
        Browserless b = new Browserless(port);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            answers.add(answer(b.login(username, "Wrong@pass" + i)));
        }
        return answers;
    }

    private String answer(HttpResponse<String> r) {
        return r.statusCode() + " " + json.readTree(r.body()).get("message").asString();
    }
}
