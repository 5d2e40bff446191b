package org.ganxun.training;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.ganxun.training.forclassroom.ClassRows;

import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Permission;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ganxun.audit.AuditLog;
import org.ganxun.notify.Notifications;
import org.ganxun.org.DataScopes;
import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.rules.Decision;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Call-up (调训) and enrollment (报名).
 * <p>
 * Seats: every nomination, withdrawal and promotion of one class first locks the class row
 * ({@code SELECT ... FOR UPDATE}), so they run one after another per class on every node; the seat and
 * quota counters are changed by conditional UPDATEs and guarded by CHECK constraints
 * ({@code enrolled_count <= seats}, {@code used <= seats}) as a second line. A person is locked too
 * (a transaction-scoped advisory lock on the cadre) so two classes cannot both enroll them for the same dates.
 * <p>
 * Quotas (名额): when a class has quotas, a unit's liaison nominates only people under a unit with a quota,
 * and not above it (409, nothing stored). Without quotas the class is open to the whole jurisdiction.
 * The unused part of every quota is a seat held for that unit: a named call-up (which uses no quota) and
 * the promotion of a waitlisted person without a quota take only seats no quota holds, so a unit whose
 * quota shows room gets a seat when it nominates, also after one of its people withdrew.
 * <p>
 * When the class is full the person goes on the waitlist, in order. A freed seat goes to the first
 * waitlisted person who can take it; each one passed over gets a {@code waitlist_skip} row with the reason.
 * The waitlist is numbered 1..n without gaps: whoever leaves it (promoted, withdrawn, cancelled) loses the
 * position and the others move up.
 */
@Service
public class Enrollments {

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final AuditLog audit;
    private final Notifications notifications;
    private final ClassRows classes;

    Enrollments(JdbcClient jdbc, DataScopes scopes, AuditLog audit, Notifications notifications, ClassRows classes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.audit = audit;
        this.notifications = notifications;
        this.classes = classes;
    }

    public record Quota(long orgId, String orgName, int seats, int used) {
    }

    public record QuotaRequest(@NotNull(message = "请选择单位") @InScope(Ref.ORG) Long orgId,
                               @NotNull(message = "请填写名额") @Min(value = 0, message = "名额须在0到" + Bounds.MAX_SEATS + "之间")
                               @Max(value = Bounds.MAX_SEATS, message = "名额须在0到" + Bounds.MAX_SEATS + "之间") Integer seats) {
    }

    public record Skip(long id, long enrollmentId, long cadreId, String cadreName, String orgName, SkipReason reasonCode,
                       String reasonLabel, String reason, Instant at) {
    }

    /** The result of one nomination: the enrollment and a sentence for the user. */
    public record Outcome(EnrollmentView enrollment, String message) {
    }

    record Person(long id, String name, String status, String rankLevel, String staffCategory, String phone, long orgId,
                  String orgPath, String orgName) {
    }

    // ---------------------------------------------------------------- quotas

    /** A class's quotas, to whoever sees the class (403 otherwise). */
    public List<Quota> quotas(long classId) {
        classes.requireVisible(classId);
        return quotasOf(classId);
    }

    /** A class's quotas; no scope check (the caller checked the class). */
    List<Quota> quotasOf(long classId) {
        return jdbc.sql("""
                select q.org_id, o.name, q.seats, q.used from class_quota q join org_unit o on o.id = q.org_id
                where q.class_id = ? order by tree_path_key(o.path)""")
                .param(classId).query((rs, i) -> new Quota(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4))).list();
    }

    /**
     * Replaces a class's quotas (organisation department of the jurisdiction). Existing nominations are
     * re-attached to the most specific unit with a quota; a quota below what its unit already uses is refused.
     */
    @Transactional
    public List<Quota> setQuotas(long classId, List<QuotaRequest> requests) {
        TrainingClasses.Row row = classes.find(classId, true);
        requireApprover(row);
        requireOpen(row);
        List<Quota> before = quotasOf(classId);
        Map<Long, Integer> wanted = new HashMap<>();
        for (QuotaRequest q : requests) {
            if (q.orgId() == null || q.seats() == null || q.seats() < 0) {
                throw new BusinessException("请为每个单位填写不小于0的名额");
            }
            // a quota may exceed the seats (those beyond them wait for a freed seat), but not absurdly
            if (q.seats() > Bounds.MAX_SEATS) {
                throw new BusinessException("名额（seats）须在0到" + Bounds.MAX_SEATS + "之间（填写的是" + q.seats() + "）",
                        List.of(new BusinessException.FieldProblem("seats", "名额须在0到" + Bounds.MAX_SEATS + "之间")));
            }
            String path = classes.orgPath(q.orgId());
            if (!path.startsWith(row.jurisdictionPath())) {
                throw new BusinessException("只能给备案机关所辖单位分配名额");
            }
            wanted.merge(q.orgId(), q.seats(), Integer::sum);
        }

        jdbc.sql("delete from class_quota where class_id = ?").param(classId).update();
        Map<Long, String> quotaPaths = new HashMap<>();
        for (var e : wanted.entrySet()) {
            jdbc.sql("insert into class_quota (class_id, org_id, seats) values (?, ?, ?)").params(classId, e.getKey(), e.getValue()).update();
            quotaPaths.put(e.getKey(), classes.orgPath(e.getKey()));
        }
        // re-attach nominations (named call-ups stay outside quotas) and recount
        List<Map.Entry<Long, String>> nominated = jdbc.sql(Unscoped.ofChecked("class", "ClassRows") + """
                select e.id, o.path from enrollment e join cadre_card c on c.id = e.cadre_id join org_unit o on o.id = c.org_id
                where e.class_id = ? and e.source = 'NOMINATED' and e.status in ('ENROLLED', 'WAITLISTED')""")
                .param(classId).query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
        for (var n : nominated) {
            Long quotaOrg = deepest(quotaPaths, n.getValue());
            jdbc.sql("update enrollment set quota_org_id = ? where id = ?").params(quotaOrg, n.getKey()).update();
        }
        jdbc.sql("""
                update class_quota q set used = (select count(*) from enrollment e where e.class_id = q.class_id
                    and e.quota_org_id = q.org_id and e.status = 'ENROLLED') where q.class_id = ?""").param(classId).update();
        // a quota must not be below what its unit already holds
        for (Quota q : quotasOf(classId)) {
            if (q.used() > q.seats()) {
                throw BusinessException.conflict(q.orgName() + "已有" + q.used() + "人报名，名额不能少于" + q.used());
            }
        }
        List<Quota> after = quotasOf(classId);
        int total = after.stream().mapToInt(Quota::seats).sum();
        audit.record("SET_QUOTAS", "TrainingClass", classId, "分配名额：" + row.name() + "（共" + total + "个，计划人数" + row.seats() + "）",
                before, after);
        // a lowered or removed quota releases the seats it held; a raised one lets its waitlisted people in
        if (!promote(row).isEmpty()) {
            after = quotasOf(classId);
        }
        return after;
    }

    private static Long deepest(Map<Long, String> quotaPaths, String cadreOrgPath) {
        return quotaPaths.entrySet().stream().filter(q -> cadreOrgPath.startsWith(q.getValue()))
                .max(Comparator.comparingInt(q -> q.getValue().length())).map(Map.Entry::getKey).orElse(null);
    }

    // ---------------------------------------------------------------- nominate / name

    /** A unit nominates a person (单位推荐) within its data scope and quota. */
    @Transactional
    public Outcome nominate(long classId, long cadreId) {
        CurrentUser me = CurrentUsers.require();
        if (!me.can(Permission.ENROLL_NOMINATE)) {
            throw new BusinessException(403, "无权报名学员", List.of());
        }
        TrainingClasses.Row row = classes.find(classId, true);
        if (!TrainingClasses.visible(scopes.current(), row)) {
            throw new BusinessException(403, "无权查看该班次", List.of());
        }
        return enroll(row, cadreId, EnrollmentSource.NOMINATED);
    }

    /** The organisation department names a person (点名调训); no quota applies. */
    @Transactional
    public Outcome name(long classId, long cadreId) {
        TrainingClasses.Row row = classes.find(classId, true);
        requireApprover(row);
        return enroll(row, cadreId, EnrollmentSource.NAMED);
    }

    private Outcome enroll(TrainingClasses.Row row, long cadreId, EnrollmentSource source) {
        requireOpen(row);
        Person p = person(cadreId).orElseThrow(() -> BusinessException.notFound("干部"));
        DataScope scope = scopes.current();
        if (!scope.coversOrgPath(p.orgPath())) {
            throw new BusinessException(403, p.name() + "不在本人管理范围内，不能为其报名", List.of());
        }
        if (!"ACTIVE".equals(p.status())) {
            throw new BusinessException(p.name() + "当前不在职，不能报名");
        }
        if (!p.orgPath().startsWith(row.jurisdictionPath())) {
            throw new BusinessException(403, p.name() + "不在本班调训范围（" + orgName(row.jurisdictionOrgId()) + "所辖）内", List.of());
        }
        Decision eligible = eligibility(row, p);
        if (!eligible.allowed()) {
            throw new BusinessException(eligible.refusalText());
        }
        lockPerson(cadreId);
        existing(row.id(), cadreId).ifPresent(e -> {
            throw BusinessException.conflict(p.name() + "已在本班" + (e.status() == EnrollmentStatus.WAITLISTED
                    ? "候补名单中（第" + e.waitlistPosition() + "位）" : "学员名单中"));
        });
        String clash = overlapping(row, cadreId);
        if (clash != null) {
            throw BusinessException.conflict(p.name() + "已报名" + clash + "，与本班培训时间重叠，不能同时参加");
        }
        Long quotaOrg = null;
        if (source == EnrollmentSource.NOMINATED) {
            List<Quota> quotas = quotasOf(row.id());
            if (!quotas.isEmpty()) {
                Map<Long, String> paths = new HashMap<>();
                quotas.forEach(q -> paths.put(q.orgId(), classes.orgPath(q.orgId())));
                quotaOrg = deepest(paths, p.orgPath());
                if (quotaOrg == null) {
                    throw new BusinessException(403, p.name() + "所在单位没有本班名额，请联系组织部门分配名额或点名调训", List.of());
                }
                Long qo = quotaOrg;
                Quota q = quotas.stream().filter(x -> x.orgId() == qo).findFirst().orElseThrow();
                if (q.used() >= q.seats()) {
                    throw BusinessException.conflict(q.orgName() + "的名额已用完（" + q.used() + "/" + q.seats() + "），不能再报名");
                }
            }
        }
        // a seat if one is free (without a quota: one that no quota holds), else the end of the waitlist
        List<Quota> holding = quotaOrg == null ? holdingOf(quotasOf(row.id())) : List.of();
        boolean seat = jdbc.sql("update training_class set enrolled_count = enrolled_count + 1 where id = ? and enrolled_count + ? < seats")
                .params(row.id(), held(holding)).update() == 1;
        long id;
        String by = CurrentUsers.current().map(CurrentUser::username).orElse("system");
        if (seat) {
            if (quotaOrg != null) {
                int n = jdbc.sql("update class_quota set used = used + 1 where class_id = ? and org_id = ? and used < seats")
                        .params(row.id(), quotaOrg).update();
                if (n != 1) {
                    throw BusinessException.conflict("本单位名额已用完，不能再报名");
                }
            }
            id = jdbc.sql("""
                    insert into enrollment (class_id, cadre_id, status, source, quota_org_id, nominated_by, enrolled_at)
                    values (?, ?, 'ENROLLED', ?, ?, ?, now()) returning id""")
                    .params(row.id(), cadreId, source.name(), quotaOrg, by).query(Long.class).single();
        } else {
            renumberWaitlist(row.id());
            long position = jdbc.sql(Unscoped.countsOnly() + "select count(*) + 1 from enrollment where class_id = ? and status = 'WAITLISTED'")
                    .param(row.id()).query(Long.class).single();
            id = jdbc.sql("""
                    insert into enrollment (class_id, cadre_id, status, source, quota_org_id, nominated_by, waitlist_position)
                    values (?, ?, 'WAITLISTED', ?, ?, ?, ?) returning id""")
                    .params(row.id(), cadreId, source.name(), quotaOrg, by, position).query(Long.class).single();
        }
        EnrollmentView v = view(id);
        String message;
        if (seat) {
            message = p.name() + "已报名“" + row.name() + "”";
            notify(p, "TRAINING_ENROLLED", "调训通知", "您已被" + (source == EnrollmentSource.NAMED ? "点名调训" : "推荐")
                    + "参加“" + row.name() + "”（" + row.startsOn() + "至" + row.endsOn() + "），请按时报到。", "enroll:" + id);
        } else {
            long rank = v.waitlistPosition();
            boolean full = jdbc.sql("select enrolled_count >= seats from training_class where id = ?").param(row.id())
                    .query(Boolean.class).single();
            message = (full ? "本班已满" : "本班余下的座位留作" + heldText(holding) + "名额") + "，" + p.name() + "已列入候补名单第" + rank
                    + "位，有空位时按顺序递补";
            notify(p, "TRAINING_WAITLISTED", "候补通知", "“" + row.name() + "”已满员，您已列入候补名单第" + rank
                    + "位，有空位时将按顺序递补并另行通知。", "waitlist:" + id);
        }
        audit.record(source == EnrollmentSource.NAMED ? "NAME" : "NOMINATE", "Enrollment", id, message, null, v);
        return new Outcome(v, message);
    }

    // ---------------------------------------------------------------- withdraw / cancel / promote

    /** Withdraws an enrollment or a waitlist place (the person's unit or the approving department). */
    @Transactional
    public EnrollmentView withdraw(long enrollmentId, String reason) {
        Long classId = jdbc.sql(Unscoped.rowChecked("withdraw: ClassRows and the person's unit") + "select class_id from enrollment where id = ?").param(enrollmentId).query(Long.class).optional()
                .orElseThrow(() -> BusinessException.notFound("报名记录"));
        TrainingClasses.Row row = classes.find(classId, true);
        EnrollmentView before = view(enrollmentId);
        Person p = person(before.cadreId()).orElseThrow();
        CurrentUser me = CurrentUsers.require();
        DataScope scope = scopes.current();
        boolean unit = me.can(Permission.ENROLL_NOMINATE)
                && scope.coversOrgPath(p.orgPath());
        if (!unit && !TrainingClasses.isApprover(me, scope, row)) {
            // the refusal does not name the person: they are outside the caller's scope
            throw new BusinessException(403, "无权为该学员退出报名：只有其所在单位或备案机关可以办理", List.of());
        }
        if (before.status() != EnrollmentStatus.ENROLLED && before.status() != EnrollmentStatus.WAITLISTED) {
            throw BusinessException.conflict(p.name() + "的报名状态为" + before.statusLabel() + "，不能退出");
        }
        if (!StringUtils.hasText(reason)) {
            throw new BusinessException("请填写退出原因");
        }
        end(before, EnrollmentStatus.WITHDRAWN, reason.strip());
        EnrollmentView after = view(enrollmentId);
        audit.record("WITHDRAW", "Enrollment", enrollmentId, p.name() + "退出“" + row.name() + "”：" + reason.strip(), before, after);
        notify(p, "TRAINING_WITHDRAWN", "报名取消通知", "您在“" + row.name() + "”的" + (before.status() == EnrollmentStatus.WAITLISTED
                ? "候补" : "报名") + "已取消。原因：" + reason.strip(), "withdraw:" + enrollmentId);
        if (before.status() == EnrollmentStatus.ENROLLED) {
            promote(row); // renumbers the waitlist too
        } else {
            renumberWaitlist(row.id());
        }
        return after;
    }

    /** Ends an enrollment and gives back its seat and quota (the caller holds the class lock). */
    private void end(EnrollmentView e, EnrollmentStatus to, String reason) {
        jdbc.sql("""
                update enrollment set status = ?, ended_at = now(), end_reason = ?, waitlist_position = null, version = version + 1
                where id = ?""").params(to.name(), reason, e.id()).update();
        if (e.status() == EnrollmentStatus.ENROLLED) {
            jdbc.sql("update training_class set enrolled_count = enrolled_count - 1 where id = ?").param(e.classId()).update();
            if (e.quotaOrgId() != null) {
                jdbc.sql("update class_quota set used = used - 1 where class_id = ? and org_id = ? and used > 0")
                        .params(e.classId(), e.quotaOrgId()).update();
            }
        }
    }

    /** Cancels every active enrollment of a cancelled class and tells each trainee. Caller holds the class lock. */
    int cancelAllOf(long classId, String className, String reason) {
        List<EnrollmentView> active = jdbc.sql(Unscoped.ofChecked("class", "ClassRows") + SELECT + " where e.class_id = ? and e.status in ('ENROLLED', 'WAITLISTED')")
                .param(classId).query(Enrollments::view).list();
        for (EnrollmentView e : active) {
            end(e, EnrollmentStatus.CANCELLED, "班次取消" + (reason == null ? "" : "：" + reason));
            person(e.cadreId()).ifPresent(p -> notify(p, "TRAINING_CANCELLED", "班次取消通知",
                    "“" + className + "”已取消" + (reason == null ? "" : "（" + reason + "）") + "，您的报名随之取消。", "cancel:" + e.id()));
        }
        return active.size();
    }

    /**
     * Fills free seats from the waitlist in order (the caller holds the class lock). A waitlisted person is
     * skipped, with a recorded reason, when they are no longer in post, no longer in the target group, their
     * unit's quota is full, they have no quota and every free seat is held for a unit's quota, or they are
     * now enrolled in another class on overlapping dates; they stay on the waitlist for the next freed seat.
     * The remaining waitlist is renumbered 1..n.
     */
    List<EnrollmentView> promote(TrainingClasses.Row row) {
        List<EnrollmentView> promoted = new ArrayList<>();
        int free = jdbc.sql("select seats - enrolled_count from training_class where id = ?").param(row.id()).query(Integer.class).single();
        if (free <= 0) {
            return promoted;
        }
        List<EnrollmentView> waiting = jdbc.sql(Unscoped.ofChecked("class", "ClassRows") + SELECT + " where e.class_id = ? and e.status = 'WAITLISTED' order by e.waitlist_position")
                .param(row.id()).query(Enrollments::view).list();
        for (EnrollmentView w : waiting) {
            if (free <= 0) {
                break;
            }
            Person p = person(w.cadreId()).orElseThrow();
            lockPerson(p.id());
            SkipReason code = null;
            String why = null;
            Decision eligible = eligibility(row, p);
            String clash = overlapping(row, p.id());
            List<Quota> quotas = quotasOf(row.id());
            Quota quota = w.quotaOrgId() == null ? null
                    : quotas.stream().filter(q -> q.orgId() == w.quotaOrgId()).findFirst().orElse(null);
            List<Quota> holding = quota == null ? holdingOf(quotas) : List.of();
            if (!"ACTIVE".equals(p.status())) {
                code = SkipReason.INACTIVE;
                why = p.name() + "已不在职";
            } else if (!eligible.allowed()) {
                code = SkipReason.NOT_ELIGIBLE;
                why = eligible.refusalText();
            } else if (quota != null && quota.used() >= quota.seats()) {
                code = SkipReason.QUOTA_FULL;
                why = quota.orgName() + "的名额已用完（" + quota.used() + "/" + quota.seats() + "）";
            } else if (held(holding) >= free) {
                code = SkipReason.SEAT_HELD;
                why = "空出的座位留作" + heldText(holding) + "名额";
            } else if (clash != null) {
                code = SkipReason.DATE_CLASH;
                why = p.name() + "已报名" + clash + "，培训时间重叠";
            }
            if (code != null) {
                jdbc.sql("insert into waitlist_skip (class_id, enrollment_id, reason_code, reason) values (?, ?, ?, ?)")
                        .params(row.id(), w.id(), code.name(), why).update();
                audit.record("WAITLIST_SKIP", "Enrollment", w.id(), "候补递补跳过" + p.name() + "：" + why, null, null);
                continue;
            }
            jdbc.sql("update training_class set enrolled_count = enrolled_count + 1 where id = ? and enrolled_count < seats")
                    .param(row.id()).update();
            if (quota != null) {
                jdbc.sql("update class_quota set used = used + 1 where class_id = ? and org_id = ?").params(row.id(), quota.orgId()).update();
            }
            jdbc.sql("""
                    update enrollment set status = 'ENROLLED', enrolled_at = now(), waitlist_position = null, version = version + 1
                    where id = ?""").param(w.id()).update();
            EnrollmentView after = view(w.id());
            audit.record("PROMOTE", "Enrollment", w.id(), "候补递补：" + p.name() + "转为正式学员（" + row.name() + "）", w, after);
            notify(p, "TRAINING_PROMOTED", "候补递补通知", "“" + row.name() + "”有空位，您已由候补转为正式学员（" + row.startsOn()
                    + "至" + row.endsOn() + "），请按时报到。", "promote:" + w.id());
            promoted.add(after);
            free--;
        }
        renumberWaitlist(row.id());
        return promoted;
    }

    // ---------------------------------------------------------------- reads

    /** Which of a class's people the user sees: all for its approver or filer, else those in the user's scope. */
    private static String peopleSeen(TrainingClasses.Row row, DataScope scope) {
        return TrainingClasses.isApprover(CurrentUsers.require(), scope, row) || scope.coversOrgPath(row.filerPath())
                ? scope.decidedHere() + "true" : scope.sqlCondition("o.path", null, "c.id");
    }

    /** The class's trainees and waitlist (a liaison sees only the people in their scope). */
    @Transactional(readOnly = true)
    public List<EnrollmentView> list(long classId) {
        TrainingClasses.Row row = classes.requireVisible(classId);
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>(scope.sqlParameters());
        params.put("cls", classId);
        String cond = peopleSeen(row, scope);
        return jdbc.sql(SELECT + " where e.class_id = :cls and " + cond + "\n" + """
                 order by case e.status when 'ENROLLED' then 0 when 'WAITLISTED' then 1 else 2 end, e.waitlist_position, tree_path_key(o.path), e.id""")
                .params(params).query(Enrollments::view).list();
    }

    @Transactional(readOnly = true)
    public List<Skip> skips(long classId) {
        TrainingClasses.Row row = classes.requireVisible(classId);
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>(scope.sqlParameters());
        params.put("cls", classId);
        String cond = peopleSeen(row, scope);
        return jdbc.sql("""
                select k.id, k.enrollment_id, c.id as cadre_id, c.name, o.name as org_name, k.reason_code, k.reason, k.at
                from waitlist_skip k join enrollment e on e.id = k.enrollment_id join cadre_card c on c.id = e.cadre_id
                join org_unit o on o.id = c.org_id where k.class_id = :cls and """ + " " + cond + " order by k.at, k.id")
                .params(params)
                .query((rs, i) -> {
                    SkipReason r = SkipReason.valueOf(rs.getString("reason_code"));
                    return new Skip(rs.getLong("id"), rs.getLong("enrollment_id"), rs.getLong("cadre_id"), rs.getString("name"),
                            rs.getString("org_name"), r, r.label(), rs.getString("reason"), rs.getTimestamp("at").toInstant());
                }).list();
    }

    // ---------------------------------------------------------------- helpers

    static final String SELECT = """
            select e.*, c.name as cadre_name, o.name as org_name, c.post, c.rank_level, qo.name as quota_org_name
            from enrollment e join cadre_card c on c.id = e.cadre_id join org_unit o on o.id = c.org_id
            left join org_unit qo on qo.id = e.quota_org_id
            """;

    EnrollmentView view(long id) {
        return jdbc.sql(Unscoped.rowChecked("the enrollment's class (ClassRows) by every caller") + SELECT + " where e.id = ?").param(id).query(Enrollments::view).single();
    }

    static EnrollmentView view(ResultSet rs, int i) throws SQLException {
        EnrollmentStatus st = EnrollmentStatus.valueOf(rs.getString("status"));
        EnrollmentSource src = EnrollmentSource.valueOf(rs.getString("source"));
        String rl = rs.getString("rank_level");
        return new EnrollmentView(rs.getLong("id"), rs.getLong("class_id"), rs.getLong("cadre_id"), rs.getString("cadre_name"),
                rs.getString("org_name"), rs.getString("post"), rl == null ? null : RankLevel.valueOf(rl).label(), st, st.label(),
                src, src.label(), rs.getObject("quota_org_id", Long.class), rs.getString("quota_org_name"),
                rs.getObject("waitlist_position", Long.class), rs.getString("nominated_by"),
                rs.getTimestamp("nominated_at").toInstant(),
                rs.getTimestamp("enrolled_at") == null ? null : rs.getTimestamp("enrolled_at").toInstant(),
                rs.getTimestamp("ended_at") == null ? null : rs.getTimestamp("ended_at").toInstant(), rs.getString("end_reason"));
    }

    Optional<Person> person(long cadreId) {
        return jdbc.sql(Unscoped.referenceChecked("nominate and withdraw: the person's unit against the scope") + """
                select c.id, c.name, c.status, c.rank_level, c.staff_category, c.phone, o.id as org_id, o.path, o.name as org_name
                from cadre_card c join org_unit o on o.id = c.org_id where c.id = ?""")
                .param(cadreId)
                .query((rs, i) -> new Person(rs.getLong("id"), rs.getString("name"), rs.getString("status"), rs.getString("rank_level"),
                        rs.getString("staff_category"), rs.getString("phone"), rs.getLong("org_id"), rs.getString("path"),
                        rs.getString("org_name")))
                .optional();
    }

    private Optional<EnrollmentView> existing(long classId, long cadreId) {
        return jdbc.sql(Unscoped.ofChecked("class", "ClassRows") + SELECT + " where e.class_id = ? and e.cadre_id = ? and e.status in ('ENROLLED', 'WAITLISTED')")
                .params(classId, cadreId).query(Enrollments::view).optional();
    }

    /** "“name”（dates）" of a class the person holds a seat in whose dates overlap this one's, or null. */
    String overlapping(TrainingClasses.Row row, long cadreId) {
        return jdbc.sql(Unscoped.referenceChecked("nominate: the person's unit against the scope") + """
                select '“' || tc.name || '”（' || tc.starts_on || '至' || tc.ends_on || '）' from enrollment e
                join training_class tc on tc.id = e.class_id
                where e.cadre_id = ? and e.class_id <> ? and e.status = 'ENROLLED' and tc.status <> 'CANCELLED'
                  and tc.starts_on <= ? and ? <= tc.ends_on
                order by tc.starts_on limit 1""")
                .params(cadreId, row.id(), row.endsOn(), row.startsOn()).query(String.class).optional().orElse(null);
    }

    /** Where a class's target group comes from: the class as filed and approved. */
    static final String TARGET_GROUP_SOURCE = "本班培训对象（班次备案时确定）";

    /** Whether the person is in the class's target group (rank levels and staff categories), and if not, why. */
    static Decision eligibility(TrainingClasses.Row row, Person p) {
        Decision.Builder d = Decision.builder();
        if (!row.rankLevels().isEmpty() && (p.rankLevel() == null || !row.rankLevels().contains(p.rankLevel()))) {
            d.refuse("RANK_LEVEL", "培训对象（职级）", p.name() + "的职级（" + (p.rankLevel() == null ? "未定级" : RankLevel.valueOf(p.rankLevel()).label())
                    + "）不属于本班培训对象（" + TrainingClasses.targetText(row.rankLevels(), row.categories()) + "）", TARGET_GROUP_SOURCE);
        } else if (!row.categories().isEmpty() && !row.categories().contains(p.staffCategory())) {
            // one reason is enough for a clerk: the rank is checked first, as the class's target text names it first
            d.refuse("STAFF_CATEGORY", "培训对象（人员类别）", p.name() + "的人员类别（" + org.ganxun.people.StaffCategory.valueOf(p.staffCategory()).label()
                    + "）不属于本班培训对象（" + TrainingClasses.targetText(row.rankLevels(), row.categories()) + "）", TARGET_GROUP_SOURCE);
        }
        return d.build();
    }

    /** Numbers the class's waitlist 1..n in its order; people not waiting have no position (caller holds the class lock). */
    void renumberWaitlist(long classId) {
        jdbc.sql("update enrollment set waitlist_position = null where class_id = ? and status <> 'WAITLISTED' and waitlist_position is not null")
                .param(classId).update();
        jdbc.sql("""
                update enrollment e set waitlist_position = w.n
                from (select id, row_number() over (order by waitlist_position, id) as n from enrollment
                      where class_id = ? and status = 'WAITLISTED') w
                where e.id = w.id and e.waitlist_position is distinct from w.n""").param(classId).update();
    }

    /** The quotas that still have room: each unused quota seat is held for its unit. */
    private static List<Quota> holdingOf(List<Quota> quotas) {
        return quotas.stream().filter(q -> q.used() < q.seats()).toList();
    }

    private static int held(List<Quota> holding) {
        return holding.stream().mapToInt(q -> q.seats() - q.used()).sum();
    }

    /** "富驿镇1个、乙镇2个". */
    private static String heldText(List<Quota> holding) {
        return String.join("、", holding.stream().map(q -> q.orgName() + (q.seats() - q.used()) + "个").toList());
    }

    private void lockPerson(long cadreId) {
        // two-key form: its own key space, apart from other modules' single-key locks on cadre ids
        jdbc.sql("select pg_advisory_xact_lock(20, ?)").param((int) (cadreId % Integer.MAX_VALUE)).query().singleRow();
    }

    private void requireApprover(TrainingClasses.Row row) {
        if (!TrainingClasses.isApprover(CurrentUsers.require(), scopes.current(), row)) {
            throw new BusinessException(403, "只有备案机关的组织部门可以分配名额或点名调训", List.of());
        }
    }

    private static void requireOpen(TrainingClasses.Row row) {
        if (row.status() != ClassStatus.APPROVED) {
            throw BusinessException.conflict("班次" + row.status().label() + "，" + (row.status() == ClassStatus.FILED
                    || row.status() == ClassStatus.DRAFT || row.status() == ClassStatus.RETURNED ? "备案通过后才能调训报名" : "不能再调训报名"));
        }
    }

    private String orgName(long orgId) {
        return jdbc.sql("select name from org_unit where id = ?").param(orgId).query(String.class).single();
    }

    private void notify(Person p, String kind, String title, String body, String dedupKey) {
        notifications.toCadre(p.id(), kind, title, body, "/m/classes", "training:" + dedupKey, p.phone());
    }
}
