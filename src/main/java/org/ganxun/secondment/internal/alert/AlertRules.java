package org.ganxun.secondment.internal.alert;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * When a posting raises an alert, judged on a given date (so tests and reports can ask "as of"):
 * <ul>
 * <li>工作日志逾期: while the posting runs (first day ≤ date ≤ last day), the next log is due
 * {@code cadence} days after the latest log (or after the first day when there is none); it is overdue
 * from the day after the due date.</li>
 * <li>即将期满: from 30 days before the last day up to the last day itself.</li>
 * <li>期满未考核: from the day after the last day, until a final (期满) evaluation is recorded.</li>
 * </ul>
 */
public final class AlertRules {

    public static final int ENDING_WINDOW_DAYS = 30;

    private AlertRules() {
    }

    public record Facts(LocalDate startsOn, LocalDate endsOn, int cadenceDays, LocalDate lastLogOn, boolean finalEvaluation) {
    }

    public record Raised(AlertKind kind, LocalDate dueOn, long days, String message) {
    }

    public static List<Raised> on(Facts f, LocalDate date) {
        List<Raised> out = new ArrayList<>();
        boolean running = !date.isBefore(f.startsOn()) && !date.isAfter(f.endsOn());
        if (running) {
            LocalDate from = f.lastLogOn() != null && !f.lastLogOn().isBefore(f.startsOn()) ? f.lastLogOn() : f.startsOn();
            LocalDate due = from.plusDays(f.cadenceDays());
            if (date.isAfter(due)) {
                long late = ChronoUnit.DAYS.between(due, date);
                out.add(new Raised(AlertKind.LOG_OVERDUE, due, late,
                        (f.lastLogOn() == null ? "尚未填写工作日志" : "最近一次日志为" + f.lastLogOn())
                                + "，应于" + due + "前填写，已逾期" + late + "天"));
            }
            LocalDate windowStart = f.endsOn().minusDays(ENDING_WINDOW_DAYS);
            if (!date.isBefore(windowStart)) {
                long left = ChronoUnit.DAYS.between(date, f.endsOn());
                out.add(new Raised(AlertKind.ENDING_SOON, f.endsOn(), left,
                        left == 0 ? "挂职今天期满（" + f.endsOn() + "）" : "挂职将于" + f.endsOn() + "期满，还有" + left + "天"));
            }
        }
        if (date.isAfter(f.endsOn()) && !f.finalEvaluation()) {
            long since = ChronoUnit.DAYS.between(f.endsOn(), date);
            out.add(new Raised(AlertKind.ENDED_WITHOUT_EVALUATION, f.endsOn(), since,
                    "挂职已于" + f.endsOn() + "期满" + since + "天，尚未进行期满考核"));
        }
        return out;
    }
}
