package org.ganxun.secondment.internal.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.secondment.internal.selection.SelectionScoring;

/**
 * Evaluation of a seconded cadre (考核评价): five parts, each 0–100, combined by the programme's weights.
 *
 * <ul>
 * <li>Log completeness (工作日志完整率): the posting is cut into windows of the log cadence (e.g. 7 days)
 * from its first day; the windows fully elapsed by the evaluation date are expected, and a window counts
 * as written when it holds at least one log. Score = written windows ÷ expected windows × 100 (100 when
 * nothing is expected yet).</li>
 * <li>Duty report (述职), individual interviews (个别谈话) and verification (调查核实): scores entered by
 * the evaluators.</li>
 * <li>Democratic appraisal (民主测评): {@link Ballots#score()}.</li>
 * </ul>
 * Total = Σ part × weight ÷ 100, two decimals half-up; grade by the programme's thresholds (total ≥
 * 优秀 threshold → 优秀, ≥ 称职 threshold → 称职, ≥ 基本称职 threshold → 基本称职, else 不称职).
 * Within a programme, final evaluations rank by total, then the appraisal score, then the duty report
 * score (higher first), then the earlier posting.
 */
public final class EvaluationScoring {

    public static final String RANK_RULE = "按综合得分由高到低排名；得分相同时依次按民主测评得分、述职得分高者优先";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private EvaluationScoring() {
    }

    public record Weights(BigDecimal logs, BigDecimal dutyReport, BigDecimal appraisal, BigDecimal interviews,
                          BigDecimal verification) {

        /** Refuses weights no evaluation can be scored by, keyed by the programme form's fields ({@code evalWeight…}). */
        public void validate() {
            SelectionScoring.Weights.weight("evalWeightLogs", "工作日志完整率权重", logs);
            SelectionScoring.Weights.weight("evalWeightDutyReport", "述职权重", dutyReport);
            SelectionScoring.Weights.weight("evalWeightAppraisal", "民主测评权重", appraisal);
            SelectionScoring.Weights.weight("evalWeightInterviews", "个别谈话权重", interviews);
            SelectionScoring.Weights.weight("evalWeightVerification", "调查核实权重", verification);
            BigDecimal sum = logs.add(dutyReport).add(appraisal).add(interviews).add(verification);
            if (sum.compareTo(HUNDRED) != 0) {
                String m = "考核各项权重合计须为100%（现为" + sum.stripTrailingZeros().toPlainString() + "%）";
                throw new BusinessException(m, List.of(new FieldProblem("evalWeightLogs", m)));
            }
        }
    }

    public record Thresholds(BigDecimal excellent, BigDecimal competent, BigDecimal basic) {

        public void validate() {
            if (excellent == null || competent == null || basic == null
                    || !(excellent.compareTo(competent) > 0 && competent.compareTo(basic) > 0 && basic.signum() >= 0
                    && excellent.compareTo(HUNDRED) <= 0)) {
                String m = "等次分数线须满足：100 ≥ 优秀 > 称职 > 基本称职 ≥ 0";
                throw new BusinessException(m, List.of(new FieldProblem("gradeExcellentMin", m)));
            }
        }

        public Grade grade(BigDecimal total) {
            if (total.compareTo(excellent) >= 0) {
                return Grade.EXCELLENT;
            }
            if (total.compareTo(competent) >= 0) {
                return Grade.COMPETENT;
            }
            if (total.compareTo(basic) >= 0) {
                return Grade.BASICALLY_COMPETENT;
            }
            return Grade.INCOMPETENT;
        }
    }

    public record LogCompleteness(int expected, int written, BigDecimal score) {
    }

    /** Log completeness of a posting as of {@code on} (capped at the posting's last day). */
    public static LogCompleteness logs(LocalDate startsOn, LocalDate endsOn, int cadenceDays, Collection<LocalDate> logDates,
                                       LocalDate on) {
        LocalDate until = on.isAfter(endsOn) ? endsOn.plusDays(1) : on; // the last day counts once the posting is over
        long days = Math.max(0, ChronoUnit.DAYS.between(startsOn, until));
        int expected = (int) (days / cadenceDays);
        Set<Long> windows = new HashSet<>();
        for (LocalDate d : logDates) {
            if (d.isBefore(startsOn)) {
                continue;
            }
            long w = ChronoUnit.DAYS.between(startsOn, d) / cadenceDays;
            if (w < expected) {
                windows.add(w);
            }
        }
        int written = windows.size();
        BigDecimal score = expected == 0 ? HUNDRED.setScale(2)
                : BigDecimal.valueOf(written).multiply(HUNDRED).divide(BigDecimal.valueOf(expected), 2, RoundingMode.HALF_UP);
        return new LogCompleteness(expected, written, score);
    }

    public static BigDecimal total(Weights w, BigDecimal logs, BigDecimal dutyReport, BigDecimal appraisal,
                                   BigDecimal interviews, BigDecimal verification) {
        return logs.multiply(w.logs())
                .add(dutyReport.multiply(w.dutyReport()))
                .add(appraisal.multiply(w.appraisal()))
                .add(interviews.multiply(w.interviews()))
                .add(verification.multiply(w.verification()))
                .divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }
}
