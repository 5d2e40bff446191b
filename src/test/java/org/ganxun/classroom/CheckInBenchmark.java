package org.ganxun.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.Roster;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.training.Enrollments;
import org.ganxun.training.TrainingClasses;
import org.ganxun.training.TrainingFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Check-in burst: 2,000 trainees of one session check in through the HTTP API from 200 concurrent clients
 * (loopback only, every loop bounded), beside a baseline of a trivial authenticated endpoint
 * ({@code GET /api/auth/me}) measured the same way on the same server with the same sessions. Every trainee is
 * signed in once before timing (Argon2 would otherwise dominate). Afterwards: exactly 2,000 attendance rows,
 * and a replay of 200 of the check-ins stores nothing.
 * <p>Run: {@code ./mvnw -Pbench -Dskip.web=true test -Dtest=CheckInBenchmark}
 */
@Tag("benchmark")
@IntegrationTest
class CheckInBenchmark {

    static final int TRAINEES = 2_000;
    static final int CLIENTS = 200;
    static final String GIVEN = "安柏诚达丰国海弘佳建景俊凯朗立茂鹏启荣瑞韶泰伟文贤晓欣雅毅云哲志宏宁远卓明华光辉";

    @LocalServerPort int port;
    @Autowired TrainingFixture tf;
    @Autowired TrainingClasses classes;
    @Autowired Enrollments enrollments;
    @Autowired Roster roster;
    @Autowired JdbcClient jdbc;
    @Autowired PasswordEncoder encoder;

    record Client(String cookie) {
    }

    @Test
    void checkInBurst() throws Exception {
        long t0 = System.nanoTime();
        TrainingFixture.awayFromMidnight(15);
        TrainingFixture.County c = tf.county();
        LocalDate today = LocalDate.now(Classroom.ZONE);
        long cls = tf.fixture.as(c.registrar, () -> classes.create(c.form(Fixture.unique("签到压测班"), today, today, List.of(), TRAINEES + 10,
                List.of(new TrainingClasses.SessionForm(null, today, LocalTime.of(0, 0), LocalTime.of(23, 59), "签到压测课次", null, null,
                        new BigDecimal("3"))))).id());
        tf.fixture.as(c.registrar, () -> classes.submit(cls));
        tf.fixture.as(c.admin, () -> classes.approve(cls, null));
        long sessionId = classes.sessions(cls).get(0).id();
        // the token must outlive the burst: codes of this class rotate every 10 minutes
        jdbc.sql("update training_class set checkin_code_seconds = 600 where id = ?").param(cls).update();

        String hash = encoder.encode(Fixture.PASSWORD);
        String prefix = "bench" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_";
        for (int i = 0; i < TRAINEES; i++) {
            String name = "学" + GIVEN.charAt(i % GIVEN.length()) + GIVEN.charAt((i / GIVEN.length()) % GIVEN.length());
            CadreForm f = Fixture.cadreForm(name, c.townA, Fixture.citizenId(LocalDate.of(1970, 1, 1).plusDays(i), i % 2 == 0));
            long cadre = tf.fixture.as(Fixture.systemAdmin(), () -> roster.create(f).id());
            tf.fixture.as(c.admin, () -> enrollments.name(cls, cadre));
            jdbc.sql("insert into app_user (username, display_name, password_hash, role, cadre_id) values (?, ?, ?, 'CADRE', ?)")
                    .params(prefix + i, name, hash, cadre).update();
        }
        long setup = System.nanoTime();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://localhost:" + port;
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        // sign in every trainee once (Argon2), before any timing
        Client[] clients = new Client[TRAINEES];
        run(pool, TRAINEES, i -> () -> {
            String form = "username=" + URLEncoder.encode(prefix + i, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(Fixture.PASSWORD, StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "XSRF-TOKEN=bench")
                    .header("X-XSRF-TOKEN", "bench").timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            String session = r.headers().allValues("Set-Cookie").stream().map(v -> v.split(";", 2)[0])
                    .filter(v -> !v.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
            clients[i] = new Client(session + "; XSRF-TOKEN=bench");
            return 0L;
        });
        long logins = System.nanoTime();

        ApiSession registrar = new ApiSession(port);
        registrar.login(c.registrar.username(), Fixture.PASSWORD);
        String token = registrar.getJson("/api/training/sessions/" + sessionId + "/qr").get("token").asString();
        String body = "{\"token\":\"" + token + "\"}";

        IntFunction<Callable<Long>> me = i -> () -> timed(http, HttpRequest.newBuilder(URI.create(base + "/api/auth/me"))
                .header("Cookie", clients[i].cookie()).timeout(Duration.ofSeconds(60)).GET().build(), 200);
        IntFunction<Callable<Long>> checkIn = i -> () -> timed(http, HttpRequest.newBuilder(URI.create(base + "/api/training/me/checkin"))
                .header("Cookie", clients[i].cookie()).header("X-XSRF-TOKEN", "bench").header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), 200);

        run(pool, 400, i -> me.apply(i % TRAINEES)); // warm-up of the trivial endpoint
        Result baseline = measure(pool, me);
        Result burst = measure(pool, checkIn);

        assertThat(jdbc.sql("select count(*) from attendance where session_id = ?").param(sessionId).query(Long.class).single())
                .isEqualTo(TRAINEES);
        assertThat(jdbc.sql("select count(distinct enrollment_id) from attendance where session_id = ?").param(sessionId).query(Long.class).single())
                .isEqualTo(TRAINEES);
        // replay: 200 of the same check-ins again are refused (409) and store nothing
        run(pool, 200, i -> () -> timed(http, HttpRequest.newBuilder(URI.create(base + "/api/training/me/checkin"))
                .header("Cookie", clients[i * 10].cookie()).header("X-XSRF-TOKEN", "bench").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 409));
        assertThat(jdbc.sql("select count(*) from attendance where session_id = ?").param(sessionId).query(Long.class).single())
                .isEqualTo(TRAINEES);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        System.out.printf("%n=== CheckInBenchmark: %d trainees, %d concurrent clients, loopback ===%n", TRAINEES, CLIENTS);
        System.out.printf("set-up: %.1f s (cadres, enrollments, accounts); sign-in of %d trainees (Argon2): %.1f s%n",
                (setup - t0) / 1e9, TRAINEES, (logins - setup) / 1e9);
        System.out.printf("%-34s %10s %10s %10s %10s%n", "", "req/s", "p50 ms", "p99 ms", "max ms");
        baseline.print("baseline GET /api/auth/me");
        burst.print("check-in POST /api/training/me/checkin");
        System.out.printf("attendance rows: %d (expected %d); replay of 200: all 409, rows unchanged%n%n", TRAINEES, TRAINEES);
    }

    record Result(double seconds, long[] nanos) {
        void print(String label) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            System.out.printf("%-34s %10.0f %10.1f %10.1f %10.1f%n", label, s.length / seconds, s[s.length / 2] / 1e6,
                    s[(int) Math.ceil(s.length * 0.99) - 1] / 1e6, s[s.length - 1] / 1e6);
        }
    }

    private static Result measure(ExecutorService pool, IntFunction<Callable<Long>> work) throws Exception {
        long start = System.nanoTime();
        long[] nanos = run(pool, TRAINEES, work);
        return new Result((System.nanoTime() - start) / 1e9, nanos);
    }

    private static long[] run(ExecutorService pool, int n, IntFunction<Callable<Long>> work) throws Exception {
        List<Future<Long>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(work.apply(i)));
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = futures.get(i).get(5, TimeUnit.MINUTES);
        }
        return out;
    }

    private static long timed(HttpClient http, HttpRequest request, int expected) throws Exception {
        long s = System.nanoTime();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        long d = System.nanoTime() - s;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return d;
    }
}
