package org.ganxun.planning.internal.scheduling;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPin;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

/**
 * A class whose dates the scheduler chooses: its first day ({@link #getStartDay()}, an epoch day) is the planning
 * variable; it then runs {@code lengthDays} consecutive calendar days. A pinned class keeps the start it has.
 */
@PlanningEntity
public class ClassToPlace {

    @PlanningId
    private Long id;
    private String name;
    private int lengthDays;
    /** Who attends (e.g. "乡科级领导干部"): two classes of one trainee group may not run at the same time. */
    private String traineeGroup;
    private List<Long> instructorIds;
    private String venue;
    /** The unit that sends most trainees, and how many (工学矛盾). */
    private Long unitId;
    private int seats;
    /** The last day of the year planned: a class must end by it. */
    private int lastDay;
    @PlanningPin
    private boolean pinned;
    @PlanningVariable(valueRangeProviderRefs = "startDays")
    private Integer startDay;

    public ClassToPlace() {
    }

    public ClassToPlace(Long id, String name, int lengthDays, String traineeGroup, List<Long> instructorIds, String venue,
                        Long unitId, int seats, int lastDay, boolean pinned, Integer startDay) {
        this.id = id;
        this.name = name;
        this.lengthDays = lengthDays;
        this.traineeGroup = traineeGroup;
        this.instructorIds = List.copyOf(instructorIds);
        this.venue = venue;
        this.unitId = unitId;
        this.seats = seats;
        this.lastDay = lastDay;
        this.pinned = pinned;
        this.startDay = startDay;
    }

    /** The day after the last day (exclusive end), for overlap joins. */
    public int endExclusive() {
        return startDay + lengthDays;
    }

    public int overlapDays(ClassToPlace other) {
        return Math.max(0, Math.min(endExclusive(), other.endExclusive()) - Math.max(startDay, other.startDay));
    }

    public boolean sharesInstructorWith(ClassToPlace other) {
        for (Long i : instructorIds) {
            if (other.instructorIds.contains(i)) {
                return true;
            }
        }
        return false;
    }

    public int monthOfStart() {
        return LocalDate.ofEpochDay(startDay).getMonthValue();
    }

    /** Monday of the start's week, as an epoch day. */
    public int weekOfStart() {
        return (int) LocalDate.ofEpochDay(startDay).with(DayOfWeek.MONDAY).toEpochDay();
    }

    public DayOfWeek startDayOfWeek() {
        return LocalDate.ofEpochDay(startDay).getDayOfWeek();
    }

    public int daysPastYearEnd() {
        return Math.max(0, startDay + lengthDays - 1 - lastDay);
    }

    public LocalDate startsOn() {
        return startDay == null ? null : LocalDate.ofEpochDay(startDay);
    }

    public LocalDate endsOn() {
        return startDay == null ? null : LocalDate.ofEpochDay(startDay + lengthDays - 1L);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getLengthDays() {
        return lengthDays;
    }

    public String getTraineeGroup() {
        return traineeGroup;
    }

    public List<Long> getInstructorIds() {
        return instructorIds;
    }

    public String getVenue() {
        return venue;
    }

    public Long getUnitId() {
        return unitId;
    }

    public int getSeats() {
        return seats;
    }

    public int getLastDay() {
        return lastDay;
    }

    public boolean isPinned() {
        return pinned;
    }

    public void setPinned(boolean pinned) {
        this.pinned = pinned;
    }

    public Integer getStartDay() {
        return startDay;
    }

    public void setStartDay(Integer startDay) {
        this.startDay = startDay;
    }

    @Override
    public String toString() {
        return name;
    }
}
