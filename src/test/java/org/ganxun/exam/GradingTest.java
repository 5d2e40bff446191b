package org.ganxun.exam;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The grading rules of {@link Grading}, each worked by hand. */
class GradingTest {

    static BigDecimal p(String s) {
        return new BigDecimal(s);
    }

    @Test
    void singleChoiceAndTrueFalseAreAllOrNothing() {
        assertThat(Grading.mark(QuestionKind.SINGLE, "B", "b", p("2.00"))).isEqualTo(new Grading.Mark(p("2.00"), true));
        assertThat(Grading.mark(QuestionKind.SINGLE, "B", "C", p("2.00"))).isEqualTo(new Grading.Mark(p("0.00"), false));
        assertThat(Grading.mark(QuestionKind.SINGLE, "B", null, p("2.00")).correct()).isFalse();
        assertThat(Grading.mark(QuestionKind.TRUE_FALSE, "T", "T", p("1.00"))).isEqualTo(new Grading.Mark(p("1.00"), true));
        assertThat(Grading.mark(QuestionKind.TRUE_FALSE, "T", "F", p("1.00")).score()).isEqualByComparingTo("0");
    }

    @Test
    void multipleChoiceNeedsExactlyTheKeyedOptions() {
        // 多选、少选、错选均不得分: ACD keyed
        assertThat(Grading.mark(QuestionKind.MULTIPLE, "ACD", "DCA", p("3.00")).score()).isEqualByComparingTo("3");
        assertThat(Grading.mark(QuestionKind.MULTIPLE, "ACD", "A, C, D", p("3.00")).score()).isEqualByComparingTo("3");
        assertThat(Grading.mark(QuestionKind.MULTIPLE, "ACD", "AC", p("3.00")).score()).isEqualByComparingTo("0");   // 少选
        assertThat(Grading.mark(QuestionKind.MULTIPLE, "ACD", "ABCD", p("3.00")).score()).isEqualByComparingTo("0"); // 多选
        assertThat(Grading.mark(QuestionKind.MULTIPLE, "ACD", "", p("3.00")).correct()).isFalse();
    }

    @Test
    void fillInSharesThePointsByBlankAndAcceptsAlternatives() {
        // 3 points, 2 blanks: 1.50 each; the second blank accepts 人民 or 群众
        String key = "中国共产党|人民/群众";
        assertThat(Grading.mark(QuestionKind.FILL, key, "中国共产党|群众", p("3"))).isEqualTo(new Grading.Mark(p("3.00"), true));
        assertThat(Grading.mark(QuestionKind.FILL, key, "中国共产党|干部", p("3"))).isEqualTo(new Grading.Mark(p("1.50"), false));
        assertThat(Grading.mark(QuestionKind.FILL, key, "|人民", p("3")).score()).isEqualByComparingTo("1.50");
        // 2 points, 3 blanks: 0.66, 0.66 and the remainder 0.68, so all right is exactly 2.00 and the first two 1.32
        assertThat(Grading.mark(QuestionKind.FILL, "a|b|c", "a|b|c", p("2")).score()).isEqualByComparingTo("2.00");
        assertThat(Grading.mark(QuestionKind.FILL, "a|b|c", "a|b|x", p("2")).score()).isEqualByComparingTo("1.32");
        assertThat(Grading.mark(QuestionKind.FILL, "a|b|c", "x|x|c", p("2")).score()).isEqualByComparingTo("0.68");
        // width, case and spaces ignored
        assertThat(Grading.mark(QuestionKind.FILL, "ABC 123", "ａｂｃ１２３", p("1")).correct()).isTrue();
    }

    @Test
    void shortAnswersWaitForAPerson() {
        assertThat(Grading.mark(QuestionKind.SHORT, "要点", "作答", p("10"))).isNull();
    }
}
