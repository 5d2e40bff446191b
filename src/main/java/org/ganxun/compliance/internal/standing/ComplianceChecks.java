package org.ganxun.compliance.internal.standing;

import org.ganxun.compliance.internal.ruleset.RequirementKind;
import org.ganxun.compliance.internal.ruleset.RuleSet;
import org.ganxun.exam.PreAppointmentTests;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.ganxun.people.PeopleFacts;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
import org.ganxun.platform.rules.Decision;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.secondment.SecondmentResults;
import org.ganxun.classroom.ClassResults;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The questions appraisal and promotion ask of training (《公务员培训规定》第四条: training results count in
 * annual appraisal and are a basis for appointment and promotion): can this person be rated 优秀 this
 * year, and is their training complete for a proposed promotion — and if not, which requirements fail.
 */
@Service
public class ComplianceChecks {

    static final String CLASS_ASSESSMENT_FAILED = "CLASS_ASSESSMENT_FAILED";

    private static final java.time.format.DateTimeFormatter D = java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final StandingService standings;
    private final PeopleFacts people;
    private final Roster roster;
    private final SecondmentResults secondments;

    private final ClassResults classResults;
    private final PreAppointmentTests preAppointmentTests;
    private final Clock clock;

    ComplianceChecks(StandingService standings, PeopleFacts people, Roster roster, SecondmentResults secondments,
                     ClassResults classResults, PreAppointmentTests preAppointmentTests, Clock clock) {
        this.clock = clock;
        this.secondments = secondments;
        this.preAppointmentTests = preAppointmentTests;
        this.classResults = classResults;
        this.standings = standings;
        this.people = people;
        this.roster = roster;
    }

    /** {@code decision}: allowed when training does not stand in the way of 优秀; its reasons say what does. */
    public record AppraisalCheck(long cadreId, int year, LocalDate asOf, String conclusion, Decision decision) {

        @JsonProperty
        public boolean eligibleForExcellent() {
            return decision.allowed();
        }

        @JsonProperty
        public List<Decision.Reason> reasons() {
            return decision.refusals();
        }
    }

    public record PromotionRequest(RankLevel rankLevel, RankGrade rankGrade, Boolean leadership, LocalDate on) {
    }

    /**
     * {@code decision}: allowed when training is complete for the proposed rank; {@code requirements}: the standings
     * it was judged on. {@code secondments}: the person's secondment postings with their final evaluation (grade,
     * score, rank within the programme), shown beside the training check so that promotion sees both.
     */
    public record PromotionCheck(long cadreId, LocalDate on, String conclusion, Decision decision,
                                 List<Standing> requirements, List<SecondmentResults.Result> secondments,
                                 PreAppointmentTests.Latest preAppointmentTest, String preAppointmentTestText) {

        @JsonProperty
        public boolean complete() {
            return decision.allowed();
        }

        @JsonProperty
        public List<Decision.Reason> unmet() {
            return decision.refusals();
        }
    }

    /**
     * 优秀 needs every yearly requirement of the year met (judged on 31 December, or today during the
     * year) and no requirement overdue.
     */
    @Transactional(readOnly = true)
    public AppraisalCheck appraisal(long cadreId, int year) {
        roster.get(cadreId);
        if (year > LocalDate.now(clock).getYear()) {
            // the standing as of today is this year's: it says nothing about a year not begun
            throw new BusinessException(year + "年度尚未开始，不能核查评优资格");
        }
        LocalDate end = LocalDate.of(year, 12, 31);
        LocalDate asOf = LocalDate.now(clock).isBefore(end) ? LocalDate.now(clock) : end;
        StandingService.PersonStanding ps = standings.compute(cadreId, asOf);
        Decision.Builder d = Decision.builder();
        for (Standing s : ps.standings()) {
            boolean yearlyShort = s.kind() == RequirementKind.YEARLY && !s.met();
            boolean overdue = s.status() == StandingStatus.OVERDUE;
            if (yearlyShort || overdue) {
                d.refuse(s.code(), s.title() + "（" + s.statusLabel() + "）", s.explanation(), s.source());
            }
        }
        // what a failed class assessment costs is the governing rule set's choice (RULES.md: a local rule, seed 002)
        PeopleFacts.Person p = people.person(cadreId).orElseThrow(() -> BusinessException.notFound("干部"));
        RuleSet.AssessmentUse use = standings.governing(p, asOf).map(RuleSet::assessmentUse).orElse(null);
        boolean failedClass = false;
        if (use != null && use.barsExcellent()) {
            for (ClassResults.FailedAssessment f : classResults.failedAssessments(cadreId, year)) {
                failedClass = true;
                d.refuse(CLASS_ASSESSMENT_FAILED, "培训班考核不合格：" + f.className(),
                        f.completedOn() + "结业的“" + f.className() + "”考核不合格，当年年度考核不得确定为优秀等次", use.sourceText());
            }
        }
        Decision decision = d.build();
        String conclusion = failedClass ? year + "年度有培训班考核不合格，不能评定为优秀" : decision.allowed() ? year + "年度培训要求已完成，培训方面不影响评定优秀"
                : asOf.isBefore(end) ? "截至" + asOf + "，" + year + "年度培训要求尚未完成；年底前未完成的不能评定为优秀"
                : year + "年度培训要求未完成，不能评定为优秀";
        return new AppraisalCheck(cadreId, year, asOf, conclusion, decision);
    }

    /**
     * Standing as of the promotion date with the proposed rank, for the requirements that apply to it.
     * Under 条例第十四条 a promotion may still go ahead; what is unmet must then be completed within one
     * year after it. The conclusion gives each unmet requirement's own deadline, the one its row shows (and
     * the standing, the dashboard and the reminders will show once the promotion is recorded).
     */
    @Transactional(readOnly = true)
    public PromotionCheck promotion(long cadreId, PromotionRequest req) {
        roster.get(cadreId);
        if (req.rankLevel() == null) {
            throw new BusinessException("请选择拟提任的职级层次");
        }
        LocalDate on = req.on() == null ? LocalDate.now(clock) : req.on();
        PeopleFacts.Person p = people.person(cadreId).orElseThrow(() -> BusinessException.notFound("干部"));
        List<PersonFacts.Period> periods = new ArrayList<>();
        for (PeopleFacts.RankPeriod r : p.periods()) {
            if (r.startedOn().isBefore(on)) {
                LocalDate end = r.endedOn() == null || r.endedOn().isAfter(on) ? on : r.endedOn();
                periods.add(new PersonFacts.Period(r.startedOn(), end, r.rankLevel(), r.rankGrade(), r.leadership()));
            }
        }
        periods.add(new PersonFacts.Period(on, null, req.rankLevel(), req.rankGrade(), req.leadership() == null || req.leadership()));
        PersonFacts facts = new PersonFacts(p.id(), p.staffCategory(), p.partyMember(), p.enteredWorkOn(), periods);
        List<Standing> relevant = standings.compute(p, facts, on).standings().stream()
                .filter(s -> s.kind() == RequirementKind.CYCLE || s.kind() == RequirementKind.AFTER_PROMOTION)
                .toList();
        Decision.Builder d = Decision.builder();
        relevant.stream().filter(s -> !s.met()).forEach(s -> d.refuse(s.code(), s.title() + "（" + s.statusLabel() + "）", s.explanation(), s.source()));
        List<String> failedThatYear = new ArrayList<>();
        RuleSet.AssessmentUse use = standings.governing(p, on).map(RuleSet::assessmentUse).orElse(null);
        if (use != null && use.barsPromotionThatYear()) {
            for (ClassResults.FailedAssessment f : classResults.failedAssessments(cadreId, on.getYear())) {
                failedThatYear.add(f.className());
                d.refuse(CLASS_ASSESSMENT_FAILED, "培训班考核不合格：" + f.className(),
                        f.completedOn() + "结业的“" + f.className() + "”考核不合格，当年不得提任", use.sourceText());
            }
        }
        Decision decision = d.build();
        long unmetCount = relevant.stream().filter(s -> !s.met()).count();
        String conclusion = decision.allowed() ? "培训要求已完成，可以提任"
                : !failedThatYear.isEmpty() ? on.getYear() + "年有培训班考核不合格（" + String.join("、", failedThatYear) + "），当年不得提任"
                : "培训要求尚未完成（" + unmetCount + "项）；如提任，"
                + String.join("；", relevant.stream().filter(s -> !s.met()).map(s -> s.title() + "尚差" + s.shortfall() + "，须于"
                + s.deadline().format(D) + "前完成" + (s.deadline().equals(on.plusYears(1)) ? "（提任后1年内）" : "")).toList());
        // shown beside the training check (the 任前廉政法规知识测试 is taken before appointment); it does not change the decision
        PreAppointmentTests.Latest test = preAppointmentTests.latest(cadreId).orElse(null);
        return new PromotionCheck(cadreId, on, conclusion, decision, relevant, secondments.of(cadreId), test,
                test == null ? "未参加任前廉政法规知识测试" : test.summary());
    }
}
