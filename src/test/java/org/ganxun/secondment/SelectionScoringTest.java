package org.ganxun.secondment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.ganxun.secondment.internal.selection.SelectionScoring;
import org.junit.jupiter.api.Test;

/**
 * Composite = Σ score × weight ÷ 100 (two decimals, half-up); ranking by composite, then the documented
 * tie-break: higher interview score, higher written score, earlier registration. Numbers worked by hand.
 */
class SelectionScoringTest {

    static final SelectionScoring.Weights W_40_40_20 = new SelectionScoring.Weights(bd("40"), bd("40"), bd("20"));
    static final Instant T0 = Instant.parse("2026-03-01T01:00:00Z");

    @Test
    void compositeIsTheWeightedSumOfTheThreeScores() {
        // 85×40% + 90×40% + 80×20% = 34 + 36 + 16 = 86.00
        assertThat(SelectionScoring.composite(W_40_40_20, scores(1, "85", "90", "80", 0))).isEqualByComparingTo("86.00");
        // 88×40% + 88×40% + 77×20% = 35.2 + 35.2 + 15.4 = 85.80
        assertThat(SelectionScoring.composite(W_40_40_20, scores(2, "88", "88", "77", 0))).isEqualByComparingTo("85.80");
        // 81.5×45% + 77.25×35% + 90×20% = 36.675 + 27.0375 + 18 = 81.7125 → 81.71
        SelectionScoring.Weights w = new SelectionScoring.Weights(bd("45"), bd("35"), bd("20"));
        assertThat(SelectionScoring.composite(w, scores(3, "81.5", "77.25", "90", 0))).isEqualByComparingTo("81.71");
        // missing a score: no composite
        assertThat(SelectionScoring.composite(W_40_40_20, new SelectionScoring.Scores(4, bd("90"), null, bd("90"), T0))).isNull();
    }

    @Test
    void rankingBreaksTiesByInterviewThenWrittenThenRegistration() {
        List<SelectionScoring.Scores> all = List.of(
                scores(11, "90", "85", "80", 0),   // B: 36 + 34 + 16 = 86.00, interview 85
                scores(12, "70", "70", "70", 60),  // F: 70.00, registered later
                scores(13, "85", "90", "80", 0),   // A: 34 + 36 + 16 = 86.00, interview 90, written 85
                new SelectionScoring.Scores(14, bd("99"), null, bd("99"), T0), // G: no interview yet
                scores(15, "88", "88", "77", 0),   // C: 85.80
                scores(16, "80", "90", "90", 0),   // D: 32 + 36 + 18 = 86.00, interview 90, written 80
                scores(17, "70", "70", "70", 30)); // E: 70.00, registered earlier than F
        List<SelectionScoring.Ranked> ranked = SelectionScoring.rank(W_40_40_20, all);
        assertThat(ranked).extracting(SelectionScoring.Ranked::candidateId).containsExactly(13L, 16L, 11L, 15L, 17L, 12L, 14L);
        assertThat(ranked).extracting(SelectionScoring.Ranked::rank).containsExactly(1, 2, 3, 4, 5, 6, null);
        assertThat(ranked.get(0).composite()).isEqualByComparingTo("86.00");
        assertThat(ranked.get(3).composite()).isEqualByComparingTo("85.80");
    }

    @Test
    void tiesAreJudgedOnTheCompositeAsShownToTwoDecimals() {
        SelectionScoring.Weights w = new SelectionScoring.Weights(bd("50"), bd("50"), bd("0"));
        // (80.01 + 80.00) / 2 = 80.005 → 80.01 ; (80.02 + 79.99) / 2 = 80.005 → 80.01: a tie, the higher interview wins
        List<SelectionScoring.Ranked> ranked = SelectionScoring.rank(w, List.of(
                scores(21, "80.02", "79.99", "0", 0), scores(22, "80.01", "80.00", "0", 10)));
        assertThat(ranked).extracting(SelectionScoring.Ranked::candidateId).containsExactly(22L, 21L);
        assertThat(ranked).extracting(SelectionScoring.Ranked::composite).allSatisfy(c -> assertThat(c).isEqualByComparingTo("80.01"));
    }

    @Test
    void weightsMustAddUpToAHundred() {
        assertThatThrownBy(() -> new SelectionScoring.Weights(bd("40"), bd("40"), bd("30")).validate())
                .isInstanceOf(org.ganxun.platform.web.BusinessException.class)
                .hasMessage("笔试、面试、推荐成绩的权重合计须为100%（现为110%）");
        assertThatThrownBy(() -> new SelectionScoring.Weights(bd("40"), bd("-10"), bd("70")).validate())
                .hasMessage("面试成绩权重须在0到100之间");
    }

    static SelectionScoring.Scores scores(long id, String written, String interview, String recommendation, int minutesAfter) {
        return new SelectionScoring.Scores(id, bd(written), bd(interview), bd(recommendation), T0.plusSeconds(60L * minutesAfter));
    }

    static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
