package org.ganxun.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ganxun.training.TrainingFixture.session;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Filing (备案): the approval state machine with reasons and audit, and the clash warnings. */
@IntegrationTest
class FilingTest {

    @Autowired TrainingFixture tf;
    @Autowired TrainingClasses classes;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;

    /** The classes are filed in early spring, for May and later. */
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    static final LocalDate D = LocalDate.of(2026, 5, 10);

    @BeforeEach
    void onTheDay() {
        clock.setToday(TODAY); // back to the real time after each test (TestClock.Reset)
    }

    @Test
    void draftIsSubmittedReturnedWithReasonsResubmittedAndApproved() {
        TrainingFixture.County c = tf.county();
        long id = c.draft(Fixture.unique("新任科级干部任职培训班"), D, D.plusDays(4), List.of(RankLevel.TOWNSHIP), 40, List.of());
        assertThat(tf.fixture.as(c.registrar, () -> classes.get(id)).status()).isEqualTo(ClassStatus.DRAFT);
        // a filing needs a timetable
        assertThatThrownBy(() -> tf.fixture.as(c.registrar, () -> classes.submit(id)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("课程表");

        TrainingClasses.ClassForm withSessions = c.form("新任科级干部任职培训班", D, D.plusDays(4), List.of(RankLevel.TOWNSHIP), 40,
                List.of(session(D, 9, 12, "领导科学与艺术", null, null)));
        tf.fixture.as(c.registrar, () -> classes.update(id, withSessions));
        assertThat(tf.fixture.as(c.registrar, () -> classes.submit(id)).trainingClass().status()).isEqualTo(ClassStatus.FILED);

        // only the jurisdiction's organisation department decides; a registrar or another county's department cannot
        assertThatThrownBy(() -> tf.fixture.as(c.registrar, () -> classes.approve(id, null)))
                .isInstanceOf(BusinessException.class).extracting(e -> ((BusinessException) e).status()).isEqualTo(403);
        TrainingFixture.County other = tf.county();
        assertThatThrownBy(() -> tf.fixture.as(other.admin, () -> classes.approve(id, null)))
                .isInstanceOf(BusinessException.class).extracting(e -> ((BusinessException) e).status()).isEqualTo(403);
        // a return needs reasons
        assertThatThrownBy(() -> tf.fixture.as(c.admin, () -> classes.returnFiling(id, " ")))
                .isInstanceOf(BusinessException.class).hasMessageContaining("理由");

        String reason = "课程表缺少党性教育内容，请补充后重新报送";
        assertThat(tf.fixture.as(c.admin, () -> classes.returnFiling(id, reason)).status()).isEqualTo(ClassStatus.RETURNED);
        // a returned class is corrected and filed again
        TrainingClasses.ClassForm corrected = c.form("新任科级干部任职培训班", D, D.plusDays(4), List.of(RankLevel.TOWNSHIP), 40,
                List.of(session(D, 9, 12, "领导科学与艺术", null, null), session(D, 14, 17, "党性教育", null, null)));
        tf.fixture.as(c.registrar, () -> classes.update(id, corrected));
        tf.fixture.as(c.registrar, () -> classes.submit(id));
        TrainingClassView approved = tf.fixture.as(c.admin, () -> classes.approve(id, "同意备案"));
        assertThat(approved.status()).isEqualTo(ClassStatus.APPROVED);
        assertThat(approved.totalHours()).isEqualByComparingTo("6");

        // no second decision, no edits after approval
        assertThatThrownBy(() -> tf.fixture.as(c.admin, () -> classes.approve(id, null)))
                .isInstanceOf(BusinessException.class).extracting(e -> ((BusinessException) e).status()).isEqualTo(409);
        assertThatThrownBy(() -> tf.fixture.as(c.registrar, () -> classes.update(id, corrected)))
                .isInstanceOf(BusinessException.class).extracting(e -> ((BusinessException) e).status()).isEqualTo(409);

        TrainingClasses.Detail d = tf.fixture.as(c.admin, () -> classes.detail(id));
        assertThat(d.reviews()).extracting(TrainingClasses.Review::action).containsExactly("SUBMIT", "RETURN", "SUBMIT", "APPROVE");
        assertThat(d.reviews().get(1).reason()).isEqualTo(reason);
        assertThat(d.reviews().get(1).actor()).isEqualTo(c.admin.username());
        assertThat(jdbc.sql("select action from audit_log where entity_type = 'TrainingClass' and entity_id = ? order by id")
                .param(String.valueOf(id)).query(String.class).list())
                .containsExactly("CREATE", "UPDATE", "SUBMIT", "RETURN", "UPDATE", "SUBMIT", "APPROVE");
        assertThat(jdbc.sql("select summary from audit_log where entity_type = 'TrainingClass' and entity_id = ? and action = 'RETURN'")
                .param(String.valueOf(id)).query(String.class).single()).contains(reason);
        // the plan of the county and year lists it
        assertThat(tf.fixture.as(c.admin, () -> classes.page(new TrainingClasses.ClassQuery(2026, approved.planId(), null, null, null, null), 1, 20))
                .rows()).extracting(TrainingClassView::id).containsExactly(id);
    }

    @Test
    void sessionsOutsideTheClassDatesAreRefused() {
        TrainingFixture.County c = tf.county();
        assertThatThrownBy(() -> c.draft("学习贯彻党的二十大精神专题培训班", D, D.plusDays(2), List.of(), 30,
                List.of(session(D.plusDays(5), 9, 12, "专题辅导", null, null))))
                .isInstanceOf(BusinessException.class).hasMessageContaining("不在培训起止日期内");
    }

    @Test
    void clashesAreFoundAndExplained() {
        TrainingFixture.County c = tf.county();
        long wang = c.instructor("王" + Fixture.unique("教授"));
        // X: approved, 乡科级, 5/10-5/14, room 党校第一教室 (class venue)
        long x = c.draft("学习贯彻党的二十大精神专题培训班", D, D.plusDays(4), List.of(RankLevel.TOWNSHIP), 50,
                List.of(session(D, 9, 12, "开班动员", null, null), session(D.plusDays(2), 9, 12, "党的二十大报告解读", wang, "报告厅"),
                        session(D.plusDays(3), 15, 16, "分组研讨", null, null)));
        tf.fixture.as(c.registrar, () -> classes.submit(x));
        tf.fixture.as(c.admin, () -> classes.approve(x, null));
        // Z: 乡村振兴, 科员及以下, September: nothing in common with X
        long z = c.draft("乡村振兴专题培训班", D.plusMonths(4), D.plusMonths(4).plusDays(2), List.of(RankLevel.STAFF), 50,
                List.of(session(D.plusMonths(4), 9, 12, "乡村振兴战略", null, null)));
        tf.fixture.as(c.registrar, () -> classes.submit(z));

        // Y: filed by 甲镇's liaison, 乡科级 + 科员及以下, 5/12-5/16, same theme, Wang at 9:30 on 5/12, 党校 第一教室 on 5/13 afternoon
        long y = tf.fixture.as(c.liaisonA, () -> classes.create(new TrainingClasses.ClassForm(c.county, c.townA, null,
                "学习贯彻党的二十大精神专题研讨班", ClassType.THEMATIC, D.plusDays(2), D.plusDays(6), "镇会议室",
                List.of(RankLevel.TOWNSHIP, RankLevel.STAFF), List.of(), 30, true, List.of(), null, null,
                List.of(new TrainingClasses.SessionForm(null, D.plusDays(2), LocalTime.of(9, 30), LocalTime.of(11, 0), "二十大精神宣讲",
                                wang, null, java.math.BigDecimal.valueOf(1.5)),
                        session(D.plusDays(3), 14, 17, "现场教学", null, "党校 第一教室")), null)).id());
        List<Clash> found = tf.fixture.as(c.liaisonA, () -> classes.submit(y)).clashes();

        assertThat(found).extracting(Clash::kind).containsExactlyInAnyOrder(
                ClashKind.TARGET_DATES, ClashKind.DUPLICATE_CONTENT, ClashKind.INSTRUCTOR, ClashKind.VENUE);
        assertThat(found).allSatisfy(cl -> assertThat(cl.otherClassId()).isEqualTo(x));
        Clash group = found.stream().filter(cl -> cl.kind() == ClashKind.TARGET_DATES).findFirst().orElseThrow();
        assertThat(group.message()).contains("学习贯彻党的二十大精神专题培训班", "乡科级", "2026-05-12至2026-05-14");
        Clash dup = found.stream().filter(cl -> cl.kind() == ClashKind.DUPLICATE_CONTENT).findFirst().orElseThrow();
        assertThat(dup.message()).contains("名称相似度100%");
        Clash teacher = found.stream().filter(cl -> cl.kind() == ClashKind.INSTRUCTOR).findFirst().orElseThrow();
        assertThat(teacher.message()).contains("王", "2026-05-12 09:30-11:00", "党的二十大报告解读", "09:00-12:00");
        Clash room = found.stream().filter(cl -> cl.kind() == ClashKind.VENUE).findFirst().orElseThrow();
        assertThat(room.message()).contains("党校 第一教室", "2026-05-13 14:00-17:00", "分组研讨", "15:00-16:00");

        // the approver sees the same warnings; Z clashes with nothing
        assertThat(tf.fixture.as(c.admin, () -> classes.clashesOf(y))).hasSize(4);
        assertThat(tf.fixture.as(c.admin, () -> classes.clashesOf(z))).isEmpty();
        // warnings do not block approval
        assertThat(tf.fixture.as(c.admin, () -> classes.approve(y, "已核实，错开授课时间")).status()).isEqualTo(ClassStatus.APPROVED);
    }

    @Test
    void aSessionCreditedWithMoreHoursThanItsLengthIsFlagged() {
        TrainingFixture.County c = tf.county();
        long cls = c.draft("基层治理能力提升培训班", D.plusMonths(6), D.plusMonths(6).plusDays(1), List.of(RankLevel.STAFF), 40,
                List.of(session(D.plusMonths(6), 9, 12, "基层治理实务", null, null), // 3 hours for 3 学时: fine
                        new TrainingClasses.SessionForm(null, D.plusMonths(6).plusDays(1), LocalTime.of(14, 0), LocalTime.of(15, 0),
                                "案例研讨", null, null, java.math.BigDecimal.valueOf(8))));
        List<Clash> found = tf.fixture.as(c.registrar, () -> classes.submit(cls)).clashes();
        assertThat(found).singleElement().satisfies(k -> {
            assertThat(k.kind()).isEqualTo(ClashKind.HOURS_BEYOND_LENGTH);
            assertThat(k.message()).contains("案例研讨", "14:00-15:00", "60分钟", "计8学时", "最多可计1.5学时");
        });
        // a warning, as every filing check: the approver sees it and decides
        assertThat(tf.fixture.as(c.admin, () -> classes.clashesOf(cls))).extracting(Clash::kind)
                .containsExactly(ClashKind.HOURS_BEYOND_LENGTH);
    }

    @Test
    void instructorPoolHidesContactFromLiaisons() {
        TrainingFixture.County c = tf.county();
        long id = c.instructor("李" + Fixture.unique("老师"));
        var liaison = tf.fixture.user(Fixture.unique("liz"), Role.UNIT_LIAISON, c.townA, null, null);
        assertThat(tf.fixture.as(c.admin, () -> tf.instructors.get(id)).phone()).isEqualTo("13700000000");
        Instructors.InstructorView seen = tf.fixture.as(liaison, () -> tf.instructors.get(id));
        assertThat(seen.phone()).isNull();
        assertThat(seen.contactHidden()).isTrue();
    }
}
