package org.ganxun.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.classroom.Completion;
import org.ganxun.classroom.CompletionRules;
import org.ganxun.classroom.TeachingEvaluations;
import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What belongs to a class is read only by those who may open the class: its completion rules and assessment,
 * and in another filer's clash list its name.
 */
@IntegrationTest
class ClassReadScopeTest {

    @Autowired TrainingFixture tf;
    @Autowired TrainingClasses classes;
    @Autowired CompletionRules rules;
    @Autowired Completion completion;
    @Autowired TeachingEvaluations evaluations;
    @Autowired Providers providers;
    @Autowired Enrollments enrollments;

    @Test
    void aClassCannotNameAnotherTownshipsProviderOrInstructor() {
        TrainingFixture.County c = tf.county();
        long schoolB = tf.fixture.org(c.townB, Fixture.unique("乙镇党校"), "INSTITUTION");
        CurrentUser adminB = tf.fixture.user(Fixture.unique("zzbB"), Role.ORG_DEPT_ADMIN, c.townB, null, null);
        long providerB = tf.fixture.as(Fixture.systemAdmin(), () -> providers.create(new Providers.ProviderForm(Fixture.unique("乙镇党校"),
                ProviderKind.PARTY_SCHOOL, schoolB, null))).id();
        long instructorB = tf.fixture.as(adminB, () -> tf.instructors.create(new Instructors.InstructorForm(c.townB,
                Fixture.unique("乙镇讲师"), InstructorKind.IN_HOUSE, "乙镇", "讲师", "党建", null, null, true)).id());
        LocalDate d = LocalDate.now(java.time.ZoneId.systemDefault()).plusDays(60);
        TrainingClasses.ClassForm withProvider = new TrainingClasses.ClassForm(c.county, c.school, providerB, Fixture.unique("跨镇班"),
                ClassType.THEMATIC, d, d, null, List.of(), List.of(), 10, true, List.of(), null, null,
                List.of(TrainingFixture.session(d, 9, 12, "开班", null, null)), null);
        assertThatThrownBy(() -> tf.fixture.as(c.registrar, () -> classes.create(withProvider)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains("培训机构"));
        TrainingClasses.ClassForm withInstructor = new TrainingClasses.ClassForm(c.county, c.school, null, Fixture.unique("跨镇班"),
                ClassType.THEMATIC, d, d, null, List.of(), List.of(), 10, true, List.of(), null, null,
                List.of(TrainingFixture.session(d, 9, 12, "开班", instructorB, null)), null);
        assertThatThrownBy(() -> tf.fixture.as(c.registrar, () -> classes.create(withInstructor)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains("授课教师"));
        // the county's own pool is there to choose from
        long countyInstructor = c.instructor(Fixture.unique("县讲师"));
        TrainingClasses.ClassForm ok = new TrainingClasses.ClassForm(c.county, c.school, null, Fixture.unique("本县班"),
                ClassType.THEMATIC, d, d, null, List.of(), List.of(), 10, true, List.of(), null, null,
                List.of(TrainingFixture.session(d, 9, 12, "开班", countyInstructor, null)), null);
        assertThat(tf.fixture.as(c.registrar, () -> classes.create(ok)).id()).isPositive();
    }

    @Test
    void aRefusedWithdrawalDoesNotNameThePerson() {
        TrainingFixture.County c = tf.county();
        LocalDate d = LocalDate.now(java.time.ZoneId.systemDefault()).plusDays(50);
        long cls = c.approved(Fixture.unique("退出测试班"), d, d.plusDays(1), List.of(), 10);
        String name = "乙镇学员";
        long cadreB = c.staff(name, c.townB);
        long enrollment = tf.fixture.as(c.admin, () -> enrollments.name(cls, cadreB)).enrollment().id();
        assertThatThrownBy(() -> tf.fixture.as(c.liaisonA, () -> enrollments.withdraw(enrollment, "不去了")))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).doesNotContain(name);
                });
    }

    @Test
    void anotherTownshipsInstructorsEvaluationsAreNotThereForAReader() {
        TrainingFixture.County c = tf.county();
        long instructor = c.instructor(Fixture.unique("甲镇讲师"));
        CurrentUser liaisonA = c.liaisonA;
        CurrentUser adminB = tf.fixture.user(Fixture.unique("zzbB"), Role.ORG_DEPT_ADMIN, c.townB, null, null);
        long townInstructor = tf.fixture.as(adminB, () -> tf.instructors.create(new Instructors.InstructorForm(c.townB,
                Fixture.unique("乙镇讲师"), InstructorKind.IN_HOUSE, "乙镇", "讲师", "党建", null, null, true)).id());
        assertThatThrownBy(() -> tf.fixture.as(liaisonA, () -> evaluations.ofInstructor(townInstructor)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(404));
        // the county's pool is theirs to see
        assertThat(tf.fixture.as(liaisonA, () -> evaluations.ofInstructor(instructor))).isNotNull();
    }

    @Test
    void anotherProvidersRegistrarReadsNeitherRulesNorAssessmentAndSeesTheClashUnnamed() {
        TrainingFixture.County c = tf.county();
        long school2 = tf.fixture.org(c.county, Fixture.unique("县行政学校"), "INSTITUTION");
        CurrentUser registrar2 = tf.fixture.user(Fixture.unique("dx2"), Role.PROVIDER_REGISTRAR, school2, null, null);
        LocalDate d = LocalDate.now(java.time.ZoneId.systemDefault()).plusDays(40);
        String secret = Fixture.unique("保密专题班");
        long hidden = c.draft(secret, d, d.plusDays(2), List.of(RankLevel.STAFF), 20,
                List.of(TrainingFixture.session(d, 9, 12, "开班", null, null)));
        tf.fixture.as(c.registrar, () -> classes.submit(hidden));

        assertThatThrownBy(() -> tf.fixture.as(registrar2, () -> rules.of(hidden)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> tf.fixture.as(registrar2, () -> completion.components(hidden)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(tf.fixture.as(c.registrar, () -> rules.of(hidden))).isNotEmpty();
        // nor the criteria its trainees rate it by
        assertThatThrownBy(() -> tf.fixture.as(registrar2, () -> evaluations.criteria(hidden)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(tf.fixture.as(c.registrar, () -> evaluations.criteria(hidden))).isNotEmpty();

        long own = tf.fixture.as(registrar2, () -> classes.create(new TrainingClasses.ClassForm(c.county, school2, null,
                Fixture.unique("另一校专题班"), ClassType.THEMATIC, d, d.plusDays(2), "行政学校教室", List.of(RankLevel.STAFF),
                List.of(), 20, true, List.of(), new BigDecimal("10000"), null,
                List.of(TrainingFixture.session(d, 9, 12, "开班", null, null)), null)).id());
        TrainingClasses.Submitted submitted = tf.fixture.as(registrar2, () -> classes.submit(own));
        List<Clash> seen = tf.fixture.as(registrar2, () -> classes.clashesOf(own));
        for (List<Clash> list : List.of(submitted.clashes(), seen)) {
            assertThat(list).anySatisfy(k -> {
                assertThat(k.kind()).isEqualTo(ClashKind.TARGET_DATES);
                assertThat(k.otherClassName()).isEqualTo(TrainingClasses.HIDDEN_CLASS);
                assertThat(k.otherClassId()).isZero();
            });
            assertThat(list).allSatisfy(k -> assertThat(k.otherClassName() + k.message()).doesNotContain(secret, "县委党校"));
        }
        // the county's organisation department, which may open both, is told which class it is
        assertThat(tf.fixture.as(c.admin, () -> classes.clashesOf(own))).anyMatch(k -> k.otherClassId() == hidden
                && k.otherClassName().equals(secret));
    }
}
