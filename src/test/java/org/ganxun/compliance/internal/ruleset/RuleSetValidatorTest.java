package org.ganxun.compliance.internal.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.archive.CreditSource;
import org.ganxun.compliance.internal.standing.PersonFacts;
import org.ganxun.compliance.internal.standing.Standing;
import org.ganxun.compliance.internal.standing.StandingCalculator;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.junit.jupiter.api.Test;

/**
 * A rule set is checked before it is published. A cap per source (RULES.md: e.g. out-of-town training at most
 * 48 学时 a year) left without its source or its number used to be stored, and then every standing under that
 * rule set — and the nightly recomputation of everyone — failed.
 */
class RuleSetValidatorTest {

    private static RuleDocument withCaps(List<RuleSet.SourceCap> caps) {
        RuleSet n = NationalRules.defaults();
        return new RuleDocument(n.requirements(), n.conversions(), caps, n.carryOver(), n.assessmentUse());
    }

    private static List<String> problems(RuleDocument doc) {
        return RuleSetValidator.validate("某县规则", LocalDate.of(2026, 1, 1), doc).stream().map(FieldProblem::message).toList();
    }

    @Test
    void theNationalDefaultsPass() {
        assertThat(problems(withCaps(List.of()))).isEmpty();
        assertThat(problems(withCaps(List.of(new RuleSet.SourceCap(CreditSource.EXTERNAL_TRAINING, new BigDecimal("48"), "外出培训最多计48学时")))))
                .isEmpty();
    }

    @Test
    void aCapNeedsItsSourceAndItsNumberOnce() {
        List<RuleSet.SourceCap> caps = new ArrayList<>();
        caps.add(new RuleSet.SourceCap(null, new BigDecimal("48"), ""));
        caps.add(new RuleSet.SourceCap(CreditSource.GROUP_STUDY, null, ""));
        caps.add(new RuleSet.SourceCap(CreditSource.TEACHING, new BigDecimal("20"), ""));
        caps.add(new RuleSet.SourceCap(CreditSource.TEACHING, new BigDecimal("-1"), ""));
        assertThat(problems(withCaps(caps))).containsExactly(
                "第1项单项上限：请选择学时来源",
                "第2项单项上限：请填写每年最多计入的学时（不小于0）",
                "第4项单项上限：“授课”已设置过上限",
                "第4项单项上限：请填写每年最多计入的学时（不小于0）");
    }

    @Test
    void anIncompleteCapStoredEarlierIsSkippedNotFatal() {
        RuleSet n = NationalRules.defaults();
        RuleSet stored = new RuleSet(7, "旧版规则", 9L, 1, n.validFrom(), null, n.requirements(), n.conversions(),
                List.of(new RuleSet.SourceCap(null, new BigDecimal("10"), null)), n.carryOver(), null, n.assessmentUse());
        PersonFacts cadre = new PersonFacts(1, org.ganxun.people.StaffCategory.CIVIL_SERVANT, false, LocalDate.of(2005, 8, 1),
                List.of(new PersonFacts.Period(LocalDate.of(2018, 1, 1), null, org.ganxun.people.RankLevel.TOWNSHIP,
                        org.ganxun.people.RankGrade.DEPUTY, true)));
        List<Standing> s = StandingCalculator.compute(cadre, List.of(), stored, LocalDate.of(2026, 11, 21));
        assertThat(s).extracting(Standing::code).contains("TOWNSHIP_YEARLY");
    }

    /** Issue 15 item 4: what counts toward what is written out; a requirement that names no sources is refused. */
    @Test
    void aRequirementMustNameTheSourcesThatCountTowardIt() {
        RuleSet n = NationalRules.defaults();
        List<Requirement> reqs = n.requirements().stream().map(q -> !q.code().equals("TOWNSHIP_YEARLY") ? q
                : new Requirement(q.code(), q.title(), q.kind(), q.hours(), q.days(), q.rankLevels(), q.rankGrades(), q.staffCategories(),
                q.leadersOnly(), q.partyMembersOnly(), new CountFilter(q.count().deliveries(), null, null, java.util.Set.of(),
                java.util.Set.of()), q.cycleYears(), q.cycleStartYear(), q.leadMonths(), q.graceMonths(), q.triggersFrom(),
                q.source(), q.sourceText(), q.sourceStatus())).toList();
        assertThat(problems(new RuleDocument(reqs, n.conversions(), List.of(), n.carryOver(), n.assessmentUse())))
                .containsExactly("第2条要求：请选择计入本要求的学时来源（如党员学习是否计入）");
    }
}
