package org.ganxun.exam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Difficulty and discrimination worked by hand. Ten candidates, attempt ids 1–10 with totals 100, 90, … 10, so the
 * 27 % groups (k = round(0.27 × 10) = round(2.7) = 3) are attempts 1–3 (upper) and 8–10 (lower).
 */
class ItemAnalysisTest {

    @Test
    void tenCandidatesWorkedByHand() {
        List<ItemAnalysis.Sheet> sheets = new ArrayList<>();
        for (long a = 1; a <= 10; a++) {
            Map<Long, Boolean> right = new HashMap<>();
            // question 101: on every paper; right for attempts 1, 2, 3, 4, 5 and 8
            right.put(101L, a <= 5 || a == 8);
            // question 102: drawn only for attempts 1–5 and 9; right for 1, 4 and 9
            if (a <= 5 || a == 9) {
                right.put(102L, a == 1 || a == 4 || a == 9);
            }
            sheets.add(new ItemAnalysis.Sheet(a, 110 - 10 * a, right));
        }
        List<ItemAnalysis.Item> items = ItemAnalysis.analyse(sheets);
        assertThat(ItemAnalysis.groupSize(10)).isEqualTo(3);
        // 101: P = 6/10 = 0.6; upper 3/3 = 1, lower (8, 9, 10) 1/3; D = 1 − 0.333 = 0.667
        assertThat(items.get(0)).isEqualTo(new ItemAnalysis.Item(101, 10, 6, 0.6, 0.667));
        // 102: P = 3/6 = 0.5; upper had it 3 times, right once: 1/3; lower had it once (9), right: 1/1; D = 0.333 − 1 = −0.667
        assertThat(items.get(1)).isEqualTo(new ItemAnalysis.Item(102, 6, 3, 0.5, -0.667));
    }

    @Test
    void tiesAreSplitByAttemptIdAndOneCandidateHasNoDiscrimination() {
        // four candidates all at 50: k = round(1.08) = 1; upper is attempt 1, lower attempt 4
        List<ItemAnalysis.Sheet> sheets = List.of(
                new ItemAnalysis.Sheet(4, 50, Map.of(1L, false)), new ItemAnalysis.Sheet(1, 50, Map.of(1L, true)),
                new ItemAnalysis.Sheet(3, 50, Map.of(1L, true)), new ItemAnalysis.Sheet(2, 50, Map.of(1L, false)));
        assertThat(ItemAnalysis.analyse(sheets).get(0)).isEqualTo(new ItemAnalysis.Item(1, 4, 2, 0.5, 1.0));
        assertThat(ItemAnalysis.analyse(List.of(new ItemAnalysis.Sheet(1, 80, Map.of(1L, true)))).get(0).discrimination()).isNull();
    }
}
