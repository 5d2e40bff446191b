package org.ganxun.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.ganxun.classroom.internal.CheckInCodes;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.training.Enrollments;
import org.ganxun.training.SessionView;
import org.ganxun.training.TrainingClasses;
import org.ganxun.training.TrainingFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rotating QR check-in: stored once under concurrency and replay; expired, forged and wrong-session codes refused with a clear message; evaluation anonymous and once. */
@IntegrationTest
class CheckInTest {

    @Autowired TrainingFixture tf;
    @Autowired TrainingClasses classes;
    @Autowired Enrollments enrollments;
    @Autowired Attendance attendance;
    @Autowired CheckInCodes codes;
    @Autowired TeachingEvaluations evaluations;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    record World(TrainingFixture.County c, long cls, long sessionA, long sessionB, long instructor, List<CurrentUser> trainees) {
    }

    /** A running class with two sessions today (00:00–23:59), an instructor and {@code n} trainees with accounts. */
    World world(int n) {
        TrainingFixture.awayFromMidnight();
        TrainingFixture.County c = tf.county();
        LocalDate today = LocalDate.now(Classroom.ZONE);
        long instructor = c.instructor("王老师");
        List<TrainingClasses.SessionForm> sessions = List.of(
                new TrainingClasses.SessionForm(null, today, LocalTime.of(0, 0), LocalTime.of(23, 59), "学习贯彻党的二十大精神", instructor, null, new BigDecimal("3")),
                new TrainingClasses.SessionForm(null, today, LocalTime.of(0, 0), LocalTime.of(23, 59), "乡村振兴专题", null, null, new BigDecimal("3")));
        long cls = tf.fixture.as(c.registrar, () -> classes.create(c.form(Fixture.unique("签到测试班"), today, today, List.of(), n + 5, sessions)).id());
        tf.fixture.as(c.registrar, () -> classes.submit(cls));
        tf.fixture.as(c.admin, () -> classes.approve(cls, null));
        List<Long> s = classes.sessions(cls).stream().map(SessionView::id).toList();
        List<CurrentUser> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long cadre = c.staff("学员" + "甲乙丙丁戊己庚辛壬癸".charAt(i % 10) + "子丑寅卯辰".charAt(i / 10), c.townA);
            tf.fixture.as(c.admin, () -> enrollments.name(cls, cadre));
            users.add(tf.fixture.user(Fixture.unique("xy"), Role.CADRE, null, null, cadre));
        }
        return new World(c, cls, s.get(0), s.get(1), instructor, users);
    }

    @Autowired Leaves leaves;

    @Test
    void rollCallWaitsForTheSessionAndLeaveIsNotForSessionsAttended() {
        TrainingFixture.awayFromMidnight();
        TrainingFixture.County c = tf.county();
        LocalDate today = LocalDate.now(Classroom.ZONE);
        long cls = tf.fixture.as(c.registrar, () -> classes.create(c.form(Fixture.unique("点名时间测试班"), today, today.plusDays(1),
                List.of(), 5, List.of(
                        new TrainingClasses.SessionForm(null, today, LocalTime.of(0, 0), LocalTime.of(23, 59), "今日课程", null, null, new BigDecimal("3")),
                        new TrainingClasses.SessionForm(null, today.plusDays(1), LocalTime.of(9, 0), LocalTime.of(12, 0), "明日课程", null, null, new BigDecimal("3")))))
                .id());
        tf.fixture.as(c.registrar, () -> classes.submit(cls));
        tf.fixture.as(c.admin, () -> classes.approve(cls, null));
        List<Long> s = classes.sessions(cls).stream().map(SessionView::id).toList();
        long cadreA = c.staff("点名甲", c.townA);
        long cadreB = c.staff("点名乙", c.townA);
        long enA = tf.fixture.as(c.admin, () -> enrollments.name(cls, cadreA)).enrollment().id();
        long enB = tf.fixture.as(c.admin, () -> enrollments.name(cls, cadreB)).enrollment().id();
        CurrentUser a = tf.fixture.user(Fixture.unique("dm"), Role.CADRE, null, null, cadreA);
        CurrentUser b = tf.fixture.user(Fixture.unique("dm"), Role.CADRE, null, null, cadreB);

        // tomorrow's session: nobody can have attended it yet, so no hours may be credited for it
        assertThatThrownBy(() -> tf.fixture.as(c.registrar, () -> attendance.rollCall(s.get(1),
                List.of(new Attendance.Mark(enA, AttendanceStatus.PRESENT, null)))))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("尚未开始").contains("08:00起才能点名");
                });
        assertThat(jdbc.sql("select count(*) from attendance where session_id = ?").param(s.get(1)).query(Long.class).single()).isZero();

        // B asks leave for today's session, then comes after all and is marked present: the leave cannot be approved
        Leaves.LeaveView leaveB = tf.fixture.as(b, () -> leaves.request(cls, new Leaves.LeaveForm(List.of(s.get(0)), "家中有事")));
        tf.fixture.as(c.registrar, () -> attendance.rollCall(s.get(0), List.of(new Attendance.Mark(enA, AttendanceStatus.PRESENT, null),
                new Attendance.Mark(enB, AttendanceStatus.PRESENT, null))));
        assertThatThrownBy(() -> tf.fixture.as(c.registrar, () -> leaves.approve(leaveB.id(), null)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains("已在所请课次签到出勤"));
        // A, present today, cannot ask leave for today's session; tomorrow's is fine
        assertThatThrownBy(() -> tf.fixture.as(a, () -> leaves.request(cls, new Leaves.LeaveForm(List.of(s.get(0)), "补假"))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains("已签到出勤，不能请假"));
        assertThat(tf.fixture.as(a, () -> leaves.request(cls, new Leaves.LeaveForm(List.of(s.get(1)), "明日出差"))).hours())
                .isEqualByComparingTo("3");
        assertThat(jdbc.sql("select count(*) from leave_request where enrollment_id = ? and status = 'APPROVED'").param(enB)
                .query(Long.class).single()).isZero();
    }

    String currentToken(long sessionId) {
        return codes.token(sessionId, CheckInCodes.slot(Instant.now(), 60));
    }

    @Test
    void concurrentAndReplayedCheckInsAreStoredOnce() throws Exception {
        World w = world(3);
        String token = currentToken(w.sessionA());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            CurrentUser u = w.trainees().get(i % 3);
            futures.add(pool.submit((Callable<Void>) () -> {
                try {
                    tf.fixture.as(u, () -> attendance.checkIn(new Attendance.CheckInRequest(token, w.sessionA(), null)));
                    ok.incrementAndGet();
                } catch (BusinessException e) {
                    refused.incrementAndGet();
                    messages.add(e.getMessage());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(ok.get()).isEqualTo(3);
        assertThat(refused.get()).isEqualTo(21);
        assertThat(messages).allMatch(m -> m.contains("签到码不能重复使用"));
        assertThat(jdbc.sql("select count(*) from attendance where session_id = ?").param(w.sessionA()).query(Long.class).single()).isEqualTo(3);

        // late: the session began at 00:00 and the grace is 10 minutes
        var first = jdbc.sql("select status, checked_in_at from attendance where session_id = ? limit 1").param(w.sessionA()).query().singleRow();
        LocalTime at = ((java.sql.Timestamp) first.get("checked_in_at")).toInstant().atZone(Classroom.ZONE).toLocalTime();
        assertThat(first.get("status")).isEqualTo(at.isAfter(LocalTime.of(0, 10)) ? "LATE" : "PRESENT");

        // the short code typed by hand works for the other session
        String shortCode = codes.shortCode(w.sessionB(), CheckInCodes.slot(Instant.now(), 60));
        Attendance.CheckInResult typed = tf.fixture.as(w.trainees().get(0), () ->
                attendance.checkIn(new Attendance.CheckInRequest(null, w.sessionB(), shortCode)));
        assertThat(typed.message()).startsWith("签到成功");
    }

    @Test
    void typedCodesHaveEightDigitsAndFiveWrongOnesEndTypingForTheSessionUntilTheRegistrarLiftsIt() {
        World w = world(2);
        CurrentUser u = w.trainees().get(0);
        long slot = CheckInCodes.slot(Instant.now(), 60);
        String right = codes.shortCode(w.sessionA(), slot);
        assertThat(right).matches("\\d{8}");
        String wrong = java.util.stream.Stream.of("00000000", "11111111", "22222222")
                .filter(c -> !c.equals(right) && !c.equals(codes.shortCode(w.sessionA(), slot - 1))).findFirst().orElseThrow();
        for (int left = 4; left >= 1; left--) {
            int l = left;
            assertThatThrownBy(() -> tf.fixture.as(u, () -> attendance.checkIn(new Attendance.CheckInRequest(null, w.sessionA(), wrong))))
                    .hasMessage("签到码不正确，请核对投影屏上本课次的8位签到码（还可输入" + l + "次）");
        }
        // through HTTP (as the phone page sends it): the fifth wrong code locks, and then the right one is refused too
        ApiSession phone = new ApiSession(port);
        phone.login(u.username(), Fixture.PASSWORD);
        ApiSession.Response fifth = phone.send("POST", "/api/training/me/checkin", "{\"sessionId\":" + w.sessionA() + ",\"code\":\"" + wrong + "\"}");
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.text()).contains(Attendance.LOCKED);
        String now = codes.shortCode(w.sessionA(), CheckInCodes.slot(Instant.now(), 60));
        assertThatThrownBy(() -> tf.fixture.as(u, () -> attendance.checkIn(new Attendance.CheckInRequest(null, w.sessionA(), now))))
                .hasMessage(Attendance.LOCKED);
        assertThat(jdbc.sql("select failures from checkin_code_failure where session_id = ?").param(w.sessionA()).query(Integer.class).single())
                .isEqualTo(5);
        // another trainee, and the same trainee's other session, are not held back
        assertThat(tf.fixture.as(w.trainees().get(1), () -> attendance.checkIn(new Attendance.CheckInRequest(null, w.sessionA(), now))).message())
                .startsWith("签到成功");
        String codeB = codes.shortCode(w.sessionB(), CheckInCodes.slot(Instant.now(), 60));
        assertThat(tf.fixture.as(u, () -> attendance.checkIn(new Attendance.CheckInRequest(null, w.sessionB(), codeB.substring(0, 4) + " " + codeB.substring(4))))
                .message()).startsWith("签到成功");

        // the registrar sees who is locked out and lifts it; then the code typed by hand works again
        ApiSession registrar = new ApiSession(port);
        registrar.login(w.c().registrar.username(), Fixture.PASSWORD);
        var locks = registrar.getJson("/api/training/sessions/" + w.sessionA() + "/code-locks");
        assertThat(locks.size()).isEqualTo(1);
        assertThat(locks.get(0).get("failures").asInt()).isEqualTo(5);
        long cadre = locks.get(0).get("cadreId").asLong();
        assertThat(registrar.send("POST", "/api/training/sessions/" + w.sessionA() + "/code-locks/" + cadre + "/lift", "{}").status()).isEqualTo(200);
        String again = codes.shortCode(w.sessionA(), CheckInCodes.slot(Instant.now(), 60));
        assertThat(tf.fixture.as(u, () -> attendance.checkIn(new Attendance.CheckInRequest(null, w.sessionA(), again))).message()).startsWith("签到成功");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'UNLOCK_CHECKIN_CODE' and entity_id = ?").param(String.valueOf(w.sessionA()))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void expiredForgedAndWrongSessionCodesAreRefusedWithAClearMessage() {
        World w = world(2);
        CurrentUser u = w.trainees().get(0);
        long slot = CheckInCodes.slot(Instant.now(), 60);
        String expired = codes.token(w.sessionA(), slot - 2);
        assertThatThrownBy(() -> tf.fixture.as(u, () -> attendance.checkIn(new Attendance.CheckInRequest(expired, null, null))))
                .hasMessage("签到码已过期（每60秒更新一次），请扫描投影屏上的最新二维码");
        // the previous slot's code is still accepted (scanned just before it changed)
        String previous = codes.token(w.sessionA(), slot - 1);
        assertThat(tf.fixture.as(u, () -> attendance.checkIn(new Attendance.CheckInRequest(previous, null, null))).message()).startsWith("签到成功");

        String forBOnA = currentToken(w.sessionB());
        assertThatThrownBy(() -> tf.fixture.as(w.trainees().get(1), () -> attendance.checkIn(new Attendance.CheckInRequest(forBOnA, w.sessionA(), null))))
                .hasMessage("该签到码不属于本课次，请扫描本课次的签到二维码");
        String forged = currentToken(w.sessionA()).substring(0, currentToken(w.sessionA()).length() - 2) + "xx";
        assertThatThrownBy(() -> tf.fixture.as(w.trainees().get(1), () -> attendance.checkIn(new Attendance.CheckInRequest(forged, null, null))))
                .hasMessage("签到码无效，请扫描投影屏上的签到二维码");
        String oldShort = codes.shortCode(w.sessionA(), slot - 3);
        assertThatThrownBy(() -> tf.fixture.as(w.trainees().get(1), () -> attendance.checkIn(new Attendance.CheckInRequest(null, w.sessionA(), oldShort))))
                .hasMessageContaining("签到码已过期");

        // through HTTP: the replay of a used code is 409 with the time of the first check-in
        ApiSession phone = new ApiSession(port);
        phone.login(w.trainees().get(1).username(), Fixture.PASSWORD);
        String body = "{\"token\":\"" + currentToken(w.sessionA()) + "\"}";
        assertThat(phone.send("POST", "/api/training/me/checkin", body).status()).isEqualTo(200);
        ApiSession.Response again = phone.send("POST", "/api/training/me/checkin", body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text()).contains("签到码不能重复使用");
        ApiSession.Response old = phone.send("POST", "/api/training/me/checkin", "{\"token\":\"" + expired + "\"}");
        assertThat(old.status()).isEqualTo(410);
        assertThat(old.text()).contains("签到码已过期");
        // a cadre outside the class cannot check in
        CurrentUser outsider = tf.fixture.user(Fixture.unique("wai"), Role.CADRE, null, null, w.c().staff("外人", w.c().townB));
        assertThatThrownBy(() -> tf.fixture.as(outsider, () -> attendance.checkIn(new Attendance.CheckInRequest(currentToken(w.sessionA()), null, null))))
                .hasMessage("您不是本班在训学员，不能签到");
    }

    @Test
    void evaluationIsAnonymousOnceAndMovesTheInstructorRating() {
        World w = world(2);
        List<TeachingEvaluations.Criterion> criteria = tf.fixture.as(w.trainees().get(0), () -> evaluations.criteria(w.cls()));
        assertThat(criteria).extracting(TeachingEvaluations.Criterion::name).containsExactly("教学内容", "教学方法", "理论联系实际", "授课态度");
        java.util.Map<Long, Integer> fives = new java.util.HashMap<>();
        java.util.Map<Long, Integer> twos = new java.util.HashMap<>();
        criteria.forEach(x -> {
            fives.put(x.id(), 5);
            twos.put(x.id(), 2);
        });
        tf.fixture.as(w.trainees().get(0), () -> {
            evaluations.submit(w.cls(), new TeachingEvaluations.EvaluationForm(w.sessionA(), fives, "讲得很好"));
            return null;
        });
        assertThatThrownBy(() -> tf.fixture.as(w.trainees().get(0), () -> {
            evaluations.submit(w.cls(), new TeachingEvaluations.EvaluationForm(w.sessionA(), twos, null));
            return null;
        })).hasMessage("您已评价过该课次，不能重复评价");
        tf.fixture.as(w.trainees().get(1), () -> {
            evaluations.submit(w.cls(), new TeachingEvaluations.EvaluationForm(w.sessionA(), twos, null));
            return null;
        });
        // nothing in an evaluation says who gave it
        assertThat(jdbc.sql("select count(*) from information_schema.columns where table_name in ('evaluation','evaluation_score','evaluation_token') and (column_name like '%cadre%' or column_name like '%enrollment%' or column_name like '%user%')")
                .query(Long.class).single()).isZero();
        TeachingEvaluations.ClassEvaluation stats = tf.fixture.as(w.c().registrar, () -> evaluations.ofClass(w.cls()));
        assertThat(stats.sessions()).hasSize(1);
        assertThat(stats.sessions().get(0).count()).isEqualTo(2);
        assertThat(stats.sessions().get(0).average()).isEqualByComparingTo("3.5"); // (5 + 2) / 2
        assertThat(stats.sessions().get(0).low()).isFalse();
        assertThat(stats.comments()).containsExactly("讲得很好");
        var row = jdbc.sql("select rating_avg, rating_count from instructor where id = ?").param(w.instructor()).query().singleRow();
        assertThat((BigDecimal) row.get("rating_avg")).isEqualByComparingTo("3.5");
        assertThat(row.get("rating_count")).isEqualTo(2);
        TeachingEvaluations.InstructorEvaluation byInstructor = tf.fixture.as(w.c().admin, () -> evaluations.ofInstructor(w.instructor()));
        assertThat(byInstructor.byMonth()).hasSize(1);
        assertThat(byInstructor.byClass().get(0).count()).isEqualTo(2);
    }

    /** The instructor pool's rating is the mean of the evaluations, as the per-class results show it, not a rounded running mean. */
    @Test
    void theInstructorsRatingAgreesWithTheirResults() {
        World w = world(6);
        List<TeachingEvaluations.Criterion> criteria = tf.fixture.as(w.trainees().get(0), () -> evaluations.criteria(w.cls()));
        int[][] given = {{5, 5, 5, 4}, {4, 4, 4, 4}, {5, 4, 4, 4}, {4, 4, 4, 4}, {5, 5, 5, 5}, {4, 4, 4, 4}}; // 4.75 4 4.25 4 5 4
        for (int t = 0; t < given.length; t++) {
            java.util.Map<Long, Integer> scores = new java.util.HashMap<>();
            for (int k = 0; k < criteria.size(); k++) {
                scores.put(criteria.get(k).id(), given[t][k]);
            }
            tf.fixture.as(w.trainees().get(t), () -> {
                evaluations.submit(w.cls(), new TeachingEvaluations.EvaluationForm(w.sessionA(), scores, null));
                return null;
            });
        }
        TeachingEvaluations.InstructorEvaluation byInstructor = tf.fixture.as(w.c().admin, () -> evaluations.ofInstructor(w.instructor()));
        assertThat(byInstructor.byClass().get(0).average()).isEqualByComparingTo("4.33"); // 26 / 6
        assertThat(byInstructor.ratingAvg()).isEqualByComparingTo("4.33"); // the running mean rounded each time gave 4.34
        assertThat(byInstructor.ratingCount()).isEqualTo(6);
    }
}
