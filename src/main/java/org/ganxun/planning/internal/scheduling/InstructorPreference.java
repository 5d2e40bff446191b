package org.ganxun.planning.internal.scheduling;

import java.time.DayOfWeek;
import java.util.Set;

/** The days of the week on which an instructor prefers a class to start. */
public record InstructorPreference(long instructorId, String name, Set<DayOfWeek> preferredDays) {

    @Override
    public String toString() {
        return name;
    }
}
