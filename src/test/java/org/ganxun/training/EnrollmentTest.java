package org.ganxun.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.support.TestClock;
import org.ganxun.training.internal.Candidates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Call-up and enrollment: seats under concurrency, quotas and scope, the waitlist, the suggested order. */
@IntegrationTest
class EnrollmentTest {

    @Autowired TrainingFixture tf;
    @Autowired Enrollments enrollments;
    @Autowired Candidates candidates;
    @Autowired TrainingClasses classes;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @LocalServerPort int port;

    /** The day the tests run on: a Monday in early spring, the season of call-ups. */
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    /** The classes start five weeks later, on a Monday. */
    static final LocalDate D = LocalDate.of(2026, 4, 6);

    @BeforeEach
    void onTheDay() {
        clock.setToday(TODAY); // back to the real time after each test (TestClock.Reset)
    }

    private long count(long classId, String status) {
        return jdbc.sql("select count(*) from enrollment where class_id = ? and status = ?").params(classId, status)
                .query(Long.class).single();
    }

    /** 50 liaison requests at once for 10 seats, on real threads and real connections: exactly 10 seats taken. */
    @Test
    void simultaneousNominationsNeverOverfillSeats() throws Exception {
        TrainingFixture.County c = tf.county();
        long cls = c.approved("并发报名测试班", D, D.plusDays(2), List.of(), 10);
        List<Long> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            people.add(c.staff("学员" + cn(i), c.townA));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Enrollments.Outcome>> results = new ArrayList<>();
        for (long p : people) {
            results.add(pool.submit(() -> {
                start.await();
                return tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, p));
            }));
        }
        start.countDown();
        List<EnrollmentStatus> statuses = new ArrayList<>();
        for (Future<Enrollments.Outcome> f : results) {
            statuses.add(f.get(120, TimeUnit.SECONDS).enrollment().status());
        }
        pool.shutdown();
        assertThat(Collections.frequency(statuses, EnrollmentStatus.ENROLLED)).isEqualTo(10);
        assertThat(Collections.frequency(statuses, EnrollmentStatus.WAITLISTED)).isEqualTo(40);
        assertThat(count(cls, "ENROLLED")).isEqualTo(10);
        assertThat(jdbc.sql("select enrolled_count from training_class where id = ?").param(cls).query(Integer.class).single()).isEqualTo(10);
        // the waitlist is a strict order 1..40
        assertThat(jdbc.sql("select waitlist_position from enrollment where class_id = ? and status = 'WAITLISTED' order by 1")
                .param(cls).query(Long.class).list()).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
    }

    /** With a quota of 5 for 甲镇, 30 simultaneous nominations give 5 seats; the other 25 are refused and not stored. */
    @Test
    void simultaneousNominationsNeverExceedAQuota() throws Exception {
        TrainingFixture.County c = tf.county();
        long cls = c.approved("名额并发测试班", D, D.plusDays(2), List.of(), 20);
        tf.fixture.as(c.admin, () -> enrollments.setQuotas(cls, List.of(new Enrollments.QuotaRequest(c.townA, 5),
                new Enrollments.QuotaRequest(c.townB, 5))));
        List<Long> people = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            people.add(c.staff("名额" + cn(i), c.townA));
        }
        ExecutorService pool = Executors.newFixedThreadPool(30);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (long p : people) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, p));
                    return 200;
                } catch (BusinessException e) {
                    return e.status();
                }
            }));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : results) {
            codes.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(Collections.frequency(codes, 200)).isEqualTo(5);
        assertThat(Collections.frequency(codes, 409)).isEqualTo(25);
        assertThat(jdbc.sql("select count(*) from enrollment where class_id = ?").param(cls).query(Long.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("select used from class_quota where class_id = ? and org_id = ?").params(cls, c.townA)
                .query(Integer.class).single()).isEqualTo(5);
    }

    /** Over HTTP: outside the liaison's scope → 403, above the quota → 409, and nothing is stored either way. */
    @Test
    void liaisonCannotNominateOutsideScopeOrAboveQuota() {
        TrainingFixture.County c = tf.county();
        long cls = c.approved("调训范围测试班", D, D.plusDays(2), List.of(), 10);
        tf.fixture.as(c.admin, () -> enrollments.setQuotas(cls, List.of(new Enrollments.QuotaRequest(c.townA, 1))));
        long a1 = c.staff("甲一", c.townA);
        long a2 = c.staff("甲二", c.townA);
        long b1 = c.staff("乙一", c.townB);

        ApiSession s = new ApiSession(port);
        assertThat(s.login(c.liaisonA.username(), Fixture.PASSWORD).status()).isEqualTo(200);
        ApiSession.Response outside = s.send("POST", "/api/training/classes/" + cls + "/enrollments", "{\"cadreId\":" + b1 + "}");
        assertThat(outside.status()).isEqualTo(403);
        // refused before the nomination is looked at, without naming someone the liaison may not see
        assertThat(s.parse(outside).get("message").asString()).contains("不在您的管理范围").doesNotContain("乙一");
        assertThat(s.send("POST", "/api/training/classes/" + cls + "/enrollments", "{\"cadreId\":" + a1 + "}").status()).isEqualTo(200);
        ApiSession.Response over = s.send("POST", "/api/training/classes/" + cls + "/enrollments", "{\"cadreId\":" + a2 + "}");
        assertThat(over.status()).isEqualTo(409);
        assertThat(s.parse(over).get("message").asString()).contains("名额已用完", "1/1");
        assertThat(jdbc.sql("select cadre_id from enrollment where class_id = ?").param(cls).query(Long.class).list()).containsExactly(a1);
        // 乙镇 has no quota at all: its liaison is refused too
        ApiSession sb = new ApiSession(port);
        sb.login(c.liaisonB.username(), Fixture.PASSWORD);
        assertThat(sb.send("POST", "/api/training/classes/" + cls + "/enrollments", "{\"cadreId\":" + b1 + "}").status()).isEqualTo(403);
        // a liaison cannot hand out quotas
        assertThat(s.send("PUT", "/api/training/classes/" + cls + "/quotas", "[{\"orgId\":" + c.townA + ",\"seats\":9}]").status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from enrollment where class_id = ?").param(cls).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aPersonCannotBeInTwoClassesOnOverlappingDates() {
        TrainingFixture.County c = tf.county();
        long first = c.approved("第一个班", D, D.plusDays(4), List.of(), 10);
        long second = c.approved("第二个班", D.plusDays(3), D.plusDays(6), List.of(), 10);
        long p = c.staff("张重叠", c.townA);
        tf.fixture.as(c.liaisonA, () -> enrollments.nominate(first, p));
        assertThatThrownBy(() -> tf.fixture.as(c.liaisonA, () -> enrollments.nominate(second, p)))
                .isInstanceOf(BusinessException.class)
                .hasMessageContaining("第一个班").hasMessageContaining("2026-04-06至2026-04-10").hasMessageContaining("时间重叠")
                .extracting(e -> ((BusinessException) e).status()).isEqualTo(409);
        assertThat(count(second, "ENROLLED") + count(second, "WAITLISTED")).isZero();
        // and not twice in the same class
        assertThatThrownBy(() -> tf.fixture.as(c.liaisonA, () -> enrollments.nominate(first, p)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("已在本班");
    }

    /**
     * Seats 2; quotas 甲镇 1, 乙镇 3. b0, b1 take the seats; a1, a2, b2, b3 wait in that order. b2 then enrols in
     * another class on the same dates. b1 withdraws: a1 moves up (甲镇 now 1/1). b0 withdraws: a2 is skipped
     * (甲镇's quota is full), b2 is skipped (enrolled elsewhere at the same dates), b3 moves up.
     */
    @Test
    void freedSeatsGoToTheWaitlistInOrderAndEverySkipHasAReason() {
        TrainingFixture.County c = tf.county();
        long cls = c.approved("候补递补测试班", D, D.plusDays(2), List.of(), 2);
        long other = c.approved("同期另一个班", D.plusDays(1), D.plusDays(3), List.of(), 5);
        tf.fixture.as(c.admin, () -> enrollments.setQuotas(cls, List.of(new Enrollments.QuotaRequest(c.townA, 1),
                new Enrollments.QuotaRequest(c.townB, 3))));
        long b0 = c.staff("乙零", c.townB);
        long b1 = c.staff("乙一", c.townB);
        long a1 = c.staff("甲一", c.townA);
        long a2 = c.staff("甲二", c.townA);
        long b2 = c.staff("乙二", c.townB);
        long b3 = c.staff("乙三", c.townB);
        long e0 = tf.fixture.as(c.liaisonB, () -> enrollments.nominate(cls, b0)).enrollment().id();
        long e1 = tf.fixture.as(c.liaisonB, () -> enrollments.nominate(cls, b1)).enrollment().id();
        Enrollments.Outcome w1 = tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, a1));
        assertThat(w1.enrollment().status()).isEqualTo(EnrollmentStatus.WAITLISTED);
        assertThat(w1.message()).contains("候补名单第1位");
        tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, a2));
        tf.fixture.as(c.liaisonB, () -> enrollments.nominate(cls, b2));
        tf.fixture.as(c.liaisonB, () -> enrollments.nominate(cls, b3));
        tf.fixture.as(c.liaisonB, () -> enrollments.nominate(other, b2));

        tf.fixture.as(c.liaisonB, () -> enrollments.withdraw(e1, "工作调整"));
        assertThat(status(cls, a1)).isEqualTo("ENROLLED");
        assertThat(jdbc.sql("select count(*) from waitlist_skip where class_id = ?").param(cls).query(Long.class).single()).isZero();

        tf.fixture.as(c.admin, () -> enrollments.withdraw(e0, "病假"));
        assertThat(status(cls, a2)).isEqualTo("WAITLISTED");
        assertThat(status(cls, b2)).isEqualTo("WAITLISTED");
        assertThat(status(cls, b3)).isEqualTo("ENROLLED");
        List<Enrollments.Skip> skips = tf.fixture.as(c.admin, () -> enrollments.skips(cls));
        assertThat(skips).extracting(Enrollments.Skip::cadreId).containsExactly(a2, b2);
        assertThat(skips).extracting(Enrollments.Skip::reasonCode).containsExactly(SkipReason.QUOTA_FULL, SkipReason.DATE_CLASH);
        assertThat(skips.get(0).reason()).contains("名额已用完", "1/1");
        assertThat(skips.get(1).reason()).contains("同期另一个班");
        // a liaison sees only their own people's skips
        assertThat(tf.fixture.as(c.liaisonA, () -> enrollments.skips(cls))).extracting(Enrollments.Skip::cadreId).containsExactly(a2);
        assertThat(jdbc.sql("select enrolled_count from training_class where id = ?").param(cls).query(Integer.class).single()).isEqualTo(2);
        // trainees were told: enrollment, waitlist, promotion, cancellation; SMS copies went to the outbox
        assertThat(kinds(b3)).contains("TRAINING_WAITLISTED", "TRAINING_PROMOTED");
        assertThat(kinds(b0)).contains("TRAINING_ENROLLED", "TRAINING_WITHDRAWN");
        assertThat(jdbc.sql("select count(*) from sms_outbox where dedup_key = ?").param("sms:training:promote:"
                + jdbc.sql("select id from enrollment where class_id = ? and cadre_id = ?").params(cls, b3).query(Long.class).single())
                .query(Long.class).single()).isEqualTo(1);
    }

    /**
     * One seat; p holds it, w1..w3 wait. p withdraws: w1 is enrolled and leaves the waitlist, w2 and w3 move up
     * to 1 and 2, and the next one waitlisted is told 第3位 and stored as 3. A withdrawal from the waitlist
     * closes the gap the same way.
     */
    @Test
    void theWaitlistIsNumberedOneToNAfterPromotionsAndWithdrawals() {
        TrainingFixture.County c = tf.county();
        long cls = c.approved("候补编号测试班", D, D.plusDays(2), List.of(), 1);
        long p = c.staff("钱在班", c.townA);
        long w1 = c.staff("赵候一", c.townA);
        long w2 = c.staff("孙候二", c.townA);
        long w3 = c.staff("李候三", c.townA);
        long w4 = c.staff("周候四", c.townA);
        long w5 = c.staff("吴候五", c.townA);
        long ep = tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, p)).enrollment().id();
        for (long w : List.of(w1, w2, w3)) {
            tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, w));
        }
        assertThat(positions(cls)).containsExactly(w1, 1L, w2, 2L, w3, 3L);

        tf.fixture.as(c.liaisonA, () -> enrollments.withdraw(ep, "工作调整"));
        assertThat(status(cls, w1)).isEqualTo("ENROLLED");
        assertThat(jdbc.sql("select waitlist_position is null from enrollment where class_id = ? and cadre_id = ?").params(cls, w1)
                .query(Boolean.class).single()).isTrue();
        assertThat(positions(cls)).containsExactly(w2, 1L, w3, 2L);
        Enrollments.Outcome fourth = tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, w4));
        assertThat(fourth.message()).contains("候补名单第3位");
        assertThat(fourth.enrollment().waitlistPosition()).isEqualTo(3L);
        assertThat(positions(cls)).containsExactly(w2, 1L, w3, 2L, w4, 3L);
        assertThatThrownBy(() -> tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, w3))).hasMessageContaining("候补名单中（第2位）");

        long e2 = jdbc.sql("select id from enrollment where class_id = ? and cadre_id = ?").params(cls, w2).query(Long.class).single();
        tf.fixture.as(c.liaisonA, () -> enrollments.withdraw(e2, "另有任务"));
        assertThat(positions(cls)).containsExactly(w3, 1L, w4, 2L);
        Enrollments.Outcome fifth = tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, w5));
        assertThat(fifth.message()).contains("候补名单第3位");
        assertThat(fifth.enrollment().waitlistPosition()).isEqualTo(3L);
        assertThat(jdbc.sql("select body from notification where cadre_id = ? and kind = 'TRAINING_WAITLISTED'").param(w5)
                .query(String.class).single()).contains("候补名单第3位");
    }

    /**
     * 3 seats, 甲镇 has a quota of 1. 甲镇's liaison nominates A; the department names four people of 乙镇: two get
     * seats, two wait. A withdraws: the seat stays with 甲镇's quota (the waitlisted named people are passed over
     * with a reason, and a person named now waits too), so the page's 名额 0/1 is true and B, nominated next, is
     * enrolled. When the department takes the quota away, the held seat goes to the waitlist.
     */
    @Test
    void aSeatFreedByAQuotaHolderStaysWithTheUnitsQuota() {
        TrainingFixture.County c = tf.county();
        long cls = c.approved("名额保留测试班", D, D.plusDays(2), List.of(), 3);
        tf.fixture.as(c.admin, () -> enrollments.setQuotas(cls, List.of(new Enrollments.QuotaRequest(c.townA, 1))));
        long a = c.staff("甲推荐一", c.townA);
        long b = c.staff("甲推荐二", c.townA);
        List<Long> named = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            named.add(c.staff("乙点名" + cn(i), c.townB));
        }
        long ea = tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, a)).enrollment().id();
        for (long n : named.subList(0, 4)) {
            tf.fixture.as(c.admin, () -> enrollments.name(cls, n));
        }
        assertThat(count(cls, "ENROLLED")).isEqualTo(3);
        assertThat(count(cls, "WAITLISTED")).isEqualTo(2);

        tf.fixture.as(c.liaisonA, () -> enrollments.withdraw(ea, "工作调整"));
        assertThat(status(cls, named.get(2))).isEqualTo("WAITLISTED");
        assertThat(status(cls, named.get(3))).isEqualTo("WAITLISTED");
        List<Enrollments.Skip> skips = tf.fixture.as(c.admin, () -> enrollments.skips(cls));
        assertThat(skips).extracting(Enrollments.Skip::reasonCode).containsOnly(SkipReason.SEAT_HELD);
        assertThat(skips.get(0).reason()).contains("甲镇", "1个名额");
        Enrollments.Outcome late = tf.fixture.as(c.admin, () -> enrollments.name(cls, named.get(4)));
        assertThat(late.enrollment().status()).isEqualTo(EnrollmentStatus.WAITLISTED);
        assertThat(late.message()).contains("座位留作", "甲镇", "候补名单第3位");
        // what the liaison's page shows agrees with what nominating does
        Candidates.Page page = tf.fixture.as(c.liaisonA, () -> candidates.page(cls, null, null, 1, 50, D.minusDays(30)));
        assertThat(page.myQuotas()).singleElement().satisfies(q -> {
            assertThat(q.used()).isZero();
            assertThat(q.seats()).isEqualTo(1);
        });
        Enrollments.Outcome nominated = tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, b));
        assertThat(nominated.enrollment().status()).isEqualTo(EnrollmentStatus.ENROLLED);
        assertThat(nominated.message()).doesNotContain("已满");
        assertThat(jdbc.sql("select used from class_quota where class_id = ? and org_id = ?").params(cls, c.townA)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select enrolled_count from training_class where id = ?").param(cls).query(Integer.class).single()).isEqualTo(3);

        // B withdraws and the department removes 甲镇's quota: the seat is no longer held, the first waiting person gets it
        tf.fixture.as(c.liaisonA, () -> enrollments.withdraw(nominated.enrollment().id(), "另有任务"));
        assertThat(status(cls, named.get(2))).isEqualTo("WAITLISTED");
        tf.fixture.as(c.admin, () -> enrollments.setQuotas(cls, List.of()));
        assertThat(status(cls, named.get(2))).isEqualTo("ENROLLED");
        assertThat(positions(cls)).containsExactly(named.get(3), 1L, named.get(4), 2L);
    }

    @Test
    void cancellingAClassCancelsItsEnrollments() {
        TrainingFixture.County c = tf.county();
        long cls = c.approved("将取消的班", D, D.plusDays(1), List.of(), 1);
        long p = c.staff("钱取消", c.townA);
        long q = c.staff("孙候补", c.townA);
        tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, p));
        tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, q));
        assertThatThrownBy(() -> tf.fixture.as(c.admin, () -> classes.cancel(cls, null))).hasMessageContaining("理由");
        tf.fixture.as(c.admin, () -> classes.cancel(cls, "上级统一调整"));
        assertThat(count(cls, "CANCELLED")).isEqualTo(2);
        assertThat(kinds(p)).contains("TRAINING_CANCELLED");
    }

    /**
     * The suggested order on a hand-built set (class for 科员及以下; today 2026-03-02):
     * 周 never trained, no hours; 吴 never trained but 8 学时 this year; 郑 one class in 2024 (archive);
     * 王 one class in 2025 (this system); 冯 two classes. Expected: 周, 吴, 郑, 王, 冯. 村干部陈 (乡科级) is not a target.
     */
    @Test
    void candidatesTrainedLeastAndLongestAgoComeFirst() {
        TrainingFixture.County c = tf.county();
        LocalDate today = TODAY;
        long past = c.approved("2025年科员轮训班", LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 3), List.of(), 10);
        long cls = c.approved("2026年科员轮训班", D, D.plusDays(2), List.of(RankLevel.STAFF), 10);
        long zhou = c.staff("周从未", c.townA);
        long wu = c.staff("吴有学时", c.townA);
        long zheng = c.staff("郑前年", c.townA);
        long wang = c.staff("王去年", c.townA);
        long feng = c.staff("冯两次", c.townA);
        c.cadre("陈乡科", c.townA, RankLevel.TOWNSHIP, StaffCategory.VILLAGE_CADRE);
        archive(wu, "GROUP_STUDY", "支部学习", LocalDate.of(2026, 2, 1), "8");
        archive(zheng, "EXTERNAL_TRAINING", "市委党校进修", LocalDate.of(2024, 9, 1), "40");
        archive(feng, "EXTERNAL_TRAINING", "省委党校进修", LocalDate.of(2024, 10, 1), "40");
        tf.fixture.as(c.liaisonA, () -> enrollments.nominate(past, wang));
        tf.fixture.as(c.liaisonA, () -> enrollments.nominate(past, feng));

        Candidates.Page page = tf.fixture.as(c.liaisonA, () -> candidates.page(cls, null, null, 1, 50, today));
        assertThat(page.rows()).extracting(Candidates.Candidate::cadreId).containsExactly(zhou, wu, zheng, wang, feng);
        assertThat(page.rows()).extracting(Candidates.Candidate::suggestedRank).containsExactly(1, 2, 3, 4, 5);
        assertThat(page.rows()).extracting(Candidates.Candidate::classesLast3Years).containsExactly(0, 0, 1, 1, 2);
        assertThat(page.rows().get(0).reason()).isEqualTo("近三年未参加培训班，本年度尚无学时");
        assertThat(page.rows().get(1).reason()).isEqualTo("近三年未参加培训班，本年度已获8学时");
        assertThat(page.rows().get(2).reason()).isEqualTo("近三年参训1次，最近一次2024-09-01，本年度尚无学时");
        assertThat(page.rows().get(3).recentClasses()).extracting(Candidates.RecentClass::name).containsExactly("2025年科员轮训班");
        assertThat(page.rule()).contains("近三年参训次数少者优先");
        // 乙镇's liaison sees none of 甲镇's people
        assertThat(tf.fixture.as(c.liaisonB, () -> candidates.page(cls, null, null, 1, 50, today)).rows()).isEmpty();
        // enrolled people leave the list
        tf.fixture.as(c.liaisonA, () -> enrollments.nominate(cls, zhou));
        assertThat(tf.fixture.as(c.liaisonA, () -> candidates.page(cls, null, null, 1, 50, today)).rows())
                .extracting(Candidates.Candidate::cadreId).doesNotContain(zhou);
    }

    /** Whoever sat in a class was sent, whether they then completed it, failed it (未结业) or were dismissed (退学). */
    @Test
    void aClassSatButNotCompletedStillCountsAsBeingSent() {
        TrainingFixture.County c = tf.county();
        LocalDate today = TODAY;
        long past = c.approved("2025年科员专题班", LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 3), List.of(), 10);
        long cls = c.approved("2026年科员专题班", D, D.plusDays(2), List.of(RankLevel.STAFF), 10);
        long never = c.staff("钱从未", c.townA);
        long failed = c.staff("孙未结业", c.townA);
        long dismissed = c.staff("李退学", c.townA);
        tf.fixture.as(c.liaisonA, () -> enrollments.nominate(past, failed));
        tf.fixture.as(c.liaisonA, () -> enrollments.nominate(past, dismissed));
        // as completing the class leaves them
        jdbc.sql("update enrollment set status = 'NOT_COMPLETED' where class_id = ? and cadre_id = ?").params(past, failed).update();
        jdbc.sql("update enrollment set status = 'DISMISSED' where class_id = ? and cadre_id = ?").params(past, dismissed).update();

        Candidates.Page page = tf.fixture.as(c.liaisonA, () -> candidates.page(cls, null, null, 1, 50, today));
        assertThat(page.rows()).extracting(Candidates.Candidate::cadreId).containsExactly(never, failed, dismissed);
        assertThat(page.rows()).extracting(Candidates.Candidate::classesLast3Years).containsExactly(0, 1, 1);
        assertThat(page.rows().get(1).reason()).startsWith("近三年参训1次，最近一次2025-06-03");
        assertThat(page.rows().get(1).recentClasses()).extracting(Candidates.RecentClass::name).containsExactly("2025年科员专题班");
    }

    private static String cn(int i) {
        String d = "甲乙丙丁戊己庚辛壬癸";
        return "" + d.charAt(i / 10 % 10) + d.charAt(i % 10);
    }

    private void archive(long cadre, String source, String title, LocalDate on, String hours) {
        jdbc.sql("""
                insert into archive_entry (cadre_id, source, title, started_on, ended_on, credited_on, hours, delivery, status)
                values (?, ?, ?, ?, ?, ?, cast(? as numeric), 'CONCENTRATED', 'APPROVED')""")
                .params(cadre, source, title, on, on, on, hours).update();
    }

    /** The waitlist as cadre, position, cadre, position… in order. */
    private List<Long> positions(long cls) {
        List<Long> out = new ArrayList<>();
        jdbc.sql("select cadre_id, waitlist_position from enrollment where class_id = ? and status = 'WAITLISTED' order by waitlist_position")
                .param(cls).query((rs, i) -> {
                    out.add(rs.getLong(1));
                    out.add(rs.getLong(2));
                    return null;
                }).list();
        return out;
    }

    private String status(long cls, long cadre) {
        return jdbc.sql("select status from enrollment where class_id = ? and cadre_id = ? order by id desc limit 1")
                .params(cls, cadre).query(String.class).single();
    }

    private List<String> kinds(long cadre) {
        return jdbc.sql("select kind from notification where cadre_id = ? order by id").param(cadre).query(String.class).list();
    }
}
