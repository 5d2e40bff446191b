package org.ganxun.training.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The near-duplicate rule of class filing with the worked examples that set its threshold (0.7). */
class TextSimilarityTest {

    @Test
    void sameThemeWithAnotherClassWordIsADuplicate() {
        // both reduce to 学习贯彻党的二十大精神: 专题培训班 / 专题研讨班 are generic class words
        assertThat(TextSimilarity.core("学习贯彻党的二十大精神专题培训班")).isEqualTo("学习贯彻党的二十大精神");
        assertThat(TextSimilarity.titles("学习贯彻党的二十大精神专题培训班", "学习贯彻党的二十大精神专题研讨班")).isEqualTo(1.0, within(1e-9));
        assertThat(TextSimilarity.titles("2025年乡镇干部第二期轮训班", "乡镇干部第三期轮训班")).isEqualTo(1.0, within(1e-9));
    }

    @Test
    void differentThemesAreNot() {
        // 乡村振兴 shares no bigram with 学习贯彻党的二十大精神
        assertThat(TextSimilarity.titles("乡村振兴专题培训班", "学习贯彻党的二十大精神专题培训班")).isZero();
        // 10 and 14 bigrams, 8 shared: 8 / sqrt(10 * 14) = 0.676 < 0.7 — another plenum, not a repeat
        assertThat(TextSimilarity.titles("学习贯彻党的二十大精神专题培训班", "学习贯彻党的二十届三中全会精神专题培训班"))
                .isEqualTo(8 / Math.sqrt(140), within(1e-9)).isLessThan(TextSimilarity.DUPLICATE_TITLE);
        // 7 and 3 bigrams, 3 shared: 3 / sqrt(21) = 0.655 — broader theme, kept apart
        assertThat(TextSimilarity.titles("全面推进乡村振兴专题培训班", "乡村振兴专题培训班"))
                .isEqualTo(3 / Math.sqrt(21), within(1e-9)).isLessThan(TextSimilarity.DUPLICATE_TITLE);
    }

    @Test
    void nearlyTheSameWordingIsFlagged() {
        // 基层党组织书记 vs 村党组织书记: 6 and 5 bigrams, 4 shared (党组 组织 织书 书记): 4 / sqrt(30) = 0.730
        assertThat(TextSimilarity.titles("基层党组织书记培训班", "村党组织书记培训班"))
                .isEqualTo(4 / Math.sqrt(30), within(1e-9)).isGreaterThanOrEqualTo(TextSimilarity.DUPLICATE_TITLE);
    }

    @Test
    void topicListsAreComparedAsOneText() {
        assertThat(TextSimilarity.topics(List.of("党的二十大报告解读", "乡村振兴战略"), List.of("乡村振兴战略", "党的二十大报告解读")))
                .isEqualTo(1.0, within(1e-9));
        assertThat(TextSimilarity.topics(List.of("公文写作"), List.of("应急管理"))).isZero();
        assertThat(TextSimilarity.topics(List.of(), List.of("应急管理"))).isZero();
    }
}
