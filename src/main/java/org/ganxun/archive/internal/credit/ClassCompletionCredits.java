package org.ganxun.archive.internal.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.archive.TrainingType;
import org.ganxun.platform.security.RunAs;
import org.ganxun.classroom.ClassCompleted;
import org.ganxun.training.ClassType;
import org.ganxun.training.TrainingClasses;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Credits the 学时 of a completed class ({@link ClassCompleted}) to every trainee who passed: source
 * CLASS_COMPLETION, reference "TC-&lt;class id&gt;", concentrated, full-time as the class was. Credits are
 * idempotent by (cadre, source, reference), so a replayed event credits nothing twice. Trainees who did not
 * pass earn no 学时 (their failed assessments are read by compliance from the training module).
 *
 * <p>A full-time (脱产) class also credits its days (条例第十四条: "12天或者90学时", "3个月或者550学时"): the days of
 * its term, from the first day to the day of 结业, in the share of the class's 学时 the trainee attended.
 */
@Component
class ClassCompletionCredits {

    static final String SYSTEM = RunAs.SYSTEM_USERNAME;

    private final ArchiveEntries entries;

    ClassCompletionCredits(ArchiveEntries entries) {
        this.entries = entries;
    }

    @ApplicationModuleListener
    void on(ClassCompleted event) {
        credit(event);
    }

    /** The work of the listener, callable directly (a replay). Runs as the system: the event has no user. */
    void credit(ClassCompleted event) {
        RunAs.system("ClassCompleted: the training module completed the class and names its trainees", () -> {
            // a class completed before its planned last day counts on the day of 结业: a future date would leave the
            // hours out of today's standing, or in next year's when the plan ran past 31 December
            LocalDate on = event.completedOn() != null ? event.completedOn() : event.endsOn();
            for (ClassCompleted.Trainee t : event.trainees()) {
                if (!t.passed() || t.hoursEarned().signum() <= 0) {
                    continue;
                }
                entries.credit(new ArchiveEntries.EntryRequest(t.cadreId(), CreditSource.CLASS_COMPLETION,
                        TrainingClasses.archiveSourceRef(event.classId()), event.className(), event.providerName(), event.startsOn(),
                        on, on, t.hoursEarned(), QuantityUnit.HOURS, null, Delivery.CONCENTRATED, true,
                        event.fullTime(), trainingType(event.classType()), "培训班结业（班次编号" + event.classId() + "）",
                        days(event, on, t.hoursEarned())), SYSTEM);
            }
        });
    }

    /**
     * A full-time class's days for one trainee: the days of its term (first day to {@code on}, the day of 结业),
     * times the share of the class's 学时 earned, cut (never rounded up) to hundredths. None for a class that is not
     * full-time: its days are not days away from the post.
     */
    static BigDecimal days(ClassCompleted event, LocalDate on, BigDecimal earned) {
        if (!event.fullTime() || event.startsOn() == null || on.isBefore(event.startsOn())) {
            return null;
        }
        BigDecimal term = BigDecimal.valueOf(ChronoUnit.DAYS.between(event.startsOn(), on) + 1);
        BigDecimal total = event.totalHours();
        BigDecimal d = total == null || total.signum() <= 0 || earned.compareTo(total) >= 0 ? term
                : term.multiply(earned).divide(total, 2, RoundingMode.DOWN);
        return d.signum() > 0 ? d.min(ArchiveEntries.MAX_ENTRY_DAYS) : null;
    }

    static TrainingType trainingType(ClassType type) {
        return switch (type) {
            case CORE -> TrainingType.CORE;
            case THEMATIC -> TrainingType.THEMATIC;
            case ROTATION -> TrainingType.ROTATION;
            case INITIAL -> TrainingType.INITIAL;
            case APPOINTMENT -> TrainingType.APPOINTMENT;
            case REFRESHER -> TrainingType.REFRESHER;
            case SPECIALIZED -> TrainingType.SPECIALIZED;
        };
    }
}
