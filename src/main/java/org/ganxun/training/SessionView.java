package org.ganxun.training;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;

/** One session (课次) of a class's timetable; {@code id} is stable once saved. */
public record SessionView(long id, long classId, LocalDate sessionDate, LocalTime startsAt, LocalTime endsAt,
                          String topic, Long instructorId, String instructorName, String venue, BigDecimal hours,
                          SessionStatus status) {
}
