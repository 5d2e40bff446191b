package org.ganxun.exam;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exams and course quizzes, as their managers see them: a blueprint drawn per candidate from the bank of the
 * exam's unit subtree, for the cadres of a target unit's subtree (which must be in the manager's scope).
 */
@Service
public class Exams {

    static final int MAX_LINES = 20, MAX_COUNT = 200, MAX_QUESTIONS = 300;
    static final BigDecimal MAX_POINTS = new BigDecimal("100");

    private final JdbcClient jdbc;
    private final CurrentScope scopes;
    private final AuditLog audit;
    private final JsonMapper json;
    private final QuizCache quizCache;
    private final ExamNotices notices;

    /**
     * The SQL condition "cadre {@code c} (its unit {@code co}) is a candidate of exam {@code e} (target unit {@code t})":
     * in the target unit's subtree and, when the exam names cadres or rank levels, named or of a listed rank level.
     */
    static final String CANDIDATE = " " + """
            co.path like t.path || '%' and ((cardinality(e.target_cadre_ids) = 0 and cardinality(e.target_rank_levels) = 0)
              or c.id = any(e.target_cadre_ids) or c.rank_level = any(e.target_rank_levels))
            """;

    Exams(JdbcClient jdbc, CurrentScope scopes, AuditLog audit, JsonMapper json, QuizCache quizCache,
          @org.springframework.context.annotation.Lazy ExamNotices notices) {
        this.notices = notices;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.audit = audit;
        this.json = json;
        this.quizCache = quizCache;
    }

    public record Line(@Size(max = QuestionForms.MAX_CATEGORY, message = "分类不能超过{max}个字") String category, Integer difficulty,
                       Integer count, BigDecimal points) {
    }

    static final int MAX_NAMED = 500;

    /**
     * What a clerk enters. {@code counts}: BEST or LAST attempt counts. {@code rankLevels} and {@code cadreIds} narrow
     * the target unit's subtree to cadres of those rank levels and the cadres named (each in the clerk's scope).
     */
    public record ExamForm(@Size(max = 100, message = "考试名称不能超过{max}个字") String title,
                           ExamPurpose purpose, Long courseId, @InScope(InScope.Ref.ORG) Long targetOrgId, List<@Valid Line> blueprint,
                           BigDecimal passScore, Integer timeLimitMinutes, Integer maxAttempts,
                           @Size(max = 4, message = "成绩取最高一次或最后一次") String counts,
                           OffsetDateTime opensAt, OffsetDateTime closesAt,
                           List<@Size(max = 20, message = "职级层次应为省部级、厅局级、县处级、乡科级或科员及以下") String> rankLevels,
                           @InScope(InScope.Ref.CADRE) List<Long> cadreIds) {

        /** An exam for the whole target unit's subtree. */
        public ExamForm(String title, ExamPurpose purpose, Long courseId, Long targetOrgId, List<Line> blueprint, BigDecimal passScore,
                        Integer timeLimitMinutes, Integer maxAttempts, String counts, OffsetDateTime opensAt, OffsetDateTime closesAt) {
            this(title, purpose, courseId, targetOrgId, blueprint, passScore, timeLimitMinutes, maxAttempts, counts, opensAt, closesAt,
                    null, null);
        }
    }

    public record Exam(long id, String title, ExamPurpose purpose, String purposeLabel, Long courseId, String courseTitle,
                       long ownerOrgId, long targetOrgId, String targetOrgName, List<Line> blueprint, int questionCount,
                       BigDecimal totalScore, BigDecimal passScore, int timeLimitMinutes, int maxAttempts, String counts,
                       OffsetDateTime opensAt, OffsetDateTime closesAt, String status, OffsetDateTime publishedAt,
                       int candidates, int pendingGrading, List<String> rankLevels, List<Long> cadreIds, String targetText,
                       OffsetDateTime notifiedAt) {
    }

    private static final String SELECT = """
            select e.*, t.name as target_name, c.title as course_title,
                   (select count(distinct a.cadre_id) from exam_attempt a where a.exam_id = e.id) as candidates,
                   (select count(*) from exam_answer x join exam_attempt a on a.id = x.attempt_id
                     join exam_question q on q.id = x.question_id
                     where a.exam_id = e.id and a.status = 'SUBMITTED' and q.kind = 'SHORT' and x.score is null) as pending
            from exam e join org_unit t on t.id = e.target_org_id join org_unit o on o.id = e.owner_org_id
            left join course_card c on c.id = e.course_id
            """;

    Exam row(ResultSet rs) throws SQLException {
        List<String> ranks = List.of((String[]) rs.getArray("target_rank_levels").getArray());
        List<Long> cadres = List.of((Long[]) rs.getArray("target_cadre_ids").getArray());
        List<Line> lines = json.readValue(rs.getString("blueprint"), new TypeReference<List<Line>>() { });
        ExamPurpose purpose = ExamPurpose.valueOf(rs.getString("purpose"));
        int n = lines.stream().mapToInt(Line::count).sum();
        return new Exam(rs.getLong("id"), rs.getString("title"), purpose, purpose.label(), (Long) rs.getObject("course_id"),
                rs.getString("course_title"), rs.getLong("owner_org_id"), rs.getLong("target_org_id"), rs.getString("target_name"),
                lines, n, rs.getBigDecimal("total_score"), rs.getBigDecimal("pass_score"), rs.getInt("time_limit_minutes"),
                rs.getInt("max_attempts"), rs.getString("counts"), rs.getObject("opens_at", OffsetDateTime.class),
                rs.getObject("closes_at", OffsetDateTime.class), rs.getString("status"),
                rs.getObject("published_at", OffsetDateTime.class), rs.getInt("candidates"), rs.getInt("pending"),
                ranks, cadres, targetText(rs.getString("target_name"), ranks, cadres.size()),
                rs.getObject("notified_at", OffsetDateTime.class));
    }

    /** “城关镇及下属单位：县处级、乡科级，另点名3人” — who the candidates are, in words. */
    static String targetText(String unit, List<String> ranks, int named) {
        StringBuilder b = new StringBuilder(unit == null ? "" : unit);
        if (ranks.isEmpty() && named == 0) {
            return b.append("全体干部").toString();
        }
        b.append("：");
        if (!ranks.isEmpty()) {
            b.append(String.join("、", ranks.stream().map(r -> RankLevel.valueOf(r).label()).toList()));
        }
        if (named > 0) {
            b.append(ranks.isEmpty() ? "" : "，").append("点名").append(named).append("人");
        }
        return b.toString();
    }

    public List<Exam> list() {
        DataScope scope = scopes.current();
        // the counts in SELECT name attempts: counts only, the exam's unit is scoped
        return jdbc.sql(org.ganxun.platform.security.Unscoped.countsOnly() + SELECT + " where " + scope.orgCondition("o.path")
                        + " order by e.id desc limit 500")
                .params(scope.sqlParameters()).query((rs, i) -> row(rs)).list();
    }

    /** An exam the caller manages (its unit in their scope), else 404. */
    public Exam get(long id) {
        String path = jdbc.sql("select o.path from exam e join org_unit o on o.id = e.owner_org_id where e.id = ?").param(id)
                .query(String.class).optional().orElseThrow(() -> BusinessException.notFound("考试"));
        if (!scopes.current().coversOrgPath(path)) {
            throw BusinessException.notFound("考试");
        }
        return jdbc.sql(org.ganxun.platform.security.Unscoped.countsOnly() + SELECT + " where e.id = ?").param(id)
                .query((rs, i) -> row(rs)).single();
    }

    @Transactional
    public Exam create(ExamForm form) {
        CurrentUser me = CurrentUsers.require();
        Checked c = check(form, null);
        long owner = Owners.ownerOrg(jdbc, me);
        long id = jdbc.sql("""
                        insert into exam (owner_org_id, target_org_id, title, purpose, course_id, blueprint, total_score, pass_score,
                                          time_limit_minutes, max_attempts, counts, opens_at, closes_at, created_by,
                                          target_rank_levels, target_cadre_ids)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(owner, c.target, c.title, c.purpose.name(), c.courseId, json.writeValueAsString(c.lines), c.total,
                        c.pass, c.minutes, c.attempts, c.counts, c.opensAt, c.closesAt, me.username(),
                        c.rankLevels.toArray(String[]::new), c.cadreIds.toArray(Long[]::new))
                .query(Long.class).single();
        quizCache.forget();
        Exam e = get(id);
        audit.record("CREATE", "Exam", id, "新建" + e.purposeLabel() + "：" + e.title(), null, e);
        return e;
    }

    @Transactional
    public Exam update(long id, ExamForm form) {
        Exam before = get(id);
        if (!"DRAFT".equals(before.status())) {
            throw BusinessException.conflict("考试已发布，不能再修改（可先结束，再新建考试）");
        }
        Checked c = check(form, id);
        jdbc.sql("""
                        update exam set target_org_id = ?, title = ?, purpose = ?, course_id = ?, blueprint = ?::jsonb, total_score = ?,
                                        pass_score = ?, time_limit_minutes = ?, max_attempts = ?, counts = ?, opens_at = ?, closes_at = ?,
                                        target_rank_levels = ?, target_cadre_ids = ?
                        where id = ?""")
                .params(c.target, c.title, c.purpose.name(), c.courseId, json.writeValueAsString(c.lines), c.total, c.pass, c.minutes,
                        c.attempts, c.counts, c.opensAt, c.closesAt, c.rankLevels.toArray(String[]::new), c.cadreIds.toArray(Long[]::new),
                        id).update();
        quizCache.forget();
        Exam after = get(id);
        audit.record("UPDATE", "Exam", id, "修改考试：" + after.title(), before, after);
        return after;
    }

    /** Publishes a draft once the bank can fill its blueprint. */
    @Transactional
    public Exam publish(long id) {
        Exam before = get(id);
        if (!"DRAFT".equals(before.status())) {
            throw BusinessException.conflict("只有草稿状态的考试可以发布");
        }
        try {
            PaperDrawer.draw(drawLines(before), bank(id), 0);
        } catch (PaperDrawer.Shortfall s) {
            Line l = before.blueprint().get(s.line);
            throw new BusinessException("题库中“" + l.category() + "”" + (l.difficulty() == null ? "" : "（" + QuestionForms.difficultyLabel(l.difficulty()) + "）")
                    + "只有" + s.available + "道题，不够抽" + l.count() + "道，请补充题库或修改组卷规则",
                    List.of(new FieldProblem("blueprint", "第" + (s.line + 1) + "行题目不足")));
        }
        jdbc.sql("update exam set status = 'PUBLISHED', published_at = now() where id = ?").param(id).update();
        quizCache.forget();
        int told = notices.published(get(id));
        Exam after = get(id);
        audit.record("PUBLISH", "Exam", id, "发布考试：" + after.title()
                + (after.purpose() == ExamPurpose.QUIZ ? "" : "（已向" + told + "名考生发送站内和短信通知）"), before, after);
        return after;
    }

    @Transactional
    public Exam close(long id) {
        Exam before = get(id);
        jdbc.sql("update exam set status = 'CLOSED' where id = ?").param(id).update();
        quizCache.forget();
        Exam after = get(id);
        audit.record("UNPUBLISH", "Exam", id, "结束考试：" + after.title(), before, after);
        return after;
    }

    static List<PaperDrawer.Line> drawLines(Exam e) {
        return e.blueprint().stream().map(l -> new PaperDrawer.Line(l.category(), l.difficulty(), l.count(), l.points())).toList();
    }

    /** The active questions of the exam's unit subtree. */
    List<PaperDrawer.Candidate> bank(long examId) {
        return jdbc.sql("""
                        select q.id, q.kind, q.category, q.difficulty, cardinality(q.options)
                        from exam e join org_unit eo on eo.id = e.owner_org_id
                        join exam_question q on q.status = 'ACTIVE' join org_unit qo on qo.id = q.owner_org_id
                        where e.id = ? and qo.path like eo.path || '%'""")
                .param(examId)
                .query((rs, i) -> new PaperDrawer.Candidate(rs.getLong(1), QuestionKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getInt(4), rs.getInt(5))).list();
    }

    // ---- input ----

    private record Checked(String title, ExamPurpose purpose, Long courseId, long target, List<Line> lines, BigDecimal total,
                           BigDecimal pass, int minutes, int attempts, String counts, OffsetDateTime opensAt, OffsetDateTime closesAt,
                           List<String> rankLevels, List<Long> cadreIds) {
    }

    private Checked check(ExamForm f, Long self) {
        if (f == null) {
            throw new BusinessException("请填写考试信息");
        }
        List<FieldProblem> p = new ArrayList<>();
        String title = QuestionForms.text(f.title());
        if (title == null) {
            p.add(new FieldProblem("title", "请填写考试名称"));
        } else if (title.length() > 100) {
            p.add(new FieldProblem("title", "考试名称不能超过100个字"));
        }
        if (f.purpose() == null) {
            p.add(new FieldProblem("purpose", "请选择考试类别"));
        }
        Long target = f.targetOrgId();
        Long courseId = null;
        if (f.purpose() == ExamPurpose.QUIZ) {
            if (f.courseId() == null) {
                p.add(new FieldProblem("courseId", "课程测验请选择课程"));
            } else {
                var course = jdbc.sql("select c.owner_org_id, o.path from course_card c join org_unit o on o.id = c.owner_org_id where c.id = ?")
                        .param(f.courseId()).query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional().orElse(null);
                if (course == null || !scopes.current().coversOrgPath((String) course[1])) {
                    p.add(new FieldProblem("courseId", "课程不存在或不在本单位管理范围内"));
                } else if (jdbc.sql("select exists (select 1 from exam where course_id = ? and id <> ?)")
                        .params(f.courseId(), self == null ? -1L : self).query(Boolean.class).single()) {
                    p.add(new FieldProblem("courseId", "这门课程已有测验，一门课程只能有一个测验"));
                } else {
                    courseId = f.courseId();
                    target = (Long) course[0]; // a quiz is for the course's learners
                }
            }
        } else if (f.courseId() != null) {
            p.add(new FieldProblem("courseId", "只有课程测验关联课程"));
        }
        String targetPath = null;
        if (target == null) {
            p.add(new FieldProblem("targetOrgId", "请选择参考单位"));
        } else {
            String path = jdbc.sql("select path from org_unit where id = ?").param(target).query(String.class).optional().orElse(null);
            if (path == null || !scopes.current().coversOrgPath(path)) {
                p.add(new FieldProblem("targetOrgId", "参考单位不在本单位管理范围内"));
            } else {
                targetPath = path;
            }
        }
        List<String> ranks = new ArrayList<>();
        if (f.rankLevels() != null) {
            for (String r : f.rankLevels()) {
                RankLevel level = r == null || r.length() > 20 ? null
                        : java.util.Arrays.stream(RankLevel.values()).filter(v -> v.name().equals(r.strip()) || v.label().equals(r.strip()))
                                .findFirst().orElse(null);
                if (level == null) {
                    p.add(new FieldProblem("rankLevels", "职级层次应为省部级、厅局级、县处级、乡科级或科员及以下"));
                    break;
                }
                if (!ranks.contains(level.name())) {
                    ranks.add(level.name());
                }
            }
        }
        List<Long> named = new ArrayList<>();
        if (f.cadreIds() != null) {
            if (f.cadreIds().size() > MAX_NAMED) {
                p.add(new FieldProblem("cadreIds", "点名参考的干部最多" + MAX_NAMED + "人"));
            } else {
                for (Long id : f.cadreIds()) {
                    if (id != null && !named.contains(id)) {
                        named.add(id);
                    }
                }
                if (targetPath != null && !named.isEmpty()) {
                    // each named cadre is in the clerk's scope (checked on the request body, @InScope) and under the target unit
                    long inside = jdbc.sql(org.ganxun.platform.security.Unscoped.countsOnly() + """
                                    select count(*) from cadre_card c join org_unit o on o.id = c.org_id
                                    where c.id = any(?) and o.path like ? || '%'""")
                            .params(org.ganxun.platform.db.SqlArrays.of("bigint", named.toArray(Long[]::new)), targetPath)
                            .query(Long.class).single();
                    if (inside != named.size()) {
                        p.add(new FieldProblem("cadreIds", "点名的干部须在参考单位（含下属单位）内"));
                    }
                }
            }
        }
        if (f.purpose() == ExamPurpose.QUIZ && (!ranks.isEmpty() || !named.isEmpty())) {
            p.add(new FieldProblem("rankLevels", "课程测验的考生是课程的学员，不另选职级或点名"));
        }
        List<Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        int questions = 0;
        if (f.blueprint() == null || f.blueprint().isEmpty()) {
            p.add(new FieldProblem("blueprint", "请设置组卷规则（每类抽几道题、每题几分）"));
        } else if (f.blueprint().size() > MAX_LINES) {
            p.add(new FieldProblem("blueprint", "组卷规则最多" + MAX_LINES + "行"));
        } else {
            for (int i = 0; i < f.blueprint().size(); i++) {
                Line l = f.blueprint().get(i);
                String at = "第" + (i + 1) + "行";
                String cat = l == null ? null : QuestionForms.text(l.category());
                if (cat == null || cat.length() > QuestionForms.MAX_CATEGORY) {
                    p.add(new FieldProblem("blueprint", at + "请选择分类"));
                    continue;
                }
                if (l.difficulty() != null && (l.difficulty() < 1 || l.difficulty() > 3)) {
                    p.add(new FieldProblem("blueprint", at + "难度应为易、中、难或不限"));
                    continue;
                }
                if (l.count() == null || l.count() < 1 || l.count() > MAX_COUNT) {
                    p.add(new FieldProblem("blueprint", at + "题数应在1到" + MAX_COUNT + "之间"));
                    continue;
                }
                if (l.points() == null || l.points().compareTo(new BigDecimal("0.5")) < 0 || l.points().compareTo(MAX_POINTS) > 0
                        || l.points().multiply(BigDecimal.valueOf(2)).stripTrailingZeros().scale() > 0) {
                    p.add(new FieldProblem("blueprint", at + "每题分值应在0.5到100之间，以0.5分为单位"));
                    continue;
                }
                questions += l.count();
                total = total.add(l.points().multiply(BigDecimal.valueOf(l.count())));
                lines.add(new Line(cat, l.difficulty(), l.count(), l.points().setScale(1, RoundingMode.HALF_UP)));
            }
            if (questions > MAX_QUESTIONS) {
                p.add(new FieldProblem("blueprint", "一份试卷最多" + MAX_QUESTIONS + "道题"));
            }
        }
        BigDecimal pass = f.passScore();
        if (pass == null || pass.signum() <= 0) {
            p.add(new FieldProblem("passScore", "请填写及格分"));
        } else if (total.signum() > 0 && pass.compareTo(total) > 0) {
            p.add(new FieldProblem("passScore", "及格分不能高于总分" + total.stripTrailingZeros().toPlainString()));
        }
        int minutes = f.timeLimitMinutes() == null ? 0 : f.timeLimitMinutes();
        if (minutes < 1 || minutes > 600) {
            p.add(new FieldProblem("timeLimitMinutes", "考试时长应在1到600分钟之间"));
        }
        int attempts = f.maxAttempts() == null ? 1 : f.maxAttempts();
        if (attempts < 1 || attempts > 20) {
            p.add(new FieldProblem("maxAttempts", "作答次数应在1到20之间"));
        }
        String counts = f.counts() == null ? "BEST" : f.counts();
        if (!counts.equals("BEST") && !counts.equals("LAST")) {
            p.add(new FieldProblem("counts", "成绩取最高一次或最后一次"));
        }
        for (var d : new OffsetDateTime[] {f.opensAt(), f.closesAt()}) {
            if (d != null && (d.getYear() < 2000 || d.getYear() > 2100)) {
                p.add(new FieldProblem(d == f.opensAt() ? "opensAt" : "closesAt", "时间应在2000年至2100年之间"));
            }
        }
        if (f.opensAt() != null && f.closesAt() != null && !f.closesAt().isAfter(f.opensAt())) {
            p.add(new FieldProblem("closesAt", "结束时间应晚于开始时间"));
        }
        if (!p.isEmpty()) {
            throw new BusinessException(p.get(0).message(), p);
        }
        return new Checked(title, f.purpose(), courseId, target, lines, total.setScale(2), pass.setScale(2, RoundingMode.HALF_UP),
                minutes, attempts, counts, f.opensAt(), f.closesAt(), ranks, named);
    }

    // ---- helpers for the other services ----

    Map<String, Object> params(DataScope scope, Object... more) {
        Map<String, Object> m = new HashMap<>(scope.sqlParameters());
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    /** Whether {@code orgId} owns any exam (for loaders that run once per unit, the demo's). */
    public boolean anyOwnedBy(long orgId) {
        return jdbc.sql("select exists (select 1 from exam where owner_org_id = ?)").param(orgId).query(Boolean.class).single();
    }
}
