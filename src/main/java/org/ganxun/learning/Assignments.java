package org.ganxun.learning;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.learning.internal.LearningSettings;
import org.ganxun.learning.internal.study.StudyCreditor;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.AnyScope;
import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.platform.web.RichText;
import org.ganxun.survey.ClassProposals;
import org.ganxun.survey.DraftClassProposal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assignments of the 网络学院: required courses (必修) and theme lists (专题) given by a unit to target groups of its
 * cadres for a period (from … due). A cadre is targeted when named, or when they match every group filled in
 * (units with their subtrees, rank levels, staff categories); only active cadres under the assigning unit. Targets
 * are worked out when read (a cadre moving into a targeted unit is targeted from then on).
 *
 * <p>Progress: a targeted cadre has <b>started</b> when any course of the assignment has credited time (or is
 * complete), and has <b>completed</b> when every course of it is complete ({@code study_progress.completed_at}),
 * whenever that was — a course finished before it was assigned counts. Electives stay free: an assignment only
 * adds due dates and reminders, the catalogue stays open.
 */
@Service
public class Assignments {

    private final JdbcClient jdbc;
    private final CurrentScope scopes;
    private final AuditLog audit;
    private final LearningSettings settings;
    private final Clock clock;
    private final ClassProposals proposals;

    Assignments(JdbcClient jdbc, CurrentScope scopes, AuditLog audit, LearningSettings settings, ClassProposals proposals,
                Clock clock) {
        this.clock = clock;
        this.proposals = proposals;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.audit = audit;
        this.settings = settings;
    }

    static final int MAX_COURSES = 50, MAX_UNITS = 100, MAX_CADRES = 500;

    /** What a clerk enters. */
    public record AssignmentForm(AssignmentKind kind, @Size(max = 100, message = "任务名称不能超过{max}个字") String title,
                                 @Size(max = 1000, message = "说明不能超过{max}个字") String description, LocalDate startsOn, LocalDate dueOn,
                                 @AnyScope("courses are checked by Assignments: published and offered to the whole assigning unit") List<Long> courseIds,
                                 @InScope(Ref.ORG) List<Long> orgIds, List<@Size(max = 20, message = "职级层次不正确") String> rankLevels,
                                 List<@Size(max = 40, message = "人员类别不正确") String> staffCategories,
                                 @InScope(Ref.CADRE) List<Long> cadreIds,
                                 @AnyScope("checked by survey.ClassProposals.visible: a proposal of a survey in the clerk's scope, else 404") Long surveyProposalId) {

        public AssignmentForm(AssignmentKind kind, String title, String description, LocalDate startsOn, LocalDate dueOn, List<Long> courseIds,
                              List<Long> orgIds, List<String> rankLevels, List<String> staffCategories, List<Long> cadreIds) {
            this(kind, title, description, startsOn, dueOn, courseIds, orgIds, rankLevels, staffCategories, cadreIds, null);
        }
    }

    public record CourseRef(long id, String title, BigDecimal hours, String status) {
    }

    public record Assignment(long id, AssignmentKind kind, String kindLabel, String title, String description, long ownerOrgId,
                             String ownerOrgName, LocalDate startsOn, LocalDate dueOn, List<CourseRef> courses, List<Long> orgIds,
                             List<String> orgNames, List<String> rankLevels, List<String> staffCategories, List<Long> cadreIds,
                             String targetText, String createdBy, OffsetDateTime createdAt, OffsetDateTime cancelledAt,
                             Long surveyProposalId, String surveyTopic) {
    }

    /**
     * The SQL condition "cadre {@code c} (unit {@code o}) is a target of assignment {@code a} (unit {@code ow})": named,
     * or matching every filled-in group; always active and under the assigning unit.
     */
    public static final String TARGET = " " + """
            c.status = 'ACTIVE' and o.path like ow.path || '%' and (
              c.id = any(a.target_cadre_ids)
              or ((cardinality(a.target_org_ids) > 0 or cardinality(a.target_rank_levels) > 0 or cardinality(a.target_staff_categories) > 0)
                  and (cardinality(a.target_org_ids) = 0
                       or exists (select 1 from org_unit tu where tu.id = any(a.target_org_ids) and o.path like tu.path || '%'))
                  and (cardinality(a.target_rank_levels) = 0 or c.rank_level = any(a.target_rank_levels))
                  and (cardinality(a.target_staff_categories) = 0 or c.staff_category = any(a.target_staff_categories))))""";

    private static final String SELECT = """
            select a.*, ow.name as owner_name, st.survey_proposal_id, st.survey_topic,
                   (select coalesce(array_agg(tu.name order by tu.path), '{}') from org_unit tu where tu.id = any(a.target_org_ids)) as org_names
            from course_assignment a join org_unit ow on ow.id = a.owner_org_id
            left join course_assignment_topic st on st.assignment_id = a.id
            """;

    // ---- management ----

    @Transactional
    public Assignment create(AssignmentForm form) {
        CurrentUser me = CurrentUsers.require();
        long owner = ownerOrg(me);
        Clean f = clean(form, owner);
        long id = jdbc.sql("""
                        insert into course_assignment (kind, title, description, owner_org_id, starts_on, due_on, target_org_ids,
                                                       target_rank_levels, target_staff_categories, target_cadre_ids, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(f.kind().name(), f.title(), f.description(), owner, f.startsOn(), f.dueOn(), f.orgIds().toArray(Long[]::new),
                        f.rankLevels().toArray(String[]::new), f.staffCategories().toArray(String[]::new),
                        f.cadreIds().toArray(Long[]::new), me.username())
                .query(Long.class).single();
        storeTopic(id, f);
        storeCourses(id, f.courseIds());
        Assignment a = get(id);
        audit.record("CREATE", "CourseAssignment", id, "布置网络学院" + a.kindLabel() + "：" + a.title(), null, a);
        return a;
    }

    @Transactional
    public Assignment update(long id, AssignmentForm form) {
        Assignment before = manageable(id);
        Clean f = clean(form, before.ownerOrgId());
        jdbc.sql("""
                        update course_assignment set kind = ?, title = ?, description = ?, starts_on = ?, due_on = ?, target_org_ids = ?,
                               target_rank_levels = ?, target_staff_categories = ?, target_cadre_ids = ? where id = ?""")
                .params(f.kind().name(), f.title(), f.description(), f.startsOn(), f.dueOn(), f.orgIds().toArray(Long[]::new),
                        f.rankLevels().toArray(String[]::new), f.staffCategories().toArray(String[]::new),
                        f.cadreIds().toArray(Long[]::new), id).update();
        storeTopic(id, f);
        jdbc.sql("delete from course_assignment_course where assignment_id = ?").param(id).update();
        storeCourses(id, f.courseIds());
        Assignment after = get(id);
        audit.record("UPDATE", "CourseAssignment", id, "修改网络学院" + after.kindLabel() + "：" + after.title(), before, after);
        return after;
    }

    @Transactional
    public Assignment cancel(long id) {
        Assignment before = manageable(id);
        jdbc.sql("update course_assignment set cancelled_at = coalesce(cancelled_at, now()) where id = ?").param(id).update();
        Assignment after = get(id);
        audit.record("CANCEL", "CourseAssignment", id, "撤销网络学院" + after.kindLabel() + "：" + after.title(), before, after);
        return after;
    }

    /** The survey topic a 专题 answers, beside the assignment (course_assignment_topic, V172). */
    private void storeTopic(long id, Clean f) {
        jdbc.sql("delete from course_assignment_topic where assignment_id = ?").param(id).update();
        if (f.surveyProposalId() != null) {
            jdbc.sql("insert into course_assignment_topic (assignment_id, survey_proposal_id, survey_topic) values (?, ?, ?)")
                    .params(id, f.surveyProposalId(), f.surveyTopic()).update();
        }
    }

    private void storeCourses(long id, List<Long> courseIds) {
        int i = 0;
        for (Long c : courseIds) {
            jdbc.sql("insert into course_assignment_course (assignment_id, course_id, sort_order) values (?, ?, ?)").params(id, c, i++).update();
        }
    }

    /**
     * The assignments the caller sees: those of units in their scope, and those of the units above it (the county's
     * theme study seen by a township's liaison, for the township's progress).
     */
    public List<Assignment> list() {
        DataScope scope = scopes.current();
        return jdbc.sql(SELECT + " where " + visible(scope) + " order by a.cancelled_at nulls first, a.due_on desc, a.id desc limit 500")
                .params(scope.sqlParameters()).query((rs, i) -> row(rs)).list().stream().map(this::withCourses).toList();
    }

    private static String visible(DataScope scope) {
        if (scope.all()) {
            return scope.decidedHere() + "true";
        }
        if (scope.orgPath() == null) {
            return scope.decidedHere() + "false";
        }
        return DataScope.moduleCondition("(ow.path like :scopeOrgPath or :scopeOrgPath like ow.path || '%')");
    }

    /** One assignment the caller sees (as {@link #list()}). */
    public Assignment visible(long id) {
        DataScope scope = scopes.current();
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        p.put("id", id);
        return jdbc.sql(SELECT + " where a.id = :id and " + visible(scope)).params(p).query((rs, i) -> row(rs)).optional()
                .map(this::withCourses).orElseThrow(() -> BusinessException.notFound("学习任务"));
    }

    /** One the caller may change: made by a unit in their scope. */
    Assignment manageable(long id) {
        Assignment a = get(id);
        String path = jdbc.sql("select path from org_unit where id = ?").param(a.ownerOrgId()).query(String.class).single();
        if (!scopes.current().coversOrgPath(path)) {
            throw BusinessException.notFound("学习任务");
        }
        return a;
    }

    public Assignment get(long id) {
        return jdbc.sql(Unscoped.rowChecked("callers check the assigning unit against their scope") + SELECT + " where a.id = ?")
                .param(id).query((rs, i) -> row(rs)).optional().map(this::withCourses)
                .orElseThrow(() -> BusinessException.notFound("学习任务"));
    }

    private Assignment row(ResultSet rs) throws SQLException {
        AssignmentKind kind = AssignmentKind.valueOf(rs.getString("kind"));
        List<Long> orgIds = longs(rs.getArray("target_org_ids"));
        List<String> orgNames = strings(rs.getArray("org_names"));
        List<String> ranks = strings(rs.getArray("target_rank_levels"));
        List<String> cats = strings(rs.getArray("target_staff_categories"));
        List<Long> cadres = longs(rs.getArray("target_cadre_ids"));
        return new Assignment(rs.getLong("id"), kind, kind.label(), rs.getString("title"), rs.getString("description"),
                rs.getLong("owner_org_id"), rs.getString("owner_name"), rs.getObject("starts_on", LocalDate.class),
                rs.getObject("due_on", LocalDate.class), List.of(), orgIds, orgNames, ranks, cats, cadres,
                targetText(orgNames, ranks, cats, cadres.size()), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("cancelled_at", OffsetDateTime.class),
                (Long) rs.getObject("survey_proposal_id"), rs.getString("survey_topic"));
    }

    private Assignment withCourses(Assignment a) {
        List<CourseRef> courses = jdbc.sql("""
                        select k.id, k.title, k.hours, k.status from course_assignment_course ac join course k on k.id = ac.course_id
                        where ac.assignment_id = ? order by ac.sort_order, k.id""")
                .param(a.id()).query((rs, i) -> new CourseRef(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4))).list();
        return new Assignment(a.id(), a.kind(), a.kindLabel(), a.title(), a.description(), a.ownerOrgId(), a.ownerOrgName(), a.startsOn(),
                a.dueOn(), courses, a.orgIds(), a.orgNames(), a.rankLevels(), a.staffCategories(), a.cadreIds(), a.targetText(),
                a.createdBy(), a.createdAt(), a.cancelledAt(), a.surveyProposalId(), a.surveyTopic());
    }

    /** "乡镇A、乡镇B的乡科级、公务员，另指定3人" */
    static String targetText(List<String> orgNames, List<String> ranks, List<String> cats, int named) {
        List<String> groups = new ArrayList<>();
        ranks.forEach(r -> groups.add(RankLevel.valueOf(r).label()));
        cats.forEach(c -> groups.add(StaffCategory.valueOf(c).label()));
        String text = "";
        if (!orgNames.isEmpty() || !groups.isEmpty()) {
            text = (orgNames.isEmpty() ? "全部单位" : String.join("、", orgNames)) + (groups.isEmpty() ? "全体干部" : "的" + String.join("、", groups));
        }
        if (named > 0) {
            text += (text.isEmpty() ? "" : "，另") + "指定" + named + "人";
        }
        return text;
    }

    // ---- progress ----

    /** Per unit (the cadre's own unit): how many are assigned, have started, have completed, and the share completed. */
    public record UnitProgress(long orgId, String orgName, String orgPath, long assigned, long started, long completed, BigDecimal percent) {
    }

    public record Progress(long assignmentId, int courses, long assigned, long started, long completed, BigDecimal percent,
                           List<UnitProgress> units) {
    }

    /**
     * The targets of one assignment in the caller's scope, optionally under one unit, as {@code t(cadre_id, org_id)},
     * and per cadre how many of its courses they have started and completed, as {@code pc}.
     */
    private static String perCadre(DataScope scope) {
        return """
                with t as (
                  select c.id as cadre_id, c.org_id, c.name, c.phone
                  from course_assignment a join org_unit ow on ow.id = a.owner_org_id
                  join cadre_card c on true join org_unit o on o.id = c.org_id
                  left join party_unit po on po.id = c.party_org_id
                  where a.id = :id and o.path like :unitPath and """ + TARGET + " and " + scope.sqlCondition("o.path", "po.path", "c.id") + """
                ),
                n as (select count(*) as courses from course_assignment_course where assignment_id = :id),
                pc as (
                  select t.cadre_id, t.org_id, t.name, t.phone,
                         count(p.id) filter (where p.credited_seconds > 0 or p.completed_at is not null) as started,
                         count(p.completed_at) as completed, max(p.updated_at) as last_at
                  from t left join course_assignment_course ac on ac.assignment_id = :id
                  left join study_progress p on p.cadre_id = t.cadre_id and p.course_id = ac.course_id
                  group by t.cadre_id, t.org_id, t.name, t.phone)
                """;
    }

    private Map<String, Object> params(DataScope scope, long id, Long orgId) {
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        p.put("id", id);
        p.put("unitPath", unitPath(orgId));
        return p;
    }

    private String unitPath(Long orgId) {
        if (orgId == null) {
            return "%";
        }
        String path = jdbc.sql("select path from org_unit where id = ?").param(orgId).query(String.class).optional()
                .orElseThrow(() -> BusinessException.notFound("单位"));
        return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Progress per unit in one SQL, within the caller's scope (the unit liaison sees their unit). */
    public Progress progress(long id, Long orgId) {
        Assignment a = visible(id);
        DataScope scope = scopes.current();
        List<UnitProgress> units = jdbc.sql(perCadre(scope) + """
                        select o.id, o.name, o.path, count(*) as assigned, count(*) filter (where pc.started > 0) as started,
                               count(*) filter (where n.courses > 0 and pc.completed >= n.courses) as completed
                        from pc join org_unit o on o.id = pc.org_id cross join n
                        group by o.id, o.name, o.path order by o.path""")
                .params(params(scope, id, orgId))
                .query((rs, i) -> new UnitProgress(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), percent(rs.getLong(6), rs.getLong(4)))).list();
        long assigned = units.stream().mapToLong(UnitProgress::assigned).sum();
        long started = units.stream().mapToLong(UnitProgress::started).sum();
        long completed = units.stream().mapToLong(UnitProgress::completed).sum();
        return new Progress(id, a.courses().size(), assigned, started, completed, percent(completed, assigned), units);
    }

    /** completed ÷ assigned as a percentage, one decimal, half up; 0 when nobody is assigned. */
    static BigDecimal percent(long completed, long assigned) {
        if (assigned == 0) {
            return BigDecimal.ZERO.setScale(1);
        }
        return BigDecimal.valueOf(completed * 100L).divide(BigDecimal.valueOf(assigned), 1, RoundingMode.HALF_UP);
    }

    public record PersonCourse(long courseId, String title, int creditedSeconds, boolean completed) {
    }

    public record PersonProgress(long cadreId, String name, long orgId, String orgName, int started, int completed, int courses,
                                 String status, String statusLabel, OffsetDateTime lastStudiedAt, List<PersonCourse> detail) {
    }

    /** The people of one assignment in the caller's scope (optionally one unit's subtree, one status), with each course. */
    public List<PersonProgress> people(long id, Long orgId, String status) {
        visible(id);
        if (status != null && !List.of("NOT_STARTED", "STARTED", "COMPLETED", "BEHIND").contains(status)) {
            throw new BusinessException("状态不正确", List.of(new FieldProblem("status", "状态只能是未开始、学习中、已完成或未完成")));
        }
        DataScope scope = scopes.current();
        Map<String, Long> order = new LinkedHashMap<>();
        Map<Long, PersonProgress> people = new LinkedHashMap<>();
        jdbc.sql(perCadre(scope) + """
                        select pc.cadre_id, pc.name, pc.org_id, o.name as org_name, pc.started, pc.completed, n.courses, pc.last_at,
                               k.id as course_id, k.title, coalesce(p.credited_seconds, 0) as credited, p.completed_at is not null as done
                        from pc join org_unit o on o.id = pc.org_id cross join n
                        left join course_assignment_course ac on ac.assignment_id = :id
                        left join course k on k.id = ac.course_id
                        left join study_progress p on p.cadre_id = pc.cadre_id and p.course_id = ac.course_id
                        order by o.path, pc.name, pc.cadre_id, ac.sort_order, k.id
                        limit 50000""")
                .params(params(scope, id, orgId))
                .query(rs -> {
                    long cadre = rs.getLong("cadre_id");
                    PersonProgress p = people.get(cadre);
                    if (p == null) {
                        int started = rs.getInt("started"), completed = rs.getInt("completed"), courses = rs.getInt("courses");
                        String st = courses > 0 && completed >= courses ? "COMPLETED" : started > 0 ? "STARTED" : "NOT_STARTED";
                        p = new PersonProgress(cadre, rs.getString("name"), rs.getLong("org_id"), rs.getString("org_name"), started, completed,
                                courses, st, statusLabel(st), rs.getObject("last_at", OffsetDateTime.class), new ArrayList<>());
                        people.put(cadre, p);
                    }
                    if (rs.getObject("course_id") != null) {
                        p.detail().add(new PersonCourse(rs.getLong("course_id"), rs.getString("title"), rs.getInt("credited"), rs.getBoolean("done")));
                    }
                });
        return people.values().stream()
                .filter(p -> status == null || status.equals(p.status()) || ("BEHIND".equals(status) && !"COMPLETED".equals(p.status())))
                .limit(3000).toList();
    }

    static String statusLabel(String status) {
        return switch (status) {
            case "COMPLETED" -> "已完成";
            case "STARTED" -> "学习中";
            default -> "未开始";
        };
    }

    /** Someone behind on an assignment: targeted, in scope, not every course complete. */
    public record Behind(long cadreId, String name, String phone, int completed, int courses) {
    }

    public List<Behind> behind(DataScope scope, long id, Long orgId) {
        return jdbc.sql(perCadre(scope) + " select pc.cadre_id, pc.name, pc.phone, pc.completed, n.courses from pc cross join n"
                        + " where pc.completed < n.courses order by pc.cadre_id")
                .params(params(scope, id, orgId))
                .query((rs, i) -> new Behind(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5))).list();
    }

    // ---- learners ----

    public record MyCourse(long courseId, String title, BigDecimal hours, int creditedSeconds, int neededSeconds, boolean completed,
                           boolean open) {
    }

    public record MyAssignment(long id, AssignmentKind kind, String kindLabel, String title, String description, LocalDate startsOn,
                               LocalDate dueOn, long daysLeft, int completed, int courses, List<MyCourse> items) {
    }

    /**
     * The signed-in cadre's assignments that have begun and are not cancelled, soonest due first (those completed
     * last), with each course's progress. {@code open}: the course is in the catalogue today (published, on the shelf).
     */
    public List<MyAssignment> mine() {
        CurrentUser me = CurrentUsers.require();
        if (me.cadreId() == null) {
            return List.of();
        }
        return mine(me.cadreId(), LocalDate.now(clock));
    }

    public List<MyAssignment> mine(long cadreId, LocalDate today) {
        Map<Long, MyAssignment> out = new LinkedHashMap<>();
        jdbc.sql(Unscoped.own() + """
                        select a.id, a.kind, a.title, a.description, a.starts_on, a.due_on, k.id as course_id, k.title as course_title, k.hours,
                               coalesce(p.credited_seconds, 0) as credited, p.completed_at is not null as done, m.kind as medium_kind,
                               m.duration_seconds, m.pages,
                               (k.status = 'PUBLISHED' and (k.available_from is null or k.available_from <= :today)
                                and (k.available_until is null or k.available_until >= :today)) as open
                        from course_assignment a join org_unit ow on ow.id = a.owner_org_id
                        join cadre_card c on c.id = :cadre join org_unit o on o.id = c.org_id
                        join course_assignment_course ac on ac.assignment_id = a.id join course k on k.id = ac.course_id
                        left join course_medium m on m.course_id = k.id
                        left join study_progress p on p.cadre_id = c.id and p.course_id = k.id
                        where a.cancelled_at is null and a.starts_on <= :today and """ + TARGET + " order by a.due_on, a.id, ac.sort_order, k.id")
                .param("cadre", cadreId).param("today", today)
                .query(rs -> {
                    long id = rs.getLong("id");
                    MyAssignment a = out.get(id);
                    if (a == null) {
                        AssignmentKind kind = AssignmentKind.valueOf(rs.getString("kind"));
                        LocalDate due = rs.getObject("due_on", LocalDate.class);
                        a = new MyAssignment(id, kind, kind.label(), rs.getString("title"), rs.getString("description"),
                                rs.getObject("starts_on", LocalDate.class), due, today.until(due, java.time.temporal.ChronoUnit.DAYS), 0, 0,
                                new ArrayList<>());
                        out.put(id, a);
                    }
                    boolean doc = "DOCUMENT".equals(rs.getString("medium_kind"));
                    int needed = rs.getString("medium_kind") == null ? 0
                            : StudyCreditor.needed(settings.policy(), doc, doc ? rs.getInt("pages") : rs.getInt("duration_seconds"));
                    a.items().add(new MyCourse(rs.getLong("course_id"), rs.getString("course_title"), rs.getBigDecimal("hours"),
                            rs.getInt("credited"), needed, rs.getBoolean("done"), rs.getBoolean("open")));
                });
        return out.values().stream()
                .map(a -> new MyAssignment(a.id(), a.kind(), a.kindLabel(), a.title(), a.description(), a.startsOn(), a.dueOn(), a.daysLeft(),
                        (int) a.items().stream().filter(MyCourse::completed).count(), a.items().size(), a.items()))
                .sorted(java.util.Comparator.comparing((MyAssignment a) -> a.completed() >= a.courses()).thenComparing(MyAssignment::dueOn))
                .toList();
    }

    /**
     * Whether a course was required of a cadre on a day: it belongs to a 必修 assignment (not cancelled, begun by then)
     * that targets them. The archive marks the course's entry 必修 with it.
     */
    public boolean isRequired(long cadreId, long courseId, LocalDate on) {
        return Boolean.TRUE.equals(jdbc.sql(Unscoped.because("the archive asks whether a completed course was required of its learner") + """
                        select exists (select 1 from course_assignment a join org_unit ow on ow.id = a.owner_org_id
                                       join course_assignment_course ac on ac.assignment_id = a.id and ac.course_id = :course
                                       join cadre_card c on c.id = :cadre join org_unit o on o.id = c.org_id
                                       where a.kind = 'REQUIRED' and a.cancelled_at is null and a.starts_on <= :on and """ + TARGET + " )")
                .param("cadre", cadreId).param("course", courseId).param("on", on).query(Boolean.class).single());
    }

    // ---- input ----

    record Clean(AssignmentKind kind, String title, String description, LocalDate startsOn, LocalDate dueOn, List<Long> courseIds,
                 List<Long> orgIds, List<String> rankLevels, List<String> staffCategories, List<Long> cadreIds,
                 Long surveyProposalId, String surveyTopic) {
    }

    private Clean clean(AssignmentForm f, long owner) {
        if (f == null) {
            throw new BusinessException("请填写学习任务");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (f.kind() == null) {
            problems.add(new FieldProblem("kind", "请选择必修或专题"));
        }
        String title = text(f.title());
        if (title == null) {
            problems.add(new FieldProblem("title", "请填写任务名称"));
        } else if (title.length() > 100) {
            problems.add(new FieldProblem("title", "任务名称不能超过100个字"));
        }
        String description = text(f.description());
        if (description != null && description.length() > 1000) {
            problems.add(new FieldProblem("description", "说明不能超过1000个字"));
        }
        LocalDate from = f.startsOn(), due = f.dueOn();
        if (from == null) {
            problems.add(new FieldProblem("startsOn", "请填写开始日期"));
        } else if (from.getYear() < 2000 || from.getYear() > 2100) {
            problems.add(new FieldProblem("startsOn", "开始日期应在2000年至2100年之间"));
        }
        if (due == null) {
            problems.add(new FieldProblem("dueOn", "请填写完成期限"));
        } else if (due.getYear() < 2000 || due.getYear() > 2100) {
            problems.add(new FieldProblem("dueOn", "完成期限应在2000年至2100年之间"));
        } else if (from != null && due.isBefore(from)) {
            problems.add(new FieldProblem("dueOn", "完成期限不能早于开始日期"));
        }
        List<Long> courseIds = ids(f.courseIds());
        if (courseIds.isEmpty()) {
            problems.add(new FieldProblem("courseIds", "请至少选择一门课程"));
        } else if (courseIds.size() > MAX_COURSES) {
            problems.add(new FieldProblem("courseIds", "一个学习任务最多" + MAX_COURSES + "门课程"));
        } else {
            // every course must be published and offered to the whole assigning unit (so every target can open it)
            String ownerPath = jdbc.sql("select path from org_unit where id = ?").param(owner).query(String.class).single();
            long fine = jdbc.sql("""
                            select count(*) from course k join org_unit o on o.id = k.owner_org_id
                            where k.id = any(?) and k.status = 'PUBLISHED' and ? like o.path || '%'""")
                    .params(courseIds.toArray(Long[]::new), ownerPath).query(Long.class).single();
            if (fine != courseIds.size()) {
                problems.add(new FieldProblem("courseIds", "只能选择已发布、且面向本单位全体干部开放的课程"));
            }
        }
        List<Long> orgIds = ids(f.orgIds());
        if (orgIds.size() > MAX_UNITS) {
            problems.add(new FieldProblem("orgIds", "最多选择" + MAX_UNITS + "个单位"));
        }
        List<Long> cadreIds = ids(f.cadreIds());
        if (cadreIds.size() > MAX_CADRES) {
            problems.add(new FieldProblem("cadreIds", "最多指定" + MAX_CADRES + "人，人数更多时请按单位或职级选择"));
        }
        List<String> ranks = new ArrayList<>(names(f.rankLevels(), RankLevel.class, "rankLevels", "职级层次", problems));
        List<String> cats = new ArrayList<>(names(f.staffCategories(), StaffCategory.class, "staffCategories", "人员类别", problems));
        String topic = null;
        if (f.surveyProposalId() != null) {
            // a 专题 answering a survey's proposed topic: its target group is the group that asked for it
            DraftClassProposal p = proposals.visible(f.surveyProposalId()); // 404 unless the survey is in the clerk's scope
            if (f.kind() != AssignmentKind.THEME) {
                problems.add(new FieldProblem("surveyProposalId", "只有专题可以关联调研建议的主题"));
            } else {
                String problem = addGroup(p, owner, orgIds, ranks, cats);
                if (problem != null) {
                    problems.add(new FieldProblem("surveyProposalId", problem));
                }
            }
            topic = p.topic().length() > 200 ? p.topic().substring(0, 200) : p.topic();
        }
        if (orgIds.isEmpty() && ranks.isEmpty() && cats.isEmpty() && cadreIds.isEmpty()) {
            problems.add(new FieldProblem("orgIds", "请选择学习对象：单位、职级层次、人员类别或指定人员"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        return new Clean(f.kind(), title, description, from, due, courseIds, orgIds, ranks, cats, cadreIds, f.surveyProposalId(), topic);
    }

    /**
     * Adds a survey proposal's group (the group that asked) to the targets: a rank level, a staff category, or a township
     * (the unit of that name under the assigning unit). Null when added; else why it cannot be a group of cadres.
     */
    private String addGroup(DraftClassProposal p, long owner, List<Long> orgIds, List<String> ranks, List<String> cats) {
        String dim = p.groupDimension(), value = p.groupValue();
        if (dim == null || value == null) {
            return "该调研建议没有提出需求的群体，请直接选择学习对象";
        }
        switch (dim) {
            case "RANK_LEVEL" -> {
                if (Arrays.stream(RankLevel.values()).noneMatch(r -> r.name().equals(value))) {
                    return "该调研建议的群体（" + p.targetGroup() + "）不是干部职级层次，无法作为学习对象";
                }
                if (!ranks.contains(value)) {
                    ranks.add(value);
                }
            }
            case "STAFF_CATEGORY" -> {
                if (Arrays.stream(StaffCategory.values()).noneMatch(r -> r.name().equals(value))) {
                    return "该调研建议的群体（" + p.targetGroup() + "）不是人员类别，无法作为学习对象";
                }
                if (!cats.contains(value)) {
                    cats.add(value);
                }
            }
            case "TOWNSHIP" -> {
                Long unit = jdbc.sql("""
                                select u.id from org_unit u join org_unit ow on ow.id = ? where u.name = ? and u.path like ow.path || '%'
                                order by length(u.path) limit 1""")
                        .params(owner, value).query(Long.class).optional().orElse(null);
                if (unit == null) {
                    return "本单位下没有名为“" + value + "”的单位，无法按该调研建议确定学习对象";
                }
                if (!orgIds.contains(unit)) {
                    orgIds.add(unit);
                }
            }
            default -> {
                return "该调研建议的群体（" + p.targetGroup() + "）按年龄段划分，无法作为学习对象，请直接选择学习对象";
            }
        }
        return null;
    }

    private static List<Long> ids(List<Long> ids) {
        if (ids == null) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(ids.stream().filter(java.util.Objects::nonNull).toList()));
    }

    private static <E extends Enum<E>> List<String> names(List<String> values, Class<E> type, String field, String what,
                                                        List<FieldProblem> problems) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            boolean known = Arrays.stream(type.getEnumConstants()).anyMatch(e -> e.name().equals(v));
            if (!known) {
                problems.add(new FieldProblem(field, what + "不正确"));
                return List.of();
            }
            out.add(v);
        }
        return new ArrayList<>(out);
    }

    private static String text(String s) {
        if (s == null) {
            return null;
        }
        String t = RichText.text(s).replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
        return t.isEmpty() ? null : t;
    }

    private long ownerOrg(CurrentUser me) {
        if (me.scopeOrgId() != null) {
            return me.scopeOrgId();
        }
        return jdbc.sql("select id from org_unit where parent_id is null order by sort_order, id limit 1").query(Long.class)
                .optional().orElseThrow(() -> new BusinessException("请先建立组织机构"));
    }

    private static List<Long> longs(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        Object[] values = (Object[]) a.getArray();
        return Arrays.stream(values).map(v -> ((Number) v).longValue()).toList();
    }

    private static List<String> strings(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
    }

    /** Whether {@code orgId} has made any assignment (for loaders that run once per unit, the demo's). */
    public boolean anyOwnedBy(long orgId) {
        return jdbc.sql("select exists (select 1 from course_assignment where owner_org_id = ?)").param(orgId)
                .query(Boolean.class).single();
    }
}
