package org.ganxun.secondment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.secondment.internal.evaluation.Ballots;
import org.ganxun.secondment.internal.evaluation.EvaluationScoring;
import org.ganxun.secondment.internal.evaluation.Grade;
import org.junit.jupiter.api.Test;

/** Democratic appraisal shares and score, log completeness, the weighted total and the grade, by hand. */
class EvaluationScoringTest {

    @Test
    void appraisalSharesAreExactPercentagesOfAllBallots() {
        Ballots b = new Ballots(12, 20, 6, 2); // 40 ballots
        assertThat(b.total()).isEqualTo(40);
        assertThat(b.excellentShare()).isEqualByComparingTo("30.00");
        assertThat(b.competentShare()).isEqualByComparingTo("50.00");
        assertThat(b.basicShare()).isEqualByComparingTo("15.00");
        assertThat(b.incompetentShare()).isEqualByComparingTo("5.00");
        assertThat(b.favourableShare()).isEqualByComparingTo("80.00");
        // (12×100 + 20×80 + 6×60 + 2×0) / 40 = 3160 / 40 = 79.00
        assertThat(b.score()).isEqualByComparingTo("79.00");
    }

    @Test
    void sharesThatDoNotDivideEvenlyRoundHalfUpToTwoDecimals() {
        Ballots b = new Ballots(5, 1, 1, 0); // 7 ballots
        assertThat(b.excellentShare()).isEqualByComparingTo("71.43");   // 71.428…
        assertThat(b.competentShare()).isEqualByComparingTo("14.29");   // 14.285…
        assertThat(b.basicShare()).isEqualByComparingTo("14.29");
        assertThat(b.incompetentShare()).isEqualByComparingTo("0.00");
        assertThat(b.score()).isEqualByComparingTo("91.43");            // 640 / 7 = 91.428…
        Ballots thirds = new Ballots(1, 1, 1, 0);
        assertThat(thirds.excellentShare()).isEqualByComparingTo("33.33");
        assertThat(thirds.score()).isEqualByComparingTo("80.00");        // 240 / 3
        assertThat(new Ballots(0, 0, 0, 0).score()).isNull();
    }

    @Test
    void logCompletenessCountsElapsedWindowsWithALog() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        LocalDate end = LocalDate.of(2026, 12, 31);
        // on 1 Feb: 31 days elapsed → 4 full 7-day windows (1–7, 8–14, 15–21, 22–28 Jan)
        // logs on 3 and 5 Jan (window 1, once), 20 Jan (window 3), 30 Jan (window 5, not yet due) → 2 of 4
        EvaluationScoring.LogCompleteness c = EvaluationScoring.logs(start, end, 7,
                List.of(LocalDate.of(2026, 1, 3), LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 20), LocalDate.of(2026, 1, 30)),
                LocalDate.of(2026, 2, 1));
        assertThat(c.expected()).isEqualTo(4);
        assertThat(c.written()).isEqualTo(2);
        assertThat(c.score()).isEqualByComparingTo("50.00");
        // after the end the whole posting counts: 1–14 Jan is two windows
        EvaluationScoring.LogCompleteness ended = EvaluationScoring.logs(start, LocalDate.of(2026, 1, 14), 7,
                List.of(LocalDate.of(2026, 1, 14)), LocalDate.of(2026, 3, 1));
        assertThat(ended.expected()).isEqualTo(2);
        assertThat(ended.written()).isEqualTo(1);
        assertThat(ended.score()).isEqualByComparingTo("50.00");
    }

    @Test
    void totalIsTheWeightedSumAndTheGradeFollowsTheThresholds() {
        EvaluationScoring.Weights w = new EvaluationScoring.Weights(bd("10"), bd("20"), bd("40"), bd("15"), bd("15"));
        // 50×10% + 88×20% + 79×40% + 85×15% + 90×15% = 5 + 17.6 + 31.6 + 12.75 + 13.5 = 80.45
        BigDecimal total = EvaluationScoring.total(w, bd("50"), bd("88"), bd("79"), bd("85"), bd("90"));
        assertThat(total).isEqualByComparingTo("80.45");
        EvaluationScoring.Thresholds t = new EvaluationScoring.Thresholds(bd("90"), bd("75"), bd("60"));
        assertThat(t.grade(total)).isEqualTo(Grade.COMPETENT);
        assertThat(t.grade(bd("90.00"))).isEqualTo(Grade.EXCELLENT);
        assertThat(t.grade(bd("89.99"))).isEqualTo(Grade.COMPETENT);
        assertThat(t.grade(bd("75.00"))).isEqualTo(Grade.COMPETENT);
        assertThat(t.grade(bd("74.99"))).isEqualTo(Grade.BASICALLY_COMPETENT);
        assertThat(t.grade(bd("60.00"))).isEqualTo(Grade.BASICALLY_COMPETENT);
        assertThat(t.grade(bd("59.99"))).isEqualTo(Grade.INCOMPETENT);
    }

    static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
