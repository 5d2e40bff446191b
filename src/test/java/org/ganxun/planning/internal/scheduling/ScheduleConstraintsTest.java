package org.ganxun.planning.internal.scheduling;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import ai.timefold.solver.test.api.score.stream.ConstraintVerifier;
import org.junit.jupiter.api.Test;

/** Each rule of the scheduler alone, on two or three classes whose costs are worked by hand. */
class ScheduleConstraintsTest {

    final ConstraintVerifier<ScheduleConstraints, Schedule> verifier =
            ConstraintVerifier.build(new ScheduleConstraints(), Schedule.class, ClassToPlace.class);

    static final int YEAR_END = (int) LocalDate.of(2027, 12, 31).toEpochDay();

    static int day(int month, int dayOfMonth) {
        return (int) LocalDate.of(2027, month, dayOfMonth).toEpochDay();
    }

    static ClassToPlace c(long id, int start, int length, String group, List<Long> instructors, String venue) {
        return new ClassToPlace(id, "班" + id, length, group, instructors, venue, null, 0, YEAR_END, false, start);
    }

    @Test
    void anInstructorInTwoOverlappingClassesCostsEachSharedDay() {
        // 1-5 March and 4-8 March share the 4th and 5th: 2 days; a third class of another instructor costs nothing
        verifier.verifyThat(ScheduleConstraints::instructorClash)
                .given(c(1, day(3, 1), 5, "甲", List.of(7L), null), c(2, day(3, 4), 5, "乙", List.of(7L, 8L), null),
                        c(3, day(3, 1), 5, "丙", List.of(9L), null))
                .penalizesBy(2);
        // back to back (ends on the 5th, next starts on the 6th): no clash
        verifier.verifyThat(ScheduleConstraints::instructorClash)
                .given(c(1, day(3, 1), 5, "甲", List.of(7L), null), c(2, day(3, 6), 5, "乙", List.of(7L), null))
                .penalizesBy(0);
    }

    @Test
    void aVenueHoldsOneClassAtATimeAndNoVenueIsNoClash() {
        verifier.verifyThat(ScheduleConstraints::venueClash)
                .given(c(1, day(5, 10), 3, "甲", List.of(), "党校报告厅"), c(2, day(5, 12), 3, "乙", List.of(), "党校报告厅"),
                        c(3, day(5, 10), 3, "丙", List.of(), null), c(4, day(5, 10), 3, "丁", List.of(), null))
                .penalizesBy(1);
    }

    @Test
    void oneTraineeGroupCannotSitInTwoClassesAtOnce() {
        // 10-19 June (10 days) and 15-17 June: 3 days
        verifier.verifyThat(ScheduleConstraints::groupClash)
                .given(c(1, day(6, 10), 10, "乡科级领导干部", List.of(), null), c(2, day(6, 15), 3, "乡科级领导干部", List.of(), null),
                        c(3, day(6, 15), 3, "村(社区)干部", List.of(), null))
                .penalizesBy(3);
    }

    @Test
    void aBusySeasonOfTheGroupCostsEachDayInsideIt() {
        BusySeason spring = new BusySeason("春耕", "村(社区)干部", day(4, 1), day(4, 30));
        BusySeason congress = new BusySeason("两会", null, day(3, 1), day(3, 15));
        // village class 28 March - 3 April: 3 days in 春耕 (1-3 April); county class 14-18 March: 2 days in 两会 (14, 15)
        verifier.verifyThat(ScheduleConstraints::busySeason)
                .given(spring, congress, c(1, day(3, 28), 7, "村(社区)干部", List.of(), null),
                        c(2, day(3, 14), 5, "县处级领导干部", List.of(), null), c(3, day(4, 10), 5, "县处级领导干部", List.of(), null))
                .penalizesBy(5);
    }

    @Test
    void aClassMustEndByTheYearsEnd() {
        // 29 December + 5 days = 29, 30, 31 December, 1, 2 January: 2 days past
        verifier.verifyThat(ScheduleConstraints::pastYearEnd)
                .given(c(1, day(12, 29), 5, "甲", List.of(), null), c(2, day(12, 27), 5, "乙", List.of(), null))
                .penalizesBy(2);
    }

    @Test
    void classesSpreadOverTheYearCostTheSquaresOfEachMonthsCount() {
        // three in March and one in May: 3² + 1² = 10; spread as two and two it would be 8
        verifier.verifyThat(ScheduleConstraints::spread)
                .given(c(1, day(3, 1), 1, "a", List.of(), null), c(2, day(3, 8), 1, "b", List.of(), null),
                        c(3, day(3, 15), 1, "c", List.of(), null), c(4, day(5, 3), 1, "d", List.of(), null))
                .penalizesBy(10);
    }

    @Test
    void aUnitSendingMoreThanItsShareInOneWeekCostsTenPerPersonOver() {
        UnitCapacity town = new UnitCapacity(100, "甲镇", 12);
        // week of Monday 1 March: 8 + 7 = 15 away, 3 over the 12 allowed: 30; the class of the next week is alone (8)
        ClassToPlace a = new ClassToPlace(1L, "a", 2, "g1", List.of(), null, 100L, 8, YEAR_END, false, day(3, 1));
        ClassToPlace b = new ClassToPlace(2L, "b", 2, "g2", List.of(), null, 100L, 7, YEAR_END, false, day(3, 4));
        ClassToPlace next = new ClassToPlace(3L, "c", 2, "g3", List.of(), null, 100L, 8, YEAR_END, false, day(3, 8));
        verifier.verifyThat(ScheduleConstraints::unitShare).given(town, a, b, next).penalizesBy(30);
    }

    @Test
    void anInstructorsUnpreferredStartDayCostsFive() {
        InstructorPreference wang = new InstructorPreference(7, "王老师", Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY));
        // 1 March 2027 is a Monday (preferred), 3 March a Wednesday (not)
        verifier.verifyThat(ScheduleConstraints::preferredDays)
                .given(wang, c(1, day(3, 1), 1, "a", List.of(7L), null), c(2, day(3, 3), 1, "b", List.of(7L), null),
                        c(3, day(3, 3), 1, "c", List.of(8L), null))
                .penalizesBy(5);
    }
}
