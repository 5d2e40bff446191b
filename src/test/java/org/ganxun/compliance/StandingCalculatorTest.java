package org.ganxun.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.ganxun.archive.Credit;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.TrainingType;
import org.ganxun.compliance.internal.ruleset.CountFilter;
import org.ganxun.compliance.internal.ruleset.NationalRules;
import org.ganxun.compliance.internal.ruleset.Requirement;
import org.ganxun.compliance.internal.ruleset.RequirementKind;
import org.ganxun.compliance.internal.ruleset.RuleSet;
import org.ganxun.compliance.internal.ruleset.RuleSets;
import org.ganxun.compliance.internal.standing.PersonFacts.Period;
import org.ganxun.compliance.internal.standing.PersonFacts;
import org.ganxun.compliance.internal.standing.Standing;
import org.ganxun.compliance.internal.standing.StandingCalculator;
import org.ganxun.compliance.internal.standing.StandingStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked standings. Each case names the rule it checks; the national numbers are those of
 * ../shared/RULES.md (《干部教育培训工作条例》(2023) 第十四条 and 《公务员培训规定》).
 */
class StandingCalculatorTest {

    private static final AtomicLong IDS = new AtomicLong();
    private final RuleSet national = NationalRules.defaults();

    private static Credit credit(String on, CreditSource source, Delivery delivery, boolean fullTime, TrainingType type, String hours) {
        return credit(on, source, delivery, fullTime, false, type, hours);
    }

    private static Credit credit(String on, CreditSource source, Delivery delivery, boolean fullTime, boolean required,
                                 TrainingType type, String hours) {
        return new Credit(IDS.incrementAndGet(), LocalDate.parse(on), source, delivery, required, fullTime, type, new BigDecimal(hours));
    }

    private static Credit fullTimeClass(String on, String hours) {
        return credit(on, CreditSource.CLASS_COMPLETION, Delivery.CONCENTRATED, true, TrainingType.THEMATIC, hours);
    }

    private static PersonFacts person(StaffCategory cat, boolean partyMember, Period... periods) {
        return new PersonFacts(1, cat, partyMember, LocalDate.of(2005, 8, 1), List.of(periods));
    }

    private static Period period(String from, String to, RankLevel level, RankGrade grade, boolean leader) {
        return new Period(LocalDate.parse(from), to == null ? null : LocalDate.parse(to), level, grade, leader);
    }

    private static Standing only(List<Standing> all, String code) {
        return all.stream().filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no standing " + code + " in " + all));
    }

    // 条例第十四条: 县处级以上领导干部每5年550学时 (counted in the 2023-2027 cycle)
    @Test
    void countyLeaderAt549HoursInTheCycleIsShortByOne() {
        PersonFacts leader = person(StaffCategory.CIVIL_SERVANT, true, period("2019-03-01", null, RankLevel.COUNTY, RankGrade.DEPUTY, true));
        List<Credit> credits = new ArrayList<>();
        credits.add(fullTimeClass("2023-05-10", "200"));
        credits.add(fullTimeClass("2024-09-10", "200"));
        credits.add(fullTimeClass("2026-04-10", "149"));
        credits.add(fullTimeClass("2022-12-31", "300")); // before the cycle: does not count
        credits.add(credit("2025-06-01", CreditSource.ONLINE_COURSE, Delivery.ONLINE, false, null, "80")); // online: not 脱产
        Standing s = only(StandingCalculator.compute(leader, credits, national, LocalDate.of(2026, 11, 21)), "LEADER_CYCLE");
        assertThat(s.status()).isEqualTo(StandingStatus.SHORT);
        assertThat(s.countedHours()).isEqualByComparingTo("549");
        assertThat(s.missingHours()).isEqualByComparingTo("1");
        assertThat(s.windowStart()).isEqualTo(LocalDate.of(2023, 1, 1));
        assertThat(s.deadline()).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(s.source()).contains("第十四条");
        // 条例第十四条 "累计3个月或者550学时": the shortfall names both (these credits carry no days: 90 days missing)
        assertThat(s.explanation()).contains("尚差90天或1学时").contains("2027年12月31日");
    }

    @Test
    void countyLeaderAt550HoursInTheCycleMeetsIt() {
        PersonFacts leader = person(StaffCategory.CIVIL_SERVANT, true, period("2019-03-01", null, RankLevel.COUNTY, RankGrade.PRINCIPAL, true));
        List<Credit> credits = List.of(fullTimeClass("2023-05-10", "400"), fullTimeClass("2026-04-10", "150"));
        Standing s = only(StandingCalculator.compute(leader, credits, national, LocalDate.of(2026, 11, 21)), "LEADER_CYCLE");
        assertThat(s.status()).isEqualTo(StandingStatus.MET);
        assertThat(s.missingHours()).isEqualByComparingTo("0");
    }

    // 条例第十四条: the 550 学时 also bind 四级调研员以上职级公务员, who hold a 县处级 grade without a leading post
    @Test
    void aCountyGradeHolderWithoutALeadingPostHasTheFiveYearRule() {
        PersonFacts researcher = person(StaffCategory.CIVIL_SERVANT, true, period("2020-03-01", null, RankLevel.COUNTY, RankGrade.DEPUTY, false));
        Standing s = only(StandingCalculator.compute(researcher, List.of(fullTimeClass("2024-05-10", "300")), national,
                LocalDate.of(2026, 11, 21)), "LEADER_CYCLE");
        assertThat(s.status()).isEqualTo(StandingStatus.SHORT);
        assertThat(s.countedHours()).isEqualByComparingTo("300");
        assertThat(s.missingHours()).isEqualByComparingTo("250");
    }

    // 《全国干部教育培训规划(2023-2027年)》: 网络自学 ≥ 50 学时 a year for all cadres, not only civil servants
    @Test
    void onlineSelfStudyIsAskedOfCadresWhoAreNotCivilServants() {
        PersonFacts teacher = person(StaffCategory.PUBLIC_INSTITUTION, false, period("2018-01-01", null, RankLevel.STAFF, null, false));
        Standing s = only(StandingCalculator.compute(teacher, List.of(credit("2026-06-01", CreditSource.ONLINE_COURSE,
                Delivery.ONLINE, false, null, "20")), national, LocalDate.of(2026, 11, 21)), "ONLINE_YEARLY");
        assertThat(s.requiredHours()).isEqualByComparingTo("50");
        assertThat(s.missingHours()).isEqualByComparingTo("30");
    }

    // 条例第十四条: 乡科级领导干部每年90学时
    @Test
    void townshipCadreAt89AndAHalfHoursIsShortByHalfAnHour() {
        PersonFacts cadre = person(StaffCategory.CIVIL_SERVANT, false, period("2018-01-01", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        List<Credit> credits = List.of(fullTimeClass("2026-03-01", "40"), credit("2026-09-01", CreditSource.GROUP_STUDY,
                Delivery.CONCENTRATED, false, null, "49.5"), fullTimeClass("2025-12-31", "30"));
        Standing s = only(StandingCalculator.compute(cadre, credits, national, LocalDate.of(2026, 11, 21)), "TOWNSHIP_YEARLY");
        assertThat(s.status()).isEqualTo(StandingStatus.SHORT);
        assertThat(s.countedHours()).isEqualByComparingTo("89.5");
        assertThat(s.missingHours()).isEqualByComparingTo("0.5");
        assertThat(s.deadline()).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    // 条例第十四条: the 90 学时 are 集中培训; online self-study has its own yearly target (规划 2023-2027: 50 学时)
    @Test
    void onlineSelfStudyDoesNotCountTowardTheTownshipCadresConcentratedTraining() {
        PersonFacts cadre = person(StaffCategory.CIVIL_SERVANT, false, period("2018-01-01", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        List<Credit> credits = List.of(fullTimeClass("2026-03-01", "80"),
                credit("2026-06-01", CreditSource.ONLINE_COURSE, Delivery.ONLINE, false, null, "20"));
        List<Standing> all = StandingCalculator.compute(cadre, credits, national, LocalDate.of(2026, 11, 21));
        Standing yearly = only(all, "TOWNSHIP_YEARLY");
        assertThat(yearly.status()).isEqualTo(StandingStatus.SHORT);
        assertThat(yearly.countedHours()).isEqualByComparingTo("80");
        assertThat(yearly.missingHours()).isEqualByComparingTo("10");
        assertThat(only(all, "ONLINE_YEARLY").countedHours()).isEqualByComparingTo("20");
    }

    @Test
    void townshipCadreAt90HoursMeetsTheYearlyRule() {
        PersonFacts cadre = person(StaffCategory.CIVIL_SERVANT, false, period("2018-01-01", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        List<Credit> credits = List.of(fullTimeClass("2026-03-01", "40"), fullTimeClass("2026-10-01", "50"));
        Standing s = only(StandingCalculator.compute(cadre, credits, national, LocalDate.of(2026, 11, 21)), "TOWNSHIP_YEARLY");
        assertThat(s.status()).isEqualTo(StandingStatus.MET);
    }

    // 《公务员培训规定》: 任职培训 before or within 1 year after promotion; 15 days for 乡科级 = 120 学时 at 8 per day
    @Test
    void promotedElevenMonthsAgoWithoutAppointmentTrainingIsDueNotOverdue() {
        PersonFacts p = person(StaffCategory.CIVIL_SERVANT, true,
                period("2015-01-01", "2025-12-21", RankLevel.STAFF, null, false),
                period("2025-12-21", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        Standing s = only(StandingCalculator.compute(p, List.of(fullTimeClass("2026-05-01", "40")), national,
                LocalDate.of(2026, 11, 21)), "APPOINTMENT_TOWNSHIP");
        assertThat(s.status()).isEqualTo(StandingStatus.SHORT);
        assertThat(s.requiredHours()).isEqualByComparingTo("120");
        assertThat(s.countedHours()).isEqualByComparingTo("0"); // a thematic class is not appointment training
        assertThat(s.deadline()).isEqualTo(LocalDate.of(2026, 12, 21));
    }

    @Test
    void promotedThirteenMonthsAgoWithoutAppointmentTrainingIsOverdue() {
        PersonFacts p = person(StaffCategory.CIVIL_SERVANT, true,
                period("2015-01-01", "2025-10-21", RankLevel.STAFF, null, false),
                period("2025-10-21", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        Standing s = only(StandingCalculator.compute(p, List.of(), national, LocalDate.of(2026, 11, 21)), "APPOINTMENT_TOWNSHIP");
        assertThat(s.status()).isEqualTo(StandingStatus.OVERDUE);
        assertThat(s.deadline()).isEqualTo(LocalDate.of(2026, 10, 21));
        assertThat(s.explanation()).contains("逾期");
    }

    @Test
    void appointmentTrainingTakenBeforeThePromotionCounts() {
        PersonFacts p = person(StaffCategory.CIVIL_SERVANT, true,
                period("2015-01-01", "2025-10-21", RankLevel.STAFF, null, false),
                period("2025-10-21", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        Credit before = credit("2025-06-01", CreditSource.CLASS_COMPLETION, Delivery.CONCENTRATED, true, TrainingType.APPOINTMENT, "120");
        Standing s = only(StandingCalculator.compute(p, List.of(before), national, LocalDate.of(2026, 11, 21)), "APPOINTMENT_TOWNSHIP");
        assertThat(s.status()).isEqualTo(StandingStatus.MET);
    }

    // Local rule (Nanjing example in RULES.md): a source's hours are capped per year before the total is taken
    @Test
    void capsPerSourceAreAppliedBeforeTotals() {
        RuleSet local = withCaps(national, List.of(new RuleSet.SourceCap(CreditSource.GROUP_STUDY, new BigDecimal("48"), "中心组学习每年最多计48学时")));
        PersonFacts cadre = person(StaffCategory.CIVIL_SERVANT, false, period("2018-01-01", null, RankLevel.TOWNSHIP, RankGrade.PRINCIPAL, true));
        List<Credit> credits = List.of(
                credit("2026-02-01", CreditSource.GROUP_STUDY, Delivery.CONCENTRATED, false, null, "30"),
                credit("2026-05-01", CreditSource.GROUP_STUDY, Delivery.CONCENTRATED, false, null, "30"),
                fullTimeClass("2026-06-01", "35"));
        Standing s = only(StandingCalculator.compute(cadre, credits, local, LocalDate.of(2026, 11, 21)), "TOWNSHIP_YEARLY");
        // 60 group study capped to 48, plus 35 = 83; without the cap 95 would have met 90
        assertThat(s.countedHours()).isEqualByComparingTo("83");
        assertThat(s.cappedHours()).isEqualByComparingTo("12");
        assertThat(s.status()).isEqualTo(StandingStatus.SHORT);
        assertThat(s.missingHours()).isEqualByComparingTo("7");
    }

    // A rule-set version valid from 1 July replaces the old one for standings as of that date on
    @Test
    void aRuleSetChangeOnTheFirstOfJulyAppliesFromThatDay() {
        RuleSet v1 = new RuleSet(1, "某县规则", 9L, 1, LocalDate.of(2023, 1, 1), LocalDate.of(2026, 6, 30),
                national.requirements(), national.conversions(), List.of(), national.carryOver(), null, national.assessmentUse());
        Requirement total = new Requirement("TOWNSHIP_YEARLY", "年度总学时", RequirementKind.YEARLY, new BigDecimal("84"), null,
                EnumSet.of(RankLevel.TOWNSHIP), Set.of(), Set.of(), false, false, CountFilter.any(), null, null, null, null, null,
                "某县2026年规定", "每年累计不少于84学时", "L");
        Requirement required = new Requirement("REQUIRED_YEARLY", "年度必修学时", RequirementKind.YEARLY, new BigDecimal("56"), null,
                EnumSet.of(RankLevel.TOWNSHIP), Set.of(), Set.of(), false, false,
                new CountFilter(Set.of(), null, true, Set.of(), Set.of()), null, null, null, null, null,
                "某县2026年规定", "其中必修不少于56学时", "L");
        RuleSet v2 = new RuleSet(2, "某县规则", 9L, 2, LocalDate.of(2026, 7, 1), null, List.of(total, required),
                national.conversions(), List.of(), national.carryOver(), null, national.assessmentUse());
        PersonFacts cadre = person(StaffCategory.CIVIL_SERVANT, false, period("2018-01-01", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        List<Credit> credits = List.of(
                credit("2026-03-01", CreditSource.CLASS_COMPLETION, Delivery.CONCENTRATED, true, true, TrainingType.THEMATIC, "50"),
                credit("2026-05-01", CreditSource.ONLINE_COURSE, Delivery.ONLINE, false, false, null, "35"));

        LocalDate june30 = LocalDate.of(2026, 6, 30);
        LocalDate july1 = LocalDate.of(2026, 7, 1);
        assertThat(RuleSets.inForce(List.of(v1, v2), june30)).contains(v1);
        assertThat(RuleSets.inForce(List.of(v1, v2), july1)).contains(v2);

        Standing before = only(StandingCalculator.compute(cadre, credits, v1, june30), "TOWNSHIP_YEARLY");
        assertThat(before.requiredHours()).isEqualByComparingTo("90");
        assertThat(before.status()).isEqualTo(StandingStatus.SHORT);
        assertThat(before.missingHours()).isEqualByComparingTo("40"); // national: only the 50 concentrated hours count
        assertThat(before.ruleSetVersion()).isEqualTo(1);

        List<Standing> after = StandingCalculator.compute(cadre, credits, v2, july1);
        assertThat(only(after, "TOWNSHIP_YEARLY").status()).isEqualTo(StandingStatus.MET);
        assertThat(only(after, "TOWNSHIP_YEARLY").ruleSetVersion()).isEqualTo(2);
        assertThat(only(after, "REQUIRED_YEARLY").missingHours()).isEqualByComparingTo("6");
    }

    @Test
    void surplusCarriesOverToTheNextYearWhenTheRuleSetSaysSo() {
        RuleSet local = new RuleSet(3, "结转规则", 9L, 1, LocalDate.of(2023, 1, 1), null, national.requirements(),
                national.conversions(), List.of(), new RuleSet.CarryOver(true, new BigDecimal("20"), "超出部分可结转下一年度"), null, national.assessmentUse());
        PersonFacts cadre = person(StaffCategory.CIVIL_SERVANT, false, period("2018-01-01", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        List<Credit> credits = List.of(fullTimeClass("2025-04-01", "100"), fullTimeClass("2026-04-01", "82"));
        Standing s = only(StandingCalculator.compute(cadre, credits, local, LocalDate.of(2026, 11, 21)), "TOWNSHIP_YEARLY");
        assertThat(s.carriedOverHours()).isEqualByComparingTo("10");
        assertThat(s.countedHours()).isEqualByComparingTo("92");
        assertThat(s.status()).isEqualTo(StandingStatus.MET);
    }

    @Test
    void requirementsApplyOnlyToWhomTheyAreFor() {
        PersonFacts villageCadre = person(StaffCategory.VILLAGE_CADRE, false, period("2018-01-01", null, null, null, false));
        assertThat(StandingCalculator.compute(villageCadre, List.of(), national, LocalDate.of(2026, 11, 21))).isEmpty();
        PersonFacts member = person(StaffCategory.VILLAGE_CADRE, true, period("2018-01-01", null, null, null, false));
        assertThat(StandingCalculator.compute(member, List.of(), national, LocalDate.of(2026, 11, 21)))
                .extracting(Standing::code).containsExactly("PARTY_YEARLY");
    }

    // ---------------------------------------------------------------- issue 15: rule fidelity

    private static Credit withDays(String on, CreditSource source, boolean fullTime, TrainingType type, String hours, String days) {
        return new Credit(IDS.incrementAndGet(), LocalDate.parse(on), source, Delivery.CONCENTRATED, false, fullTime, type,
                new BigDecimal(hours), days == null ? null : new BigDecimal(days));
    }

    private static PersonFacts promotedToCounty(String on) {
        return person(StaffCategory.CIVIL_SERVANT, true,
                period("2015-01-01", on, RankLevel.TOWNSHIP, RankGrade.PRINCIPAL, true),
                period(on, null, RankLevel.COUNTY, RankGrade.DEPUTY, true));
    }

    // 条例第十四条: 新提拔的领导干部提拔前未达到该要求的，应当在提拔后1年内完成 — not by the end of the cycle.
    // Promoted to 县处级 on 2025-06-15. Before it (5 years: 2020-06-15 … 2025-06-14): 120 + 80 = 200 学时, 0 days
    // < 550 学时 and < 90 days: not met. Deadline 2025-06-15 + 1 year = 2026-06-15. Counted in the 2023-2027 cycle:
    // 200; missing 550 - 200 = 350 学时 or 90 - 0 = 90 days. On 2026-06-15 (the deadline day) SHORT; on 2026-11-21 OVERDUE.
    @Test
    void promotedToCountyLevelInMid2025With200HoursIsOverdueOneYearAfter() {
        PersonFacts p = promotedToCounty("2025-06-15");
        List<Credit> credits = List.of(fullTimeClass("2024-05-10", "120"), fullTimeClass("2025-03-01", "80"));
        Standing s = only(StandingCalculator.compute(p, credits, national, LocalDate.of(2026, 11, 21)), "LEADER_CYCLE");
        assertThat(s.status()).isEqualTo(StandingStatus.OVERDUE);
        assertThat(s.deadline()).isEqualTo(LocalDate.of(2026, 6, 15));
        assertThat(s.countedHours()).isEqualByComparingTo("200");
        assertThat(s.missingHours()).isEqualByComparingTo("350");
        assertThat(s.missingDays()).isEqualByComparingTo("90");
        assertThat(s.windowStart()).isEqualTo(LocalDate.of(2023, 1, 1));
        assertThat(s.explanation()).contains("2025年6月15日提任").contains("提任后1年内完成").contains("2026年6月15日逾期")
                .contains("第十四条");
        Standing onTheDay = only(StandingCalculator.compute(p, credits, national, LocalDate.of(2026, 6, 15)), "LEADER_CYCLE");
        assertThat(onTheDay.status()).isEqualTo(StandingStatus.SHORT);
        assertThat(onTheDay.deadline()).isEqualTo(LocalDate.of(2026, 6, 15));
    }

    // 条例第十四条: the one-year rule is for those who had NOT met the requirement before the promotion. 600 学时 in
    // 2021-2022 (within the 5 years before 2025-06-15) met it; the 2023-2027 cycle counts 0 of them (before 2023-01-01),
    // so the person is SHORT of the cycle's 550 with the cycle's own deadline, 2027-12-31.
    @Test
    void promotedAfterMeetingTheRequirementKeepsTheCyclesDeadline() {
        PersonFacts p = promotedToCounty("2025-06-15");
        Standing s = only(StandingCalculator.compute(p, List.of(fullTimeClass("2021-09-01", "300"), fullTimeClass("2022-09-01", "300")),
                national, LocalDate.of(2026, 11, 21)), "LEADER_CYCLE");
        assertThat(s.status()).isEqualTo(StandingStatus.SHORT);
        assertThat(s.countedHours()).isEqualByComparingTo("0");
        assertThat(s.deadline()).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(s.explanation()).doesNotContain("提任");
    }

    // 条例第十四条 (新提拔 includes 副处 → 正处): promoted within the group on 2026-03-01 with 300 学时 over the 5 years
    // before: not met, so due 2027-03-01, which is earlier than the cycle's end (2027-12-31).
    @Test
    void promotedWithinTheGroupWhileShortIsDueOneYearAfterEvenBeforeTheCycleEnds() {
        PersonFacts p = person(StaffCategory.CIVIL_SERVANT, true,
                period("2019-01-01", "2026-03-01", RankLevel.COUNTY, RankGrade.DEPUTY, true),
                period("2026-03-01", null, RankLevel.COUNTY, RankGrade.PRINCIPAL, true));
        Standing s = only(StandingCalculator.compute(p, List.of(fullTimeClass("2024-04-01", "300")), national,
                LocalDate.of(2026, 11, 21)), "LEADER_CYCLE");
        assertThat(s.status()).isEqualTo(StandingStatus.SHORT);
        assertThat(s.deadline()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(s.missingHours()).isEqualByComparingTo("250");
    }

    // 条例第十四条 across a cycle boundary: promoted 2027-10-01 with 100 学时 before (not met), due 2028-10-01. As of
    // 2028-03-01 the 2023 cycle goes on counting (2023-01-01 to the as-of date: 100 + 100 = 200, due 2028-10-01). After
    // the year is over (2028-11-01) the new cycle 2028-2032 judges: only the 2028-02-01 class, 100, due 2032-12-31.
    @Test
    void theYearAfterAPromotionLateInACycleRunsIntoTheNext() {
        PersonFacts p = promotedToCounty("2027-10-01");
        List<Credit> credits = List.of(fullTimeClass("2027-05-01", "100"), fullTimeClass("2028-02-01", "100"));
        Standing during = only(StandingCalculator.compute(p, credits, national, LocalDate.of(2028, 3, 1)), "LEADER_CYCLE");
        assertThat(during.deadline()).isEqualTo(LocalDate.of(2028, 10, 1));
        assertThat(during.countedHours()).isEqualByComparingTo("200");
        assertThat(during.windowStart()).isEqualTo(LocalDate.of(2023, 1, 1));
        assertThat(during.status()).isEqualTo(StandingStatus.SHORT);
        Standing after = only(StandingCalculator.compute(p, credits, national, LocalDate.of(2028, 11, 1)), "LEADER_CYCLE");
        assertThat(after.deadline()).isEqualTo(LocalDate.of(2032, 12, 31));
        assertThat(after.countedHours()).isEqualByComparingTo("100");
    }

    private static RuleSet hoursPerDay(RuleSet r, String perDay) {
        RuleSet.Conversions c = r.conversions();
        return new RuleSet(r.id(), "某县规则", 9L, r.version(), r.validFrom(), r.validTo(), r.requirements(),
                new RuleSet.Conversions(new BigDecimal(perDay), c.onlineBands(), c.onlineTestBonus(), c.teachingMultiplier(),
                        "1天脱产培训按6学时计"), r.caps(), r.carryOver(), r.note(), r.assessmentUse());
    }

    // 条例第十四条 "每年参加集中培训时间累计不少于12天或者90学时": a county that counts a day as 6 学时 records 12 days as
    // 12 × 6 = 72 学时 (< 90), but 12 days ≥ 12: met by the days.
    @Test
    void twelveDaysAtSixHoursADayMeetTheTownshipYearlyRule() {
        PersonFacts cadre = person(StaffCategory.CIVIL_SERVANT, false, period("2018-01-01", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        List<Credit> credits = List.of(withDays("2026-04-10", CreditSource.EXTERNAL_TRAINING, true, TrainingType.THEMATIC, "72", "12"));
        Standing s = only(StandingCalculator.compute(cadre, credits, hoursPerDay(national, "6"), LocalDate.of(2026, 11, 21)), "TOWNSHIP_YEARLY");
        assertThat(s.status()).isEqualTo(StandingStatus.MET);
        assertThat(s.countedHours()).isEqualByComparingTo("72");
        assertThat(s.countedDays()).isEqualByComparingTo("12");
        assertThat(s.requiredDays()).isEqualByComparingTo("12");
        assertThat(s.missingHours()).isEqualByComparingTo("0");
        assertThat(s.shortfall()).isNull();
        assertThat(s.explanation()).contains("计入72学时、12天，要求12天或90学时，已达标");
    }

    // 条例第十四条 "累计3个月或者550学时": a 脱产 class from 2025-03-01 to 2025-05-31 is 31 + 30 + 31 = 92 days
    // (3 months, counted as 90 days) with 520 学时 (< 550): met by the days.
    @Test
    void aThreeMonthFullTimeClassOf520HoursMeetsTheFiveYearRule() {
        PersonFacts leader = person(StaffCategory.CIVIL_SERVANT, true, period("2019-03-01", null, RankLevel.COUNTY, RankGrade.DEPUTY, true));
        List<Credit> credits = List.of(withDays("2025-05-31", CreditSource.CLASS_COMPLETION, true, TrainingType.CORE, "520", "92"));
        Standing s = only(StandingCalculator.compute(leader, credits, national, LocalDate.of(2026, 11, 21)), "LEADER_CYCLE");
        assertThat(s.status()).isEqualTo(StandingStatus.MET);
        assertThat(s.countedHours()).isEqualByComparingTo("520");
        assertThat(s.countedDays()).isEqualByComparingTo("92");
        assertThat(s.requiredDays()).isEqualByComparingTo("90");
    }

    // 条例第十四条 "12天或者90学时": 5 days / 40 学时 + 5 days / 32 学时 = 10 days, 72 学时; missing 12 - 10 = 2 days or
    // 90 - 72 = 18 学时: the shortfall names both.
    @Test
    void aShortfallNamesBothTheDaysAndTheHours() {
        PersonFacts cadre = person(StaffCategory.CIVIL_SERVANT, false, period("2018-01-01", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        List<Credit> credits = List.of(withDays("2026-03-10", CreditSource.CLASS_COMPLETION, true, TrainingType.THEMATIC, "40", "5"),
                withDays("2026-09-10", CreditSource.EXTERNAL_TRAINING, true, TrainingType.THEMATIC, "32", "5"));
        Standing s = only(StandingCalculator.compute(cadre, credits, national, LocalDate.of(2026, 11, 21)), "TOWNSHIP_YEARLY");
        assertThat(s.status()).isEqualTo(StandingStatus.SHORT);
        assertThat(s.missingDays()).isEqualByComparingTo("2");
        assertThat(s.missingHours()).isEqualByComparingTo("18");
        assertThat(s.shortfall()).isEqualTo("2天或18学时");
        assertThat(s.explanation()).contains("尚差2天或18学时，须于2026年12月31日前完成");
    }

    // 《公务员培训规定》 任职培训 "不少于15天" (乡科级), days only: also met by 15 × 8 = 120 学时. 10 days / 80 学时 of
    // appointment training: missing 15 - 10 = 5 days or 120 - 80 = 40 学时.
    @Test
    void aRequirementInDaysOnlyIsShortInDaysOrTheirHours() {
        PersonFacts p = person(StaffCategory.CIVIL_SERVANT, true,
                period("2015-01-01", "2026-03-01", RankLevel.STAFF, null, false),
                period("2026-03-01", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        Standing s = only(StandingCalculator.compute(p, List.of(withDays("2026-05-01", CreditSource.CLASS_COMPLETION, true,
                TrainingType.APPOINTMENT, "80", "10")), national, LocalDate.of(2026, 11, 21)), "APPOINTMENT_TOWNSHIP");
        assertThat(s.requiredHours()).isEqualByComparingTo("120");
        assertThat(s.requiredDays()).isEqualByComparingTo("15");
        assertThat(s.shortfall()).isEqualTo("5天或40学时");
        assertThat(s.deadline()).isEqualTo(LocalDate.of(2027, 3, 1));
    }

    // Local cap (RULES.md, Nanjing: out-of-town training at most 48 学时 a year) limits the source in either measure:
    // 12 days / 96 学时 of external training count 48 学时 and 12 × 48/96 = 6 days; missing 12 - 6 = 6 days or 90 - 48 = 42.
    @Test
    void aCapPerSourceCutsItsDaysInTheSameProportion() {
        RuleSet local = withCaps(national, List.of(new RuleSet.SourceCap(CreditSource.EXTERNAL_TRAINING, new BigDecimal("48"), "外出培训每年最多计48学时")));
        PersonFacts cadre = person(StaffCategory.CIVIL_SERVANT, false, period("2018-01-01", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        Standing s = only(StandingCalculator.compute(cadre, List.of(withDays("2026-04-10", CreditSource.EXTERNAL_TRAINING, true,
                TrainingType.THEMATIC, "96", "12")), local, LocalDate.of(2026, 11, 21)), "TOWNSHIP_YEARLY");
        assertThat(s.countedHours()).isEqualByComparingTo("48");
        assertThat(s.countedDays()).isEqualByComparingTo("6");
        assertThat(s.shortfall()).isEqualTo("6天或42学时");
    }

    // 《中国共产党党员教育管理工作条例》第二十条 (32 学时) vs 条例第十四条 (集中培训 90 学时): a party member's 主题党日 of
    // 8 学时 counts toward the 32 (8 + 80 = 88 ≥ 32) but not toward the cadre's 90 (80 counted, 10 missing), and the
    // explanation says so.
    @Test
    void partyStudyCountsTowardThePartyMembersStudyButNotTheCadresTraining() {
        PersonFacts cadre = person(StaffCategory.CIVIL_SERVANT, true, period("2018-01-01", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        List<Credit> credits = List.of(fullTimeClass("2026-03-01", "80"),
                credit("2026-07-01", CreditSource.PARTY_STUDY, Delivery.CONCENTRATED, false, null, "8"));
        List<Standing> all = StandingCalculator.compute(cadre, credits, national, LocalDate.of(2026, 11, 21));
        Standing yearly = only(all, "TOWNSHIP_YEARLY");
        assertThat(yearly.countedHours()).isEqualByComparingTo("80");
        assertThat(yearly.missingHours()).isEqualByComparingTo("10");
        assertThat(yearly.explanation()).contains("计入来源：培训班结业80学时").contains("本要求不计入：党员学习8学时");
        Standing party = only(all, "PARTY_YEARLY");
        assertThat(party.countedHours()).isEqualByComparingTo("88");
        assertThat(party.status()).isEqualTo(StandingStatus.MET);
        assertThat(party.explanation()).contains("培训班结业80学时").contains("党员学习8学时").doesNotContain("不计入");
    }

    // A jurisdiction's rule set that lists party study for its cadres' yearly requirement counts it: 80 + 8 = 88, and
    // still 2 short of 90.
    @Test
    void aRuleSetThatListsPartyStudyCountsItTowardTheCadresTraining() {
        List<Requirement> reqs = national.requirements().stream().map(q -> !q.code().equals("TOWNSHIP_YEARLY") ? q
                : new Requirement(q.code(), q.title(), q.kind(), q.hours(), q.days(), q.rankLevels(), q.rankGrades(), q.staffCategories(),
                q.leadersOnly(), q.partyMembersOnly(), new CountFilter(q.count().deliveries(), q.count().fullTimeOnly(),
                q.count().requiredOnly(), q.count().trainingTypes(), EnumSet.of(CreditSource.CLASS_COMPLETION, CreditSource.PARTY_STUDY)),
                q.cycleYears(), q.cycleStartYear(), q.leadMonths(), q.graceMonths(), q.triggersFrom(), "某县实施办法", "主题党日计入集中培训学时", "L"))
                .toList();
        RuleSet local = new RuleSet(4, "某县规则", 9L, 1, LocalDate.of(2023, 1, 1), null, reqs, national.conversions(), List.of(),
                national.carryOver(), null, national.assessmentUse());
        PersonFacts cadre = person(StaffCategory.CIVIL_SERVANT, true, period("2018-01-01", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, true));
        Standing s = only(StandingCalculator.compute(cadre, List.of(fullTimeClass("2026-03-01", "80"),
                credit("2026-07-01", CreditSource.PARTY_STUDY, Delivery.CONCENTRATED, false, null, "8")), local,
                LocalDate.of(2026, 11, 21)), "TOWNSHIP_YEARLY");
        assertThat(s.countedHours()).isEqualByComparingTo("88");
        assertThat(s.missingHours()).isEqualByComparingTo("2");
        assertThat(s.explanation()).contains("党员学习8学时").doesNotContain("不计入");
    }

    // Every national requirement names the sources it counts; only the party members' one lists party study.
    @Test
    void theNationalRulesSayWhichSourcesCountTowardEachRequirement() {
        for (Requirement r : national.requirements()) {
            assertThat(r.count().sources()).as(r.code()).isNotEmpty();
            assertThat(r.count().sources().contains(CreditSource.PARTY_STUDY)).as(r.code()).isEqualTo(r.partyMembersOnly());
        }
    }

    private static RuleSet withCaps(RuleSet r, List<RuleSet.SourceCap> caps) {
        return new RuleSet(r.id(), r.name(), r.jurisdictionOrgId(), r.version(), r.validFrom(), r.validTo(), r.requirements(),
                r.conversions(), caps, r.carryOver(), r.note(), r.assessmentUse());
    }
}
