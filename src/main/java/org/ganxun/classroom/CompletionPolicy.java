package org.ganxun.classroom;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.rules.Decision;

/**
 * Decides one trainee's completion from their hours and assessment, and says why, naming each rule's source.
 * Order of severity: leave above the leave share → 退学 (DISMISSED); absence above the absence share or a
 * failed assessment → 不予结业 (NO_CERTIFICATE); otherwise 结业. 学时 earned are the hours attended, and only
 * when the trainee completes.
 */
final class CompletionPolicy {

    private CompletionPolicy() {
    }

    record ComponentScore(String name, BigDecimal weight, BigDecimal passMark, BigDecimal score) {
    }

    record Assessment(List<ComponentScore> components) {

        boolean used() {
            return !components.isEmpty();
        }

        /** Weighted score out of 100 over the components with a score, or null. */
        BigDecimal weighted() {
            BigDecimal w = BigDecimal.ZERO;
            BigDecimal sum = BigDecimal.ZERO;
            for (ComponentScore c : components) {
                if (c.score() != null) {
                    w = w.add(c.weight());
                    sum = sum.add(c.score().multiply(c.weight()));
                }
            }
            return w.signum() == 0 ? null : sum.divide(w, 2, RoundingMode.HALF_UP);
        }

        List<String> failures() {
            List<String> out = new ArrayList<>();
            for (ComponentScore c : components) {
                if (c.score() == null) {
                    out.add(c.name() + "未录入成绩");
                } else if (c.score().compareTo(c.passMark()) < 0) {
                    out.add(c.name() + fmt(c.score()) + "分，低于合格线" + fmt(c.passMark()) + "分");
                }
            }
            return out;
        }
    }

    /**
     * {@code decision}: allowed when the trainee completes (结业), with a refusing reason per rule broken (each
     * naming its source) or, when allowed, one explaining reason with the attendance that earned it.
     */
    record Verdict(CompletionOutcome outcome, boolean assessmentFailed, BigDecimal hoursEarned, BigDecimal score,
                   Decision decision) {

        boolean passed() {
            return decision.allowed();
        }

        List<String> reasons() {
            return decision.texts();
        }
    }

    /** The class's assessment rule: a local rule (RULES.md, seed report 002), set when the class defines components. */
    static final String ASSESSMENT_SOURCE = "本地规定：干部教育培训考核不合格的，不予结业";

    static Verdict decide(Attendance.Tally t, List<CompletionRules.Rule> rules, Assessment assessment) {
        Decision.Builder d = Decision.builder();
        CompletionOutcome outcome = CompletionOutcome.COMPLETED;
        for (CompletionRules.Rule r : rules) {
            BigDecimal hours = switch (r.code()) {
                case CompletionRules.LEAVE_SHARE -> t.leave();
                case CompletionRules.ABSENCE_SHARE -> t.absence();
                default -> null;
            };
            if (hours == null) {
                continue;
            }
            String what = r.code().equals(CompletionRules.LEAVE_SHARE) ? "请假" : "缺课";
            if (r.exceeded(hours, t.total())) {
                d.refuse(r.code(), r.title(), what + fmt(hours) + "学时，超过总学时" + fmt(t.total()) + "的" + r.shareText() + "（"
                        + fmt(t.total().multiply(BigDecimal.valueOf(r.numerator())).divide(BigDecimal.valueOf(r.denominator()), 2, RoundingMode.HALF_UP))
                        + "学时）：" + r.outcome().label() + "。依据：" + r.source(), r.source());
                outcome = worse(outcome, r.outcome());
            }
        }
        boolean assessmentFailed = false;
        if (assessment.used()) {
            List<String> f = assessment.failures();
            if (!f.isEmpty()) {
                assessmentFailed = true;
                d.refuse("ASSESSMENT_FAILED", "考核", "考核不合格（" + String.join("；", f) + "）：不予结业，当年年度考核不得确定为优秀等次。依据：本地规定",
                        ASSESSMENT_SOURCE);
                outcome = worse(outcome, CompletionOutcome.NO_CERTIFICATE);
            }
        }
        if (!d.refusing()) {
            d.explain("COMPLETED", "结业", "出勤" + fmt(t.attended()) + "学时，请假" + fmt(t.leave()) + "学时，缺课" + fmt(t.absence()) + "学时"
                    + (t.late() > 0 ? "，迟到" + t.late() + "次" : "") + (assessment.used() ? "，考核合格" : "") + "：准予结业",
                    "本班结业规则");
        }
        Decision decision = d.build();
        return new Verdict(outcome, assessmentFailed, decision.allowed() ? t.attended() : BigDecimal.ZERO, assessment.weighted(), decision);
    }

    private static CompletionOutcome worse(CompletionOutcome a, CompletionOutcome b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    static String fmt(BigDecimal d) {
        return d == null ? "" : d.stripTrailingZeros().toPlainString();
    }
}
