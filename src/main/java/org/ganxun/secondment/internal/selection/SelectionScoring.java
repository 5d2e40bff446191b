package org.ganxun.secondment.internal.selection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;

/**
 * Competitive selection (竞争性选拔): the composite score and the ranking.
 *
 * <p>Composite = (written × w<sub>written</sub> + interview × w<sub>interview</sub> + recommendation ×
 * w<sub>recommendation</sub>) / 100, with the programme's weights in percent (they sum to 100), rounded to
 * two decimals half-up. A candidate without all three scores has no composite and no rank.
 *
 * <p><b>Tie-break rule</b> (the same text is shown in the UI, {@link #TIE_BREAK_RULE}): candidates with the
 * same composite (as shown, to two decimals) are ordered by the higher interview score, then the higher
 * written-exam score, then the earlier registration (报名时间), then the lower candidate number. Ranks are
 * therefore 1, 2, 3 … with no two candidates sharing a rank.
 */
public final class SelectionScoring {

    public static final String TIE_BREAK_RULE =
            "综合成绩相同时，依次按面试成绩高者优先、笔试成绩高者优先、报名时间早者优先排序";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SelectionScoring() {
    }

    /** Weights in percent. */
    public record Weights(BigDecimal written, BigDecimal interview, BigDecimal recommendation) {

        /**
         * Refuses weights a programme cannot score by, in the clerk's words, keyed by the programme form's fields
         * ({@code weightWritten}, {@code weightInterview}, {@code weightRecommendation}).
         */
        public void validate() {
            weight("weightWritten", "笔试成绩权重", written);
            weight("weightInterview", "面试成绩权重", interview);
            weight("weightRecommendation", "推荐成绩权重", recommendation);
            BigDecimal sum = written.add(interview).add(recommendation);
            if (sum.compareTo(HUNDRED) != 0) {
                String m = "笔试、面试、推荐成绩的权重合计须为100%（现为" + sum.stripTrailingZeros().toPlainString() + "%）";
                throw new BusinessException(m, List.of(new FieldProblem("weightWritten", m)));
            }
        }

        public static void weight(String field, String label, BigDecimal w) {
            if (w == null || w.signum() < 0 || w.compareTo(HUNDRED) > 0) {
                String m = label + "须在0到100之间";
                throw new BusinessException(m, List.of(new FieldProblem(field, m)));
            }
        }
    }

    /** One candidate's scores (0–100 each, null when not yet entered). */
    public record Scores(long candidateId, BigDecimal written, BigDecimal interview, BigDecimal recommendation,
                         Instant registeredAt) {

        boolean complete() {
            return written != null && interview != null && recommendation != null;
        }
    }

    public record Ranked(long candidateId, BigDecimal composite, Integer rank) {
    }

    public static BigDecimal composite(Weights w, Scores s) {
        if (!s.complete()) {
            return null;
        }
        return s.written().multiply(w.written())
                .add(s.interview().multiply(w.interview()))
                .add(s.recommendation().multiply(w.recommendation()))
                .divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    /** The order of the ranking, including the tie-break (complete scores only). */
    static final Comparator<Scored> ORDER = Comparator
            .comparing(Scored::composite, Comparator.reverseOrder())
            .thenComparing(x -> x.scores().interview(), Comparator.reverseOrder())
            .thenComparing(x -> x.scores().written(), Comparator.reverseOrder())
            .thenComparing(x -> x.scores().registeredAt(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(x -> x.scores().candidateId());

    record Scored(Scores scores, BigDecimal composite) {
    }

    /** Ranked candidates first (rank 1 …), then those without complete scores (rank null) in input order. */
    public static List<Ranked> rank(Weights w, List<Scores> all) {
        List<Scored> scored = new ArrayList<>();
        List<Ranked> unranked = new ArrayList<>();
        for (Scores s : all) {
            BigDecimal c = composite(w, s);
            if (c == null) {
                unranked.add(new Ranked(s.candidateId(), null, null));
            } else {
                scored.add(new Scored(s, c));
            }
        }
        scored.sort(ORDER);
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            out.add(new Ranked(scored.get(i).scores().candidateId(), scored.get(i).composite(), i + 1));
        }
        out.addAll(unranked);
        return out;
    }
}
