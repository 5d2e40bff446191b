package org.ganxun.training;

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

    /**
     * A select for the candidate query to join in its own statement (so the candidates are filtered once): per person
     * with any, {@code (cadre_id, courses, last_on, hours)}, reading the view the archive publishes; {@code params}
     * are its named parameters, which the caller adds to its own.
     */
    record SummariesSql(String sql, Map<String, Object> params) {
    }

    /** The courses of these people that started after {@code since}, latest start first. */
    List<Course> coursesSince(Collection<Long> cadreIds, LocalDate since);

    /**
     * For the people {@code cadreIdsSelect} (a select of one id column) returns, each with any: the courses that started
     * after {@code since}, the latest end among them, and the hours credited in {@code year}.
     */
    SummariesSql summaries(String cadreIdsSelect, LocalDate since, int year);
}
