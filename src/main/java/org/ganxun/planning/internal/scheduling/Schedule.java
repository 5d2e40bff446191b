package org.ganxun.planning.internal.scheduling;

import java.util.List;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

/** One year's classes to place, the facts that constrain them, and the score of the current placement. */
@PlanningSolution
public class Schedule {

    @ValueRangeProvider(id = "startDays")
    @ProblemFactCollectionProperty
    private List<Integer> startDays;
    @ProblemFactCollectionProperty
    private List<BusySeason> seasons;
    @ProblemFactCollectionProperty
    private List<UnitCapacity> units;
    @ProblemFactCollectionProperty
    private List<InstructorPreference> preferences;
    @PlanningEntityCollectionProperty
    private List<ClassToPlace> classes;
    @PlanningScore
    private HardSoftLongScore score;

    public Schedule() {
    }

    public Schedule(List<Integer> startDays, List<BusySeason> seasons, List<UnitCapacity> units,
                    List<InstructorPreference> preferences, List<ClassToPlace> classes) {
        this.startDays = startDays;
        this.seasons = seasons;
        this.units = units;
        this.preferences = preferences;
        this.classes = classes;
    }

    public List<Integer> getStartDays() {
        return startDays;
    }

    public List<BusySeason> getSeasons() {
        return seasons;
    }

    public List<UnitCapacity> getUnits() {
        return units;
    }

    public List<InstructorPreference> getPreferences() {
        return preferences;
    }

    public List<ClassToPlace> getClasses() {
        return classes;
    }

    public HardSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardSoftLongScore score) {
        this.score = score;
    }
}
