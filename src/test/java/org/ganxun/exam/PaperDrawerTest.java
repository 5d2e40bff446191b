package org.ganxun.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Drawing papers by a blueprint: deterministic per candidate and attempt, lines disjoint, options shuffled and mapped back. */
class PaperDrawerTest {

    static List<PaperDrawer.Candidate> bank() {
        List<PaperDrawer.Candidate> b = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            b.add(new PaperDrawer.Candidate(i, QuestionKind.SINGLE, "廉政法规", 1 + i % 3, 4));
        }
        for (int i = 13; i <= 20; i++) {
            b.add(new PaperDrawer.Candidate(i, i % 2 == 0 ? QuestionKind.TRUE_FALSE : QuestionKind.MULTIPLE, "党纪", 2, i % 2 == 0 ? 0 : 5));
        }
        return b;
    }

    static final List<PaperDrawer.Line> BLUEPRINT = List.of(
            new PaperDrawer.Line("廉政法规", 1, 2, new BigDecimal("2")),
            new PaperDrawer.Line("廉政法规", null, 3, new BigDecimal("2")),
            new PaperDrawer.Line("党纪", 2, 4, new BigDecimal("5")));

    static List<Long> ids(List<PaperDrawer.Item> paper) {
        return paper.stream().map(PaperDrawer.Item::questionId).toList();
    }

    @Test
    void theSameCandidateAndAttemptDrawTheSamePaperAndOptionOrder() {
        long seed = PaperDrawer.seed(7, 42, 1);
        List<PaperDrawer.Item> a = PaperDrawer.draw(BLUEPRINT, bank(), seed);
        // the bank read in another order (another query plan) draws the same
        List<PaperDrawer.Candidate> reversed = new ArrayList<>(bank());
        java.util.Collections.reverse(reversed);
        List<PaperDrawer.Item> b = PaperDrawer.draw(BLUEPRINT, reversed, PaperDrawer.seed(7, 42, 1));
        assertThat(ids(b)).isEqualTo(ids(a));
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).order()).isEqualTo(a.get(i).order());
        }
        assertThat(a).hasSize(9);
        assertThat(new HashSet<>(ids(a))).hasSize(9); // no question twice, though lines 1 and 2 share a category
    }

    @Test
    void linesTakeTheirCategoryAndDifficultyAndThePaperIsOrderedByKind() {
        List<PaperDrawer.Item> paper = PaperDrawer.draw(BLUEPRINT, bank(), PaperDrawer.seed(7, 42, 1));
        List<PaperDrawer.Candidate> bank = bank();
        long easy = paper.stream().filter(i -> i.questionId() <= 12 && bank.get((int) i.questionId() - 1).difficulty() == 1).count();
        assertThat(easy).isGreaterThanOrEqualTo(2);
        assertThat(paper.stream().filter(i -> i.questionId() > 12).count()).isEqualTo(4);
        List<Integer> kinds = paper.stream().map(i -> i.kind().ordinal()).toList();
        assertThat(kinds).isSorted();
        assertThat(paper.stream().filter(i -> i.questionId() > 12).map(PaperDrawer.Item::points).distinct().toList())
                .containsExactly(new BigDecimal("5"));
    }

    @Test
    void otherCandidatesAndLaterAttemptsGetOtherPapers() {
        Set<List<Long>> papers = new HashSet<>();
        for (long cadre = 1; cadre <= 10; cadre++) {
            papers.add(ids(PaperDrawer.draw(BLUEPRINT, bank(), PaperDrawer.seed(7, cadre, 1))));
        }
        assertThat(papers.size()).isGreaterThan(1);
        assertThat(PaperDrawer.seed(7, 42, 2)).isNotEqualTo(PaperDrawer.seed(7, 42, 1));
    }

    @Test
    void aBankThatCannotFillALineIsRefusedWithTheLine() {
        List<PaperDrawer.Line> tooMany = List.of(new PaperDrawer.Line("党纪", 2, 9, BigDecimal.ONE));
        assertThatThrownBy(() -> PaperDrawer.draw(tooMany, bank(), 1))
                .isInstanceOfSatisfying(PaperDrawer.Shortfall.class, s -> {
                    assertThat(s.line).isEqualTo(0);
                    assertThat(s.available).isEqualTo(8);
                });
    }

    @Test
    void shuffledOptionsAreGradedAgainstTheOriginalKeys() {
        // order [2, 0, 3, 1]: shown A is the original C, shown B the original A, shown C the original D, shown D the original B
        int[] order = {2, 0, 3, 1};
        assertThat(PaperDrawer.toOriginal("A", order)).isEqualTo("C");
        assertThat(PaperDrawer.toOriginal("BD", order)).isEqualTo("AB");
        assertThat(PaperDrawer.toShown("A", order)).isEqualTo("B");
        assertThat(PaperDrawer.toShown("CD", order)).isEqualTo("AC");
        // key A: the candidate picks what they see in place B, and is right
        String original = PaperDrawer.toOriginal("B", order);
        assertThat(Grading.mark(QuestionKind.SINGLE, "A", original, BigDecimal.TEN).correct()).isTrue();
        // picking shown A (the original C) is wrong, though "A" is the key's letter
        assertThat(Grading.mark(QuestionKind.SINGLE, "A", PaperDrawer.toOriginal("A", order), BigDecimal.TEN).correct()).isFalse();
    }
}
