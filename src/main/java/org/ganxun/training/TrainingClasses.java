package org.ganxun.training;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.DecimalMax;
import org.ganxun.platform.security.AnyScope;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.db.Like;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.training.forclassroom.ClassRows;
import org.ganxun.training.internal.ClashChecks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Class filing (备案): a unit or provider drafts a class with its timetable and submits it to the
 * organisation department of a jurisdiction, which approves it or returns it with reasons (then it can be
 * corrected and submitted again). Every change is audited and each step kept in class_review.
 * <p>
 * Who sees a class: its filer's unit (and those above it in scope), the approving department, and, once
 * approved, everyone whose scope lies inside the jurisdiction (liaisons who nominate trainees).
 */
@Service
public class TrainingClasses {

    /** The states in which a class is open to the jurisdiction (nominations, the calendar). */
    public static final Set<ClassStatus> PUBLISHED = Set.of(ClassStatus.APPROVED, ClassStatus.IN_PROGRESS, ClassStatus.COMPLETED);

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final AuditLog audit;
    private final ClashChecks clashes;
    private final Enrollments enrollments;
    private final ClassRows rows;
    private final Clock clock;

    TrainingClasses(JdbcClient jdbc, DataScopes scopes, AuditLog audit, ClashChecks clashes, Enrollments enrollments,
                    ClassRows rows, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.rows = rows;
        this.scopes = scopes;
        this.audit = audit;
        this.clashes = clashes;
        this.enrollments = enrollments;
    }

    /** The archive's {@code source_ref} for hours credited from a class (with source CLASS_COMPLETION). */
    public static String archiveSourceRef(long classId) {
        return "TC-" + classId;
    }

    public record SessionForm(Long id, LocalDate sessionDate, LocalTime startsAt, LocalTime endsAt,
                              @Size(max = 200, message = "课程主题最多{max}个字") @PlainText(message = "课程主题不能包含网页标记或脚本") String topic,
                              Long instructorId,
                              @Size(max = 200, message = "授课地点最多{max}个字") @PlainText(message = "授课地点不能包含网页标记或脚本") String venue,
                              BigDecimal hours) {
    }

    public record ClassForm(@AnyScope("a class is filed with the department that approves it, usually above the filer") Long jurisdictionOrgId, @InScope(Ref.ORG) Long filerOrgId, Long providerId,
                            @Size(max = 200, message = "班次名称不能超过{max}个字") @PlainText(message = "班次名称不能包含网页标记或脚本") String name,
                            ClassType classType, LocalDate startsOn, LocalDate endsOn,
                            @Size(max = 200, message = "培训地点不能超过{max}个字") @PlainText(message = "培训地点不能包含网页标记或脚本") String venue,
                            List<RankLevel> targetRankLevels, List<StaffCategory> targetStaffCategories,
                            @Min(value = 1, message = "计划人数须大于0") @Max(value = Bounds.MAX_SEATS, message = "计划人数须在1到{value}之间") Integer seats,
                            Boolean fullTime, List<@Size(max = 100, message = "培训专题每项不能超过{max}个字") @PlainText(message = "培训专题不能包含网页标记或脚本") String> topics,
                            @DecimalMin(value = "0", message = "经费预算不能为负数") @DecimalMax(value = "100000000", message = "经费预算须在0到100000000元（一亿元）之间") BigDecimal budget,
                            @Size(max = 2000, message = "班次说明不能超过{max}个字") @PlainText(message = "班次说明不能包含网页标记或脚本") String description,
                            List<@Valid SessionForm> sessions,
                            Integer version) {
    }

    public record Review(long id, String action, String actionLabel, String reason, String actor, Instant at) {
    }

    public record Detail(TrainingClassView trainingClass, List<SessionView> sessions, List<Review> reviews,
                         List<Enrollments.Quota> quotas, boolean canEdit, boolean canDecide, boolean canNominate) {
    }

    public record Submitted(TrainingClassView trainingClass, List<Clash> clashes) {
    }

    public record Page(List<TrainingClassView> rows, long total, int page, int size) {
    }

    public record ClassQuery(Integer year, Long planId, ClassStatus status, ClassType classType, String name,
                             Boolean pendingMine) {
    }

    /** Internal row with the paths needed for scope checks. */
    public record Row(long id, long planId, long jurisdictionOrgId, String jurisdictionPath, long filerOrgId, String filerPath,
               String name, LocalDate startsOn, LocalDate endsOn, ClassStatus status, int seats, int enrolledCount,
               List<String> rankLevels, List<String> categories, int version) {
    }

    static final String VIEW_SELECT = Unscoped.countsOnly() + """
            select tc.*, ap.year as plan_year, jo.name as jurisdiction_name, fo.name as filer_name, tp.name as provider_name,
                   (select count(*) from enrollment e where e.class_id = tc.id and e.status = 'WAITLISTED') as waitlist_count,
                   (select coalesce(sum(s.hours), 0) from class_session s where s.class_id = tc.id and s.status = 'SCHEDULED') as total_hours
            from training_class tc
            join annual_plan ap on ap.id = tc.plan_id
            join org_unit jo on jo.id = tc.jurisdiction_org_id
            join org_unit fo on fo.id = tc.filer_org_id
            left join training_provider tp on tp.id = tc.provider_id
            """;

    // ---------------------------------------------------------------- reads

    @Transactional(readOnly = true)
    public Page page(ClassQuery q, int page, int size) {
        int p = Math.max(page, 1);
        int s = Math.min(Math.max(size, 1), 200);
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>(scope.sqlParameters());
        StringBuilder w = new StringBuilder(" where ").append(visibleCondition(scope, params));
        if (q.year() != null) {
            w.append(" and ap.year = :year");
            params.put("year", q.year());
        }
        if (q.planId() != null) {
            w.append(" and tc.plan_id = :planId");
            params.put("planId", q.planId());
        }
        if (q.status() != null) {
            w.append(" and tc.status = :status");
            params.put("status", q.status().name());
        }
        if (q.classType() != null) {
            w.append(" and tc.class_type = :type");
            params.put("type", q.classType().name());
        }
        if (StringUtils.hasText(q.name())) {
            w.append(" and tc.name like :name");
            params.put("name", Like.contains(q.name()));
        }
        if (Boolean.TRUE.equals(q.pendingMine())) {
            // filings waiting for this user's decision
            w.append(" and tc.status = 'FILED' and ").append(scope.all() ? "true" : "jo.path like :scopeOrgPath");
        }
        long total = jdbc.sql("select count(*) from training_class tc join annual_plan ap on ap.id = tc.plan_id"
                        + " join org_unit jo on jo.id = tc.jurisdiction_org_id join org_unit fo on fo.id = tc.filer_org_id" + w)
                .params(params).query(Long.class).single();
        params.put("limit", s);
        params.put("offset", (long) (p - 1) * s);
        List<TrainingClassView> rows = jdbc.sql(VIEW_SELECT + w + " order by tc.starts_on desc, tc.id desc limit :limit offset :offset")
                .params(params).query(TrainingClasses::view).list();
        return new Page(rows, total, p, s);
    }

    /**
     * SQL condition (aliases tc, jo, fo) for the classes the user may see; adds its parameters. A user
     * without an organisation scope (a cadre) sees none here; part B gives trainees "my classes".
     */
    public static String visibleCondition(DataScope scope, Map<String, Object> params) {
        if (scope.all()) {
            return "true";
        }
        if (scope.orgPath() == null) {
            return "false";
        }
        params.put("scopeOrgPathRaw", scope.orgPath());
        return "(fo.path like :scopeOrgPath or jo.path like :scopeOrgPath"
                + " or (tc.status in ('APPROVED','IN_PROGRESS','COMPLETED') and :scopeOrgPathRaw like jo.path || '%'))";
    }

    @Transactional(readOnly = true)
    public Detail detail(long id) {
        Row row = requireVisible(id);
        CurrentUser me = CurrentUsers.require();
        DataScope scope = scopes.current();
        boolean canEdit = me.can(Permission.CLASS_FILE) && scope.coversOrgPath(row.filerPath())
                && (row.status() == ClassStatus.DRAFT || row.status() == ClassStatus.RETURNED);
        boolean canDecide = isApprover(me, scope, row) && row.status() == ClassStatus.FILED;
        boolean canNominate = PUBLISHED.contains(row.status()) && row.status() != ClassStatus.COMPLETED
                && (me.can(Permission.ENROLL_NOMINATE) || isApprover(me, scope, row));
        return new Detail(view(id), sessions(id), reviews(id), enrollments.quotasOf(id), canEdit, canDecide, canNominate);
    }

    @Transactional(readOnly = true)
    public TrainingClassView get(long id) {
        requireVisible(id);
        return view(id);
    }

    TrainingClassView view(long id) {
        return jdbc.sql(VIEW_SELECT + " where tc.id = ?").param(id).query(TrainingClasses::view).single();
    }

    @Transactional(readOnly = true)
    public List<SessionView> sessionsOf(long classId) {
        requireVisible(classId);
        return sessions(classId);
    }

    /** A class's sessions in timetable order, cancelled ones included (no scope check: the caller checked the class). */
    public List<SessionView> sessions(long classId) {
        return jdbc.sql("""
                select s.*, i.name as instructor_name from class_session s left join instructor i on i.id = s.instructor_id
                where s.class_id = ? order by s.session_date, s.starts_at, s.sort_order, s.id""")
                .param(classId).query(TrainingClasses::session).list();
    }

    List<Review> reviews(long classId) {
        return jdbc.sql("select id, action, reason, actor, at from class_review where class_id = ? order by at, id")
                .param(classId)
                .query((rs, i) -> new Review(rs.getLong("id"), rs.getString("action"), reviewLabel(rs.getString("action")),
                        rs.getString("reason"), rs.getString("actor"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    public List<Clash> clashesOf(long id) {
        requireVisible(id);
        return forReader(id, clashes.of(id));
    }

    static final String HIDDEN_CLASS = "另一班次（无权查看）";

    /**
     * Clashes are found across the whole jurisdiction, but a class the reader may not open is named to them
     * only as "another class": that it clashes, when, and whom to ask, not its name, filer or topics.
     */
    private List<Clash> forReader(long id, List<Clash> found) {
        DataScope scope = scopes.current();
        Map<Long, Boolean> open = new java.util.HashMap<>();
        return found.stream().map(c -> {
            if (c.otherClassId() == id || open.computeIfAbsent(c.otherClassId(), o -> visible(scope, rows.find(o, false)))) {
                return c;
            }
            String message = switch (c.kind()) {
                case TARGET_DATES -> "与" + HIDDEN_CLASS + "培训对象重叠，且" + c.when() + "时间重叠，同一批干部可能被重复调训；请向备案机关核实";
                case DUPLICATE_CONTENT -> "与同年度" + HIDDEN_CLASS + "内容相近，请向备案机关核实是否重复办班";
                case INSTRUCTOR -> "本班" + c.when() + "的授课教师同时被安排在" + HIDDEN_CLASS + "授课，请核实";
                case VENUE -> "本班" + c.when() + "的场地同时被" + HIDDEN_CLASS + "占用，请核实";
                default -> HIDDEN_CLASS + "与本班冲突，请向备案机关核实";
            };
            return new Clash(c.kind(), c.kindLabel(), 0L, HIDDEN_CLASS, null, c.sessionId(), null,
                    c.kind() == ClashKind.DUPLICATE_CONTENT ? null : c.when(), message, c.score());
        }).toList();
    }

    // ---------------------------------------------------------------- writes

    @Transactional
    public TrainingClassView create(ClassForm form) {
        CurrentUser me = requireFiler();
        DataScope scope = scopes.current();
        Long filerOrgId = form.filerOrgId() != null ? form.filerOrgId() : me.scopeOrgId();
        if (filerOrgId == null) {
            throw new BusinessException("请选择举办单位", List.of(new FieldProblem("filerOrgId", "请选择举办单位")));
        }
        String filerPath = orgPath(filerOrgId);
        if (!scope.coversOrgPath(filerPath)) {
            throw new BusinessException(403, "只能以本人管理范围内的单位名义备案班次", List.of());
        }
        long jurisdiction = form.jurisdictionOrgId() != null ? form.jurisdictionOrgId() : defaultJurisdiction(filerPath);
        String jPath = orgPath(jurisdiction);
        if (!filerPath.startsWith(jPath)) {
            throw new BusinessException("备案机关须为举办单位本身或其上级单位",
                    List.of(new FieldProblem("jurisdictionOrgId", "备案机关须为举办单位或其上级")));
        }
        validate(form);
        long planId = planFor(jurisdiction, form.startsOn().getYear());
        long id = jdbc.sql("""
                insert into training_class (plan_id, jurisdiction_org_id, filer_org_id, provider_id, name, class_type, starts_on,
                    ends_on, venue, target_rank_levels, target_staff_categories, seats, full_time, topics, budget, description,
                    status, created_by)
                values (:plan, :jur, :filer, :provider, :name, :type, :starts, :ends, :venue, string_to_array(:ranks, ','),
                    string_to_array(:cats, ','), :seats, :fullTime, string_to_array(:topics, E'\\n'), :budget, :description,
                    'DRAFT', :by)
                returning id""")
                .params(formParams(form))
                .param("plan", planId).param("jur", jurisdiction).param("filer", filerOrgId).param("by", me.username())
                .query(Long.class).single();
        saveSessions(id, form);
        TrainingClassView v = view(id);
        audit.record("CREATE", "TrainingClass", id, "新建班次（草稿）：" + v.name(), null, v);
        return v;
    }

    @Transactional
    public TrainingClassView update(long id, ClassForm form) {
        Row row = lockEditable(id);
        validate(form);
        TrainingClassView before = view(id);
        if (form.version() != null && form.version() != row.version()) {
            throw BusinessException.conflict("班次已被他人修改，请刷新后重试");
        }
        Long providerId = form.providerId();
        long planId = planFor(row.jurisdictionOrgId(), form.startsOn().getYear());
        jdbc.sql("""
                update training_class set plan_id = :plan, provider_id = :provider, name = :name, class_type = :type,
                    starts_on = :starts, ends_on = :ends, venue = :venue, target_rank_levels = string_to_array(:ranks, ','),
                    target_staff_categories = string_to_array(:cats, ','), seats = :seats, full_time = :fullTime,
                    topics = string_to_array(:topics, E'\\n'), budget = :budget, description = :description,
                    updated_at = now(), version = version + 1
                where id = :id""")
                .params(formParams(form)).param("plan", planId).param("provider", providerId).param("id", id).update();
        saveSessions(id, form);
        TrainingClassView after = view(id);
        audit.record("UPDATE", "TrainingClass", id, "修改班次：" + after.name(), before, after);
        return after;
    }

    /**
     * Moves a draft (or returned) class to start on {@code startsOn}, keeping its length, and shifts every session by the
     * same number of days: how the planner accepts a scheduler's proposal (planning.DraftScheduling). Only the filer may.
     */
    @Transactional
    public TrainingClassView reschedule(long id, LocalDate startsOn) {
        Row row = lockEditable(id);
        TrainingClassView before = view(id);
        long shift = java.time.temporal.ChronoUnit.DAYS.between(before.startsOn(), startsOn);
        if (shift == 0) {
            return before;
        }
        LocalDate endsOn = before.endsOn().plusDays(shift);
        long planId = planFor(row.jurisdictionOrgId(), startsOn.getYear());
        jdbc.sql("""
                update training_class set plan_id = ?, starts_on = ?, ends_on = ?, updated_at = now(), version = version + 1
                 where id = ?""").params(planId, startsOn, endsOn, id).update();
        jdbc.sql("update class_session set session_date = session_date + ? where class_id = ?").params((int) shift, id).update();
        TrainingClassView after = view(id);
        audit.record("RESCHEDULE", "TrainingClass", id, "按排期方案调整班次日期：" + after.name() + "（" + before.startsOn() + " → "
                + startsOn + "）", before, after);
        return after;
    }

    /** Submits a draft or returned class for approval; returns the clash warnings the filer should see. */
    @Transactional
    public Submitted submit(long id) {
        Row row = lockEditable(id);
        long sessions = jdbc.sql("select count(*) from class_session where class_id = ?").param(id).query(Long.class).single();
        if (sessions == 0) {
            throw new BusinessException("请先编排课程表（至少一个课次）再提交备案");
        }
        jdbc.sql("update training_class set status = 'FILED', filed_at = now(), updated_at = now(), version = version + 1 where id = ?")
                .param(id).update();
        review(id, "SUBMIT", null);
        List<Clash> found = forReader(id, clashes.of(id));
        TrainingClassView v = view(id);
        audit.record("SUBMIT", "TrainingClass", id, "提交备案：" + row.name()
                + (found.isEmpty() ? "" : "（提示冲突" + found.size() + "项）"), row.status().name(), v);
        return new Submitted(v, found);
    }

    @Transactional
    public TrainingClassView approve(long id, String comment) {
        Row row = lockForDecision(id);
        jdbc.sql("update training_class set status = 'APPROVED', decided_at = now(), updated_at = now(), version = version + 1 where id = ?")
                .param(id).update();
        review(id, "APPROVE", StringUtils.hasText(comment) ? comment.strip() : null);
        TrainingClassView v = view(id);
        audit.record("APPROVE", "TrainingClass", id, "备案通过：" + row.name(), "FILED", v);
        return v;
    }

    @Transactional
    public TrainingClassView returnFiling(long id, String reason) {
        if (!StringUtils.hasText(reason)) {
            throw new BusinessException("退回须填写理由", List.of(new FieldProblem("reason", "请填写退回理由")));
        }
        Row row = lockForDecision(id);
        jdbc.sql("update training_class set status = 'RETURNED', decided_at = now(), updated_at = now(), version = version + 1 where id = ?")
                .param(id).update();
        review(id, "RETURN", reason.strip());
        TrainingClassView v = view(id);
        audit.record("RETURN", "TrainingClass", id, "退回备案：" + row.name() + "。理由：" + reason.strip(), "FILED", v);
        return v;
    }

    /** Cancels a class (filer before approval; the approving department at any time before it ends). */
    @Transactional
    public TrainingClassView cancel(long id, String reason) {
        Row row = lock(id);
        CurrentUser me = CurrentUsers.require();
        DataScope scope = scopes.current();
        boolean filer = me.can(Permission.CLASS_FILE) && scope.coversOrgPath(row.filerPath())
                && Set.of(ClassStatus.DRAFT, ClassStatus.FILED, ClassStatus.RETURNED).contains(row.status());
        if (!filer && !isApprover(me, scope, row)) {
            throw new BusinessException(403, "无权取消该班次", List.of());
        }
        if (row.status() == ClassStatus.CANCELLED || row.status() == ClassStatus.COMPLETED) {
            throw BusinessException.conflict("班次" + row.status().label() + "，不能取消");
        }
        if (row.status() != ClassStatus.DRAFT && !StringUtils.hasText(reason)) {
            throw new BusinessException("取消班次须填写理由", List.of(new FieldProblem("reason", "请填写取消理由")));
        }
        String why = StringUtils.hasText(reason) ? reason.strip() : null;
        jdbc.sql("update training_class set status = 'CANCELLED', updated_at = now(), version = version + 1 where id = ?").param(id).update();
        review(id, "CANCEL", why);
        int ended = enrollments.cancelAllOf(id, row.name(), why);
        TrainingClassView v = view(id);
        audit.record("CANCEL", "TrainingClass", id, "取消班次：" + row.name() + (why == null ? "" : "。理由：" + why)
                + (ended > 0 ? "（" + ended + "名学员报名随之取消）" : ""), row.status().name(), v);
        return v;
    }

    // ---------------------------------------------------------------- helpers

    Row requireVisible(long id) {
        return rows.requireVisible(id);
    }

    static boolean visible(DataScope scope, Row row) {
        return ClassRows.visible(scope, row);
    }

    public static boolean isApprover(CurrentUser me, DataScope scope, Row row) {
        return me.can(Permission.CLASS_APPROVE) && scope.coversOrgPath(row.jurisdictionPath());
    }

    Row lock(long id) {
        return rows.find(id, true);
    }

    private Row lockEditable(long id) {
        CurrentUser me = requireFiler();
        Row row = lock(id);
        if (!scopes.current().coversOrgPath(row.filerPath())) {
            throw new BusinessException(403, "只有举办单位可以修改或提交该班次", List.of());
        }
        if (row.status() != ClassStatus.DRAFT && row.status() != ClassStatus.RETURNED) {
            throw BusinessException.conflict("班次" + row.status().label() + "，不能修改或重复提交");
        }
        return row;
    }

    private Row lockForDecision(long id) {
        CurrentUser me = CurrentUsers.require();
        Row row = lock(id);
        if (!isApprover(me, scopes.current(), row)) {
            throw new BusinessException(403, "只有备案机关的组织部门可以审批该班次", List.of());
        }
        if (row.status() != ClassStatus.FILED) {
            throw BusinessException.conflict("班次" + row.status().label() + "，不在待审批状态");
        }
        return row;
    }

    private static CurrentUser requireFiler() {
        CurrentUser me = CurrentUsers.require();
        if (!me.can(Permission.CLASS_FILE)) {
            throw new BusinessException(403, "无权备案班次", List.of());
        }
        return me;
    }

    private void review(long classId, String action, String reason) {
        jdbc.sql("insert into class_review (class_id, action, reason, actor) values (?, ?, ?, ?)")
                .params(classId, action, reason, CurrentUsers.current().map(CurrentUser::username).orElse("system")).update();
    }

    static String reviewLabel(String action) {
        return switch (action) {
            case "SUBMIT" -> "提交备案";
            case "APPROVE" -> "审批通过";
            case "RETURN" -> "退回";
            case "CANCEL" -> "取消";
            default -> action;
        };
    }

    String orgPath(long orgId) {
        return rows.orgPath(orgId);
    }

    /** The nearest county-level unit at or above the filer (the organisation department that approves), else the root. */
    long defaultJurisdiction(String filerPath) {
        List<Long> ids = Arrays.stream(filerPath.split("/")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
        return jdbc.sql("select id from org_unit where id in (:ids) and kind = 'COUNTY' order by depth desc limit 1")
                .param("ids", ids).query(Long.class).optional().orElse(ids.get(0));
    }

    /** The annual plan of a jurisdiction and year, created on first use. */
    long planFor(long jurisdictionOrgId, int year) {
        return jdbc.sql("""
                with ins as (
                    insert into annual_plan (jurisdiction_org_id, year, title, created_by)
                    select o.id, :year, o.name || :year || '年度干部教育培训计划', :by from org_unit o where o.id = :org
                    on conflict (jurisdiction_org_id, year) do nothing returning id)
                select id from ins union all select id from annual_plan where jurisdiction_org_id = :org and year = :year
                limit 1""")
                .param("org", jurisdictionOrgId).param("year", year)
                .param("by", CurrentUsers.current().map(CurrentUser::username).orElse("system"))
                .query(Long.class).single();
    }

    /** The most 学时 one session may credit. */
    static final BigDecimal MAX_SESSION_HOURS = BigDecimal.valueOf(100);

    private void validate(ClassForm f) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!StringUtils.hasText(f.name())) { // its length and text: ClassForm's constraints
            problems.add(new FieldProblem("name", "请填写班次名称"));
        }
        if (f.classType() == null) {
            problems.add(new FieldProblem("classType", "请选择班次类型"));
        }
        if (f.startsOn() == null || f.endsOn() == null) {
            problems.add(new FieldProblem("startsOn", "请填写培训起止日期"));
        } else if (f.endsOn().isBefore(f.startsOn())) {
            problems.add(new FieldProblem("endsOn", "结束日期不能早于开始日期"));
        } else {
            // a class in the year 1 or 9999 would also create an annual plan for that year
            Bounds.planDate(problems, "startsOn", "开始日期", f.startsOn(), LocalDate.now(clock));
            Bounds.planDate(problems, "endsOn", "结束日期", f.endsOn(), LocalDate.now(clock));
        }
        if (f.seats() == null) { // its range, and the budget's: ClassForm's constraints
            problems.add(new FieldProblem("seats", "计划人数须大于0"));
        }
        if (f.providerId() != null && jdbc.sql("select count(*) from training_provider where id = ?").param(f.providerId())
                .query(Long.class).single() == 0) {
            problems.add(new FieldProblem("providerId", "培训机构不存在"));
        }
        List<SessionForm> sessions = f.sessions() == null ? List.of() : f.sessions();
        for (int i = 0; i < sessions.size(); i++) {
            SessionForm s = sessions.get(i);
            String at = "第" + (i + 1) + "个课次";
            if (s.sessionDate() == null || s.startsAt() == null || s.endsAt() == null) {
                problems.add(new FieldProblem("sessions[" + i + "]", at + "：请填写日期和起止时间"));
                continue;
            }
            if (!s.endsAt().isAfter(s.startsAt())) {
                problems.add(new FieldProblem("sessions[" + i + "]", at + "：结束时间须晚于开始时间"));
            }
            if (f.startsOn() != null && f.endsOn() != null
                    && (s.sessionDate().isBefore(f.startsOn()) || s.sessionDate().isAfter(f.endsOn()))) {
                problems.add(new FieldProblem("sessions[" + i + "]", at + "：日期" + s.sessionDate() + "不在培训起止日期内"));
            }
            if (!StringUtils.hasText(s.topic())) {
                problems.add(new FieldProblem("sessions[" + i + "]", at + "：请填写课程主题"));
            }
            if (s.hours() == null || s.hours().signum() <= 0) {
                problems.add(new FieldProblem("sessions[" + i + "]", at + "：学时须大于0"));
            } else if (s.hours().compareTo(MAX_SESSION_HOURS) > 0) {
                // class_session.hours holds up to 999.99: a larger number was a 500
                problems.add(new FieldProblem("sessions[" + i + "]", at + "：学时不能超过" + MAX_SESSION_HOURS));
            }
            if (s.instructorId() != null && !inPool("select o.path from instructor i join org_unit o on o.id = i.owner_org_id"
                    + " where i.id = ?", s.instructorId())) {
                problems.add(new FieldProblem("sessions[" + i + "]", at + "：授课教师不在师资库中"));
            }
        }
        if (f.providerId() != null && !inPool("select o.path from training_provider p join org_unit o on o.id = p.org_id"
                + " where p.id = ? and not p.retired", f.providerId())) {
            problems.add(new FieldProblem("providerId", "所选培训机构不在可选范围内"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
    }

    /**
     * Whether the instructor or provider the query finds (by its unit's path) is one the user may choose: in their
     * subtree or above it, as the pools list them. Another township's is not there for them.
     */
    private boolean inPool(String pathQuery, long id) {
        String path = jdbc.sql(pathQuery).param(id).query(String.class).optional().orElse(null);
        DataScope scope = scopes.current();
        return path != null && (scope.coversOrgPath(path) || (scope.orgPath() != null && scope.orgPath().startsWith(path)));
    }

    private static Map<String, Object> formParams(ClassForm f) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("provider", f.providerId());
        p.put("name", f.name().strip());
        p.put("type", f.classType().name());
        p.put("starts", f.startsOn());
        p.put("ends", f.endsOn());
        p.put("venue", StringUtils.hasText(f.venue()) ? f.venue().strip() : null);
        p.put("ranks", f.targetRankLevels() == null ? "" : f.targetRankLevels().stream().distinct().map(Enum::name).collect(Collectors.joining(",")));
        p.put("cats", f.targetStaffCategories() == null ? "" : f.targetStaffCategories().stream().distinct().map(Enum::name).collect(Collectors.joining(",")));
        p.put("seats", f.seats());
        p.put("fullTime", f.fullTime() == null || f.fullTime());
        p.put("topics", f.topics() == null ? "" : f.topics().stream().filter(StringUtils::hasText)
                .map(t -> t.replaceAll("[\\r\\n]+", " ").strip()).distinct().collect(Collectors.joining("\n")));
        p.put("budget", f.budget());
        p.put("description", StringUtils.hasText(f.description()) ? f.description().strip() : null);
        return p;
    }

    /** Keeps session ids stable: sessions with an id are updated, new ones inserted, missing ones deleted. */
    private void saveSessions(long classId, ClassForm f) {
        if (f.sessions() == null) {
            return;
        }
        Set<Long> keep = new HashSet<>();
        int order = 0;
        for (SessionForm s : f.sessions()) {
            Map<String, Object> p = new HashMap<>();
            p.put("cls", classId);
            p.put("date", s.sessionDate());
            p.put("starts", s.startsAt());
            p.put("ends", s.endsAt());
            p.put("topic", s.topic().strip());
            p.put("instructor", s.instructorId());
            p.put("venue", StringUtils.hasText(s.venue()) ? s.venue().strip() : null);
            p.put("hours", s.hours());
            p.put("ord", order++);
            int n = 0;
            if (s.id() != null) {
                p.put("id", s.id());
                n = jdbc.sql("""
                        update class_session set session_date = :date, starts_at = :starts, ends_at = :ends, topic = :topic,
                            instructor_id = :instructor, venue = :venue, hours = :hours, sort_order = :ord
                        where id = :id and class_id = :cls""").params(p).update();
                if (n == 1) {
                    keep.add(s.id());
                }
            }
            if (n == 0) {
                keep.add(jdbc.sql("""
                        insert into class_session (class_id, session_date, starts_at, ends_at, topic, instructor_id, venue, hours, sort_order)
                        values (:cls, :date, :starts, :ends, :topic, :instructor, :venue, :hours, :ord) returning id""")
                        .params(p).query(Long.class).single());
            }
        }
        if (keep.isEmpty()) {
            jdbc.sql("delete from class_session where class_id = ?").param(classId).update();
        } else {
            jdbc.sql("delete from class_session where class_id = :cls and id not in (:keep)")
                    .param("cls", classId).param("keep", keep).update();
        }
    }

    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        return Arrays.asList((String[]) a.getArray());
    }

    static String targetText(List<String> ranks, List<String> cats) {
        String r = ranks.isEmpty() ? "各职级" : ranks.stream().map(x -> RankLevel.valueOf(x).label()).collect(Collectors.joining("、"));
        String c = cats.isEmpty() ? "各类人员" : cats.stream().map(x -> StaffCategory.valueOf(x).label()).collect(Collectors.joining("、"));
        return r + "；" + c;
    }

    static TrainingClassView view(ResultSet rs, int i) throws SQLException {
        ClassType type = ClassType.valueOf(rs.getString("class_type"));
        ClassStatus status = ClassStatus.valueOf(rs.getString("status"));
        List<String> ranks = strings(rs, "target_rank_levels");
        List<String> cats = strings(rs, "target_staff_categories");
        return new TrainingClassView(rs.getLong("id"), rs.getLong("plan_id"), rs.getInt("plan_year"),
                rs.getLong("jurisdiction_org_id"), rs.getString("jurisdiction_name"), rs.getLong("filer_org_id"),
                rs.getString("filer_name"), rs.getObject("provider_id", Long.class), rs.getString("provider_name"),
                rs.getString("name"), type, type.label(), rs.getObject("starts_on", LocalDate.class),
                rs.getObject("ends_on", LocalDate.class), rs.getString("venue"), ranks, cats, targetText(ranks, cats),
                rs.getInt("seats"), rs.getInt("enrolled_count"), rs.getInt("waitlist_count"), rs.getBoolean("full_time"),
                strings(rs, "topics"), rs.getBigDecimal("budget"), rs.getString("description"), status, status.label(),
                rs.getBigDecimal("total_hours"), rs.getString("created_by"),
                rs.getTimestamp("filed_at") == null ? null : rs.getTimestamp("filed_at").toInstant(),
                rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant(),
                rs.getInt("version"));
    }

    static SessionView session(ResultSet rs, int i) throws SQLException {
        return new SessionView(rs.getLong("id"), rs.getLong("class_id"), rs.getObject("session_date", LocalDate.class),
                rs.getObject("starts_at", LocalTime.class), rs.getObject("ends_at", LocalTime.class), rs.getString("topic"),
                rs.getObject("instructor_id", Long.class), rs.getString("instructor_name"), rs.getString("venue"),
                rs.getBigDecimal("hours"), SessionStatus.valueOf(rs.getString("status")));
    }
}
