package org.ganxun.compliance.internal.standing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.compliance.internal.ruleset.NationalRules;
import org.ganxun.compliance.internal.ruleset.Requirement;
import org.ganxun.compliance.internal.ruleset.RuleSet;
import org.ganxun.compliance.internal.ruleset.RuleSetStore;
import org.ganxun.people.CadreStatus;
import org.ganxun.people.PeopleFacts;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 3 (../shared/RULES.md "The rules of the day"): a standing as of a date uses the rule set in force on
 * that date for the unit the person belonged to on that date (post history), not the unit they are in now.
 */
class RuleOfTheDayTest {

    private static RuleSet county(long id, String name, String hours) {
        RuleSet n = NationalRules.defaults();
        List<Requirement> reqs = n.requirements().stream().map(q -> !q.code().equals("TOWNSHIP_YEARLY") ? q
                : new Requirement(q.code(), q.title(), q.kind(), new BigDecimal(hours), null, q.rankLevels(), q.rankGrades(),
                q.staffCategories(), q.leadersOnly(), q.partyMembersOnly(), q.count(), q.cycleYears(), q.cycleStartYear(),
                q.leadMonths(), q.graceMonths(), q.triggersFrom(), name + "实施办法", "乡科级每年不少于" + hours + "学时", "L")).toList();
        return new RuleSet(id, name, id, 1, LocalDate.of(2023, 1, 1), null, reqs, n.conversions(), List.of(), n.carryOver(), null, n.assessmentUse());
    }

    // A township deputy in county A (/1/10/11/) from 2024-01-01 until 2026-07-01, then in county B (/1/20/21/). County A
    // asks 60 学时 a year, county B 40 (both from 2023-01-01), the national rules 90. As of 2026-06-30 the person was in
    // A: A's 60 (not B's 40, the unit they are in now). As of 2026-11-21 they are in B: B's 40. Before the post history
    // begins (2023-06-30) nothing says where they were: the unit they are in now decides, B's rules.
    @Test
    void aStandingAsOfAPastDateUsesTheRulesOfTheUnitOfThatDay() {
        List<RuleSetStore.Stored> all = List.of(
                new RuleSetStore.Stored(NationalRules.defaults(), null, null),
                new RuleSetStore.Stored(county(10, "甲县规则", "60"), "/1/10/", "甲县"),
                new RuleSetStore.Stored(county(20, "乙县规则", "40"), "/1/20/", "乙县"));
        PeopleFacts.Person p = new PeopleFacts.Person(1, 21, "/1/20/21/", StaffCategory.CIVIL_SERVANT, false, LocalDate.of(2005, 8, 1),
                CadreStatus.ACTIVE, List.of(
                new PeopleFacts.RankPeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2026, 7, 1), RankLevel.TOWNSHIP, RankGrade.DEPUTY, true, "/1/10/11/"),
                new PeopleFacts.RankPeriod(LocalDate.of(2026, 7, 1), null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true, "/1/20/21/")));

        assertThat(StandingService.orgPathOn(p, LocalDate.of(2026, 6, 30))).isEqualTo("/1/10/11/");
        assertThat(StandingService.orgPathOn(p, LocalDate.of(2026, 7, 1))).isEqualTo("/1/20/21/");
        assertThat(StandingService.orgPathOn(p, LocalDate.of(2023, 6, 30))).isEqualTo("/1/20/21/");

        PersonFacts facts = StandingService.toFacts(p);
        for (Object[] c : new Object[][]{{LocalDate.of(2026, 6, 30), "甲县规则", "60"}, {LocalDate.of(2026, 11, 21), "乙县规则", "40"},
                {LocalDate.of(2023, 6, 30), "乙县规则", "40"}}) {
            LocalDate on = (LocalDate) c[0];
            RuleSet rules = RuleSetStore.governing(all, StandingService.orgPathOn(p, on), on).orElseThrow();
            assertThat(rules.name()).as(on.toString()).isEqualTo(c[1]);
            if (!on.isBefore(LocalDate.of(2024, 1, 1))) {
                Standing s = StandingCalculator.compute(facts, List.of(), rules, on).stream()
                        .filter(x -> x.code().equals("TOWNSHIP_YEARLY")).findFirst().orElseThrow();
                assertThat(s.requiredHours()).as(on.toString()).isEqualByComparingTo((String) c[2]);
            }
        }
    }
}
