package org.ganxun.planning.internal.scheduling;

import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.count;
import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.sum;

import java.util.Map;

import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;

/**
 * The scheduler's rules. Hard (a proposal with any is not feasible), each penalised per day of conflict: no instructor
 * in two classes at once; no venue holding two classes at once; no trainee group in two classes at once; no class in a
 * busy season of its group; no class past the year's end. Soft: classes spread over the year (the square of each
 * month's count of starting classes, so a crowded month costs more than two half-full ones); no unit sending more than
 * its allowed share of staff in classes starting in one week (10 per person over, 工学矛盾); instructors' preferred days
 * (5 per class starting on a day one of its instructors would rather not).
 */
public class ScheduleConstraints implements ConstraintProvider {

    public static final String INSTRUCTOR_CLASH = "instructorClash";
    public static final String VENUE_CLASH = "venueClash";
    public static final String GROUP_CLASH = "traineeGroupClash";
    public static final String BUSY_SEASON = "busySeason";
    public static final String PAST_YEAR_END = "pastYearEnd";
    public static final String SPREAD = "spreadOverTheYear";
    public static final String UNIT_SHARE = "unitStaffAway";
    public static final String PREFERRED_DAYS = "instructorPreferredDays";

    static final int UNIT_SHARE_WEIGHT = 10;
    static final int PREFERRED_DAY_WEIGHT = 5;

    /** Each constraint's words for the user: what it says and what one unit of its cost is. */
    public static final Map<String, String> LABELS = Map.of(
            INSTRUCTOR_CLASH, "同一教师同时段授课（每重叠1天计1）",
            VENUE_CLASH, "同一场地同时段办班（每重叠1天计1）",
            GROUP_CLASH, "同一培训对象同时参加两个班（每重叠1天计1）",
            BUSY_SEASON, "培训对象的忙时（春耕、防汛、两会、年终等）办班（每天计1）",
            PAST_YEAR_END, "班次超出本年度（每天计1）",
            SPREAD, "全年均衡：每月开班数的平方之和",
            UNIT_SHARE, "工学矛盾：单位同一周开班的参训人数超过允许比例（每超1人计" + UNIT_SHARE_WEIGHT + "）",
            PREFERRED_DAYS, "教师偏好：开班日不是授课教师希望的日子（每班每位教师计" + PREFERRED_DAY_WEIGHT + "）");

    @Override
    public Constraint[] defineConstraints(ConstraintFactory f) {
        return new Constraint[]{instructorClash(f), venueClash(f), groupClash(f), busySeason(f), pastYearEnd(f),
                spread(f), unitShare(f), preferredDays(f)};
    }

    Constraint instructorClash(ConstraintFactory f) {
        return f.forEachUniquePair(ClassToPlace.class,
                        Joiners.overlapping(ClassToPlace::getStartDay, ClassToPlace::endExclusive))
                .filter(ClassToPlace::sharesInstructorWith)
                .penalizeLong(HardSoftLongScore.ONE_HARD, ClassToPlace::overlapDays)
                .asConstraint(INSTRUCTOR_CLASH);
    }

    Constraint venueClash(ConstraintFactory f) {
        return f.forEachUniquePair(ClassToPlace.class, Joiners.equal(ClassToPlace::getVenue),
                        Joiners.overlapping(ClassToPlace::getStartDay, ClassToPlace::endExclusive))
                .filter((a, b) -> a.getVenue() != null)
                .penalizeLong(HardSoftLongScore.ONE_HARD, ClassToPlace::overlapDays)
                .asConstraint(VENUE_CLASH);
    }

    Constraint groupClash(ConstraintFactory f) {
        return f.forEachUniquePair(ClassToPlace.class, Joiners.equal(ClassToPlace::getTraineeGroup),
                        Joiners.overlapping(ClassToPlace::getStartDay, ClassToPlace::endExclusive))
                .filter((a, b) -> a.getTraineeGroup() != null)
                .penalizeLong(HardSoftLongScore.ONE_HARD, ClassToPlace::overlapDays)
                .asConstraint(GROUP_CLASH);
    }

    Constraint busySeason(ConstraintFactory f) {
        return f.forEach(ClassToPlace.class)
                .join(BusySeason.class, Joiners.overlapping(ClassToPlace::getStartDay, ClassToPlace::endExclusive,
                        BusySeason::fromDay, BusySeason::toExclusive))
                .filter((c, s) -> s.concerns(c.getTraineeGroup()))
                .penalizeLong(HardSoftLongScore.ONE_HARD,
                        (c, s) -> Math.min(c.endExclusive(), s.toExclusive()) - Math.max(c.getStartDay(), s.fromDay()))
                .asConstraint(BUSY_SEASON);
    }

    Constraint pastYearEnd(ConstraintFactory f) {
        return f.forEach(ClassToPlace.class)
                .filter(c -> c.daysPastYearEnd() > 0)
                .penalizeLong(HardSoftLongScore.ONE_HARD, ClassToPlace::daysPastYearEnd)
                .asConstraint(PAST_YEAR_END);
    }

    Constraint spread(ConstraintFactory f) {
        return f.forEach(ClassToPlace.class)
                .groupBy(ClassToPlace::monthOfStart, count())
                .penalizeLong(HardSoftLongScore.ONE_SOFT, (month, n) -> (long) n * n)
                .asConstraint(SPREAD);
    }

    Constraint unitShare(ConstraintFactory f) {
        return f.forEach(ClassToPlace.class)
                .filter(c -> c.getUnitId() != null)
                .groupBy(ClassToPlace::getUnitId, ClassToPlace::weekOfStart, sum(ClassToPlace::getSeats))
                .join(UnitCapacity.class, Joiners.equal((unit, week, seats) -> unit, UnitCapacity::unitId))
                .filter((unit, week, seats, cap) -> seats > cap.maxAwayPerWeek())
                .penalizeLong(HardSoftLongScore.ONE_SOFT, (unit, week, seats, cap) -> (long) UNIT_SHARE_WEIGHT * (seats - cap.maxAwayPerWeek()))
                .asConstraint(UNIT_SHARE);
    }

    Constraint preferredDays(ConstraintFactory f) {
        return f.forEach(ClassToPlace.class)
                .join(InstructorPreference.class, Joiners.filtering((c, p) -> c.getInstructorIds().contains(p.instructorId())))
                .filter((c, p) -> !p.preferredDays().contains(c.startDayOfWeek()))
                .penalizeLong(HardSoftLongScore.ONE_SOFT, (c, p) -> PREFERRED_DAY_WEIGHT)
                .asConstraint(PREFERRED_DAYS);
    }
}
