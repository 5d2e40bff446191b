package org.ganxun.classroom;

import org.ganxun.training.EnrollmentStatus;

import org.ganxun.training.forclassroom.ClassroomCommands;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.PlainText;
import org.ganxun.training.ClassStatus;
import org.ganxun.training.ClassType;
import org.ganxun.training.TrainingClasses;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Assessment (考核) and completion (结业). Components with weights and pass marks are set per class (the four
 * of seed report 002 are offered as defaults); the registrar records scores and discipline. Completing a
 * class decides every trainee with {@link CompletionPolicy}, stores the results, ends the enrollments, issues
 * certificates to those who passed and publishes {@link ClassCompleted} for the learning archive.
 */
@Service
public class Completion {

    /** The components seed report 002 names (平时表现、守纪情况、调研报告、理论考试). */
    static final List<ComponentForm> DEFAULT_COMPONENTS = List.of(
            new ComponentForm("平时表现", new BigDecimal("20"), new BigDecimal("60")),
            new ComponentForm("守纪情况", new BigDecimal("20"), new BigDecimal("60")),
            new ComponentForm("调研报告", new BigDecimal("30"), new BigDecimal("60")),
            new ComponentForm("理论考试", new BigDecimal("30"), new BigDecimal("60")));

    private final JdbcClient jdbc;
    private final Classroom classroom;
    private final Attendance attendance;
    private final CompletionRules rules;
    private final Certificates certificates;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ClassroomCommands commands;

    Completion(JdbcClient jdbc, Classroom classroom, Attendance attendance, CompletionRules rules, Certificates certificates,
               AuditLog audit, ApplicationEventPublisher events, Clock clock, ClassroomCommands commands) {
        this.commands = commands;
        this.clock = clock;
        this.jdbc = jdbc;
        this.classroom = classroom;
        this.attendance = attendance;
        this.rules = rules;
        this.certificates = certificates;
        this.audit = audit;
        this.events = events;
    }

    public record ComponentForm(@NotBlank(message = "请填写考核项目名称") @Size(max = 50, message = "考核项目名称最多{max}个字")
                                @PlainText(message = "考核项目名称不能包含网页标记或脚本") String name,
                                @NotNull(message = "请填写权重") @DecimalMin(value = "0", message = "权重须在0至100之间")
                                @DecimalMax(value = "100", message = "权重须在0至100之间") BigDecimal weight,
                                @NotNull(message = "请填写合格分") @DecimalMin(value = "0", message = "合格分须在0至100之间")
                                @DecimalMax(value = "100", message = "合格分须在0至100之间") BigDecimal passMark) {
    }

    public record Component(long id, String name, BigDecimal weight, BigDecimal passMark) {
    }

    public record ScoreForm(@NotNull(message = "请选择学员") Long enrollmentId, @NotNull(message = "请选择考核项目") Long componentId,
                            @DecimalMin(value = "0", message = "成绩须在0至100分之间") @DecimalMax(value = "100", message = "成绩须在0至100分之间")
                            @Digits(integer = 3, fraction = 2, message = "成绩最多保留两位小数") BigDecimal score) {
    }

    public record DisciplineForm(Long enrollmentId, LocalDate occurredOn, @Size(max = 500, message = "违纪情况最多{max}个字") @PlainText(message = "违纪情况不能包含网页标记或脚本") String description, Boolean serious) {
    }

    public record Discipline(long id, long enrollmentId, String cadreName, LocalDate occurredOn, String description,
                             boolean serious, String recordedBy, Instant recordedAt) {
    }

    public record TraineeResult(long enrollmentId, long cadreId, String cadreName, String orgName, BigDecimal totalHours,
                                BigDecimal attendedHours, BigDecimal leaveHours, BigDecimal absenceHours, int lateCount,
                                Map<Long, BigDecimal> scores, BigDecimal score, int disciplineCount, CompletionOutcome outcome,
                                String outcomeLabel, boolean passed, BigDecimal hoursEarned, List<String> reasons,
                                String certificateSerial, boolean certificateRevoked, boolean assessmentFailed) {
    }

    public record Results(long classId, ClassStatus status, boolean finalResults, List<CompletionRules.Rule> rules,
                          List<Component> components, List<TraineeResult> trainees) {
    }

    // ---------------------------------------------------------------- components and scores

    @Transactional(readOnly = true)
    public List<Component> components(long classId) {
        classroom.requireVisible(classId);
        return componentsOf(classId);
    }

    List<Component> componentsOf(long classId) {
        return jdbc.sql("select id, name, weight, pass_mark from assessment_component where class_id = ? order by sort_order, id")
                .param(classId).query((rs, i) -> new Component(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                .list();
    }

    /** Replaces the class's components; {@code null} or empty forms set the four defaults of seed 002. */
    @Transactional
    public List<Component> setComponents(long classId, List<ComponentForm> forms) {
        TrainingClasses.Row row = requireOpen(classId);
        List<ComponentForm> wanted = forms == null || forms.isEmpty() ? DEFAULT_COMPONENTS : forms;
        BigDecimal sum = BigDecimal.ZERO;
        for (ComponentForm f : wanted) {
            if (!StringUtils.hasText(f.name()) || f.weight() == null || f.passMark() == null || f.weight().signum() < 0
                    || f.passMark().signum() < 0 || f.passMark().compareTo(new BigDecimal("100")) > 0) {
                throw new BusinessException("请填写考核项目名称、权重（%）和合格分（0-100）");
            }
            sum = sum.add(f.weight());
        }
        if (sum.compareTo(new BigDecimal("100")) != 0) {
            throw new BusinessException("各考核项目权重之和须为100%，当前为" + CompletionPolicy.fmt(sum) + "%");
        }
        List<Component> before = componentsOf(classId);
        List<Long> keep = new ArrayList<>();
        int order = 0;
        for (ComponentForm f : wanted) {
            keep.add(jdbc.sql("""
                    insert into assessment_component (class_id, name, weight, pass_mark, sort_order) values (?, ?, ?, ?, ?)
                    on conflict (class_id, name) do update set weight = excluded.weight, pass_mark = excluded.pass_mark,
                        sort_order = excluded.sort_order returning id""")
                    .params(classId, f.name().strip(), f.weight(), f.passMark(), order++).query(Long.class).single());
        }
        jdbc.sql("delete from assessment_component where class_id = :c and id not in (:keep)").param("c", classId).param("keep", keep).update();
        List<Component> after = componentsOf(classId);
        audit.record("SET_ASSESSMENT", "TrainingClass", classId, "考核项目：" + row.name() + "，"
                + after.stream().map(c -> c.name() + CompletionPolicy.fmt(c.weight()) + "%").reduce((a, b) -> a + "、" + b).orElse(""), before, after);
        return after;
    }

    @Transactional
    public void scores(long classId, List<ScoreForm> forms) {
        TrainingClasses.Row row = requireOpen(classId);
        for (ScoreForm f : forms) {
            if (f.enrollmentId() == null || f.componentId() == null) {
                throw new BusinessException("请选择学员和考核项目");
            }
            Map<String, Object> who = jdbc.sql(Unscoped.ofChecked("class", "Classroom.requireManager") + """
                    select c.name as cadre, ac.name as component from enrollment_card e join cadre_card c on c.id = e.cadre_id
                    join assessment_component ac on ac.class_id = e.class_id and ac.id = ? where e.id = ? and e.class_id = ?""")
                    .params(f.componentId(), f.enrollmentId(), classId).query().listOfRows().stream().findFirst()
                    .orElseThrow(() -> BusinessException.notFound("学员或考核项目"));
            BigDecimal before = jdbc.sql(Unscoped.ofChecked("class", "Classroom.requireManager") + "select score from assessment_score where enrollment_id = ? and component_id = ?")
                    .params(f.enrollmentId(), f.componentId()).query(BigDecimal.class).optional().orElse(null);
            if (f.score() == null) {
                jdbc.sql("delete from assessment_score where enrollment_id = ? and component_id = ?").params(f.enrollmentId(), f.componentId()).update();
            } else {
                if (f.score().signum() < 0 || f.score().compareTo(new BigDecimal("100")) > 0) {
                    throw new BusinessException("成绩须在0至100分之间");
                }
                jdbc.sql("""
                        insert into assessment_score (enrollment_id, component_id, score, recorded_by) values (?, ?, ?, ?)
                        on conflict (enrollment_id, component_id) do update set score = excluded.score, recorded_by = excluded.recorded_by,
                            recorded_at = now()""")
                        .params(f.enrollmentId(), f.componentId(), f.score(), CurrentUsers.require().username()).update();
            }
            if (before == null ? f.score() != null : f.score() == null || before.compareTo(f.score()) != 0) {
                audit.record("SET_SCORE", "Enrollment", f.enrollmentId(), "考核成绩：" + row.name() + "，" + who.get("cadre") + "，"
                        + who.get("component") + " " + (before == null ? "未录入" : CompletionPolicy.fmt(before)) + " → "
                        + (f.score() == null ? "未录入" : CompletionPolicy.fmt(f.score())), before, f.score());
            }
        }
    }

    @Transactional
    public Discipline addDiscipline(long classId, DisciplineForm f) {
        TrainingClasses.Row row = requireOpen(classId);
        if (f.enrollmentId() == null || f.occurredOn() == null || !StringUtils.hasText(f.description())) {
            throw new BusinessException("请选择学员，填写日期和违纪情况");
        }
        String name = jdbc.sql(Unscoped.ofChecked("class", "Classroom.requireManager") + "select c.name from enrollment_card e join cadre_card c on c.id = e.cadre_id where e.id = ? and e.class_id = ?")
                .params(f.enrollmentId(), classId).query(String.class).optional().orElseThrow(() -> BusinessException.notFound("学员"));
        long id = jdbc.sql("""
                insert into discipline_record (class_id, enrollment_id, occurred_on, description, serious, recorded_by)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(classId, f.enrollmentId(), f.occurredOn(), f.description().strip(), Boolean.TRUE.equals(f.serious()),
                        CurrentUsers.require().username()).query(Long.class).single();
        Discipline d = disciplinesOf(classId).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        audit.record("ADD_DISCIPLINE", "Enrollment", f.enrollmentId(), "违纪记录：" + row.name() + "，" + name + "，" + f.description().strip(), null, d);
        return d;
    }

    @Transactional(readOnly = true)
    public List<Discipline> disciplines(long classId) {
        classroom.requireManager(classId, false);
        return disciplinesOf(classId);
    }

    List<Discipline> disciplinesOf(long classId) {
        return jdbc.sql(Unscoped.ofChecked("class", "Classroom.requireManager") + """
                select d.id, d.enrollment_id, c.name, d.occurred_on, d.description, d.serious, d.recorded_by, d.recorded_at
                from discipline_record d join enrollment_card e on e.id = d.enrollment_id join cadre_card c on c.id = e.cadre_id
                where d.class_id = ? order by d.occurred_on, d.id""")
                .param(classId).query((rs, i) -> new Discipline(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
                .list();
    }

    // ---------------------------------------------------------------- results and completion

    /** Results: stored ones once the class is completed, otherwise a preview of what completing would decide. */
    @Transactional(readOnly = true)
    public Results results(long classId) {
        TrainingClasses.Row row = classroom.requireManager(classId, false);
        return resultsOf(row, null);
    }

    Results resultsOf(TrainingClasses.Row row, Long onlyEnrollment) {
        long classId = row.id();
        List<Component> components = componentsOf(classId);
        List<CompletionRules.Rule> ruleList = rules.effective(classId);
        Map<Long, Map<Long, BigDecimal>> scores = scores(classId);
        Map<Long, Integer> discipline = new HashMap<>();
        disciplinesOf(classId).forEach(d -> discipline.merge(d.enrollmentId(), 1, Integer::sum));
        Map<Long, String[]> certs = new HashMap<>();
        jdbc.sql(Unscoped.ofChecked("class", "Classroom.requireManager") + "select enrollment_id, serial, revoked_at is not null from certificate where class_id = ?").param(classId)
                .query(rs -> {
                    certs.put(rs.getLong(1), new String[]{rs.getString(2), String.valueOf(rs.getBoolean(3))});
                });
        List<TraineeResult> out = new ArrayList<>();
        boolean stored = row.status() == ClassStatus.COMPLETED;
        Attendance.Sheet sheet = attendance.sheetOf(classId, onlyEnrollment);
        Map<Long, Map<String, Object>> storedRows = new HashMap<>();
        if (stored) {
            jdbc.sql(Unscoped.ofChecked("class", "Classroom.requireManager") + "select * from class_result where class_id = ?").param(classId).query().listOfRows()
                    .forEach(r -> storedRows.put(((Number) r.get("enrollment_id")).longValue(), r));
        }
        for (Attendance.SheetRow r : sheet.rows()) {
            Map<Long, BigDecimal> sc = scores.getOrDefault(r.enrollmentId(), Map.of());
            String[] cert = certs.get(r.enrollmentId());
            Map<String, Object> s = storedRows.get(r.enrollmentId());
            if (s != null) {
                CompletionOutcome o = CompletionOutcome.valueOf((String) s.get("outcome"));
                out.add(new TraineeResult(r.enrollmentId(), r.cadreId(), r.cadreName(), r.orgName(), (BigDecimal) s.get("total_hours"),
                        (BigDecimal) s.get("attended_hours"), (BigDecimal) s.get("leave_hours"), (BigDecimal) s.get("absence_hours"),
                        (Integer) s.get("late_count"), sc, (BigDecimal) s.get("score"), discipline.getOrDefault(r.enrollmentId(), 0), o,
                        o.label(), (Boolean) s.get("passed"), (BigDecimal) s.get("hours_earned"),
                        List.of(((String) s.get("reasons")).split("\n")), cert == null ? null : cert[0], cert != null && Boolean.parseBoolean(cert[1]),
                        Boolean.FALSE.equals(s.get("assessment_passed"))));
                continue;
            }
            CompletionPolicy.Verdict v = verdict(components, sc, ruleList,
                    new Attendance.Tally(sheet.totalHours(), r.attendedHours(), r.leaveHours(), r.absenceHours(), r.lateCount()));
            int d = discipline.getOrDefault(r.enrollmentId(), 0);
            List<String> reasons = new ArrayList<>(v.reasons());
            if (d > 0) {
                reasons.add("违纪记录" + d + "次（供考核“守纪情况”评分参考）");
            }
            out.add(new TraineeResult(r.enrollmentId(), r.cadreId(), r.cadreName(), r.orgName(), sheet.totalHours(), r.attendedHours(),
                    r.leaveHours(), r.absenceHours(), r.lateCount(), sc, v.score(), d, v.outcome(), v.outcome().label(), v.passed(),
                    v.hoursEarned(), reasons, cert == null ? null : cert[0], cert != null && Boolean.parseBoolean(cert[1]), v.assessmentFailed()));
        }
        return new Results(classId, row.status(), stored, ruleList, components, out);
    }

    static CompletionPolicy.Verdict verdict(List<Component> components, Map<Long, BigDecimal> sc, List<CompletionRules.Rule> ruleList,
                                            Attendance.Tally tally) {
        List<CompletionPolicy.ComponentScore> cs = components.stream()
                .map(c -> new CompletionPolicy.ComponentScore(c.name(), c.weight(), c.passMark(), sc.get(c.id()))).toList();
        return CompletionPolicy.decide(tally, ruleList, new CompletionPolicy.Assessment(cs));
    }

    private Map<Long, Map<Long, BigDecimal>> scores(long classId) {
        Map<Long, Map<Long, BigDecimal>> out = new HashMap<>();
        jdbc.sql(Unscoped.ofChecked("class", "Classroom.requireManager") + """
                select s.enrollment_id, s.component_id, s.score from assessment_score s
                join assessment_component c on c.id = s.component_id where c.class_id = ?""")
                .param(classId).query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getLong(2), rs.getBigDecimal(3));
                });
        return out;
    }

    /**
     * Completes the class (结业): only after its last session has ended. Every enrolled trainee gets a result;
     * the waitlist is closed; certificates go to those who passed; {@link ClassCompleted} is published.
     */
    @Transactional
    public Results complete(long classId) {
        TrainingClasses.Row row = classroom.requireManager(classId, true);
        if (!Classroom.RUNNING.contains(row.status())) {
            throw BusinessException.conflict("班次" + row.status().label() + "，不能结业");
        }
        java.time.LocalDateTime lastEnd = jdbc.sql("""
                select max(session_date + ends_at) from session_card where class_id = ? and status = 'SCHEDULED'""")
                .param(classId).query(java.time.LocalDateTime.class).list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (lastEnd == null) {
            throw BusinessException.conflict("班次没有课次，不能结业");
        }
        if (LocalDateTime.now(clock).isBefore(lastEnd)) {
            throw BusinessException.conflict("最后一个课次（" + lastEnd.toLocalDate() + " " + lastEnd.toLocalTime() + "结束）尚未结束，不能结业");
        }
        Results preview = resultsOf(row, null);
        LocalDate completedOn = row.endsOn().isAfter(LocalDate.now(clock)) ? LocalDate.now(clock) : row.endsOn();
        List<ClassCompleted.Trainee> trainees = new ArrayList<>();
        Map<Long, Long> cadreOf = new HashMap<>();
        jdbc.sql(Unscoped.ofChecked("class", "Classroom.requireManager") + "select id, cadre_id from enrollment_card where class_id = ? and status = 'ENROLLED'").param(classId)
                .query(rs -> {
                    cadreOf.put(rs.getLong(1), rs.getLong(2));
                });
        int passed = 0;
        for (TraineeResult t : preview.trainees()) {
            if (!cadreOf.containsKey(t.enrollmentId())) {
                continue;
            }
            boolean assessmentFailed = t.assessmentFailed();
            jdbc.sql("""
                    insert into class_result (enrollment_id, class_id, cadre_id, total_hours, attended_hours, leave_hours, absence_hours,
                        late_count, score, assessment_passed, outcome, passed, hours_earned, reasons, completed_on)
                    values (:e, :c, :cadre, :total, :att, :leave, :abs, :late, :score, :ap, :outcome, :passed, :earned, :reasons, :on)""")
                    .param("e", t.enrollmentId()).param("c", classId).param("cadre", t.cadreId()).param("total", t.totalHours())
                    .param("att", t.attendedHours()).param("leave", t.leaveHours()).param("abs", t.absenceHours())
                    .param("late", t.lateCount()).param("score", t.score()).param("ap", !assessmentFailed)
                    .param("outcome", t.outcome().name()).param("passed", t.passed()).param("earned", t.hoursEarned())
                    .param("reasons", String.join("\n", t.reasons())).param("on", completedOn).update();
            EnrollmentStatus status = switch (t.outcome()) {
                case COMPLETED -> EnrollmentStatus.COMPLETED;
                case NO_CERTIFICATE -> EnrollmentStatus.NOT_COMPLETED;
                case DISMISSED -> EnrollmentStatus.DISMISSED;
            };
            commands.finish(t.enrollmentId(), status, t.outcome() == CompletionOutcome.COMPLETED ? null : String.join("；", t.reasons()));
            if (t.passed()) {
                passed++;
                certificates.issue(t.enrollmentId(), classId, t.cadreId(), t.hoursEarned(), row.endsOn().getYear());
            }
            trainees.add(new ClassCompleted.Trainee(t.enrollmentId(), t.cadreId(), t.hoursEarned(), t.passed(), t.outcome(), assessmentFailed));
        }
        commands.cancelWaitlist(classId, "班次已结业，候补未递补");
        commands.markCompleted(classId, CurrentUsers.require().username());
        Map<String, Object> info = jdbc.sql("""
                select tc.name, tc.provider_name as provider, tc.starts_on, tc.ends_on, tc.class_type, tc.full_time from class_card tc
                where tc.id = ?""").param(classId).query().singleRow();
        ClassCompleted event = new ClassCompleted(classId, (String) info.get("name"), (String) info.get("provider"),
                ((java.sql.Date) info.get("starts_on")).toLocalDate(), ((java.sql.Date) info.get("ends_on")).toLocalDate(),
                ClassType.valueOf((String) info.get("class_type")), (Boolean) info.get("full_time"),
                preview.trainees().isEmpty() ? classroom.totalHours(classId) : preview.trainees().get(0).totalHours(), trainees,
                completedOn);
        events.publishEvent(event);
        audit.record("COMPLETE", "TrainingClass", classId, "结业：" + row.name() + "，学员" + trainees.size() + "人，结业" + passed + "人",
                row.status().name(), Map.of("trainees", trainees.size(), "passed", passed));
        return resultsOf(classroom.row(classId, false), null);
    }

    private TrainingClasses.Row requireOpen(long classId) {
        TrainingClasses.Row row = classroom.requireManager(classId, true);
        if (row.status() == ClassStatus.COMPLETED) {
            throw BusinessException.conflict("班次已结业，考核记录不能再修改");
        }
        if (!Classroom.RUNNING.contains(row.status())) {
            throw BusinessException.conflict("班次" + row.status().label() + "，尚不能录入考核");
        }
        return row;
    }
}
