package org.ganxun.classroom;

import org.ganxun.training.ClassType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Published once when a class is completed (结业), in the same transaction. The learning archive listens
 * and credits {@code hoursEarned} of every trainee who passed; its credits are idempotent by
 * (cadre, CLASS_COMPLETION, {@link org.ganxun.training.TrainingClasses#archiveSourceRef(long)}), so a replayed event credits nothing twice.
 * {@code completedOn} is the day the hours count on: the planned last day, or the day of 结业 when the class
 * finished before it (null in events stored before it existed: the planned last day).
 */
public record ClassCompleted(long classId, String className, String providerName, LocalDate startsOn, LocalDate endsOn,
                             ClassType classType, boolean fullTime, BigDecimal totalHours, List<Trainee> trainees,
                             LocalDate completedOn) {

    /** One trainee's result: 学时 earned (0 unless passed) and whether they passed. */
    public record Trainee(long enrollmentId, long cadreId, BigDecimal hoursEarned, boolean passed,
                          CompletionOutcome outcome, boolean assessmentFailed) {
    }
}
