package org.ganxun.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Heartbeats of many learners on the cheap path (study token, no HTTP-session read, progress written behind), ramped
 * until p99 exceeds 100 ms, beside the trivial authenticated endpoint ({@code GET /api/auth/me}, a session read from
 * PostgreSQL) and the catalogue page ({@code GET /api/learning/catalogue}), each ramped the same way on the same
 * server in the same run (loopback; the load generator shares the machine's cores with the server).
 *
 * <p>{@value #LEARNERS} learners each study a 10-hour course; a learner's heartbeats are sequential (seq grows, the
 * position advances with the client's clock), their 30-s interval compressed to whatever the ramp's step needs
 * (rate × 30 = the learners that rate would serve at the real interval). Requests are sent open-loop at the step's
 * rate by a pool of {@value #THREADS} client threads; latency is measured from when a request was due, so a server
 * that falls behind shows it. Presence checks that heartbeats carry are answered (not timed). Afterwards the
 * credited seconds the server reported to each learner are compared with what the database holds after the
 * write-behind: lost or doubled seconds are counted (goal none).
 * <p>Run: {@code ./mvnw -Pbench -Dskip.web=true test -Dtest=HeartbeatBenchmark}
 */
@Tag("benchmark")
@IntegrationTest
class HeartbeatBenchmark {

    static final int LEARNERS = 400;
    static final int THREADS = 128;
    static final String GIVEN = "安柏诚达丰国海弘佳建景俊凯朗立茂鹏启荣瑞韶泰伟文贤晓欣雅毅云哲志宏宁远卓明华光辉";
    static final double STEP_SECONDS = 4;
    static final int CLOSED_CLIENTS = 32;
    static final int[] RATES = {250, 500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000, 10000};

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired PasswordEncoder encoder;
    @Autowired StudySessions sessions;

    final JsonMapper json = JsonMapper.builder().build();
    HttpClient http;
    String base;

    /** One simulated learner: their cookie (for the baseline and the catalogue) and their study session. */
    static final class Learner {
        final long cadre;
        String cookie;
        long session;
        String token;
        long seq;
        long startedNanos;
        final ReentrantLock lock = new ReentrantLock();
        final AtomicLong reported = new AtomicLong();

        Learner(long cadre) {
            this.cadre = cadre;
        }
    }

    @Test
    void heartbeatsBesideTheTrivialEndpointAndTheCatalogue() throws Exception {
        long t0 = System.nanoTime();
        long org = fixture.org(null, Fixture.unique("心跳压测县"), "COUNTY");
        long course = jdbc.sql("""
                        insert into course (title, category, owner_org_id, created_by, status, published_at, hours, hours_note)
                        values ('心跳压测课程', 'BUSINESS', ?, 'bench', 'PUBLISHED', now(), 1, 'bench') returning id""")
                .param(org).query(Long.class).single();
        jdbc.sql("""
                insert into course_medium (course_id, kind, stored_path, content_type, size_bytes, duration_seconds, sha256, duration_source)
                values (?, 'AUDIO', 'bench/none.wav', 'audio/wav', 0, 36000, ?, 'FILE')""").params(course, "0".repeat(64)).update();
        // nine more courses, so the catalogue page has something to list
        for (int i = 0; i < 9; i++) {
            long c = jdbc.sql("""
                            insert into course (title, category, owner_org_id, created_by, status, published_at, hours, hours_note)
                            values (?, 'CULTURE', ?, 'bench', 'PUBLISHED', now(), 0.5, 'bench') returning id""")
                    .params("目录课程" + i, org).query(Long.class).single();
            jdbc.sql("""
                    insert into course_medium (course_id, kind, stored_path, content_type, size_bytes, duration_seconds, sha256, duration_source)
                    values (?, 'VIDEO', 'bench/none.mp4', 'video/mp4', 0, 1200, ?, 'FILE')""").params(c, "0".repeat(64)).update();
        }
        String hash = encoder.encode(Fixture.PASSWORD);
        String prefix = "hb" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_";
        Learner[] learners = new Learner[LEARNERS];
        for (int i = 0; i < LEARNERS; i++) {
            String name = "学" + GIVEN.charAt(i % GIVEN.length()) + GIVEN.charAt((i / GIVEN.length()) % GIVEN.length());
            long cadre = fixture.cadre(name, org);
            jdbc.sql("insert into app_user (username, display_name, password_hash, role, cadre_id) values (?, ?, ?, 'CADRE', ?)")
                    .params(prefix + i, name, hash, cadre).update();
            learners[i] = new Learner(cadre);
        }
        long setup = System.nanoTime();

        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        base = "http://localhost:" + port;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        // sign in (Argon2), before any timing; a few at a time: a sign-in holds a connection while it hashes
        ExecutorService signIn = Executors.newFixedThreadPool(6);
        all(signIn, LEARNERS, i -> {
            String form = "username=" + URLEncoder.encode(prefix + i, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(Fixture.PASSWORD, StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "XSRF-TOKEN=bench")
                    .header("X-XSRF-TOKEN", "bench").timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            String session = r.headers().allValues("Set-Cookie").stream().map(v -> v.split(";", 2)[0])
                    .filter(v -> !v.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
            learners[i].cookie = session + "; XSRF-TOKEN=bench";
        });
        signIn.shutdown();
        long logins = System.nanoTime();

        Ramp trivial = ramp(pool, "trivial", i -> {
            Learner l = learners[i % LEARNERS];
            expect(http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/me")).header("Cookie", l.cookie)
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString()), 200);
        });
        Ramp catalogue = ramp(pool, "catalogue", i -> {
            Learner l = learners[i % LEARNERS];
            expect(http.send(HttpRequest.newBuilder(URI.create(base + "/api/learning/catalogue")).header("Cookie", l.cookie)
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString()), 200);
        });

        all(pool, LEARNERS, i -> {
            Learner l = learners[i];
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/learning/catalogue/" + course + "/sessions"))
                    .header("Cookie", l.cookie).header("X-XSRF-TOKEN", "bench").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            expect(r, 200);
            JsonNode s = json.readTree(r.body());
            l.session = s.get("sessionId").asLong();
            l.token = s.get("studyToken").asString();
            l.startedNanos = System.nanoTime();
        });
        AtomicInteger presence = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Ramp beats = ramp(pool, "heartbeat", i -> {
            Learner l = learners[i % LEARNERS];
            l.lock.lock(); // one learner's heartbeats one after another, as a player sends them
            try {
                double position = (System.nanoTime() - l.startedNanos) / 1e9;
                String body = "{\"seq\":" + (++l.seq) + ",\"position\":" + position + ",\"playing\":true,\"hidden\":false,\"seeked\":false}";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/learning/study/" + l.session + "/heartbeat"))
                        .header("X-Study-Token", l.token).header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                expect(r, 200);
                JsonNode b = json.readTree(r.body());
                l.reported.addAndGet(b.get("credited").asInt());
                if (b.get("reason") != null && !b.get("reason").isNull() && !"REWATCH".equals(b.get("reason").asString())
                        && !"PAUSED".equals(b.get("reason").asString())) {
                    refused.incrementAndGet();
                }
                JsonNode p = b.get("presence");
                if (p != null && !p.isNull()) { // answered at once, as an attentive learner would (not timed)
                    String[] q = p.get("question").asString().replace(" = ?", "").split(" \\+ ");
                    int answer = Integer.parseInt(q[0]) + Integer.parseInt(q[1]);
                    expect(http.send(HttpRequest.newBuilder(URI.create(base + "/api/learning/study/" + l.session + "/presence"))
                            .header("X-Study-Token", l.token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"checkId\":" + p.get("id").asLong() + ",\"answer\":" + answer + "}"))
                            .build(), HttpResponse.BodyHandlers.ofString()), 200);
                    presence.incrementAndGet();
                }
            } finally {
                l.lock.unlock();
            }
        });
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

        // what the server told each learner it credited, against what the database holds after the write-behind
        sessions.flush();
        long reported = 0, stored = 0, lost = 0, doubled = 0;
        for (Learner l : learners) {
            int s = jdbc.sql("select credited_seconds from study_progress where cadre_id = ? and course_id = ?")
                    .params(l.cadre, course).query(Integer.class).single();
            reported += l.reported.get();
            stored += s;
            lost += Math.max(0, l.reported.get() - s);
            doubled += Math.max(0, s - l.reported.get());
        }

        System.out.printf("%n=== HeartbeatBenchmark: %d learners, %d client threads, steps of %.0f s, loopback ===%n", LEARNERS, THREADS, STEP_SECONDS);
        System.out.printf("set-up: %.1f s; sign-in of %d learners (Argon2): %.1f s; cores: %d%n", (setup - t0) / 1e9, LEARNERS,
                (logins - setup) / 1e9, Runtime.getRuntime().availableProcessors());
        trivial.print("GET /api/auth/me (trivial, session read)");
        catalogue.print("GET /api/learning/catalogue");
        beats.print("POST /api/learning/study/{id}/heartbeat");
        System.out.printf("%nsustained at p99 <= 100 ms: trivial %d/s, catalogue %d/s, heartbeat %d/s (= %d learners at a 30-s interval); "
                        + "heartbeat / trivial = %.2f%n", trivial.best(), catalogue.best(), beats.best(), beats.best() * 30,
                trivial.best() == 0 ? 0 : (double) beats.best() / trivial.best());
        System.out.printf("capacity (closed loop): trivial %.0f/s, catalogue %.0f/s, heartbeat %.0f/s; heartbeat / trivial = %.2f%n",
                trivial.closed().achieved(), catalogue.closed().achieved(), beats.closed().achieved(),
                beats.closed().achieved() / trivial.closed().achieved());
        System.out.printf("credited seconds: reported to learners %d, stored %d, lost %d, doubled %d; refused heartbeats %d; "
                + "presence checks answered %d%n%n", reported, stored, lost, doubled, refused.get(), presence.get());
        assertThat(lost).isZero();
        assertThat(doubled).isZero();
    }

    interface Call {
        void run(int i) throws Exception;
    }

    record Step(int target, int sent, double seconds, long[] nanos) {
        double achieved() {
            return nanos.length / seconds;
        }

        double p(double q) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return s.length == 0 ? 0 : s[Math.max(0, (int) Math.ceil(s.length * q) - 1)] / 1e6;
        }
    }

    record Ramp(String name, List<Step> steps, Step closed) {
        /** The highest achieved rate of a step whose p99 stayed within 100 ms. */
        int best() {
            return (int) steps.stream().filter(s -> s.p(0.99) <= 100).mapToDouble(Step::achieved).max().orElse(0);
        }

        void print(String label) {
            System.out.printf("%n%s%n%10s %10s %10s %10s %10s%n", label, "target/s", "done/s", "p50 ms", "p99 ms", "max ms");
            for (Step s : steps) {
                System.out.printf("%10d %10.0f %10.1f %10.1f %10.1f%n", s.target(), s.achieved(), s.p(0.5), s.p(0.99), s.p(1.0));
            }
            System.out.printf("%10s %10.0f %10.1f %10.1f %10.1f   (closed loop: %d clients back to back)%n", "capacity",
                    closed.achieved(), closed.p(0.5), closed.p(0.99), closed.p(1.0), CLOSED_CLIENTS);
        }
    }

    /** A warm-up, then steps of rising rate until a step's p99 exceeds 100 ms (or the rates run out). */
    private Ramp ramp(ExecutorService pool, String name, Call call) throws Exception {
        AtomicInteger n = new AtomicInteger();
        step(pool, 100, 2, call, n); // warm-up (JIT, connections)
        Step closed = closed(pool, CLOSED_CLIENTS, STEP_SECONDS, call, n);
        List<Step> steps = new ArrayList<>();
        for (int rate : RATES) {
            Step s = step(pool, rate, STEP_SECONDS, call, n);
            steps.add(s);
            if (s.p(0.99) > 100 || s.achieved() < rate * 0.8) {
                break;
            }
        }
        return new Ramp(name, steps, closed);
    }

    /** The capacity: {@code clients} callers, each sending its next request when the last is answered. */
    private Step closed(ExecutorService pool, int clients, double seconds, Call call, AtomicInteger counter) throws Exception {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                List<Long> out = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    call.run(counter.getAndIncrement());
                    out.add(System.nanoTime() - t);
                }
                return out;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get(5, TimeUnit.MINUTES));
        }
        return new Step(0, all.size(), (System.nanoTime() - start) / 1e9, all.stream().mapToLong(Long::longValue).toArray());
    }

    /** Sends {@code rate × seconds} calls, each due at its own moment; latency counts from that moment. */
    private Step step(ExecutorService pool, int rate, double seconds, Call call, AtomicInteger counter) throws Exception {
        int total = (int) (rate * seconds);
        List<Future<Long>> futures = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int k = 0; k < total; k++) {
            long due = start + (long) (k * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 200_000) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int i = counter.getAndIncrement();
            futures.add(pool.submit(() -> {
                call.run(i);
                return System.nanoTime() - due;
            }));
        }
        long[] nanos = new long[total];
        for (int k = 0; k < total; k++) {
            nanos[k] = futures.get(k).get(2, TimeUnit.MINUTES);
        }
        return new Step(rate, total, (System.nanoTime() - start) / 1e9, nanos);
    }

    private static void all(ExecutorService pool, int n, Call call) throws Exception {
        List<Future<?>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                call.run(k);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
    }

    private static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    }
}
