package org.ganxun.secondment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.secondment.internal.alert.AlertKind;
import org.ganxun.secondment.internal.alert.AlertRules;
import org.junit.jupiter.api.Test;

/** Each alert on both sides of its boundary, for a posting from 1 January to 30 June 2026, logs every 7 days. */
class AlertRulesTest {

    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 6, 30);

    @Test
    void logIsOverdueFromTheDayAfterItIsDue() {
        AlertRules.Facts lastOn2March = new AlertRules.Facts(START, END, 7, LocalDate.of(2026, 3, 2), false);
        assertThat(kinds(lastOn2March, LocalDate.of(2026, 3, 9))).doesNotContain(AlertKind.LOG_OVERDUE); // due today
        List<AlertRules.Raised> late = AlertRules.on(lastOn2March, LocalDate.of(2026, 3, 10));
        assertThat(late).extracting(AlertRules.Raised::kind).containsExactly(AlertKind.LOG_OVERDUE);
        assertThat(late.get(0).dueOn()).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(late.get(0).days()).isEqualTo(1);
        // no log yet: due 7 days after the first day
        AlertRules.Facts none = new AlertRules.Facts(START, END, 7, null, false);
        assertThat(kinds(none, LocalDate.of(2026, 1, 8))).isEmpty();
        assertThat(kinds(none, LocalDate.of(2026, 1, 9))).containsExactly(AlertKind.LOG_OVERDUE);
        // before the posting starts and after it ends, no log is asked for
        assertThat(kinds(none, LocalDate.of(2025, 12, 31))).isEmpty();
        assertThat(kinds(new AlertRules.Facts(START, END, 7, null, true), LocalDate.of(2026, 7, 1))).isEmpty();
    }

    @Test
    void endingSoonFromThirtyDaysBeforeTheLastDayUntilIt() {
        AlertRules.Facts f = new AlertRules.Facts(START, END, 7, LocalDate.of(2026, 6, 29), false);
        assertThat(kinds(f, LocalDate.of(2026, 5, 30))).isEmpty();                                    // 31 days before
        assertThat(AlertRules.on(f, LocalDate.of(2026, 5, 31))).singleElement()
                .satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(AlertKind.ENDING_SOON);
                    assertThat(r.days()).isEqualTo(30);
                });
        assertThat(kinds(f, LocalDate.of(2026, 6, 30))).containsExactly(AlertKind.ENDING_SOON);      // the last day
        assertThat(kinds(f, LocalDate.of(2026, 7, 1))).doesNotContain(AlertKind.ENDING_SOON);
    }

    @Test
    void endedWithoutEvaluationFromTheDayAfterTheLastDay() {
        AlertRules.Facts f = new AlertRules.Facts(START, END, 7, LocalDate.of(2026, 6, 29), false);
        assertThat(kinds(f, LocalDate.of(2026, 6, 30))).doesNotContain(AlertKind.ENDED_WITHOUT_EVALUATION);
        assertThat(kinds(f, LocalDate.of(2026, 7, 1))).containsExactly(AlertKind.ENDED_WITHOUT_EVALUATION);
        assertThat(AlertRules.on(f, LocalDate.of(2026, 7, 11)).get(0).days()).isEqualTo(11);
        AlertRules.Facts evaluated = new AlertRules.Facts(START, END, 7, LocalDate.of(2026, 6, 29), true);
        assertThat(kinds(evaluated, LocalDate.of(2026, 7, 1))).isEmpty();
    }

    static List<AlertKind> kinds(AlertRules.Facts f, LocalDate on) {
        return AlertRules.on(f, on).stream().map(AlertRules.Raised::kind).toList();
    }
}
