package org.ganxun.planning.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.ganxun.planning.internal.scheduling.Scheduler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A county's year: 200 classes (1–10 days; a third with two instructors), 40 instructors, 10 venues, 12 trainee groups,
 * 30 sending units, four busy seasons (两会, 春耕, 防汛, 年终) and a preferred-days wish for a quarter of the instructors.
 * Prints when the solver first held a proposal without a hard violation, its final soft score and each constraint's
 * cost, beside a greedy earliest-fit baseline on the same problem in the same run.
 * Run: ./mvnw -Pbench -Dskip.web=true test -Dtest=SchedulerBenchmark (-Dbench.seconds=30).
 */
@Tag("benchmark")
class SchedulerBenchmark {

    static final int YEAR = 2027;

    static Scheduler.Problem county(int seconds, long seed) {
        Random r = new Random(seed);
        String[] groups = {"县处级领导干部", "乡科级领导干部", "乡科级非领导", "科员", "年轻干部", "村(社区)干部", "党员",
                "教师", "医务人员", "执法人员", "选调生", "新录用公务员"};
        List<Scheduler.ClassInput> classes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int length = 1 + r.nextInt(r.nextInt(4) == 0 ? 10 : 5);
            List<Long> instructors = r.nextInt(3) == 0 ? List.of((long) r.nextInt(40), (long) r.nextInt(40)) : List.of((long) r.nextInt(40));
            classes.add(new Scheduler.ClassInput((long) i + 1, "班" + (i + 1), length, groups[r.nextInt(groups.length)], instructors,
                    "场地" + r.nextInt(10), (long) r.nextInt(30), 20 + r.nextInt(60), null));
        }
        List<Scheduler.SeasonInput> seasons = List.of(
                new Scheduler.SeasonInput("两会", null, LocalDate.of(YEAR, 3, 1), LocalDate.of(YEAR, 3, 15)),
                new Scheduler.SeasonInput("春耕", "村(社区)干部", LocalDate.of(YEAR, 4, 1), LocalDate.of(YEAR, 5, 15)),
                new Scheduler.SeasonInput("防汛", "乡科级领导干部", LocalDate.of(YEAR, 6, 15), LocalDate.of(YEAR, 8, 31)),
                new Scheduler.SeasonInput("年终", null, LocalDate.of(YEAR, 12, 20), LocalDate.of(YEAR, 12, 31)));
        List<Scheduler.UnitInput> units = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            units.add(new Scheduler.UnitInput(u, "单位" + u, 200 + r.nextInt(800)));
        }
        List<Scheduler.PreferenceInput> prefs = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            prefs.add(new Scheduler.PreferenceInput(t * 4L, "教师" + t * 4, Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY)));
        }
        return new Scheduler.Problem(YEAR, classes, seasons, units, prefs, 0.1, seconds, seed);
    }

    @Test
    void twoHundredClassesInAYear() {
        int seconds = Integer.getInteger("bench.seconds", 30);
        Scheduler.Proposal p = Scheduler.solve(county(seconds, 2027));
        System.out.printf("%n=== scheduler: 200 classes, 40 instructors, 10 venues, 12 months (limit %d s) ===%n", seconds);
        System.out.printf("solver: first feasible after %s ms, stopped after %d ms; hard %d, soft %d%n",
                p.firstFeasibleMillis(), p.millis(), p.solver().hardScore(), p.solver().softScore());
        System.out.printf("greedy earliest fit: hard %d, soft %d%n", p.greedy().hardScore(), p.greedy().softScore());
        System.out.println("| constraint | solver | greedy |");
        for (Scheduler.Cost c : p.solver().costs()) {
            long g = p.greedy().costs().stream().filter(x -> x.constraint().equals(c.constraint())).mapToLong(Scheduler.Cost::score).sum();
            System.out.printf("| %s | %d (%d) | %d |%n", c.constraint(), c.score(), c.matches(), g);
        }
        assertThat(p.solver().feasible()).isTrue();
        assertThat(p.firstFeasibleMillis()).isLessThan(30_000L);
    }
}
