package org.ganxun.training;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

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

    record Verdict(CompletionOutcome outcome, boolean passed, boolean assessmentFailed, BigDecimal hoursEarned,
                   BigDecimal score, List<String> reasons) {
    }

    static Verdict decide(Attendance.Tally t, List<CompletionRules.Rule> rules, Assessment assessment) {
        List<String> reasons = new ArrayList<>();
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
                reasons.add(what + fmt(hours) + "学时，超过总学时" + fmt(t.total()) + "的" + r.shareText() + "（"
                        + fmt(t.total().multiply(BigDecimal.valueOf(r.numerator())).divide(BigDecimal.valueOf(r.denominator()), 2, RoundingMode.HALF_UP))
                        + "学时）：" + r.outcome().label() + "。依据：" + r.source());
                outcome = worse(outcome, r.outcome());
            }
        }
        boolean assessmentFailed = false;
        if (assessment.used()) {
            List<String> f = assessment.failures();
            if (!f.isEmpty()) {
                assessmentFailed = true;
                reasons.add("考核不合格（" + String.join("；", f) + "）：不予结业，当年年度考核不得确定为优秀等次。依据：本地规定");
                outcome = worse(outcome, CompletionOutcome.NO_CERTIFICATE);
            }
        }
        boolean passed = outcome == CompletionOutcome.COMPLETED;
        if (passed) {
            reasons.add("出勤" + fmt(t.attended()) + "学时，请假" + fmt(t.leave()) + "学时，缺课" + fmt(t.absence()) + "学时"
                    + (t.late() > 0 ? "，迟到" + t.late() + "次" : "") + (assessment.used() ? "，考核合格" : "") + "：准予结业");
        }
        return new Verdict(outcome, passed, assessmentFailed, passed ? t.attended() : BigDecimal.ZERO, assessment.weighted(), reasons);
    }

    private static CompletionOutcome worse(CompletionOutcome a, CompletionOutcome b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    static String fmt(BigDecimal d) {
        return d == null ? "" : d.stripTrailingZeros().toPlainString();
    }
}
