package org.ganxun.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Browserless;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Login over real HTTP: session cookie, CSRF, throttling of failures by name and address, audit of logins. */
@IntegrationTest
class LoginTest {

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired UserAccounts accounts;
    @Autowired LoginThrottle throttle;
    @Autowired org.ganxun.support.TestClock clock;
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

    static final String WAIT_1 = "401 用户名或密码错误次数过多，请1分钟后再试，或联系管理员解锁";
    static final String HELD_1 = "401 登录失败次数过多，请1分钟后再试，或联系管理员解锁";

    @Test
    void failuresFromOneAddressMakeItWaitLongerEachTimeAndAWaitingAttemptDoesNotExtendIt() throws Exception {
        CurrentUser u = fixture.user(Fixture.unique("lock"), Role.UNIT_LIAISON, fixture.org(null, Fixture.unique("锁县"), "COUNTY"), null, null);
        Browserless b = new Browserless(port);
        assertThat(answer(b.login(u.username(), "Wrong@pass1"))).isEqualTo("401 用户名或密码错误，还可尝试4次");
        for (int i = 0; i < 3; i++) {
            b.login(u.username(), "Wrong@pass1");
        }
        assertThat(answer(b.login(u.username(), "Wrong@pass1"))).isEqualTo(WAIT_1);
        java.sql.Timestamp blocked = blockedUntil(u.username(), "127.0.0.1");
        // while it waits, even the right password is refused, and more tries neither count nor extend the wait
        assertThat(answer(b.login(u.username(), Fixture.PASSWORD))).isEqualTo(HELD_1);
        for (int i = 0; i < 5; i++) {
            assertThat(answer(b.login(u.username(), "Wrong@pass1"))).isEqualTo(HELD_1);
        }
        assertThat(blockedUntil(u.username(), "127.0.0.1")).isEqualTo(blocked);
        assertThat(jdbc.sql("select count(*) from audit_log where action in ('LOGIN_FAILED','LOGIN_LOCKED') and actor_username = ?")
                .param(u.username()).query(Long.class).single()).isEqualTo(5);

        // when the wait is over, the next failure waits twice as long, then four times …
        expire(u.username());
        assertThat(answer(b.login(u.username(), "Wrong@pass1"))).isEqualTo("401 用户名或密码错误次数过多，请2分钟后再试，或联系管理员解锁");
        expire(u.username());
        assertThat(answer(b.login(u.username(), "Wrong@pass1"))).isEqualTo("401 用户名或密码错误次数过多，请4分钟后再试，或联系管理员解锁");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'LOGIN_LOCKED' and actor_username = ?")
                .param(u.username()).query(Long.class).single()).isEqualTo(3);

        // an administrator unlocks it (the user page's 解锁) and the right password works at once
        CurrentUser admin = fixture.user(Fixture.unique("unl"), Role.SYSTEM_ADMIN, null, null, null);
        ApiSession adminApi = new ApiSession(port);
        adminApi.login(admin.username(), Fixture.PASSWORD);
        assertThat(adminApi.getJson("/api/users/" + u.id()).get("locked").asBoolean()).isTrue();
        assertThat(adminApi.send("POST", "/api/users/" + u.id() + "/unlock", "{}").status()).isEqualTo(200);
        assertThat(adminApi.getJson("/api/users/" + u.id()).get("locked").asBoolean()).isFalse();
        assertThat(b.login(u.username(), Fixture.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstOfParallelGuessesGetsNoMoreTriesThanASequence() throws Exception {
        CurrentUser u = fixture.user(Fixture.unique("burst"), Role.UNIT_LIAISON, fixture.org(null, Fixture.unique("并发县"), "COUNTY"), null, null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            answers.add(pool.submit(() -> answer(new Browserless(port).login(u.username(), "Wrong@guess" + n))));
        }
        for (var f : answers) {
            assertThat(f.get()).startsWith("401 ");
        }
        pool.shutdown();
        // every password checked was counted before the next check began (the others were told to wait):
        // at most five, as in a sequence, where unguarded parallel checks all passed the throttle at once
        assertThat(jdbc.sql("select count(*) from audit_log where action in ('LOGIN_FAILED','LOGIN_LOCKED') and actor_username = ?")
                .param(u.username()).query(Long.class).single()).isBetween(1L, 5L);
    }

    @Test
    void failuresFromOtherAddressesDoNotLockTheUserOutOfAnAddressTheyUsedBefore() throws Exception {
        CurrentUser u = fixture.user(Fixture.unique("known"), Role.UNIT_LIAISON, fixture.org(null, Fixture.unique("熟址县"), "COUNTY"), null, null);
        assertThat(new Browserless(port).login(u.username(), Fixture.PASSWORD).statusCode()).isEqualTo(200);
        // someone tries to keep the account shut from many addresses (as far as the name's own count goes)
        for (int i = 0; i < 12; i++) {
            accounts.recordFailure(u.username(), "203.0.113." + (i % 3));
        }
        assertThat(throttle.waitFor(u.username(), "203.0.113.0")).isPositive();
        // a stranger address with the right password waits: the name as a whole is held back
        assertThat(throttle.waitFor(u.username(), "198.51.100.7")).isPositive();
        // the user's own address (127.0.0.1, signed in from before) still gets in
        assertThat(throttle.waitFor(u.username(), "127.0.0.1")).isZero();
        assertThat(new Browserless(port).login(u.username(), Fixture.PASSWORD).statusCode()).isEqualTo(200);
        // and the success does not wipe the count of the attack
        assertThat(throttle.waitFor(u.username(), "198.51.100.7")).isPositive();
    }

    @Test
    void oneAddressTryingManyNamesIsHeldBackButNotForNamesThatSignedInFromIt() {
        // a throttle with a low per-address threshold (the suite's own is high: every test logs in from 127.0.0.1)
        LoginThrottle t = new LoginThrottle(jdbc, clock, 5, 10, 3, 1, 60, 24);
        String addr = "192.0.2." + (System.nanoTime() % 200);
        String regular = Fixture.unique("reg");
        t.recordSuccess(regular, addr);
        for (int i = 0; i < 3; i++) {
            t.recordFailure(Fixture.unique("spray"), addr);
        }
        assertThat(t.waitFor(Fixture.unique("other"), addr)).isPositive();
        assertThat(t.waitFor(regular, addr)).isZero();
        assertThat(t.waitFor(Fixture.unique("other"), addr + "1")).isZero();
    }

    @Test
    void aBlockRunsOutByTheUsersClock() {
        String name = Fixture.unique("clk");
        String addr = "192.0.2.250";
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure(name, addr);
        }
        // the fifth failure blocks the pair for the first delay, one minute
        assertThat(throttle.waitFor(name, addr)).isPositive().isLessThanOrEqualTo(java.time.Duration.ofMinutes(1));
        clock.advance(java.time.Duration.ofSeconds(30));
        assertThat(throttle.waitFor(name, addr)).isPositive().isLessThanOrEqualTo(java.time.Duration.ofSeconds(30));
        clock.advance(java.time.Duration.ofSeconds(31));
        assertThat(throttle.waitFor(name, addr)).isZero();
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
                "401 用户名或密码错误，还可尝试1次", WAIT_1, HELD_1, HELD_1);
        String nobody = "nobody" + System.nanoTime();
        assertThat(wrongPasswords(nobody)).isEqualTo(forReal);
        // a disabled account says so only to its right password
        assertThat(wrongPasswords(disabled.username())).isEqualTo(forReal);
        // a name longer than any account's is counted too (by its first 50 characters)
        assertThat(wrongPasswords("x".repeat(60) + System.nanoTime())).isEqualTo(forReal);

        // the wait of an unknown name runs out like an account's, and like an account's, its next failure waits longer
        expire(real.username());
        expire(nobody);
        Browserless b = new Browserless(port);
        String again = answer(b.login(real.username(), "Wrong@pass1"));
        assertThat(again).isEqualTo("401 用户名或密码错误次数过多，请2分钟后再试，或联系管理员解锁");
        assertThat(answer(b.login(nobody, "Wrong@pass1"))).isEqualTo(again);

        HttpResponse<String> right = new Browserless(port).login(disabled.username(), Fixture.PASSWORD);
        assertThat(answer(right)).isEqualTo(HELD_1);
        jdbc.sql("delete from login_throttle where username = ?").param(disabled.username()).update();
        assertThat(answer(new Browserless(port).login(disabled.username(), Fixture.PASSWORD))).isEqualTo("401 账号已停用，请联系管理员");
    }

    private java.sql.Timestamp blockedUntil(String username, String address) {
        return jdbc.sql("select blocked_until from login_throttle where username = ? and address = ?").params(username, address)
                .query(java.sql.Timestamp.class).single();
    }

    /** Lets every wait of a name run out (as if the minutes had passed). */
    private void expire(String username) {
        jdbc.sql("update login_throttle set blocked_until = now() - interval '1 second' where username = ? and blocked_until is not null")
                .param(username).update();
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
