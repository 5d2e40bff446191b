package org.ganxun.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import org.ganxun.people.RankLevel;
import org.ganxun.planning.TrainingPlans.IndicatorForm;
import org.ganxun.planning.TrainingPlans.Target;
import org.ganxun.planning.internal.plan.IndicatorFigures;
import org.ganxun.planning.internal.plan.PlanNeeds;
import org.ganxun.planning.internal.scheduling.Scheduler;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.survey.ClassProposals;
import org.ganxun.survey.DraftClassProposal;
import org.ganxun.survey.SurveyReturns;
import org.ganxun.survey.Surveys;
import org.ganxun.classroom.Attendance;
import org.ganxun.classroom.AttendanceStatus;
import org.ganxun.training.ClassStatus;
import org.ganxun.training.ClassType;
import org.ganxun.classroom.Completion;
import org.ganxun.training.Enrollments;
import org.ganxun.training.SessionView;
import org.ganxun.training.TrainingClassView;
import org.ganxun.training.TrainingClasses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The planning cycle end to end, each step through the module that owns it (issue 17, Tests: "a survey → proposal →
 * draft class → scheduled → completed → indicator round trip"):
 *
 * <ol>
 * <li>a county's needs survey, eight paper returns: six 乡科级 want 乡村振兴, two 科员 want 法律法规;</li>
 * <li>生成培训班建议 (survey's {@code ClassProposals.draw}) publishes the proposals; planning keeps them as needs with
 *     their question and group (the listener runs after the survey's commit);</li>
 * <li>the need becomes a draft class targeted at 乡科级 (the group that asked: 6 of 6 乡科级 answers);</li>
 * <li>the county's stored busy seasons leave only one week free, so the scheduler must place the class there; the
 *     accepted proposal is written back, the session moving with the class;</li>
 * <li>the class is filed, approved, run and completed through training's services; the archive credits its 学时;</li>
 * <li>the plan's indicator 乡科级干部年度培训覆盖率 moves from 0 of 2 (0.0 %) to 1 of 2 (50.0 %).</li>
 * </ol>
 */
@IntegrationTest
class PlanCycleRoundTripTest {

    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;
    @Autowired Surveys surveys;
    @Autowired SurveyReturns returns;
    @Autowired ClassProposals proposals;
    @Autowired PlanNeeds needs;
    @Autowired SchedulingSettings settings;
    @Autowired DraftScheduling scheduling;
    @Autowired TrainingClasses classes;
    @Autowired Enrollments enrollments;
    @Autowired Attendance attendance;
    @Autowired Completion completion;
    @Autowired TrainingPlans plans;
    @Autowired IndicatorFigures figures;

    static final String MODEL = """
            {"pages": [{"name": "p1", "elements": [
              {"type": "radiogroup", "name": "rank_level", "title": "您的职级", "isRequired": true,
               "choices": [{"value": "TOWNSHIP", "text": "乡科级"}, {"value": "STAFF", "text": "科员及以下"}]},
              {"type": "checkbox", "name": "content_wanted", "title": "您最希望参加哪些内容的培训？", "isRequired": true, "ganxunTopic": true,
               "choices": [{"value": "rural", "text": "乡村振兴"}, {"value": "law", "text": "法律法规"}]}
            ]}]}""";

    @Test
    void aSurveysNeedIsPlannedScheduledRunAndMovesTheIndicator() {
        int year = Year.now().getValue();
        LocalDate today = LocalDate.now();
        // the one free week: a Monday three weeks back, so the class has ended before today and can be completed
        LocalDate free = today.minusDays(21).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        assumeTrue(free.getYear() == year && free.getDayOfYear() > 1, "in the first weeks of a year no free week of this year lies in the past");

        long county = fixture.org(null, Fixture.unique("循环县"), "COUNTY");
        long town = fixture.org(county, Fixture.unique("循环镇"), "TOWNSHIP");
        CurrentUser admin = fixture.user(Fixture.unique("cyc"), Role.ORG_DEPT_ADMIN, county, null, null);
        long a = cadre("循环甲", town, RankLevel.TOWNSHIP);
        cadre("循环乙", town, RankLevel.TOWNSHIP);
        cadre("循环丙", town, RankLevel.STAFF); // outside the indicator's group

        // 1. the survey and its eight returns
        Surveys.Survey s = fixture.as(admin, () -> {
            Surveys.Survey d = surveys.create(new Surveys.SurveyRequest(year + "年度干部教育培训需求调研", "了解培训需求", county, true,
                    today.minusDays(60), today.plusDays(14), json.readTree(MODEL)));
            surveys.replaceTargets(d.id(), List.of(new Surveys.TargetRequest("乡镇干部", town, null, null, 10)));
            return surveys.open(d.id());
        });
        fixture.as(admin, () -> {
            for (int i = 0; i < 6; i++) {
                returns.enterPaper(s.id(), s.targets().get(0).id(), answers("TOWNSHIP", "rural"), null);
            }
            for (int i = 0; i < 2; i++) {
                returns.enterPaper(s.id(), s.targets().get(0).id(), answers("STAFF", "law"), null);
            }
            return null;
        });

        // 2. 生成培训班建议: the proposal names its question and the group that asked most
        List<DraftClassProposal> drawn = fixture.as(admin, () -> proposals.draw(s.id(), new ClassProposals.DrawRequest(5, year)));
        DraftClassProposal rural = drawn.stream().filter(p -> p.topic().equals("乡村振兴专题培训班")).findFirst().orElseThrow();
        assertThat(rural.questionName()).isEqualTo("content_wanted");
        assertThat(rural.questionTitle()).isEqualTo("您最希望参加哪些内容的培训？");
        assertThat(rural.demandCount()).isEqualTo(6);
        assertThat(rural.respondents()).isEqualTo(8);
        assertThat(rural.demandShare()).isEqualByComparingTo("75.0"); // 6 / 8
        assertThat(rural.groupDimension()).isEqualTo("RANK_LEVEL");
        assertThat(rural.groupValue()).isEqualTo("TOWNSHIP"); // 6 of 6 乡科级; 科员 has 2 answers, below the minimum of 5

        // the listener runs after the survey's commit, in its own transaction
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(fixture.as(admin, () -> needs.list(year))).extracting(PlanNeeds.Need::surveyId).contains(s.id()));
        PlanNeeds.Need need = fixture.as(admin, () -> needs.list(year)).stream()
                .filter(n -> n.surveyId() == s.id() && n.proposalId() == rural.id()).findFirst().orElseThrow();
        assertThat(need.questionTitle()).isEqualTo("您最希望参加哪些内容的培训？");
        assertThat(need.demandCount()).isEqualTo(6);
        assertThat(need.respondents()).isEqualTo(8);
        assertThat(need.answered()).isFalse();

        // 3. the need becomes a draft class for the group that asked
        PlanNeeds.Need answered = fixture.as(admin, () -> needs.draft(need.id()));
        long cls = answered.classId();
        TrainingClassView draft = fixture.as(admin, () -> classes.get(cls));
        assertThat(draft.name()).isEqualTo("乡村振兴专题培训班"); // not "…专题培训班专题培训班"
        assertThat(draft.topics()).containsExactly("乡村振兴");
        assertThat(draft.targetRankLevels()).containsExactly("TOWNSHIP");
        assertThat(draft.status()).isEqualTo(ClassStatus.DRAFT);
        assertThat(draft.description()).contains("第“您最希望参加哪些内容的培训？”题").contains("8名答卷人中6人提出");
        // the registrar draws up the timetable: one session on the second day
        fixture.as(admin, () -> classes.update(cls, new TrainingClasses.ClassForm(null, county, null, draft.name(), ClassType.THEMATIC,
                draft.startsOn(), draft.endsOn(), "县委党校", List.of(RankLevel.TOWNSHIP), List.of(), 50, true, draft.topics(), null,
                draft.description(), List.of(new TrainingClasses.SessionForm(null, draft.startsOn().plusDays(1), LocalTime.of(9, 0),
                LocalTime.of(12, 0), "乡村振兴政策解读", null, null, new BigDecimal("3"))), null)));

        // 4. stored busy seasons leave only the week free..free+6: a 3-day class starts on a weekday free..free+4
        DateTimeFormatter md = DateTimeFormatter.ofPattern("MM-dd");
        fixture.as(admin, () -> settings.save(county, new SchedulingSettings.Form(new BigDecimal("0.5"), List.of(
                new DraftScheduling.SeasonForm("年初忙时", null, "01-01", free.minusDays(1).format(md)),
                new DraftScheduling.SeasonForm("年末忙时", null, free.plusDays(7).format(md), "12-31")), List.of())));
        Scheduler.Proposal proposal = fixture.as(admin, () -> scheduling.propose(new DraftScheduling.Request(year, null, null, null, 5)));
        assertThat(proposal.unmet()).isEmpty();
        assertThat(proposal.solver().feasible()).isTrue();
        Scheduler.Placement placed = proposal.placements().stream().filter(p -> p.id() == cls).findFirst().orElseThrow();
        assertThat(placed.startsOn()).isBetween(free, free.plusDays(4));
        assertThat(ChronoUnit.DAYS.between(placed.startsOn(), placed.endsOn())).isEqualTo(2);

        // the accepted proposal is written back: dates and the session move together
        DraftScheduling.Accepted accepted = fixture.as(admin, () -> scheduling.accept(new DraftScheduling.Accept(year,
                List.of(new DraftScheduling.Pin(cls, placed.startsOn())))));
        assertThat(accepted.moved()).extracting(TrainingClassView::startsOn).containsExactly(placed.startsOn());
        TrainingClassView moved = fixture.as(admin, () -> classes.get(cls));
        assertThat(moved.startsOn()).isEqualTo(placed.startsOn());
        assertThat(moved.endsOn()).isEqualTo(placed.endsOn());
        List<SessionView> sessions = fixture.as(admin, () -> classes.sessionsOf(cls));
        assertThat(sessions).extracting(SessionView::sessionDate).containsExactly(placed.startsOn().plusDays(1));
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'RESCHEDULE' and entity_type = 'TrainingClass' and entity_id = ?")
                .param(String.valueOf(cls)).query(Long.class).single()).isEqualTo(1);

        // the plan and its indicator before the class: 0 of the two 乡科级 trained this year
        long planId = fixture.as(admin, () -> plans.create(new TrainingPlans.PlanForm(county, "干部教育培训规划", year - 1, year + 3, null,
                List.of(new IndicatorForm("乡科级干部年度培训覆盖率", IndicatorKind.COVERAGE, List.of("TOWNSHIP"), List.of(), null, null, null, 1,
                        false, null, null, null, null, null, List.of(new Target(year, new BigDecimal("50"))))))).id());
        IndicatorFigures.Figure before = fixture.as(admin, () -> figures.dashboard(planId, year, null)).figures().get(0);
        assertThat(before.population()).isEqualTo(2);
        assertThat(before.counted()).isZero();
        assertThat(before.value()).isEqualByComparingTo("0.0");

        // 5. filed, approved, run, completed
        fixture.as(admin, () -> classes.submit(cls));
        fixture.as(admin, () -> classes.approve(cls, null));
        assertThatThrownBy(() -> fixture.as(admin, () -> scheduling.accept(new DraftScheduling.Accept(year,
                List.of(new DraftScheduling.Pin(cls, free))))))
                .isInstanceOf(BusinessException.class).hasMessageContaining("只能调整草稿班次");
        long enrollment = fixture.as(admin, () -> enrollments.name(cls, a)).enrollment().id();
        fixture.as(admin, () -> attendance.rollCall(sessions.get(0).id(), List.of(new Attendance.Mark(enrollment, AttendanceStatus.PRESENT, null))));
        Completion.Results done = fixture.as(admin, () -> completion.complete(cls));
        assertThat(done.trainees()).extracting(Completion.TraineeResult::passed).containsExactly(true);

        // 6. the archive credits the class (after training's commit) and the figure moves: 1 of 2 = 50.0 %, target reached
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql("""
                select count(*) from archive_entry where cadre_id = ? and source = 'CLASS_COMPLETION' and status = 'APPROVED'""")
                .param(a).query(Long.class).single()).isEqualTo(1));
        IndicatorFigures.Figure after = fixture.as(admin, () -> figures.dashboard(planId, year, null)).figures().get(0);
        assertThat(after.population()).isEqualTo(2);
        assertThat(after.counted()).isEqualTo(1);
        assertThat(after.value()).isEqualByComparingTo("50.0");
        assertThat(after.light()).isEqualTo(IndicatorFigures.Light.GREEN);
        // and the need is answered by the completed class
        assertThat(fixture.as(admin, () -> needs.list(year))).filteredOn(n -> n.id() == need.id())
                .singleElement().satisfies(n -> {
                    assertThat(n.answered()).isTrue();
                    assertThat(n.classStatus()).isEqualTo("COMPLETED");
                });
    }

    private ObjectNode answers(String rank, String topic) {
        ObjectNode o = json.createObjectNode();
        o.put("rank_level", rank);
        o.putArray("content_wanted").add(topic);
        return o;
    }

    private long cadre(String name, long org, RankLevel level) {
        long id = fixture.cadre(name, org);
        jdbc.sql("update cadre set rank_level = ? where id = ?").params(level.name(), id).update();
        return id;
    }
}
