package org.ganxun;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.learning.CourseCompleted;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.security.RunAs;
import org.ganxun.support.Fixture;
import org.ganxun.survey.DraftClassProposal;
import org.ganxun.survey.SurveyTopicsProposed;
import org.ganxun.support.IntegrationTest;
import org.ganxun.classroom.ClassCompleted;
import org.ganxun.training.ClassType;
import org.ganxun.classroom.CompletionOutcome;
import org.ganxun.training.TrainingClasses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

/**
 * The event flows between modules, end to end through the event publication registry and the asynchronous listeners
 * (Spring Modulith's {@link Scenario}): a class completed in training is credited in the archive and refreshes the
 * trainee's standing in compliance; a course completed in 网络学院 is credited in the archive; a survey's class
 * proposals become the planning module's training needs. The archive's listeners act as
 * the system ({@link RunAs#SYSTEM}), not as an administrator: the audit names no account.
 */
@IntegrationTest
@EnableScenarios
class EventFlowScenarioTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog auditLog;

    @Test
    void aCompletedClassIsCreditedAndRefreshesTheTraineesStanding(Scenario scenario) {
        long org = fixture.org(null, Fixture.unique("情景县"), "COUNTY");
        long trainee = fixture.cadre("情景甲", org); // a 科员 (RankLevel.STAFF) of a civil-servant post, the fixture's default
        long dropout = fixture.cadre("情景乙", org);
        long classId = 940_000_000L + System.nanoTime() % 1_000_000;
        LocalDate today = LocalDate.now();
        ClassCompleted event = new ClassCompleted(classId, "情景专题培训班", "县委党校", today, today, ClassType.THEMATIC, true,
                new BigDecimal("8"), List.of(
                        new ClassCompleted.Trainee(1, trainee, new BigDecimal("6.5"), true, CompletionOutcome.COMPLETED, false),
                        new ClassCompleted.Trainee(2, dropout, BigDecimal.ZERO, false, CompletionOutcome.NO_CERTIFICATE, true)),
                today);

        scenario.publish(event)
                .andWaitAtMost(PATIENCE)
                .forStateChange(() -> countedHours(trainee, "TOWNSHIP_YEARLY"), h -> h != null && h.signum() > 0)
                .andVerify(counted -> {
                    // 条例第十四条 (RULES.md): 乡科级 and below, 90 学时 or 12 days a year, class completions counted. The
                    // new cadre's only hours are this class's 6.5 earned, credited today
                    assertThat(counted).isEqualByComparingTo("6.5");
                    Map<String, Object> entry = jdbc.sql("""
                            select hours, days, recorded_by, approved_by from archive_entry where cadre_id = ? and source_ref = ?""")
                            .params(trainee, TrainingClasses.archiveSourceRef(classId)).query().singleRow();
                    assertThat((BigDecimal) entry.get("hours")).isEqualByComparingTo("6.5");
                    // a one-day full-time class: 1 day × 6.5 / 8 学时 = 0.8125, cut to 0.81 days
                    assertThat((BigDecimal) entry.get("days")).isEqualByComparingTo("0.81");
                    assertThat(entry.get("recorded_by")).isEqualTo(RunAs.SYSTEM_USERNAME);
                    assertThat(entry.get("approved_by")).isEqualTo(RunAs.SYSTEM_USERNAME);
                    // who did it: the system, no account (and the log shows 系统, AuditLog.actorName)
                    assertCreditAuditedAsTheSystem("情景甲");
                    // the trainee who did not pass is credited nothing
                    assertThat(jdbc.sql("select count(*) from archive_entry where cadre_id = ?").param(dropout)
                            .query(Long.class).single()).isZero();
                });
    }

    @Test
    void aCompletedCourseIsCreditedOnline(Scenario scenario) {
        long org = fixture.org(null, Fixture.unique("情景网院县"), "COUNTY");
        long learner = fixture.cadre("情景丙", org);
        long courseId = 950_000_000L + System.nanoTime() % 1_000_000;
        LocalDate today = LocalDate.now();

        scenario.publish(new CourseCompleted(courseId, learner, "情景课程", "李老师", "县委组织部", new BigDecimal("0.5"),
                        "网络课程30分钟计0.5学时", 1800, 1800, today))
                .andWaitAtMost(PATIENCE)
                .forStateChange(() -> jdbc.sql("select hours from archive_entry where cadre_id = ? and source_ref = ?")
                        .params(learner, CourseCompleted.archiveSourceRef(courseId)).query(BigDecimal.class).optional().orElse(null),
                        h -> h != null)
                .andVerify(hours -> {
                    assertThat(hours).isEqualByComparingTo("0.5");
                    assertThat(jdbc.sql("select delivery from archive_entry where cadre_id = ? and source_ref = ?")
                            .params(learner, CourseCompleted.archiveSourceRef(courseId)).query(String.class).single())
                            .isEqualTo("ONLINE"); // counts toward the online requirement
                    assertCreditAuditedAsTheSystem("情景丙");
                });
    }

    @Test
    void proposalsOfASurveyBecomeThePlanningNeeds(Scenario scenario) {
        long county = fixture.org(null, Fixture.unique("情景需求县"), "COUNTY");
        int year = LocalDate.now().getYear() + 1;
        long survey = 960_000_000L + System.nanoTime() % 1_000_000;
        DraftClassProposal rural = new DraftClassProposal(1, survey, "TOPIC", "乡村振兴", "职级：乡科级", "rank", "TOWNSHIP", 48, 120,
                new BigDecimal("40.0"), "乡科级干部最想学乡村振兴", "PROPOSED", "needs", "您最希望参加哪些方面的培训？");

        scenario.publish(new SurveyTopicsProposed(survey, "情景需求调研", county, year, List.of(rural)))
                .andWaitAtMost(PATIENCE)
                .forStateChange(() -> jdbc.sql("select topic from plan_need where survey_id = ?").param(survey)
                        .query(String.class).list(), topics -> !topics.isEmpty())
                .andVerify(topics -> assertThat(topics).containsExactly("乡村振兴"));
    }

    @Test
    void theSystemHoldsNoPermission() {
        assertThat(RunAs.SYSTEM.permissions()).isEmpty();
        assertThat(RunAs.isSystem(RunAs.SYSTEM)).isTrue();
        assertThat(RunAs.SYSTEM.displayName()).isEqualTo("系统");
    }

    private BigDecimal countedHours(long cadreId, String code) {
        return jdbc.sql("select counted_hours from cadre_standing where cadre_id = ? and code = ?").params(cadreId, code)
                .query(BigDecimal.class).optional().orElse(null);
    }

    private void assertCreditAuditedAsTheSystem(String cadreName) {
        Map<String, Object> audit = jdbc.sql("""
                select actor_id, actor_username, entity_id from audit_log
                where entity_type = 'ArchiveEntry' and action = 'CREATE' and summary like ? order by id desc limit 1""")
                .param("计入学时：" + cadreName + "%").query().singleRow();
        assertThat(audit.get("actor_id")).isNull();
        assertThat(audit.get("actor_username")).isEqualTo(RunAs.SYSTEM_USERNAME);
        // the audit administrator reads 系统 as the operator, not an administrator's name
        CurrentUser auditor = fixture.user(Fixture.unique("sj"), Role.AUDIT_ADMIN, null, null, null);
        AuditLog.Page page = fixture.as(auditor, () -> auditLog.search(null, "ArchiveEntry", String.valueOf(audit.get("entity_id")),
                "CREATE", null, null, 1, 10));
        assertThat(page.rows()).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(AuditLog.SYSTEM_ACTOR));
    }
}
