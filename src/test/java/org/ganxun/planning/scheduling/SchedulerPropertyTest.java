package org.ganxun.planning.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.ganxun.planning.internal.scheduling.Scheduler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On random problems that have room (no more classes of a group than fit in its free weeks), the proposal never
 * breaks a hard rule, pinned classes keep their dates, and every reported cost adds up to the score. The checks of the
 * hard rules are written here again from the rules' words, not taken from the constraint code. A seeded loop (each
 * seed draws the class count, lengths, groups, instructors, venues and units), so a failure is replayed by its seed.
 */
class SchedulerPropertyTest {

    static final int YEAR = 2027;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2026, 31337, 271828, 314159, 999983})
    void aRoomyRandomProblemGetsAProposalWithoutAHardViolation(long seed) {
        Random r = new Random(seed);
        int classCount = 5 + r.nextInt(26);
        List<Scheduler.ClassInput> classes = new ArrayList<>();
        String[] groups = {"县处级领导干部", "乡科级领导干部", "年轻干部", "村(社区)干部", "党员"};
        String[] venues = {"党校报告厅", "党校一教", "行政中心会议室"};
        for (int i = 0; i < classCount; i++) {
            LocalDate pinned = i == 0 ? LocalDate.of(YEAR, 6, 7) : null;
            classes.add(new Scheduler.ClassInput((long) i + 1, "班" + (i + 1), 1 + r.nextInt(7), groups[r.nextInt(groups.length)],
                    List.of((long) r.nextInt(6), (long) r.nextInt(6)), r.nextInt(4) == 0 ? null : venues[r.nextInt(venues.length)],
                    (long) r.nextInt(4), 5 + r.nextInt(40), pinned));
        }
        List<Scheduler.SeasonInput> seasons = List.of(
                new Scheduler.SeasonInput("两会", null, LocalDate.of(YEAR, 3, 1), LocalDate.of(YEAR, 3, 15)),
                new Scheduler.SeasonInput("春耕", "村(社区)干部", LocalDate.of(YEAR, 4, 1), LocalDate.of(YEAR, 5, 15)),
                new Scheduler.SeasonInput("防汛", "乡科级领导干部", LocalDate.of(YEAR, 7, 1), LocalDate.of(YEAR, 8, 31)),
                new Scheduler.SeasonInput("年终", null, LocalDate.of(YEAR, 12, 15), LocalDate.of(YEAR, 12, 31)));
        List<Scheduler.UnitInput> units = List.of(new Scheduler.UnitInput(0, "甲", 100), new Scheduler.UnitInput(1, "乙", 50));
        List<Scheduler.PreferenceInput> prefs = List.of(new Scheduler.PreferenceInput(1, "王", Set.of(DayOfWeek.MONDAY)));
        Scheduler.Proposal p = Scheduler.solve(new Scheduler.Problem(YEAR, classes, seasons, units, prefs, 0.2, 2, seed));

        assertThat(p.unmet()).isEmpty();
        assertThat(p.solver().feasible()).isTrue();
        assertThat(p.placements()).hasSize(classCount);
        for (Scheduler.Placement a : p.placements()) {
            Scheduler.ClassInput in = classes.get((int) a.id() - 1);
            assertThat(a.endsOn()).isEqualTo(a.startsOn().plusDays(in.lengthDays() - 1L));
            assertThat(a.endsOn().getYear()).isEqualTo(YEAR);
            if (in.pinnedStart() != null) {
                assertThat(a.startsOn()).isEqualTo(in.pinnedStart());
            }
            for (Scheduler.SeasonInput s : seasons) {
                boolean concerns = s.group() == null || s.group().equals(in.traineeGroup());
                boolean overlaps = !a.startsOn().isAfter(s.to()) && !s.from().isAfter(a.endsOn());
                assertThat(concerns && overlaps).as("%s in %s", a.name(), s.name()).isFalse();
            }
            for (Scheduler.Placement b : p.placements()) {
                if (a.id() >= b.id()) {
                    continue;
                }
                boolean overlaps = !a.startsOn().isAfter(b.endsOn()) && !b.startsOn().isAfter(a.endsOn());
                if (!overlaps) {
                    continue;
                }
                assertThat(a.instructorIds()).as("%s and %s share an instructor", a.name(), b.name()).doesNotContainAnyElementsOf(b.instructorIds());
                if (a.venue() != null) {
                    assertThat(a.venue()).as("%s and %s share a venue", a.name(), b.name()).isNotEqualTo(b.venue());
                }
                assertThat(a.traineeGroup()).as("%s and %s share a group", a.name(), b.name()).isNotEqualTo(b.traineeGroup());
            }
        }
        assertThat(p.solver().costs().stream().filter(c -> !c.hard()).mapToLong(Scheduler.Cost::score).sum())
                .isEqualTo(p.solver().softScore());
    }
}
