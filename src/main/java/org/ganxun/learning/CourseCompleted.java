package org.ganxun.learning;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Published once, in the transaction that completes a learner's course (credited time reached the completion
 * share of the duration read from the file). The learning archive listens and credits {@code hours} with source
 * 网络学院, reference {@link #archiveSourceRef(long)}, idempotent by (cadre, source, reference): a replayed event
 * credits nothing twice.
 */
public record CourseCompleted(long courseId, long cadreId, String title, String lecturer, String providerName,
                              BigDecimal hours, String hoursNote, int creditedSeconds, int durationSeconds,
                              LocalDate completedOn) {

    /** The archive's {@code source_ref} of a course's credit. */
    public static String archiveSourceRef(long courseId) {
        return "OC-" + courseId;
    }
}
