package org.ganxun.planning.internal.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import ai.timefold.solver.core.api.score.analysis.ConstraintAnalysis;
import ai.timefold.solver.core.api.score.analysis.MatchAnalysis;
import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.score.stream.DefaultConstraintJustification;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import org.ganxun.platform.web.BusinessException;

/**
 * Proposes dates for a year's classes with Timefold Solver ({@link ScheduleConstraints}), beside a greedy
 * earliest-fit baseline computed on the same problem, with each constraint's cost in both. Pinned classes keep their
 * dates. When no feasible proposal is found, says which hard constraints are broken and by which classes; a class
 * that cannot avoid its busy seasons anywhere in the year is named before solving.
 *
 * <p>Pure: the problem comes in as data ({@link Problem}), so the same code serves the API (the year's draft classes)
 * and the tests.
 */
public final class Scheduler {

    public static final int MAX_CLASSES = 1000;
    public static final int MAX_LENGTH_DAYS = 60;
    public static final int MAX_SECONDS = 60;
    static final int MAX_EXAMPLES = 10;

    public record ClassInput(Long id, String name, int lengthDays, String traineeGroup, List<Long> instructorIds, String venue,
                             Long unitId, int seats, LocalDate pinnedStart) {
    }

    public record SeasonInput(String name, String group, LocalDate from, LocalDate to) {
    }

    public record UnitInput(long unitId, String name, int staff) {
    }

    public record PreferenceInput(long instructorId, String name, Set<DayOfWeek> days) {
    }

    /**
     * A year's classes to place. {@code maxUnitShare}: the share of a unit's staff that may be away in classes starting
     * in one week (e.g. 0.1). {@code seconds}: how long the solver may search. {@code seed}: for a reproducible run.
     */
    public record Problem(int year, List<ClassInput> classes, List<SeasonInput> seasons, List<UnitInput> units,
                          List<PreferenceInput> preferences, double maxUnitShare, int seconds, Long seed) {
    }

    public record Placement(long id, String name, LocalDate startsOn, LocalDate endsOn, boolean pinned, String traineeGroup,
                            String venue, List<Long> instructorIds) {
    }

    /** One constraint's cost in a placement: its score, how many matches, and a few of them in words. */
    public record Cost(String constraint, String label, boolean hard, long score, long matches, List<String> examples) {
    }

    public record Evaluation(long hardScore, long softScore, boolean feasible, List<Cost> costs) {
    }

    /**
     * The proposal, its evaluation, the baseline's, how long the search took and when it first reached a feasible
     * placement (null if never), and what cannot be met (empty when feasible).
     */
    public record Proposal(List<Placement> placements, Evaluation solver, Evaluation greedy, long millis, Long firstFeasibleMillis,
                           List<String> unmet) {
    }

    private Scheduler() {
    }

    public static Proposal solve(Problem p) {
        validate(p);
        Duration limit = Duration.ofSeconds(p.seconds());
        SolverConfig config = new SolverConfig()
                .withSolutionClass(Schedule.class)
                .withEntityClasses(ClassToPlace.class)
                .withConstraintProviderClass(ScheduleConstraints.class)
                .withTerminationConfig(new TerminationConfig().withSpentLimit(limit)
                        .withUnimprovedSpentLimit(Duration.ofSeconds(Math.max(1, Math.min(p.seconds(), 5)))));
        if (p.seed() != null) {
            config.setRandomSeed(p.seed());
        }
        SolverFactory<Schedule> factory = SolverFactory.create(config);
        SolutionManager<Schedule, HardSoftLongScore> manager = SolutionManager.create(factory);

        Schedule greedy = greedy(build(p));
        Evaluation greedyEval = evaluate(manager, greedy);

        List<String> unmet = new ArrayList<>(unplaceable(p));
        Schedule problem = build(p);
        Solver<Schedule> solver = factory.buildSolver();
        long started = System.nanoTime();
        AtomicLong firstFeasible = new AtomicLong(-1);
        solver.addEventListener(e -> {
            if (e.getNewBestScore().isFeasible() && firstFeasible.get() < 0) {
                firstFeasible.set((System.nanoTime() - started) / 1_000_000);
            }
        });
        Schedule best = solver.solve(problem);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Evaluation eval = evaluate(manager, best);
        if (!eval.feasible()) {
            for (Cost c : eval.costs()) {
                if (c.hard() && c.score() < 0) {
                    unmet.add("无法满足“" + c.label() + "”：" + c.matches() + "处，如 " + String.join("；", c.examples()));
                }
            }
        }
        long unplaced = best.getClasses().stream().filter(c -> c.getStartDay() == null).count();
        if (unplaced > 0) {
            // the time limit ran out before every class had a date (a busy machine): say so rather than fail
            unmet.add(unplaced + "个班次在求解时限内未排定日期，请稍后重新求解");
            eval = new Evaluation(eval.hardScore(), eval.softScore(), false, eval.costs());
        }
        List<Placement> placements = best.getClasses().stream()
                .sorted(Comparator.comparing(ClassToPlace::getStartDay, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(ClassToPlace::getId))
                .map(c -> new Placement(c.getId(), c.getName(), c.startsOn(), c.endsOn(), c.isPinned(), c.getTraineeGroup(),
                        c.getVenue(), c.getInstructorIds()))
                .toList();
        return new Proposal(placements, eval, greedyEval, millis, firstFeasible.get() < 0 ? null : firstFeasible.get(), unmet);
    }

    static void validate(Problem p) {
        if (p.classes() == null || p.classes().isEmpty()) {
            throw new BusinessException("没有需要排期的班次");
        }
        if (p.classes().size() > MAX_CLASSES) {
            throw new BusinessException("一次最多排期" + MAX_CLASSES + "个班次");
        }
        if (p.seconds() < 1 || p.seconds() > MAX_SECONDS) {
            throw new BusinessException("求解时间应在1至" + MAX_SECONDS + "秒之间");
        }
        if (p.maxUnitShare() <= 0 || p.maxUnitShare() > 1) {
            throw new BusinessException("单位同时外出参训人数比例应大于0、不超过100%");
        }
        Set<Long> ids = new java.util.HashSet<>();
        for (ClassInput c : p.classes()) {
            if (c.id() == null || !ids.add(c.id())) {
                throw new BusinessException("班次编号缺失或重复：" + c.name());
            }
            if (c.lengthDays() < 1 || c.lengthDays() > MAX_LENGTH_DAYS) {
                throw new BusinessException("班次“" + c.name() + "”的天数应在1至" + MAX_LENGTH_DAYS + "天之间");
            }
            if (c.pinnedStart() != null && c.pinnedStart().getYear() != p.year()) {
                throw new BusinessException("班次“" + c.name() + "”固定的开班日期不在" + p.year() + "年");
            }
        }
    }

    /** The problem as the solver sees it: weekday starts of the year (plus any pinned start), every class unplaced unless pinned. */
    static Schedule build(Problem p) {
        LocalDate first = LocalDate.of(p.year(), 1, 1);
        LocalDate last = LocalDate.of(p.year(), 12, 31);
        TreeSet<Integer> starts = new TreeSet<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                starts.add((int) d.toEpochDay());
            }
        }
        int lastDay = (int) last.toEpochDay();
        List<ClassToPlace> classes = new ArrayList<>();
        for (ClassInput c : p.classes()) {
            Integer pinned = c.pinnedStart() == null ? null : (int) c.pinnedStart().toEpochDay();
            if (pinned != null) {
                starts.add(pinned);
            }
            classes.add(new ClassToPlace(c.id(), c.name(), c.lengthDays(), blankToNull(c.traineeGroup()),
                    c.instructorIds() == null ? List.of() : c.instructorIds(), blankToNull(c.venue()), c.unitId(), Math.max(0, c.seats()),
                    lastDay, pinned != null, pinned));
        }
        List<BusySeason> seasons = p.seasons() == null ? List.of() : p.seasons().stream()
                .map(s -> new BusySeason(s.name(), blankToNull(s.group()), (int) s.from().toEpochDay(), (int) s.to().toEpochDay())).toList();
        List<UnitCapacity> units = p.units() == null ? List.of() : p.units().stream()
                .map(u -> new UnitCapacity(u.unitId(), u.name(), Math.max(1, (int) Math.floor(u.staff() * p.maxUnitShare())))).toList();
        List<InstructorPreference> prefs = p.preferences() == null ? List.of() : p.preferences().stream()
                .map(x -> new InstructorPreference(x.instructorId(), x.name(), Set.copyOf(x.days()))).toList();
        return new Schedule(new ArrayList<>(starts), seasons, units, prefs, classes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Classes that fit nowhere in the year outside their busy seasons: no solver can place them. */
    static List<String> unplaceable(Problem p) {
        Schedule s = build(p);
        List<String> out = new ArrayList<>();
        for (ClassToPlace c : s.getClasses()) {
            if (c.isPinned()) {
                continue;
            }
            boolean fits = s.getStartDays().stream().anyMatch(d -> d + c.getLengthDays() - 1 <= c.getLastDay()
                    && s.getSeasons().stream().noneMatch(x -> x.concerns(c.getTraineeGroup()) && d < x.toExclusive() && x.fromDay() < d + c.getLengthDays()));
            if (!fits) {
                out.add("班次“" + c.getName() + "”（" + c.getLengthDays() + "天）在" + p.year() + "年找不到避开“"
                        + (c.getTraineeGroup() == null ? "全体" : c.getTraineeGroup()) + "”忙时的连续日期");
            }
        }
        return out;
    }

    /** Earliest fit: longest classes first, each at the first weekday start that breaks no hard rule with those placed. */
    static Schedule greedy(Schedule s) {
        List<ClassToPlace> placed = new ArrayList<>();
        s.getClasses().stream().filter(ClassToPlace::isPinned).forEach(placed::add);
        List<ClassToPlace> order = s.getClasses().stream().filter(c -> !c.isPinned())
                .sorted(Comparator.comparingInt(ClassToPlace::getLengthDays).reversed()
                        .thenComparing(c -> -c.getInstructorIds().size()).thenComparing(ClassToPlace::getId))
                .toList();
        for (ClassToPlace c : order) {
            Integer chosen = null;
            for (int d : s.getStartDays()) {
                c.setStartDay(d);
                if (fitsHard(c, placed, s.getSeasons())) {
                    chosen = d;
                    break;
                }
            }
            c.setStartDay(chosen != null ? chosen : s.getStartDays().get(0));
            placed.add(c);
        }
        return s;
    }

    private static boolean fitsHard(ClassToPlace c, List<ClassToPlace> placed, List<BusySeason> seasons) {
        if (c.daysPastYearEnd() > 0) {
            return false;
        }
        for (BusySeason x : seasons) {
            if (x.concerns(c.getTraineeGroup()) && c.getStartDay() < x.toExclusive() && x.fromDay() < c.endExclusive()) {
                return false;
            }
        }
        for (ClassToPlace o : placed) {
            if (c.overlapDays(o) > 0 && (c.sharesInstructorWith(o)
                    || (c.getVenue() != null && c.getVenue().equals(o.getVenue()))
                    || (c.getTraineeGroup() != null && c.getTraineeGroup().equals(o.getTraineeGroup())))) {
                return false;
            }
        }
        return true;
    }

    static Evaluation evaluate(SolutionManager<Schedule, HardSoftLongScore> manager, Schedule s) {
        ScoreAnalysis<HardSoftLongScore> analysis = manager.analyze(s);
        List<Cost> costs = new ArrayList<>();
        for (Map.Entry<?, ConstraintAnalysis<HardSoftLongScore>> e : analysis.constraintMap().entrySet()) {
            ConstraintAnalysis<HardSoftLongScore> ca = e.getValue();
            String name = ca.constraintRef().constraintName();
            HardSoftLongScore score = ca.score();
            boolean hard = List.of(ScheduleConstraints.INSTRUCTOR_CLASH, ScheduleConstraints.VENUE_CLASH, ScheduleConstraints.GROUP_CLASH,
                    ScheduleConstraints.BUSY_SEASON, ScheduleConstraints.PAST_YEAR_END).contains(name);
            List<String> examples = ca.matches() == null ? List.of() : ca.matches().stream().limit(MAX_EXAMPLES)
                    .map(Scheduler::describe).toList();
            costs.add(new Cost(name, ScheduleConstraints.LABELS.getOrDefault(name, name), hard,
                    hard ? score.hardScore() : score.softScore(), ca.matchCount(), examples));
        }
        costs.sort(Comparator.comparing((Cost c) -> !c.hard()).thenComparing(Cost::constraint));
        HardSoftLongScore total = analysis.score();
        return new Evaluation(total.hardScore(), total.softScore(), total.isFeasible(), costs);
    }

    private static String describe(MatchAnalysis<HardSoftLongScore> m) {
        if (m.justification() instanceof DefaultConstraintJustification j) {
            String facts = j.getFacts().stream().map(o -> {
                if (o instanceof ClassToPlace c) {
                    return "“" + c.getName() + "”" + c.startsOn() + "起" + c.getLengthDays() + "天";
                }
                return String.valueOf(o);
            }).collect(Collectors.joining("、"));
            long impact = m.score().hardScore() != 0 ? m.score().hardScore() : m.score().softScore();
            return facts + "（" + impact + "）";
        }
        return String.valueOf(m.justification());
    }
}
