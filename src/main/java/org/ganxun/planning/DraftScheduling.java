package org.ganxun.planning;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.planning.internal.scheduling.Scheduler;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.training.ClassCalendar;
import org.ganxun.training.ClassStatus;
import org.ganxun.training.TrainingClassView;
import org.ganxun.training.TrainingClasses;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The scheduler over a year's draft classes (草稿) that the user may see: each class's length is its current dates' span,
 * its trainee group the labels of its target rank levels and staff categories, its instructors those of its sessions,
 * its venue the class's, its unit the filing unit (whose active cadres make the staff of the 工学矛盾 rule). The busy
 * seasons, the unit share and the instructors' preferred days are the jurisdiction's stored settings unless the run
 * says otherwise. The user pins what they keep and solves again; the proposal they accept is written back ({@link #accept}).
 */
@Service
public class DraftScheduling {

    /** Default busy seasons (the user may change them): dates in the year planned; group null = everyone. */
    public static final List<SeasonForm> DEFAULT_SEASONS = List.of(
            new SeasonForm("两会", null, "03-01", "03-15"),
            new SeasonForm("春耕", StaffCategory.VILLAGE_CADRE.label(), "04-01", "05-15"),
            new SeasonForm("防汛", RankLevel.TOWNSHIP.label(), "06-15", "08-31"),
            new SeasonForm("年终", null, "12-20", "12-31"));
    static final int MAX_SEASONS = 30;

    private final ClassCalendar calendar;
    private final JdbcClient jdbc;
    private final SchedulingSettings settings;
    private final TrainingClasses classes;
    private final Clock clock;

    DraftScheduling(ClassCalendar calendar, JdbcClient jdbc, SchedulingSettings settings, TrainingClasses classes, Clock clock) {
        this.clock = clock;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.settings = settings;
        this.classes = classes;
    }

    /** A busy season as typed: month-day bounds ("04-01") within the year planned, the group's label or empty for all. */
    public record SeasonForm(@Size(max = 20, message = "时段名称最多{max}个字") String name,
                             @Size(max = 50, message = "对象最多{max}个字") String group,
                             @Size(max = 5, message = "开始日期应为“月-日”，如04-01") String from,
                             @Size(max = 5, message = "结束日期应为“月-日”，如04-01") String to) {
    }

    public record Pin(long classId, LocalDate startsOn) {
    }

    /**
     * {@code seasons} and {@code maxUnitShare} null: the stored settings of the planner's jurisdiction
     * ({@link SchedulingSettings}); the instructors' preferred days always come from there.
     */
    public record Request(Integer year, List<Pin> pins, List<@Valid SeasonForm> seasons, Double maxUnitShare, Integer seconds) {
    }

    /** The proposal the planner accepts: each draft class's new first day (its sessions move with it). */
    public record Accept(Integer year, List<Pin> placements) {
    }

    public record Accepted(List<TrainingClassView> moved, int unchanged) {
    }

    /** Not in a transaction: the reads are short, the search may take a minute and must not hold a connection. */
    public Scheduler.Proposal propose(Request r) {
        int thisYear = Year.now(clock).getValue();
        int year = r.year() == null ? thisYear + 1 : r.year();
        if (year < thisYear || year > thisYear + 2) {
            throw new BusinessException("排期年度应在" + thisYear + "年至" + (thisYear + 2) + "年之间");
        }
        List<ClassCalendar.CalendarClass> drafts = calendar.between(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31),
                        new ClassCalendar.Filter(null, null, null, null, true)).stream()
                .filter(c -> c.status().name().equals("DRAFT")).toList();
        if (drafts.isEmpty()) {
            throw new BusinessException(year + "年没有可排期的草稿班次（班次备案中状态为“草稿”的班次）");
        }
        Map<Long, LocalDate> pins = new HashMap<>();
        for (Pin p : r.pins() == null ? List.<Pin>of() : r.pins()) {
            if (p != null && p.startsOn() != null) {
                pins.put(p.classId(), p.startsOn());
            }
        }
        List<Scheduler.ClassInput> classes = new ArrayList<>();
        for (ClassCalendar.CalendarClass c : drafts) {
            int length = (int) ChronoUnit.DAYS.between(c.startsOn(), c.endsOn()) + 1;
            List<Long> instructors = new ArrayList<>(c.sessions().stream().map(ClassCalendar.CalendarSession::instructorId)
                    .filter(java.util.Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new)));
            classes.add(new Scheduler.ClassInput(c.id(), c.name(), Math.min(length, Scheduler.MAX_LENGTH_DAYS), group(c), instructors,
                    c.venue(), c.filerOrgId(), c.seats(), pins.get(c.id())));
        }
        List<Scheduler.UnitInput> units = new ArrayList<>();
        List<Long> unitIds = drafts.stream().map(ClassCalendar.CalendarClass::filerOrgId).distinct().toList();
        for (Long unit : unitIds) {
            Map<String, Object> row = jdbc.sql(Unscoped.countsOnly() + """
                    select u.name, (select count(*) from cadre_card c join org_unit o on o.id = c.org_id
                                     where o.path like u.path || '%' and c.status = 'ACTIVE') as staff
                      from org_unit u where u.id = ?""").param(unit).query().singleRow();
            units.add(new Scheduler.UnitInput(unit, (String) row.get("name"), ((Number) row.get("staff")).intValue()));
        }
        SchedulingSettings.View kept = settings.effective(CurrentUsers.require().scopeOrgId());
        double share = r.maxUnitShare() == null ? kept.maxUnitShare().doubleValue() : r.maxUnitShare();
        int seconds = r.seconds() == null ? 10 : r.seconds();
        return Scheduler.solve(new Scheduler.Problem(year, classes, seasons(year, r.seasons() == null ? kept.seasons() : r.seasons()), units,
                SchedulingSettings.preferences(kept), share, seconds, 1L));
    }

    /**
     * Writes an accepted proposal back: every listed draft class moves to its new first day, keeping its length, its
     * sessions shifted by as many days (training's {@code reschedule}: only the filer, only drafts). All or nothing.
     */
    @Transactional
    public Accepted accept(Accept a) {
        int thisYear = Year.now(clock).getValue();
        int year = a == null || a.year() == null ? thisYear + 1 : a.year();
        List<Pin> list = a == null || a.placements() == null ? List.of() : a.placements();
        if (list.isEmpty()) {
            throw new BusinessException("没有要采用的排期");
        }
        if (list.size() > 2000) {
            throw new BusinessException("一次最多采用2000个班次的排期");
        }
        List<TrainingClassView> moved = new ArrayList<>();
        int unchanged = 0;
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Pin p = list.get(i);
            String field = "placements[" + i + "].startsOn";
            if (p == null || p.startsOn() == null) {
                throw new BusinessException("请填写开班日期", List.of(new BusinessException.FieldProblem(field, "请填写开班日期")));
            }
            if (p.startsOn().getYear() != year) {
                throw new BusinessException("开班日期须在" + year + "年内", List.of(new BusinessException.FieldProblem(field, "开班日期须在" + year + "年内")));
            }
            if (!seen.add(p.classId())) {
                throw new BusinessException("同一班次只能出现一次", List.of(new BusinessException.FieldProblem("placements[" + i + "].classId", "重复的班次")));
            }
            TrainingClassView before = classes.get(p.classId()); // 404 when not visible
            if (before.status() != ClassStatus.DRAFT) {
                throw BusinessException.conflict("班次“" + before.name() + "”已" + before.statusLabel() + "，只能调整草稿班次的日期");
            }
            if (before.startsOn().equals(p.startsOn())) {
                unchanged++;
                continue;
            }
            moved.add(classes.reschedule(p.classId(), p.startsOn()));
        }
        // each move is audited by training's reschedule (RESCHEDULE, before and after)
        return new Accepted(moved, unchanged);
    }

    static String group(ClassCalendar.CalendarClass c) {
        List<String> parts = new ArrayList<>();
        for (String l : c.targetRankLevels()) {
            parts.add(RankLevel.valueOf(l).label());
        }
        for (String s : c.targetStaffCategories()) {
            parts.add(StaffCategory.valueOf(s).label());
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    static List<Scheduler.SeasonInput> seasons(int year, List<SeasonForm> forms) {
        List<SeasonForm> list = forms == null ? DEFAULT_SEASONS : forms;
        if (list.size() > MAX_SEASONS) {
            throw new BusinessException("忙时最多" + MAX_SEASONS + "段");
        }
        List<Scheduler.SeasonInput> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            SeasonForm s = list.get(i);
            String at = "第" + (i + 1) + "段忙时";
            if (s == null || s.name() == null || s.name().isBlank() || s.name().length() > 20) {
                throw new BusinessException(at + "：请填写名称（最多20个字）");
            }
            LocalDate from = monthDay(year, s.from(), at + "的开始日期");
            LocalDate to = monthDay(year, s.to(), at + "的结束日期");
            if (to.isBefore(from)) {
                throw new BusinessException(at + "：结束日期早于开始日期");
            }
            String group = s.group() == null || s.group().isBlank() ? null : s.group().strip();
            if (group != null && group.length() > 50) {
                throw new BusinessException(at + "：培训对象最多50个字");
            }
            out.add(new Scheduler.SeasonInput(s.name().strip(), group, from, to));
        }
        return out;
    }

    private static LocalDate monthDay(int year, String md, String label) {
        if (md == null || !md.matches("\\d{2}-\\d{2}")) {
            throw new BusinessException(label + "应写作“月-日”，如 04-01");
        }
        try {
            return LocalDate.parse(year + "-" + md);
        } catch (java.time.DateTimeException e) {
            throw new BusinessException(label + "不是有效的日期：" + md);
        }
    }
}
