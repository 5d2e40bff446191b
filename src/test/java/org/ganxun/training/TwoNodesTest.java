package org.ganxun.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.ganxun.GanxunApplication;
import org.ganxun.audit.AuditRetention;
import org.ganxun.notify.SmsOutbox;
import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Two application nodes on one database (issue 20, docs/operations.md): two more instances of the application
 * start in this JVM on their own ports against the database of the test context (the bundled PostgreSQL, or
 * GANXUN_DB_URL's), and are driven over HTTP like a browser behind a load balancer that alternates between them.
 * The test context only builds the fixtures and reads the database.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {

    static final String METRICS_TOKEN = "two-nodes-metrics-token";

    @Autowired TrainingFixture tf;
    @Autowired TrainingClasses classes;
    @Autowired Enrollments enrollments;
    @Autowired SmsOutbox outbox;
    @Autowired JdbcClient jdbc;

    ConfigurableApplicationContext nodeA;
    ConfigurableApplicationContext nodeB;
    int portA;
    int portB;

    @BeforeAll
    void startTwoNodes() throws Exception {
        // both at once, as a deployment would (Flyway's own lock lets one migrate; here nothing is left to migrate)
        ExecutorService starter = Executors.newFixedThreadPool(2);
        Future<ConfigurableApplicationContext> a = starter.submit(() -> node("node-a"));
        Future<ConfigurableApplicationContext> b = starter.submit(() -> node("node-b"));
        nodeA = a.get(3, TimeUnit.MINUTES);
        nodeB = b.get(3, TimeUnit.MINUTES);
        starter.shutdown();
        portA = ((WebServerApplicationContext) nodeA).getWebServer().getPort();
        portB = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
    }

    private static ConfigurableApplicationContext node(String name) {
        return new SpringApplicationBuilder(GanxunApplication.class)
                .profiles("test")
                // as command-line arguments, which outrank the configuration files
                .run("--server.port=0", "--GANXUN_NODE_NAME=" + name,
                        // both nodes drain the SMS outbox every 200 ms (the test profile turns it off elsewhere)
                        "--ganxun.sms.poll-ms=200", "--ganxun.sms.initial-delay-ms=200",
                        "--ganxun.ops.metrics-token=" + METRICS_TOKEN);
    }

    @AfterAll
    void stopNodes() {
        // the nightly job's lock is held 5 minutes after its run: free it for the tests that follow
        jdbc.sql("delete from shedlock where name = 'audit-retention'").update();
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[]{nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void signInOnOneNodeAndContinueOnTheOther() {
        TrainingFixture.County c = tf.county();
        ApiSession onA = new ApiSession(portA);
        assertThat(onA.login(c.admin.username(), Fixture.PASSWORD).status()).isEqualTo(200);
        ApiSession onB = onA.at(portB);
        assertThat(onB.getJson("/api/auth/me").get("username").asString()).isEqualTo(c.admin.username());
        // a write on the other node: the session and its CSRF token are the database's, not one node's
        long id = onB.parse(onB.send("POST", "/api/training/instructors", """
                {"ownerOrgId": %d, "name": "跨节点讲师", "kind": "IN_HOUSE", "unit": "县委党校", "title": "讲师",
                 "topics": "党的理论", "phone": "13700000000", "active": true}""".formatted(c.county))).path("id").asLong();
        assertThat(onA.getJson("/api/training/instructors/" + id).get("name").asString()).isEqualTo("跨节点讲师");
        // signing out on one node signs out on both
        assertThat(onA.send("POST", "/api/auth/logout", "").status()).isEqualTo(204);
        assertThat(onB.get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    void aBurstOfGuessesSpreadOverBothNodesGetsNoMoreTriesThanASequence() throws Exception {
        TrainingFixture.County c = tf.county();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            answers.add(pool.submit(() -> new ApiSession(n % 2 == 0 ? portA : portB)
                    .login(c.liaisonA.username(), "Wrong@guess" + n).status()));
        }
        for (Future<Integer> f : answers) {
            assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(401);
        }
        pool.shutdown();
        // one password check per name at a time on both nodes, each failure counted before the next check:
        // at most the five of a sequence
        assertThat(jdbc.sql("select count(*) from audit_log where action in ('LOGIN_FAILED','LOGIN_LOCKED') and actor_username = ?")
                .param(c.liaisonA.username()).query(Long.class).single()).isBetween(1L, 5L);
    }

    @Test
    void anImportStartedOnOneNodeIsFollowedAndRetriedOnTheOther() throws Exception {
        TrainingFixture.County c = tf.county();
        String town = Fixture.unique("丙镇");
        tf.fixture.org(c.county, town, "TOWNSHIP");
        String poison = "节点故障" + (char) ('甲' + (int) (System.nanoTime() % 20));
        String id1 = Fixture.citizenId(LocalDate.of(1981, 3, 4), true);
        String id2 = Fixture.citizenId(LocalDate.of(1982, 5, 6), false);
        String csv = "姓名,公民身份号码,单位,政治面貌,人员类别\n"
                + "跨节点甲," + id1 + "," + town + ",群众,公务员\n"
                + poison + "," + id2 + "," + town + ",群众,公务员\n";
        ApiSession onA = new ApiSession(portA);
        onA.login(c.admin.username(), Fixture.PASSWORD);
        ApiSession onB = onA.at(portB);
        // the database fails on the second row, as if the server stopped half-way: nothing of the file is stored
        String fn = "two_nodes_fail_" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("create function " + fn + "() returns trigger language plpgsql as $$ begin "
                + "if new.name = '" + poison + "' then raise exception 'simulated failure'; end if; return new; end $$").update();
        jdbc.sql("create trigger " + fn + " before insert on cadre for each row execute function " + fn + "()").update();
        long job;
        try {
            ApiSession.Response started = upload(onA, "跨节点.csv", csv.getBytes(StandardCharsets.UTF_8));
            assertThat(started.status()).as(started.text()).isEqualTo(200);
            job = onA.parse(started).get("id").asLong();
            JsonNode failed = awaitEnd(onB, job); // followed on the other node
            assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        } finally {
            jdbc.sql("drop trigger " + fn + " on cadre").update();
            jdbc.sql("drop function " + fn + "()").update();
        }
        assertThat(jdbc.sql("select count(*) from cadre where name = ?").param(poison).query(Long.class).single()).isZero();
        // retried on the other node, which runs it (the file is in the database) and both see the end
        ApiSession.Response retried = onB.send("POST", "/api/cadres/import/" + job + "/retry", "");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        JsonNode done = awaitEnd(onA, job);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("createdCount").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from cadre where name in ('跨节点甲', ?)").param(poison).query(Long.class).single())
                .isEqualTo(2);
        // a node that stops while running a job leaves it RUNNING with nobody holding its lock: the other node's
        // sweep (every minute, on one node) marks it FAILED so that it can be run again
        jdbc.sql("update import_job set status = 'RUNNING' where id = ?").param(job).update();
        Object sweep = nodeB.getBean("uploadJobSweep");
        sweep.getClass().getMethod("sweep").invoke(sweep);
        // (it sweeps both kinds of upload job: the roster and the online hours)
        Object target = org.springframework.test.util.AopTestUtils.getTargetObject(sweep);
        var workers = (org.springframework.beans.factory.ObjectProvider<?>) org.springframework.test.util.ReflectionTestUtils
                .getField(target, "workers");
        assertThat(workers.stream().count()).isEqualTo(2);
        assertThat(onA.getJson("/api/cadres/import/" + job).get("message").asString())
                .isEqualTo("服务器在导入过程中停止，未写入任何数据，可重新执行");
        // the import's throughput is a metric of the node that ran it
        assertThat(meters(nodeA).find("ganxun.import.duration").tag("end", "failed").timer()).isNotNull();
        assertThat(meters(nodeB).get("ganxun.import.rows").tag("job", "import_job").counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aNightlyJobRunsOnceWhenBothNodesFireIt() throws Exception {
        jdbc.sql("delete from shedlock where name = 'audit-retention'").update();
        AuditRetention onA = nodeA.getBean(AuditRetention.class);
        AuditRetention onB = nodeB.getBean(AuditRetention.class);
        double before = runs("audit-retention", "ran");
        double skippedBefore = runs("audit-retention", "skipped");
        // both schedulers fire at 02:40: at the same moment ...
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<?>> fired = new ArrayList<>();
        for (AuditRetention node : List.of(onA, onB)) {
            fired.add(two.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                node.nightly();
                return null;
            }));
        }
        for (Future<?> f : fired) {
            f.get(1, TimeUnit.MINUTES);
        }
        two.shutdown();
        assertThat(runs("audit-retention", "ran") - before).isEqualTo(1);
        assertThat(runs("audit-retention", "skipped") - skippedBefore).isEqualTo(1);
        // ... and a node whose clock is a little late fires after the run has ended: the lock is held a while longer
        onB.nightly();
        onA.nightly();
        assertThat(runs("audit-retention", "ran") - before).isEqualTo(1);
        assertThat(runs("audit-retention", "skipped") - skippedBefore).isEqualTo(3);

        // the event publications' resubmission is such a job too (every 5 minutes, on one node)
        double resubmitted = runs("event-publications-resubmit", "ran");
        Object resubmission = nodeB.getBean("eventPublicationResubmission");
        resubmission.getClass().getMethod("resubmit").invoke(resubmission);
        assertThat(runs("event-publications-resubmit", "ran") - resubmitted).isEqualTo(1);
    }

    @Test
    void anSmsBroadcastIsSentOnceWhileBothNodesDrainTheOutbox() throws Exception {
        String batch = "two-nodes-" + System.nanoTime() + "-";
        int n = 60;
        for (int i = 0; i < n; i++) {
            outbox.enqueue("1390000" + String.format("%04d", i), "跨节点广播 " + i, batch + i);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (pending(batch) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(pending(batch)).isZero();
        // each message was claimed and sent once: one attempt, sent
        assertThat(jdbc.sql("select count(*) from sms_outbox where dedup_key like ? and status = 'SENT' and attempts = 1")
                .param(batch + "%").query(Long.class).single()).isEqualTo(n);
        assertThat(runs("sms-outbox", "ran")).isPositive();
        // while one node holds the outbox lock, the other's scheduler skips its turn (made certain here rather than left
        // to the two schedulers happening to overlap): node A is draining until a minute from now
        double skipped = runs("sms-outbox", "skipped");
        double ran = runs("sms-outbox", "ran");
        // (set twice: a run already under way when the lock is first taken releases it as it ends)
        holdOutboxLock();
        Thread.sleep(1000);
        holdOutboxLock();
        outbox.enqueue("13900009999", "跨节点广播 锁内", batch + "locked");
        try {
            nodeB.getBean(SmsOutbox.class).scheduled();
            assertThat(runs("sms-outbox", "skipped") - skipped).isGreaterThanOrEqualTo(1);
            assertThat(pending(batch)).isEqualTo(1);
        } finally {
            jdbc.sql("update shedlock set lock_until = timezone('utc', now()) where name = 'sms-outbox'").update();
        }
        nodeB.getBean(SmsOutbox.class).scheduled();
        assertThat(runs("sms-outbox", "ran")).isGreaterThan(ran);
        assertThat(pending(batch)).isZero();
    }

    private void holdOutboxLock() {
        // ShedLock keeps its times as the database's UTC clock (usingDbTime)
        jdbc.sql("insert into shedlock (name, lock_until, locked_at, locked_by) values ('sms-outbox', timezone('utc', now()) + interval '1 minute', timezone('utc', now()), 'node-a') "
                + "on conflict (name) do update set lock_until = excluded.lock_until, locked_at = excluded.locked_at, locked_by = excluded.locked_by").update();
    }

    private long pending(String batch) {
        return jdbc.sql("select count(*) from sms_outbox where dedup_key like ? and status <> 'SENT'")
                .param(batch + "%").query(Long.class).single();
    }

    @Test
    void aCheckInBurstSpreadOverBothNodesStoresEachCheckInOnce() throws Exception {
        TrainingFixture.awayFromMidnight(5);
        TrainingFixture.County c = tf.county();
        LocalDate today = LocalDate.now(java.time.ZoneId.systemDefault());
        int trainees = 12;
        long cls = tf.fixture.as(c.registrar, () -> classes.create(c.form(Fixture.unique("双节点签到班"), today, today, List.of(), trainees + 2,
                List.of(new TrainingClasses.SessionForm(null, today, LocalTime.of(0, 0), LocalTime.of(23, 59), "双节点课次", null, null,
                        new BigDecimal("3"))))).id());
        tf.fixture.as(c.registrar, () -> classes.submit(cls));
        tf.fixture.as(c.admin, () -> classes.approve(cls, null));
        long sessionId = classes.sessions(cls).get(0).id();
        jdbc.sql("update training_class set checkin_code_seconds = 600 where id = ?").param(cls).update();
        List<ApiSession> onA = new ArrayList<>();
        for (int i = 0; i < trainees; i++) {
            long cadre = c.staff("双学" + (char) ('甲' + i), c.townA);
            tf.fixture.as(c.admin, () -> enrollments.name(cls, cadre));
            var user = tf.fixture.user(Fixture.unique("sj"), Role.CADRE, null, null, cadre);
            ApiSession s = new ApiSession(i % 2 == 0 ? portA : portB); // signed in on either node
            assertThat(s.login(user.username(), Fixture.PASSWORD).status()).isEqualTo(200);
            onA.add(s.at(portA));
        }
        ApiSession registrar = new ApiSession(portB);
        registrar.login(c.registrar.username(), Fixture.PASSWORD);
        String token = registrar.getJson("/api/training/sessions/" + sessionId + "/qr").get("token").asString();
        String body = "{\"token\":\"" + token + "\"}";

        // every trainee's phone sends its check-in twice at once (a double tap), once to each node
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<int[]>> results = new ArrayList<>();
        for (ApiSession a : onA) {
            ApiSession b = a.at(portB);
            CyclicBarrier tap = new CyclicBarrier(2);
            Future<Integer> first = pool.submit(() -> {
                tap.await(30, TimeUnit.SECONDS);
                return a.send("POST", "/api/training/me/checkin", body).status();
            });
            Future<Integer> second = pool.submit(() -> {
                tap.await(30, TimeUnit.SECONDS);
                return b.send("POST", "/api/training/me/checkin", body).status();
            });
            results.add(pool.submit(() -> new int[]{first.get(), second.get()}));
        }
        for (Future<int[]> r : results) {
            int[] statuses = r.get(2, TimeUnit.MINUTES);
            assertThat(statuses).as("one check-in stored, the other told it is already in").containsExactlyInAnyOrder(200, 409);
        }
        pool.shutdown();
        assertThat(jdbc.sql("select count(*) from attendance where session_id = ?").param(sessionId).query(Long.class).single())
                .isEqualTo(trainees);
        assertThat(jdbc.sql("select count(distinct enrollment_id) from attendance where session_id = ?").param(sessionId)
                .query(Long.class).single()).isEqualTo(trainees);
    }

    @Test
    void healthIsOpenMetricsAreNotAndEveryAnswerCarriesARequestId() {
        ApiSession anonymous = new ApiSession(portA);
        ApiSession.Response health = anonymous.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).contains("\"status\":\"UP\"").doesNotContain("components");
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/env").status()).isIn(401, 404);
        // a wrong token is nobody
        assertThat(anonymous.exchange(HttpRequest.newBuilder(anonymous.url("/actuator/prometheus"))
                .header("Authorization", "Bearer wrong").GET().build()).status()).isEqualTo(401);

        // Prometheus with the configured token: requests, job runs, backlogs
        ApiSession.Response scraped = anonymous.exchange(HttpRequest.newBuilder(anonymous.url("/actuator/prometheus"))
                .header("Authorization", "Bearer " + METRICS_TOKEN).header("X-Request-Id", "scrape-1").GET().build());
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("X-Request-Id")).contains("scrape-1");
        assertThat(scraped.text()).contains("http_server_requests_seconds_count", "ganxun_outbox_sms", "ganxun_events_incomplete",
                "ganxun_import_jobs", "node=\"node-a\"");
        // each upload job table's owner publishes its backlog under the one metric name
        for (String job : List.of("import_job", "online_import")) {
            for (String state : List.of("queued", "running")) {
                assertThat(scraped.text()).containsPattern("ganxun_import_jobs\\{[^}]*job=\"" + job + "\"[^}]*state=\"" + state + "\"[^}]*} \\d");
            }
        }

        // a signed-in user: a cadre may not read metrics, the system administrator may
        TrainingFixture.County c = tf.county();
        long cadre = c.staff("指标干部", c.townA);
        var user = tf.fixture.user(Fixture.unique("zb"), Role.CADRE, null, null, cadre);
        ApiSession cadreSession = new ApiSession(portB);
        cadreSession.login(user.username(), Fixture.PASSWORD);
        assertThat(cadreSession.get("/actuator/prometheus").status()).isEqualTo(403);
        var sys = tf.fixture.user(Fixture.unique("xt"), Role.SYSTEM_ADMIN, null, null, null);
        ApiSession admin = new ApiSession(portB);
        admin.login(sys.username(), Fixture.PASSWORD);
        assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(admin.get("/actuator/metrics").status()).isEqualTo(200);

        // an id the proxy sent is kept; a hostile one is replaced
        ApiSession.Response me = cadreSession.exchange(HttpRequest.newBuilder(cadreSession.url("/api/auth/me"))
                .header("X-Request-Id", "<script>").GET().build());
        assertThat(me.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{32}");
    }

    private double runs(String job, String outcome) {
        double sum = 0;
        for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
            var counter = meters(node).find("ganxun.jobs.runs").tag("job", job).tag("outcome", outcome).counter();
            sum += counter == null ? 0 : counter.count();
        }
        return sum;
    }

    private static MeterRegistry meters(ConfigurableApplicationContext node) {
        return node.getBean(MeterRegistry.class);
    }

    private static JsonNode awaitEnd(ApiSession session, long job) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonNode j = session.getJson("/api/cadres/import/" + job);
            String status = j.get("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return j;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("import " + job + " still " + status);
            }
            Thread.sleep(100);
        }
    }

    private static ApiSession.Response upload(ApiSession session, String fileName, byte[] content) {
        String boundary = "----two-nodes-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nVALID_ROWS\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return session.exchange(HttpRequest.newBuilder(session.url("/api/cadres/import"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-XSRF-TOKEN", session.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }
}
