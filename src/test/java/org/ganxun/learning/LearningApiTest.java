package org.ganxun.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ganxun.demo.DemoMedia;
import org.ganxun.learning.internal.scorm.ScormPackageTest;
import org.ganxun.learning.internal.study.StudySessions;
import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * 网络学院 through the HTTP API: a clerk uploads a real MP4 (made here with JCodec) and publishes it; an honest
 * learner completes it and the archive credits its 学时 once; a scripted lying client (fast-forwarded positions,
 * replayed heartbeats, a second tab, a hidden page, a missed presence check, a long gap, a forged duration) gets
 * nothing for it, and every refusal is in the integrity report with its reason. Time is the server's: the test
 * moves the study clock itself.
 */
@IntegrationTest
class LearningApiTest {

    private static byte[] video;

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired StudySessions sessions;
    @Autowired JdbcClient jdbc;
    @Autowired Clock appClock;

    private final StoppedClock clock = new StoppedClock();

    static final class StoppedClock extends Clock {
        volatile Instant now = Instant.parse("2026-03-02T01:00:00Z");

        void advance(double seconds) {
            now = now.plusMillis((long) (seconds * 1000));
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    record Setup(long orgId, long cadreId, ApiSession admin, ApiSession learner, String learnerName, long courseId) {
    }

    @BeforeEach
    void useStoppedClock() {
        sessions.useClock(clock);
    }

    @AfterEach
    void applicationClock() {
        sessions.useClock(appClock); // the injected clock, as the other tests expect
        sessions.holdSchedule(false);
    }

    private static synchronized byte[] video() {
        if (video == null) {
            video = DemoMedia.video("测试课程", 60, 1); // 60 s: 90 % is 54 s
        }
        return video;
    }

    private Setup setup() {
        long org = fixture.org(null, Fixture.unique("网院县"), "COUNTY");
        long cadre = fixture.cadre("学员甲", org);
        String adminName = Fixture.unique("wyadm");
        fixture.user(adminName, Role.ORG_DEPT_ADMIN, org, null, null);
        String learnerName = Fixture.unique("wyxy");
        fixture.user(learnerName, Role.CADRE, null, null, cadre);
        ApiSession admin = new ApiSession(port);
        assertThat(admin.login(adminName, Fixture.PASSWORD).status()).isEqualTo(200);
        ApiSession learner = new ApiSession(port);
        assertThat(learner.login(learnerName, Fixture.PASSWORD).status()).isEqualTo(200);

        ApiSession.Response created = admin.send("POST", "/api/learning/courses", """
                {"title": "条例解读", "category": "POLICY_LAW", "lecturer": "李老师", "tags": "条例"}""");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        long courseId = admin.parse(created).get("id").asLong();
        ApiSession.Response up = admin.sendBytes("PUT", "/api/learning/courses/" + courseId + "/medium?name=" + ApiSession.q("条例.mp4"),
                "application/octet-stream", video());
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        JsonNode course = admin.parse(up);
        assertThat(course.get("medium").get("kind").asString()).isEqualTo("VIDEO");
        assertThat(course.get("medium").get("durationSeconds").asInt()).isEqualTo(60);
        // RULES.md, the national defaults: an online course under 15 minutes = 0.25 学时
        assertThat(new BigDecimal(course.get("hours").asString())).isEqualByComparingTo("0.25");
        assertThat(admin.send("POST", "/api/learning/courses/" + courseId + "/publish", null).status()).isEqualTo(200);
        return new Setup(org, cadre, admin, learner, learnerName, courseId);
    }

    /** Study tokens by session id, as the player keeps them. */
    private final Map<Long, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private JsonNode start(ApiSession s, long courseId) {
        ApiSession.Response r = s.send("POST", "/api/learning/catalogue/" + courseId + "/sessions", null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode started = s.parse(r);
        tokens.put(started.get("sessionId").asLong(), started.get("studyToken").asString());
        return started;
    }

    /** A call on the study path with the study token only: no session cookie, no XSRF token. */
    private ApiSession.Response study(ApiSession s, String method, String path, String token, String json) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(s.url(path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("X-Study-Token", token);
        }
        return s.exchange(b.build());
    }

    private JsonNode beat(ApiSession s, long session, long seq, double position, String... flags) {
        List<String> f = List.of(flags);
        String body = "{\"seq\": " + seq + ", \"position\": " + position + ", \"playing\": " + !f.contains("paused")
                + ", \"hidden\": " + f.contains("hidden") + ", \"seeked\": " + f.contains("seeked")
                + (f.contains("forged") ? ", \"duration\": 5, \"completed\": true" : "") + "}";
        ApiSession.Response r = study(s, "POST", "/api/learning/study/" + session + "/heartbeat", tokens.get(session), body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return s.parse(r);
    }

    @Test
    void anHonestLearnerCompletesAndTheArchiveCreditsTheHoursOnce() throws Exception {
        Setup s = setup();
        JsonNode catalogue = s.learner().getJson("/api/learning/catalogue");
        assertThat(catalogue.findValuesAsString("title")).contains("条例解读");

        // the player streams the medium with range requests
        ApiSession.Response part = s.learner().get("/api/learning/courses/" + s.courseId() + "/medium", "Range", "bytes=0-99");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).hasSize(100);
        assertThat(part.headers().firstValue("Content-Range").orElse("")).startsWith("bytes 0-99/" + video().length);
        assertThat(part.headers().firstValue("Content-Type").orElse("")).isEqualTo("video/mp4");

        JsonNode started = start(s.learner(), s.courseId());
        long session = started.get("sessionId").asLong();
        assertThat(started.get("neededSeconds").asInt()).isEqualTo(54);
        // the browser sends its session cookie along on the study path too: the path must leave that session alone
        // (no new id, no cookie set), or the learner's other requests in flight are signed out
        ApiSession.Response quiet = study(s.learner(), "POST", "/api/learning/study/" + session + "/heartbeat", tokens.get(session),
                "{\"seq\": 0, \"position\": 0, \"playing\": false, \"hidden\": false, \"seeked\": false}");
        assertThat(quiet.status()).isEqualTo(200);
        assertThat(quiet.headers().allValues("Set-Cookie")).isEmpty();
        // 15 s of wall time per heartbeat, 15 s of medium: 15, 30, 45 credited; the fourth reaches 60 ≥ 54
        for (int i = 1; i <= 3; i++) {
            clock.advance(15);
            JsonNode r = beat(s.learner(), session, i, 15 * i);
            assertThat(r.get("credited").asInt()).isEqualTo(15);
            assertThat(r.get("completed").asBoolean()).isFalse();
        }
        clock.advance(15);
        JsonNode last = beat(s.learner(), session, 4, 60);
        assertThat(last.get("creditedSeconds").asInt()).isEqualTo(60);
        assertThat(last.get("completed").asBoolean()).isTrue();

        List<Map<String, Object>> rows = awaitArchive(s.cadreId(), s.courseId());
        assertThat(rows).hasSize(1);
        assertThat((BigDecimal) rows.get(0).get("hours")).isEqualByComparingTo("0.25");
        assertThat(rows.get(0).get("delivery")).isEqualTo("ONLINE");
        assertThat(rows.get(0).get("status")).isEqualTo("APPROVED");

        // studying it again completes nothing twice
        JsonNode again = start(s.learner(), s.courseId());
        assertThat(again.get("completed").asBoolean()).isTrue();
        assertThat(again.get("resumeAt").asDouble()).isEqualTo(60.0);
        clock.advance(15);
        beat(s.learner(), again.get("sessionId").asLong(), 1, 60);
        Thread.sleep(500);
        assertThat(awaitArchive(s.cadreId(), s.courseId())).hasSize(1);
        // the learner's own archive shows it with the source 网络学院
        JsonNode catalogueAfter = s.learner().getJson("/api/learning/catalogue/" + s.courseId());
        assertThat(catalogueAfter.get("progress").get("completedAt").isNull()).isFalse();
    }

    private List<Map<String, Object>> awaitArchive(long cadre, long course) throws InterruptedException {
        List<Map<String, Object>> rows = List.of();
        for (int i = 0; i < 100 && rows.isEmpty(); i++) {
            rows = jdbc.sql("select hours, delivery, status, provider from archive_entry where cadre_id = ? and source = 'ONLINE_ACADEMY' and source_ref = ?")
                    .params(cadre, CourseCompleted.archiveSourceRef(course)).query().listOfRows();
            if (rows.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return rows;
    }

    @Test
    void aLyingClientGetsNothingAndEveryRefusalIsInTheIntegrityReport() {
        Setup s = setup();
        long a = start(s.learner(), s.courseId()).get("sessionId").asLong();

        // fast-forward: 15 s passed, the position claims 60
        clock.advance(15);
        JsonNode fast = beat(s.learner(), a, 1, 60);
        assertThat(fast.get("reason").asString()).isEqualTo("TOO_FAST");
        assertThat(fast.get("creditedSeconds").asInt()).isZero();
        // the same heartbeat sent again
        clock.advance(15);
        assertThat(beat(s.learner(), a, 1, 60).get("reason").asString()).isEqualTo("REPLAYED");
        // a forged duration and completion flag are not read; a position past the end is the file's end
        clock.advance(15);
        JsonNode forged = beat(s.learner(), a, 2, 100000, "forged", "seeked");
        assertThat(forged.get("reason").asString()).isEqualTo("SKIPPED");
        assertThat(forged.get("completed").asBoolean()).isFalse();
        assertThat(forged.get("neededSeconds").asInt()).isEqualTo(54);

        // a second tab starts the course: the first is refused as parallel and told to stop
        JsonNode second = start(s.learner(), s.courseId());
        long b = second.get("sessionId").asLong();
        assertThat(second.get("resumeAt").asDouble()).isZero(); // nothing was credited, so it starts from 0
        clock.advance(15);
        JsonNode parallel = beat(s.learner(), a, 3, 15);
        assertThat(parallel.get("reason").asString()).isEqualTo("PARALLEL");
        assertThat(parallel.get("stop").asBoolean()).isTrue();
        assertThat(beat(s.learner(), b, 1, 15).get("credited").asInt()).isEqualTo(15);

        // the page hidden: nothing
        clock.advance(15);
        assertThat(beat(s.learner(), b, 2, 30, "hidden").get("reason").asString()).isEqualTo("HIDDEN");

        // a presence check left unanswered past its minute: nothing, then a late answer clears it
        StudySessions.PresenceView check = sessions.issuePresenceCheck(b);
        assertThat(check.dueInSeconds()).isEqualTo(60);
        clock.advance(20);
        assertThat(beat(s.learner(), b, 3, 50).get("credited").asInt()).isEqualTo(20); // before the deadline
        clock.advance(45);
        JsonNode missed = beat(s.learner(), b, 4, 59);
        assertThat(missed.get("reason").asString()).isEqualTo("PRESENCE_MISSED");
        String[] q = check.question().replace(" = ?", "").split(" \\+ ");
        int answer = Integer.parseInt(q[0]) + Integer.parseInt(q[1]);
        ApiSession.Response late = study(s.learner(), "POST", "/api/learning/study/" + b + "/presence", tokens.get(b),
                "{\"checkId\": " + check.id() + ", \"answer\": " + answer + "}");
        assertThat(late.text()).contains("超时");

        // away for 100 s: the interval is lost
        clock.advance(100);
        assertThat(beat(s.learner(), b, 5, 59).get("reason").asString()).isEqualTo("GAP");

        // a script flooding replayed heartbeats: each is refused, but the evidence grows by at most a row a second
        long before = jdbc.sql("select count(*) from study_refusal where session_id = ?").param(b).query(Long.class).single();
        clock.advance(2);
        for (int i = 0; i < 20; i++) {
            assertThat(beat(s.learner(), b, 5, 59).get("reason").asString()).isEqualTo("REPLAYED");
        }
        long after = jdbc.sql("select count(*) from study_refusal where session_id = ?").param(b).query(Long.class).single();
        assertThat(after - before).isEqualTo(1);

        // someone else's session is not theirs to beat: not with their signed-in session (the study path ignores it),
        // not with their own study token (it names their session), not with a token whose signature is forged
        long other = fixture.cadre("学员乙", s.orgId());
        String otherName = Fixture.unique("wyxy2");
        fixture.user(otherName, Role.CADRE, null, null, other);
        ApiSession intruder = new ApiSession(port);
        intruder.login(otherName, Fixture.PASSWORD);
        assertThat(intruder.send("POST", "/api/learning/study/" + b + "/heartbeat",
                "{\"seq\": 99, \"position\": 60}").status()).isEqualTo(401);
        long own = start(intruder, s.courseId()).get("sessionId").asLong();
        assertThat(study(intruder, "POST", "/api/learning/study/" + b + "/heartbeat", tokens.get(own),
                "{\"seq\": 99, \"position\": 60}").status()).isEqualTo(401);
        String[] t = tokens.get(b).split("\\.");
        String forgedToken = t[0] + "." + t[1] + "." + (Long.parseLong(t[2]) + 86_400) + "." + t[3]; // a longer life
        assertThat(study(intruder, "POST", "/api/learning/study/" + b + "/heartbeat", forgedToken,
                "{\"seq\": 99, \"position\": 60}").status()).isEqualTo(401);
        assertThat(study(intruder, "POST", "/api/learning/study/" + b + "/heartbeat", null,
                "{\"seq\": 99, \"position\": 60}").status()).isEqualTo(401);

        // credited: 15 + 20 = 35 s, far from 54 (written behind: flushed here as the scheduler would)
        sessions.flush();
        Integer credited = jdbc.sql("select credited_seconds from study_progress where cadre_id = ? and course_id = ?")
                .params(s.cadreId(), s.courseId()).query(Integer.class).single();
        assertThat(credited).isEqualTo(35);

        JsonNode report = s.admin().getJson("/api/learning/integrity?cadreId=" + s.cadreId());
        List<String> reasons = new ArrayList<>();
        report.get("rows").forEach(r -> reasons.add(r.get("reason").asString()));
        assertThat(reasons).contains("TOO_FAST", "REPLAYED", "SKIPPED", "PARALLEL", "HIDDEN", "PRESENCE_MISSED", "GAP");
        assertThat(report.get("summaries").get(0).get("cadreName").asString()).isEqualTo("学员甲");
        // paged in SQL: two rows a page, newest first, the same total; the next page goes on where the first ended
        JsonNode first = s.admin().getJson("/api/learning/integrity?size=2&cadreId=" + s.cadreId());
        JsonNode pageTwo = s.admin().getJson("/api/learning/integrity?size=2&page=2&cadreId=" + s.cadreId());
        assertThat(first.get("total").asLong()).isEqualTo(report.get("total").asLong()).isEqualTo(report.get("rows").size());
        assertThat(first.get("rows").size()).isEqualTo(2);
        assertThat(pageTwo.get("rows").get(0).get("id").asLong()).isEqualTo(report.get("rows").get(2).get("id").asLong());
        assertThat(first.get("summaryTotal").asLong()).isEqualTo(report.get("summaries").size());
        // the learner may not read the report
        assertThat(s.learner().get("/api/learning/integrity").status()).isEqualTo(403);
    }

    private int stored(Setup s) {
        return jdbc.sql("select credited_seconds from study_progress where cadre_id = ? and course_id = ?")
                .params(s.cadreId(), s.courseId()).query(Integer.class).single();
    }

    /**
     * The cheap path: heartbeats carry the study token, the HTTP session row is neither read nor touched (its last
     * access time stays), and progress is written behind: merged with what another node stored (union of the covered
     * parts), the same write repeated adds nothing, shutdown writes what is buffered, a session another node
     * superseded is refused as parallel after the next write.
     */
    @Test
    void heartbeatsBypassTheHttpSessionAndBufferedCreditIsNeitherLostNorDoubled() {
        Setup s = setup();
        sessions.holdSchedule(true); // the write-behind every 2 s could land between the heartbeats and the checks
        long a = start(s.learner(), s.courseId()).get("sessionId").asLong();
        // the HTTP session is gone from the store (expired, or signed out elsewhere): the study token still works,
        // and the session cookie the browser sends along (ApiSession does, like a browser) is not even looked up —
        // no session row is read, touched or made again
        jdbc.sql("delete from spring_session where principal_name = ?").param(s.learnerName()).update();
        clock.advance(15);
        assertThat(beat(s.learner(), a, 1, 15).get("credited").asInt()).isEqualTo(15);  // [0, 15)
        clock.advance(15);
        assertThat(beat(s.learner(), a, 2, 30).get("creditedSeconds").asInt()).isEqualTo(30); // [0, 30)
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?").param(s.learnerName())
                .query(Long.class).single()).isZero();
        assertThat(s.learner().get("/api/learning/catalogue").status()).isEqualTo(401); // the cookie path needs the session
        assertThat(s.learner().login(s.learnerName(), Fixture.PASSWORD).status()).isEqualTo(200);
        assertThat(sessions.pending()).isPositive();
        assertThat(stored(s)).isZero(); // buffered, not yet written

        // meanwhile another node wrote 40–50 s for this learner and course
        jdbc.sql("update study_progress set covered = '40-50', credited_seconds = 10 where cadre_id = ? and course_id = ?")
                .params(s.cadreId(), s.courseId()).update();
        sessions.flush();
        // union of [0, 30) and [40, 50): 40 s, not 30 (lost) nor 30 + 10 + … (doubled)
        assertThat(stored(s)).isEqualTo(40);
        sessions.flush(); // nothing pending: the same again changes nothing
        assertThat(stored(s)).isEqualTo(40);

        // another node started a session of this learner: the database says SUPERSEDED; the next write reads that,
        // and this node refuses the old session as parallel from then on
        jdbc.sql("update study_session set status = 'SUPERSEDED' where id = ?").param(a).update();
        clock.advance(10);
        assertThat(beat(s.learner(), a, 3, 40).get("creditedSeconds").asInt()).isEqualTo(50); // 30 → 40: [0, 50)
        sessions.flush();
        assertThat(stored(s)).isEqualTo(50);
        clock.advance(3);
        JsonNode refused = beat(s.learner(), a, 4, 43);
        assertThat(refused.get("reason").asString()).isEqualTo("PARALLEL");
        assertThat(refused.get("stop").asBoolean()).isTrue();

        // a new session here: skip to 50, 3 s more → [0, 53), buffered; shutdown writes it
        long c = start(s.learner(), s.courseId()).get("sessionId").asLong();
        clock.advance(1);
        assertThat(beat(s.learner(), c, 1, 50, "seeked").get("reason").asString()).isEqualTo("SKIPPED");
        clock.advance(3);
        assertThat(beat(s.learner(), c, 2, 53).get("creditedSeconds").asInt()).isEqualTo(53);
        assertThat(stored(s)).isEqualTo(50);
        try {
            sessions.close();
            assertThat(stored(s)).isEqualTo(53);
            // a heartbeat racing the shutdown is written at once, not left in memory: 53 → 54, which completes it
            clock.advance(1);
            assertThat(beat(s.learner(), c, 3, 54).get("completed").asBoolean()).isTrue();
            assertThat(sessions.pending()).isZero();
            assertThat(stored(s)).isEqualTo(54);
        } finally {
            sessions.reopen();
        }

        // ended: an authentic token for a session this node no longer holds is a 409 (the player starts anew)
        assertThat(study(s.learner(), "DELETE", "/api/learning/study/" + c, tokens.get(c), null).status()).isEqualTo(200);
        assertThat(study(s.learner(), "POST", "/api/learning/study/" + c + "/heartbeat", tokens.get(c),
                "{\"seq\": 7, \"position\": 59}").status()).isEqualTo(409);
    }

    /**
     * A SCORM package: uploaded as a zip, its manifest's 5 minutes make its 学时 (0.25, RULES.md: under 15 minutes);
     * its files are served to the course's learners under a policy that lets the SCO's own scripts run. A lying
     * client posting "completed" at once gets nothing; time without the SCO's completion completes nothing either;
     * both together complete it, once. Needed: ceil(0.9 × 300) = 270 s.
     */
    @Test
    void aScormPackageCompletesOnlyWithTheCreditedTimeAndTheScosStatus() throws Exception {
        Setup s = setup();
        ApiSession.Response up = s.admin().sendBytes("PUT", "/api/learning/courses/" + s.courseId() + "/medium?name=" + ApiSession.q("廉洁.zip"),
                "application/zip", org.ganxun.demo.DemoScorm.scorm12Package());
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        JsonNode medium = s.admin().parse(up).get("medium");
        assertThat(medium.get("kind").asString()).isEqualTo("PACKAGE");
        assertThat(medium.get("scormVersion").asString()).isEqualTo("1.2");
        assertThat(medium.get("durationSeconds").asInt()).isEqualTo(300);
        assertThat(medium.get("durationSource").asString()).isEqualTo("MANIFEST");
        assertThat(new BigDecimal(s.admin().parse(up).get("hours").asString())).isEqualByComparingTo("0.25");

        // the SCO's files, for learners of the course, with the package's own policy; nothing outside the package
        ApiSession.Response sco = s.learner().get("/api/learning/courses/" + s.courseId() + "/package/index.html");
        assertThat(sco.status()).isEqualTo(200);
        assertThat(sco.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(sco.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("script-src 'self' 'unsafe-inline'").contains("frame-ancestors 'self'");
        assertThat(sco.text()).contains("LMSInitialize");
        assertThat(s.learner().get("/api/learning/courses/" + s.courseId() + "/package/..%2F..%2Fsecret.key").status()).isIn(400, 404);
        assertThat(s.learner().get("/api/learning/courses/" + s.courseId() + "/package/nothing.html").status()).isEqualTo(404);

        JsonNode started = start(s.learner(), s.courseId());
        long session = started.get("sessionId").asLong();
        assertThat(started.get("kind").asString()).isEqualTo("PACKAGE");
        assertThat(started.get("launchUrl").asString()).isEqualTo("/api/learning/courses/" + s.courseId() + "/package/index.html");
        assertThat(started.get("scormVersion").asString()).isEqualTo("1.2");
        assertThat(started.get("neededSeconds").asInt()).isEqualTo(270);

        // the lie: "completed" and a position far ahead one second in: one second, no completion
        clock.advance(1);
        JsonNode lie = pkgBeat(s.learner(), session, 1, 99999, "completed");
        assertThat(lie.get("creditedSeconds").asInt()).isEqualTo(1);
        assertThat(lie.get("completed").asBoolean()).isFalse();
        // junk for a status is not stored
        clock.advance(15);
        assertThat(pkgBeat(s.learner(), session, 2, 0, "<script>alert(1)</script>").get("creditedSeconds").asInt()).isEqualTo(16);
        // hidden: nothing
        clock.advance(15);
        assertThat(study(s.learner(), "POST", "/api/learning/study/" + session + "/heartbeat", tokens.get(session),
                "{\"seq\": 3, \"position\": 0, \"playing\": true, \"hidden\": true, \"scormStatus\": \"incomplete\"}").status()).isEqualTo(200);
        // 17 × 15 s open and visible, the SCO saying incomplete: 16 + 255 = 271 ≥ 270, yet not complete
        JsonNode r = null;
        for (int i = 0; i < 17; i++) {
            clock.advance(15);
            r = pkgBeat(s.learner(), session, 4 + i, 0, "incomplete");
        }
        assertThat(r.get("creditedSeconds").asInt()).isEqualTo(271);
        assertThat(r.get("completed").asBoolean()).isFalse();
        // the SCO reaches its end: completed, with the time, so the course is complete
        clock.advance(1);
        JsonNode done = pkgBeat(s.learner(), session, 30, 0, "completed");
        assertThat(done.get("creditedSeconds").asInt()).isEqualTo(272);
        assertThat(done.get("completed").asBoolean()).isTrue();
        assertThat(awaitArchive(s.cadreId(), s.courseId())).hasSize(1);
        assertThat(jdbc.sql("select package_status from study_progress where cadre_id = ? and course_id = ?")
                .params(s.cadreId(), s.courseId()).query(String.class).single()).isEqualTo("completed");

        // hostile packages are refused with the reason, the course keeps its package
        byte[] slip = ScormPackageTest.zip(ScormPackageTest.files("imsmanifest.xml", "<manifest/>", "../evil.txt", "x"));
        ApiSession.Response refused = s.admin().sendBytes("PUT", "/api/learning/courses/" + s.courseId() + "/medium", "application/zip", slip);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("不安全的文件路径");
        byte[] noTime = ScormPackageTest.zip(ScormPackageTest.files("imsmanifest.xml", ScormPackageTest.MANIFEST_12
                .replaceAll("(?s)<lom.*</lom>", ""), "index.html", "<html></html>"));
        ApiSession.Response ask = s.admin().sendBytes("PUT", "/api/learning/courses/" + s.courseId() + "/medium", "application/zip", noTime);
        assertThat(ask.status()).isEqualTo(400);
        assertThat(ask.text()).contains("minutes").contains("学习时长");
        ApiSession.Response entered = s.admin().sendBytes("PUT", "/api/learning/courses/" + s.courseId() + "/medium?minutes=20",
                "application/zip", noTime);
        assertThat(entered.status()).as(entered.text()).isEqualTo(200);
        assertThat(s.admin().parse(entered).get("medium").get("durationSeconds").asInt()).isEqualTo(1200);
        assertThat(s.admin().parse(entered).get("medium").get("durationSource").asString()).isEqualTo("CLERK");
        assertThat(s.admin().sendBytes("PUT", "/api/learning/courses/" + s.courseId() + "/medium?minutes=100000",
                "application/zip", noTime).status()).isEqualTo(400);
    }

    private JsonNode pkgBeat(ApiSession s, long session, long seq, double position, String status) {
        ApiSession.Response r = study(s, "POST", "/api/learning/study/" + session + "/heartbeat", tokens.get(session),
                "{\"seq\": " + seq + ", \"position\": " + position + ", \"playing\": true, \"hidden\": false, \"scormStatus\": \""
                        + status.replace("\"", "\\\"") + "\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return s.parse(r);
    }

    @Test
    void uploadsAreCheckedByContentAndFormsAreRefusedClearly() {
        Setup s = setup();
        ApiSession.Response html = s.admin().sendBytes("PUT", "/api/learning/courses/" + s.courseId() + "/medium?name=x.mp4",
                "video/mp4", "<html><script>alert(1)</script></html>".getBytes());
        assertThat(html.status()).isEqualTo(400);
        assertThat(html.text()).contains("不支持的文件类型");
        ApiSession.Response empty = s.admin().sendBytes("PUT", "/api/learning/courses/" + s.courseId() + "/medium", "video/mp4", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);

        ApiSession.Response longTitle = s.admin().send("POST", "/api/learning/courses",
                "{\"title\": \"" + "长".repeat(101) + "\", \"category\": \"BUSINESS\"}");
        assertThat(longTitle.status()).isEqualTo(400);
        assertThat(longTitle.text()).contains("课程名称不能超过100个字");
        ApiSession.Response noCategory = s.admin().send("POST", "/api/learning/courses", "{\"title\": \"无分类\"}");
        assertThat(noCategory.status()).isEqualTo(400);
        ApiSession.Response script = s.admin().send("POST", "/api/learning/courses",
                "{\"title\": \"<script>alert(1)</script>党史\", \"category\": \"CULTURE\"}");
        assertThat(script.status()).isEqualTo(200);
        assertThat(s.admin().parse(script).get("title").asString()).isEqualTo("党史");

        // a cover: PNG by its bytes; anything else refused; seen by the learners of the course
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(32, 24, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ApiSession.Response cover = s.admin().sendBytes("PUT", "/api/learning/courses/" + s.courseId() + "/cover", "image/png", png.toByteArray());
        assertThat(cover.status()).as(cover.text()).isEqualTo(200);
        assertThat(s.admin().parse(cover).get("hasCover").asBoolean()).isTrue();
        ApiSession.Response notImage = s.admin().sendBytes("PUT", "/api/learning/courses/" + s.courseId() + "/cover", "image/png",
                "<svg onload=alert(1)>".getBytes());
        assertThat(notImage.status()).isEqualTo(400);
        assertThat(notImage.text()).contains("封面只接受 JPG 或 PNG 图片");
        ApiSession.Response seen = s.learner().get("/api/learning/courses/" + s.courseId() + "/cover");
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        assertThat(seen.body()).isEqualTo(png.toByteArray());

        // a draft is not in the catalogue, nor its medium open to learners
        long draft = s.admin().parse(script).get("id").asLong();
        assertThat(s.learner().get("/api/learning/courses/" + draft + "/medium").status()).isEqualTo(404);
        // a cadre of another county does not see the course
        long elsewhere = fixture.org(null, Fixture.unique("别县"), "COUNTY");
        long stranger = fixture.cadre("外县干部", elsewhere);
        String strangerName = Fixture.unique("wywx");
        fixture.user(strangerName, Role.CADRE, null, null, stranger);
        ApiSession outsider = new ApiSession(port);
        outsider.login(strangerName, Fixture.PASSWORD);
        assertThat(outsider.getJson("/api/learning/catalogue").findValuesAsString("title")).doesNotContain("条例解读");
        assertThat(outsider.get("/api/learning/courses/" + s.courseId() + "/medium").status()).isEqualTo(404);
        assertThat(outsider.get("/api/learning/courses/" + s.courseId() + "/cover").status()).isEqualTo(404);
        assertThat(outsider.send("POST", "/api/learning/catalogue/" + s.courseId() + "/sessions", null).status()).isEqualTo(404);
    }

}
