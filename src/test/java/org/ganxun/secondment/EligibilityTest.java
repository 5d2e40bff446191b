package org.ganxun.secondment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;

import org.ganxun.people.CadreStatus;
import org.ganxun.people.RankLevel;
import org.ganxun.secondment.internal.selection.Eligibility;
import org.junit.jupiter.api.Test;

/** The programme's bounds, judged on its start date (1 March 2026): both sides of each bound. */
class EligibilityTest {

    static final LocalDate START = LocalDate.of(2026, 3, 1);
    static final Eligibility.Bounds BOUNDS = new Eligibility.Bounds(40, 3, Set.of(RankLevel.STAFF, RankLevel.TOWNSHIP));

    @Test
    void ageIsWholeYearsOnTheStartDate() {
        // born 2 March 1985: still 40 on 1 March 2026 → eligible
        assertThat(reasons(LocalDate.of(1985, 3, 2), RankLevel.STAFF, LocalDate.of(2010, 1, 1), null)).isEmpty();
        // born 1 March 1985: turns 41 that day → too old
        assertThat(reasons(LocalDate.of(1985, 3, 1), RankLevel.STAFF, LocalDate.of(2010, 1, 1), null))
                .containsExactly("年龄41岁（按2026-03-01计），超过本批次上限40岁");
    }

    @Test
    void yearsOfServiceCountFromEnteringWork() {
        assertThat(reasons(LocalDate.of(1995, 1, 1), RankLevel.STAFF, LocalDate.of(2023, 3, 1), null)).isEmpty();
        assertThat(reasons(LocalDate.of(1995, 1, 1), RankLevel.STAFF, LocalDate.of(2023, 3, 2), null))
                .containsExactly("工作年限2年，不足本批次要求的3年");
        assertThat(reasons(LocalDate.of(1995, 1, 1), RankLevel.STAFF, null, null))
                .containsExactly("未填写参加工作时间，无法核对工作年限");
    }

    @Test
    void rankLevelMustBeAllowed() {
        assertThat(reasons(LocalDate.of(1990, 1, 1), RankLevel.TOWNSHIP, LocalDate.of(2012, 1, 1), null)).isEmpty();
        assertThat(reasons(LocalDate.of(1990, 1, 1), RankLevel.COUNTY, LocalDate.of(2012, 1, 1), null))
                .singleElement().asString().startsWith("职级层次为“县处级”，不在本批次范围");
        assertThat(reasons(LocalDate.of(1990, 1, 1), null, LocalDate.of(2012, 1, 1), null))
                .singleElement().asString().startsWith("职级层次为“未填写”");
    }

    @Test
    void aCurrentSecondmentExcludes() {
        assertThat(reasons(LocalDate.of(1990, 1, 1), RankLevel.STAFF, LocalDate.of(2012, 1, 1), "2025年下派，2025-09-01至2026-08-31"))
                .containsExactly("正在挂职或已安排挂职（2025年下派，2025-09-01至2026-08-31），与本批次时间重叠");
    }

    @Test
    void noBoundsMeansOnlyStatusAndSecondmentCount() {
        Eligibility.Bounds none = new Eligibility.Bounds(null, null, null);
        assertThat(Eligibility.decide(none, new Eligibility.Facts(LocalDate.of(1960, 1, 1), null, null, CadreStatus.ACTIVE, null), START).allowed())
                .isTrue();
        assertThat(Eligibility.decide(none, new Eligibility.Facts(LocalDate.of(1960, 1, 1), null, null, CadreStatus.RETIRED, null), START).refusals())
                .extracting(org.ganxun.platform.rules.Decision.Reason::code).containsExactly("NOT_ACTIVE");
    }

    static java.util.List<String> reasons(LocalDate birth, RankLevel rank, LocalDate entered, String other) {
        org.ganxun.platform.rules.Decision d = Eligibility.decide(BOUNDS, new Eligibility.Facts(birth, rank, entered, CadreStatus.ACTIVE, other), START);
        // every reason of an eligibility check refuses, and names where the bound comes from
        assertThat(d.allowed()).isEqualTo(d.reasons().isEmpty());
        assertThat(d.reasons()).allSatisfy(r -> {
            assertThat(r.refuses()).isTrue();
            assertThat(r.source()).isEqualTo("本批次选派条件（主办组织部门设定）");
        });
        return d.texts();
    }
}
