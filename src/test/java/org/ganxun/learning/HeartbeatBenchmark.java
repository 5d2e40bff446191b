package org.ganxun.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.ganxun.exam.Attempts;
import org.ganxun.learning.internal.study.StudySessions;
import org.ganxun.platform.security.Role;
import org.ganxun.people.Roster;
import org.ganxun.platform.db.SqlArrays;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.RunAs;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Heartbeats of many learners on the cheap path (study token, no HTTP-session read, progress written behind), ramped
 * until p99 exceeds 100 ms, beside the trivial authenticated endpoint ({@code GET /api/auth/me}, a session read from
 * PostgreSQL) and the catalogue page ({@code GET /api/learning/catalogue}), each ramped the same way on the same
 * server in the same run, and an exam handed in by {@value #LEARNERS} candidates in the same minute.
 *
 * <p>The load comes from {@link LoadGenerator}, a JVM of its own started here (plain sockets, keep-alive, open loop,
 * latency from when a request was due), which reports its own CPU time beside the server's and PostgreSQL's, so a
 * reader sees how the two cores were shared. {@value #LEARNERS} learners each study a 10-hour course; a learner's
 * heartbeats are sequential (seq grows, the position advances with the client's clock), their 30-s interval compressed
 * to what the step's rate needs (rate × 30 = the learners that rate serves at the real interval). Afterwards the
 * credited seconds the server reported to each learner are compared with what the database holds after the
 * write-behind: lost or doubled seconds are counted (goal none).
 *
 * <p>Set-up is not timed and does not go through the sign-in form (Argon2 per learner would take minutes on a shared
 * machine): each learner's HTTP session is written to the session store as a sign-in writes it, and the study
 * sessions and exam attempts are started in-process as that learner.
 * <p>Run: {@code ./mvnw -Pbench -Dskip.web=true test -Dtest=HeartbeatBenchmark}
 */
@Tag("benchmark")
@IntegrationTest
class HeartbeatBenchmark {

    static final int LEARNERS = 2000;
    static final String GIVEN = "安柏诚达丰国海弘佳建景俊凯朗立茂鹏启荣瑞韶泰伟文贤晓欣雅毅云哲志宏宁远卓明华光辉";
    static final String RATES = "250,500,1000,1500,2000,2500,3000,4000,5000,6000,8000,10000";
    static final int CONNECTIONS = 64;
    static final int CLOSED_CONNECTIONS = 32;
    static final int STEP_SECONDS = 4;
    static final int EXAM_QUESTIONS = 50;

    @LocalServerPort int port;
    @org.springframework.beans.factory.annotation.Value("${ganxun.embedded-db.data-dir}") String pgDir;
    @Autowired Fixture fixture;
    @Autowired Roster roster;
    @Autowired JdbcClient jdbc;
    @Autowired PasswordEncoder encoder;
    @Autowired StudySessions sessions;
    @Autowired Attempts attempts;
    @Autowired SessionRepository<? extends Session> sessionStore;

    record Learner(int index, long cadre, CurrentUser user, String cookie, long session, String token, long attempt, String answers) {
    }

    @Test
    void heartbeatsBesideTheTrivialEndpointTheCatalogueAndAnExam() throws Exception {
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
        long exam = exam(org);
        String hash = encoder.encode(Fixture.PASSWORD);
        String prefix = "hb" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Learner>> made = new ArrayList<>();
        for (int i = 0; i < LEARNERS; i++) {
            int k = i;
            made.add(pool.submit(() -> learner(k, prefix, hash, org, course, exam)));
        }
        List<Learner> learners = new ArrayList<>();
        for (Future<Learner> f : made) {
            learners.add(f.get(10, TimeUnit.MINUTES));
        }
        pool.shutdown();
        // the session written here is one the server accepts
        ApiSession check = new ApiSession(port);
        assertThat(check.get("/api/auth/me", "Cookie", learners.get(0).cookie()).status()).isEqualTo(200);
        long setup = System.nanoTime();

        Path plan = Files.createTempFile("heartbeat-plan", ".tsv");
        StringBuilder p = new StringBuilder("server\t127.0.0.1\t" + port + "\n");
        // the bundled PostgreSQL runs detached (pg_ctl): its postmaster's pid, for its CPU time
        Path pid = Path.of(pgDir, "postmaster.pid");
        if (Files.exists(pid)) {
            p.append("pg\t").append(Files.readAllLines(pid).get(0).trim()).append('\n');
        }
        for (Learner l : learners) {
            p.append("L\t").append(l.index()).append('\t').append(l.cookie()).append('\t').append(l.session()).append('\t').append(l.token()).append('\n');
            p.append("X\t").append(l.index()).append('\t').append(l.cookie()).append('\t').append(l.attempt()).append('\t').append(l.answers()).append('\n');
        }
        // heartbeats first: the study sessions were started just now (a first heartbeat 90 s later is a gap)
        p.append("ramp\tbeat\t").append(CONNECTIONS).append('\t').append(STEP_SECONDS).append('\t').append(RATES).append('\n');
        p.append("closed\tbeat\t").append(CLOSED_CONNECTIONS).append('\t').append(STEP_SECONDS).append('\n');
        p.append("ramp\ttrivial\t").append(CONNECTIONS).append('\t').append(STEP_SECONDS).append('\t').append(RATES).append('\n');
        p.append("closed\ttrivial\t").append(CLOSED_CONNECTIONS).append('\t').append(STEP_SECONDS).append('\n');
        p.append("ramp\tcatalogue\t").append(CONNECTIONS).append('\t').append(STEP_SECONDS).append('\t').append(RATES).append('\n');
        p.append("closed\tcatalogue\t").append(CLOSED_CONNECTIONS).append('\t').append(STEP_SECONDS).append('\n');
        p.append("once\tsubmit\t").append(CONNECTIONS).append("\t60\n");
        Files.writeString(plan, p.toString(), StandardCharsets.UTF_8);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process gen = new ProcessBuilder(java, "-Xmx256m", "-Xss256k", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LoadGenerator.class.getName(), plan.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String[]> steps = new ArrayList<>();
        Map<Integer, Long> reportedBy = new java.util.HashMap<>();
        String tail = "";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(gen.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t");
                switch (f[0]) {
                    case "step" -> {
                        steps.add(f);
                        System.out.println("[load] " + line);
                    }
                    case "credited" -> reportedBy.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
                    case "refused" -> tail = line;
                    default -> System.out.println("[load] " + line);
                }
            }
        }
        assertThat(gen.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(gen.exitValue()).isZero();
        Files.deleteIfExists(plan);

        // what the server told each learner it credited, against what the database holds after the write-behind
        sessions.flush();
        long reported = 0, stored = 0, lost = 0, doubled = 0;
        for (Learner l : learners) {
            int s = jdbc.sql("select credited_seconds from study_progress where cadre_id = ? and course_id = ?")
                    .params(l.cadre(), course).query(Integer.class).single();
            long told = reportedBy.getOrDefault(l.index(), 0L);
            reported += told;
            stored += s;
            lost += Math.max(0, told - s);
            doubled += Math.max(0, s - told);
        }
        int graded = jdbc.sql("select count(*) from exam_attempt where exam_id = ? and status = 'GRADED'").param(exam).query(Integer.class).single();

        System.out.printf("%n=== HeartbeatBenchmark: %d learners, open loop over %d keep-alive connections (closed loop: %d), steps of %d s, "
                + "loopback; load generator in its own JVM ===%n", LEARNERS, CONNECTIONS, CLOSED_CONNECTIONS, STEP_SECONDS);
        System.out.printf("set-up: %.1f s; cores: %d; load average at the end: %s%n", (setup - t0) / 1e9,
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf("%-7s %-9s %8s %5s %6s %6s %4s %7s %8s %8s %8s | %-25s | %-22s | %s%n", "phase", "endpoint", "target/s", "conns",
                "sent", "done", "err", "done/s", "p50 ms", "p99 ms", "max ms", "CPU s: load/server/PG", "CPU us per request: s+PG",
                "load gen share; reconnects");
        for (String[] s : steps) {
            double seconds = Double.parseDouble(s[8]);
            int done = Integer.parseInt(s[6]);
            double client = Double.parseDouble(s[12]), server = Double.parseDouble(s[13]), db = Double.parseDouble(s[14]);
            System.out.printf("%-7s %-9s %8s %5s %6s %6s %4s %7.0f %8s %8s %8s | %7.2f / %6.2f / %6.2f | %6.0f + %6.0f = %6.0f | %4.0f %%; %s%n", s[1], s[2], s[3], s[4],
                    s[5], s[6], s[7], done / seconds, s[9], s[10], s[11], client, server, db, server / done * 1e6, db / done * 1e6,
                    (server + db) / done * 1e6, 100 * client / (client + server + db), s[15]);
        }
        StringJoiner best = new StringJoiner(", ");
        for (String kind : List.of("beat", "trivial", "catalogue")) {
            double b = steps.stream().filter(s -> s[1].equals("ramp") && s[2].equals(kind) && Double.parseDouble(s[10]) <= 100)
                    .mapToDouble(s -> Integer.parseInt(s[6]) / Double.parseDouble(s[8])).max().orElse(0);
            best.add(kind + " " + Math.round(b) + "/s");
        }
        System.out.printf("%nsustained at p99 <= 100 ms: %s%n", best);
        System.out.printf("credited seconds: reported to learners %d, stored %d, lost %d, doubled %d; %s%n", reported, stored, lost, doubled, tail);
        System.out.printf("exam: %d of %d attempts graded%n%n", graded, LEARNERS);
        assertThat(lost).isZero();
        assertThat(doubled).isZero();
        assertThat(graded).isEqualTo(LEARNERS);
    }

    /** A cadre with a CADRE account, signed in (a session in the store), studying the course, with an exam paper open. */
    private Learner learner(int i, String prefix, String hash, long org, long course, long exam) {
        String name = "学" + GIVEN.charAt(i % GIVEN.length()) + GIVEN.charAt((i / GIVEN.length()) % GIVEN.length());
        // a birth date of their own each: Fixture.cadre's citizen ids repeat among thousands
        String citizenId = Fixture.citizenId(java.time.LocalDate.of(1960, 1, 1).plusDays(i), i % 2 == 0);
        long cadre = fixture.as(Fixture.systemAdmin(), () -> roster.create(Fixture.cadreForm(name, org, citizenId)).id());
        String username = prefix + i;
        long id = jdbc.sql("insert into app_user (username, display_name, password_hash, role, cadre_id) values (?, ?, ?, 'CADRE', ?) returning id")
                .params(username, name, hash, cadre).query(Long.class).single();
        CurrentUser user = new CurrentUser(id, username, name, "", Role.CADRE, null, null, cadre, true, false);
        String cookie = "SESSION=" + Base64.getEncoder().encodeToString(signIn(sessionStore, user).getBytes(StandardCharsets.US_ASCII));
        StudySessions.Started s = RunAs.as(user, () -> sessions.start(course, "bench"));
        long attempt = RunAs.as(user, () -> attempts.start(exam)).attemptId();
        Attempts.Paper paper = RunAs.as(user, () -> attempts.paper(attempt));
        StringJoiner answers = new StringJoiner(",", "{\"answers\":{", "}}");
        for (Attempts.PaperQuestion q : paper.questions()) {
            String a = switch (q.kind()) {
                case SINGLE -> "ABCD".substring(i % 4, i % 4 + 1);
                case MULTIPLE -> "AC";
                default -> i % 2 == 0 ? "对" : "错";
            };
            answers.add("\"" + q.questionId() + "\":\"" + a + "\"");
        }
        return new Learner(i, cadre, user, cookie, s.sessionId(), s.studyToken(), attempt, answers.toString());
    }

    /** A session in the store holding the user's security context, as a sign-in leaves it; its id. */
    private static <S extends Session> String signIn(SessionRepository<S> store, CurrentUser user) {
        S session = store.createSession();
        session.setAttribute("SPRING_SECURITY_CONTEXT",
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities())));
        store.save(session);
        return session.getId();
    }

    /**
     * A 50-question exam (30 single, 10 multiple choice, 10 true/false, 2 points each) drawn per candidate from a bank
     * of 100, set up by the county's organisation department through the API.
     */
    private long exam(long org) {
        for (int i = 0; i < 100; i++) {
            String kind = i < 60 ? "SINGLE" : i < 80 ? "MULTIPLE" : "TRUE_FALSE";
            String[] options = kind.equals("TRUE_FALSE") ? new String[0] : new String[] {"甲" + i, "乙" + i, "丙" + i, "丁" + i};
            String answer = switch (kind) {
                case "SINGLE" -> "ABCD".substring(i % 4, i % 4 + 1);
                case "MULTIPLE" -> "AC";
                default -> i % 2 == 0 ? "T" : "F";
            };
            jdbc.sql("""
                    insert into exam_question (owner_org_id, kind, stem, options, answer, difficulty, category, created_by)
                    values (?, ?, ?, ?, ?, 2, ?, 'bench')""")
                    .params(org, kind, "廉政法规第" + i + "题", SqlArrays.of("text", options), answer, kind.equals("SINGLE") ? "单选" : kind.equals("MULTIPLE") ? "多选" : "判断")
                    .update();
        }
        String adminName = Fixture.unique("hbadm");
        fixture.user(adminName, Role.ORG_DEPT_ADMIN, org, null, null);
        ApiSession admin = new ApiSession(port);
        assertThat(admin.login(adminName, Fixture.PASSWORD).status()).isEqualTo(200);
        ApiSession.Response r = admin.send("POST", "/api/exams", """
                {"title": "压测任前廉政法规知识测试", "purpose": "PRE_APPOINTMENT", "targetOrgId": %d, "passScore": 60,
                 "timeLimitMinutes": 120, "maxAttempts": 1, "counts": "BEST",
                 "blueprint": [{"category": "单选", "count": 30, "points": 2}, {"category": "多选", "count": 10, "points": 2},
                               {"category": "判断", "count": 10, "points": 2}]}""".formatted(org));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        long id = admin.parse(r).get("id").asLong();
        ApiSession.Response pub = admin.send("POST", "/api/exams/" + id + "/publish", null);
        assertThat(pub.status()).as(pub.text()).isEqualTo(200);
        return id;
    }
}
