package org.ganxun.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.ganxun.planning.internal.budget.FeeCaps;
import org.junit.jupiter.api.Test;

/**
 * The fee caps worked by hand from 《中央和国家机关培训费管理办法》（财行〔2016〕540号）: 第十条 三类培训 综合定额 550 元/人天
 * (住宿费 340, 伙食费 130, 场地资料交通费 50, 其他费用 30); 住宿费、伙食费 each within its item × days; beyond 30 days at 70%;
 * 第十一条 讲课费（税后）副高级 ≤ 500, 正高级 ≤ 1000, 院士、全国知名专家 ≤ 1500 元/学时, outside the 综合定额.
 */
class FeeCapsTest {

    static FeeCaps.Standard central() {
        Map<FeeCaps.Item, BigDecimal> daily = new EnumMap<>(FeeCaps.Item.class);
        daily.put(FeeCaps.Item.ACCOMMODATION, new BigDecimal("340"));
        daily.put(FeeCaps.Item.MEALS, new BigDecimal("130"));
        daily.put(FeeCaps.Item.VENUE_MATERIALS_TRANSPORT, new BigDecimal("50"));
        daily.put(FeeCaps.Item.OTHER, new BigDecimal("30"));
        Map<LecturerTitle, BigDecimal> lecture = new EnumMap<>(LecturerTitle.class);
        lecture.put(LecturerTitle.DEPUTY_SENIOR, new BigDecimal("500"));
        lecture.put(LecturerTitle.SENIOR, new BigDecimal("1000"));
        lecture.put(LecturerTitle.ACADEMICIAN, new BigDecimal("1500"));
        return new FeeCaps.Standard("中央", "财行〔2016〕540号", daily, lecture, 30, new BigDecimal("0.70"));
    }

    static Map<ExpenseCategory, BigDecimal> spent(long accommodation, long meals, long venue, long materials, long transport, long other, long lecture) {
        Map<ExpenseCategory, BigDecimal> m = FeeCaps.emptyTotals();
        m.put(ExpenseCategory.ACCOMMODATION, BigDecimal.valueOf(accommodation));
        m.put(ExpenseCategory.MEALS, BigDecimal.valueOf(meals));
        m.put(ExpenseCategory.VENUE, BigDecimal.valueOf(venue));
        m.put(ExpenseCategory.MATERIALS, BigDecimal.valueOf(materials));
        m.put(ExpenseCategory.TRANSPORT, BigDecimal.valueOf(transport));
        m.put(ExpenseCategory.OTHER, BigDecimal.valueOf(other));
        m.put(ExpenseCategory.LECTURE, BigDecimal.valueOf(lecture));
        return m;
    }

    @Test
    void aFiveDayClassOfFortyTraineesAndTwoStaff() {
        // 42 people × 5 days = 210 person-days; 综合定额 550 × 210 = 115,500; 住宿费 340 × 210 = 71,400; 伙食费 130 × 210 = 27,300
        List<FeeCaps.Lecture> lectures = List.of(
                // 正高级 4 学时 4,400 元 = 1,100 元/学时 > 1,000: over by the rule; cap 4 × 1,000 = 4,000
                new FeeCaps.Lecture(1, "张教授", LecturerTitle.SENIOR, new BigDecimal("4"), new BigDecimal("4400")),
                // 副高级 3 学时 1,500 元 = 500 元/学时: exactly the cap, not over
                new FeeCaps.Lecture(2, "李副教授", LecturerTitle.DEPUTY_SENIOR, new BigDecimal("3"), new BigDecimal("1500")));
        FeeCaps.Result r = FeeCaps.check(central(), 5, 42,
                new FeeCaps.Spending(spent(72_000, 25_000, 8_000, 3_000, 4_000, 2_000, 5_900), lectures));
        assertThat(r.personDays()).isEqualTo(210);
        assertThat(r.dailyCapPerPersonDay()).isEqualByComparingTo("550");
        assertThat(r.comprehensiveCap()).isEqualByComparingTo("115500");
        // 72,000 + 25,000 + 8,000 + 3,000 + 4,000 + 2,000 = 114,000 ≤ 115,500: the total is within (讲课费 outside it)
        assertThat(r.comprehensiveSpent()).isEqualByComparingTo("114000");
        assertThat(r.warnings()).extracting(FeeCaps.Warning::code).containsExactly("ACCOMMODATION", "LECTURE");
        FeeCaps.Warning housing = r.warnings().get(0);
        assertThat(housing.cap()).isEqualByComparingTo("71400");
        assertThat(housing.actual()).isEqualByComparingTo("72000");
        assertThat(housing.rule()).contains("财行〔2016〕540号").contains("住宿费、伙食费实际发生数分别不得超过");
        FeeCaps.Warning lecture = r.warnings().get(1);
        assertThat(lecture.cap()).isEqualByComparingTo("4000");
        assertThat(lecture.expenseId()).isEqualTo(1L);
        assertThat(lecture.message()).contains("张教授").contains("每学时1100元").contains("每学时1000元");
        assertThat(lecture.rule()).contains("正高级技术职称每学时最高不超过1000元");
        // per head: (114,000 + 5,900) / 40 trainees = 2,997.50; per 学时 of a 30-学时 class: 119,900 / 30 = 3,996.67
        assertThat(FeeCaps.per(new BigDecimal("119900"), new BigDecimal("40"))).isEqualByComparingTo("2997.50");
        assertThat(FeeCaps.per(new BigDecimal("119900"), new BigDecimal("30"))).isEqualByComparingTo("3996.67");
        assertThat(FeeCaps.per(new BigDecimal("119900"), BigDecimal.ZERO)).isNull();
    }

    @Test
    void daysBeyondThirtyCountAtSeventyPercent() {
        // 40 days, 10 people: 30 + 0.7 × 10 = 37 equivalent days → 370 person-days; cap 550 × 370 = 203,500
        FeeCaps.Result r = FeeCaps.check(central(), 40, 10, new FeeCaps.Spending(spent(120_000, 45_000, 20_000, 10_000, 10_000, 5_000, 0), List.of()));
        assertThat(r.personDays()).isEqualTo(400);
        assertThat(r.equivalentPersonDays()).isEqualByComparingTo("370");
        assertThat(r.comprehensiveCap()).isEqualByComparingTo("203500");
        // 210,000 > 203,500: over the 综合定额; 住宿费 120,000 ≤ 340 × 370 = 125,800 and 伙食费 45,000 ≤ 130 × 370 = 48,100
        assertThat(r.warnings()).extracting(FeeCaps.Warning::code).containsExactly("COMPREHENSIVE");
        assertThat(r.warnings().get(0).message()).contains("210000").contains("203500").contains("550元/人天 × 370人天");
        assertThat(r.warnings().get(0).rule()).contains("综合定额标准是相关费用开支的上限");
    }

    @Test
    void anAcademicianAtFifteenHundredAndOtherLecturersHaveNoCapOfTheirOwn() {
        FeeCaps.Result r = FeeCaps.check(central(), 1, 30, new FeeCaps.Spending(spent(0, 0, 0, 0, 0, 0, 9_000), List.of(
                new FeeCaps.Lecture(1, "王院士", LecturerTitle.ACADEMICIAN, new BigDecimal("4"), new BigDecimal("6000")),
                new FeeCaps.Lecture(2, "赵书记", LecturerTitle.OTHER, new BigDecimal("2"), new BigDecimal("3000")))));
        // 6,000 / 4 = 1,500: at the cap; the other lecturer's rate is not checked against a cap of its own
        assertThat(r.warnings()).isEmpty();
    }
}
