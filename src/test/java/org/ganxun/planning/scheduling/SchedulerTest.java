package org.ganxun.planning.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.planning.internal.scheduling.ScheduleConstraints;
import org.ganxun.planning.internal.scheduling.Scheduler;
import org.ganxun.platform.web.BusinessException;
import org.junit.jupiter.api.Test;

/** What the user is told: infeasible problems name the rule and the classes, pins are kept, the baseline is beside. */
class SchedulerTest {

    static final int YEAR = 2027;

    static Scheduler.ClassInput c(long id, int days, String group, List<Long> instructors, LocalDate pinned) {
        return new Scheduler.ClassInput(id, "班" + id, days, group, instructors, null, null, 10, pinned);
    }

    static Scheduler.Problem problem(List<Scheduler.ClassInput> classes, List<Scheduler.SeasonInput> seasons) {
        return new Scheduler.Problem(YEAR, classes, seasons, List.of(), List.of(), 0.1, 2, 42L);
    }

    @Test
    void aClassThatCannotAvoidItsBusySeasonIsNamedBeforeSolving() {
        // the village cadres are busy all year but December; a 40-day class cannot fit in December's 31 days
        List<Scheduler.SeasonInput> busy = List.of(new Scheduler.SeasonInput("农忙", "村(社区)干部", LocalDate.of(YEAR, 1, 1), LocalDate.of(YEAR, 11, 30)));
        Scheduler.Proposal p = Scheduler.solve(problem(List.of(c(1, 40, "村(社区)干部", List.of(), null), c(2, 3, "党员", List.of(), null)), busy));
        assertThat(p.solver().feasible()).isFalse();
        assertThat(p.unmet()).anySatisfy(m -> assertThat(m).contains("班1").contains("村(社区)干部").contains("忙时"));
        assertThat(p.unmet()).anySatisfy(m -> assertThat(m).contains("无法满足").contains("忙时"));
    }

    @Test
    void twoPinnedClassesOfOneInstructorAtOnceAreReportedWithTheirNames() {
        LocalDate d = LocalDate.of(YEAR, 9, 6);
        Scheduler.Proposal p = Scheduler.solve(problem(List.of(c(1, 3, "甲", List.of(7L), d), c(2, 3, "乙", List.of(7L), d.plusDays(1)),
                c(3, 2, "丙", List.of(7L), null)), List.of()));
        assertThat(p.solver().feasible()).isFalse();
        assertThat(p.solver().hardScore()).isEqualTo(-2); // 7 and 8 September shared
        assertThat(p.unmet()).singleElement().satisfies(m -> assertThat(m).contains("同一教师").contains("班1").contains("班2"));
        assertThat(p.placements()).filteredOn(x -> x.id() == 1).singleElement().satisfies(x -> assertThat(x.startsOn()).isEqualTo(d));
        // the unpinned class of the same instructor was put where it clashes with neither
        Scheduler.Placement third = p.placements().stream().filter(x -> x.id() == 3).findFirst().orElseThrow();
        assertThat(third.endsOn().isBefore(d) || third.startsOn().isAfter(d.plusDays(3))).isTrue();
    }

    @Test
    void theProposalIsNoWorseThanTheGreedyBaselineAndEveryCostIsExplained() {
        List<Scheduler.ClassInput> classes = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            classes.add(c(i, 1 + i % 5, "组" + (i % 4), List.of((long) (i % 6)), null));
        }
        Scheduler.Proposal p = Scheduler.solve(problem(classes, List.of()));
        assertThat(p.solver().feasible()).isTrue();
        assertThat(p.greedy().feasible()).isTrue();
        assertThat(p.solver().softScore()).isGreaterThanOrEqualTo(p.greedy().softScore());
        assertThat(p.solver().costs()).extracting(Scheduler.Cost::constraint).contains(ScheduleConstraints.SPREAD, ScheduleConstraints.INSTRUCTOR_CLASH);
        assertThat(p.solver().costs()).allSatisfy(cost -> assertThat(cost.label()).isNotBlank());
        // greedy puts everything as early as it can: January is crowded, so its spread cost is far above the solver's
        assertThat(p.greedy().costs()).filteredOn(x -> x.constraint().equals(ScheduleConstraints.SPREAD)).singleElement()
                .satisfies(x -> assertThat(x.score()).isLessThan(p.solver().softScore()));
    }

    @Test
    void absurdProblemsAreRefusedInWords() {
        assertThatThrownBy(() -> Scheduler.solve(problem(List.of(c(1, 0, "甲", List.of(), null)), List.of())))
                .isInstanceOf(BusinessException.class).hasMessageContaining("天数");
        assertThatThrownBy(() -> Scheduler.solve(problem(List.of(c(1, 2, "甲", List.of(), LocalDate.of(YEAR + 1, 1, 5))), List.of())))
                .isInstanceOf(BusinessException.class).hasMessageContaining("不在" + YEAR);
        assertThatThrownBy(() -> Scheduler.solve(new Scheduler.Problem(YEAR, List.of(c(1, 2, "甲", List.of(), null)), List.of(), List.of(),
                List.of(), 0.1, 3600, null))).isInstanceOf(BusinessException.class).hasMessageContaining("求解时间");
    }
}
