package org.ganxun.training;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The training people had outside this system's classes, as the archive keeps it, for the candidate list's suggested
 * order: training does not depend on the archive (the archive listens to the classroom's events), so training
 * declares what it asks and the archive implements it. Courses are approved archive entries of concentrated training
 * (sources CLASS_COMPLETION, EXTERNAL_TRAINING) that did not come from this system's classes; hours are all approved
 * hours. No scope check: the caller passes people its reader's scoped search found.
 */
public interface ArchivedTraining {

    /** A course from the archive: its title and dates (start, else the day credited; end, else the start). */
    record Course(long cadreId, String title, LocalDate startsOn, LocalDate endsOn) {
    }

    /** Per person: the courses that started after the day asked, the latest end among them, and the hours of the year. */
    record Summary(int courses, LocalDate lastEndedOn, BigDecimal hoursThisYear) {
    }

    /** The courses of these people that started after {@code since}, latest start first. */
    List<Course> coursesSince(Collection<Long> cadreIds, LocalDate since);

    /** For each of these people with any: courses since {@code since} and hours credited in {@code year}. */
    Map<Long, Summary> summaries(Collection<Long> cadreIds, LocalDate since, int year);
}
