package org.ganxun.secondment;

import jakarta.validation.Valid;
import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.DecimalMax;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.db.Like;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.secondment.internal.SecondmentAccess;
import org.ganxun.secondment.internal.evaluation.EvaluationScoring;
import org.ganxun.secondment.internal.selection.Eligibility;
import org.ganxun.secondment.internal.selection.SelectionScoring;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Secondment programmes (挂职批次): direction, period, organiser, sending organisations, posts offered by
 * receiving organisations with their duties, support budget, eligibility bounds, selection and evaluation
 * weights; and the forums (座谈会) held for a programme. Only the organising department changes them.
 */
@Service
public class Programmes {

    private final JdbcClient jdbc;
    private final SecondmentAccess access;
    private final OrganizationTrees trees;
    private final AuditLog audit;
    private final Clock clock;

    Programmes(JdbcClient jdbc, SecondmentAccess access, OrganizationTrees trees, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.access = access;
        this.trees = trees;
        this.audit = audit;
    }

    public record OrgRef(long id, String name) {
    }

    public record PostView(long id, long programmeId, long receivingOrgId, String receivingOrgName, String title,
                           String duties, int seats, int filled) {
    }

    public record ProgrammeForm(@Size(max = 100, message = "批次名称不能超过{max}个字") @PlainText(message = "批次名称不能包含网页标记或脚本") String name,
                                Direction direction, @InScope(Ref.ORG) Long organiserOrgId, LocalDate startsOn, LocalDate endsOn,
                                @Size(max = 2000, message = "批次说明不能超过{max}个字") @PlainText(message = "批次说明不能包含网页标记或脚本") String description,
                                @DecimalMin(value = "0", message = "住房预算不能为负数") @DecimalMax(value = "100000000", message = "住房预算须在0到100000000元（一亿元）之间") BigDecimal budgetHousing,
                                @DecimalMin(value = "0", message = "交通预算不能为负数") @DecimalMax(value = "100000000", message = "交通预算须在0到100000000元（一亿元）之间") BigDecimal budgetTransport,
                                @DecimalMin(value = "0", message = "差旅预算不能为负数") @DecimalMax(value = "100000000", message = "差旅预算须在0到100000000元（一亿元）之间") BigDecimal budgetTravel,
                                @Min(value = 18, message = "年龄上限须在18到70岁之间") @Max(value = 70, message = "年龄上限须在18到70岁之间") Integer maxAge,
                                @Min(value = 0, message = "工作年限下限须在0到50年之间") @Max(value = 50, message = "工作年限下限须在0到50年之间") Integer minServiceYears,
                                List<RankLevel> rankLevels,
                                BigDecimal weightWritten, BigDecimal weightInterview, BigDecimal weightRecommendation,
                                BigDecimal evalWeightLogs, BigDecimal evalWeightDutyReport, BigDecimal evalWeightAppraisal,
                                BigDecimal evalWeightInterviews, BigDecimal evalWeightVerification,
                                BigDecimal gradeExcellentMin, BigDecimal gradeCompetentMin, BigDecimal gradeBasicMin,
                                @Min(value = 1, message = "日志周期须在1到92天之间") @Max(value = 92, message = "日志周期须在1到92天之间") Integer logCadenceDays,
                                @InScope(Ref.ORG) List<Long> senderOrgIds) {
    }

    public record ProgrammeView(long id, String name, Direction direction, String directionLabel, long organiserOrgId,
                                String organiserOrgName, String organiserPath, LocalDate startsOn, LocalDate endsOn,
                                int year, String description, BigDecimal budgetHousing, BigDecimal budgetTransport,
                                BigDecimal budgetTravel, Integer maxAge, Integer minServiceYears, List<RankLevel> rankLevels,
                                BigDecimal weightWritten, BigDecimal weightInterview, BigDecimal weightRecommendation,
                                BigDecimal evalWeightLogs, BigDecimal evalWeightDutyReport, BigDecimal evalWeightAppraisal,
                                BigDecimal evalWeightInterviews, BigDecimal evalWeightVerification,
                                BigDecimal gradeExcellentMin, BigDecimal gradeCompetentMin, BigDecimal gradeBasicMin,
                                int logCadenceDays, List<OrgRef> senders, List<PostView> posts, boolean manageable,
                                long postingCount, long candidateCount, String tieBreakRule, int version) {

        SelectionScoring.Weights selectionWeights() {
            return new SelectionScoring.Weights(weightWritten, weightInterview, weightRecommendation);
        }

        EvaluationScoring.Weights evaluationWeights() {
            return new EvaluationScoring.Weights(evalWeightLogs, evalWeightDutyReport, evalWeightAppraisal,
                    evalWeightInterviews, evalWeightVerification);
        }

        EvaluationScoring.Thresholds thresholds() {
            return new EvaluationScoring.Thresholds(gradeExcellentMin, gradeCompetentMin, gradeBasicMin);
        }

        Eligibility.Bounds bounds() {
            return new Eligibility.Bounds(maxAge, minServiceYears, rankLevels.isEmpty() ? Set.of() : EnumSet.copyOf(rankLevels));
        }
    }

    public record PostForm(@InScope(Ref.ORG) Long receivingOrgId, @Size(max = 100, message = "岗位名称最多{max}个字") @PlainText(message = "岗位名称不能包含网页标记或脚本") String title,
                           @Size(max = 2000, message = "岗位职责最多{max}个字") @PlainText(message = "岗位职责不能包含网页标记或脚本") String duties, Integer seats) {
    }

    public record BudgetLine(ExpenseCategory category, String categoryLabel, BigDecimal budget, BigDecimal spent,
                             BigDecimal remaining, BigDecimal usedShare) {
    }

    public record ForumPoint(Long id, @Size(max = 100, message = "提出人最多{max}个字") @PlainText(message = "提出人不能包含网页标记或脚本") String raisedBy,
                             @Size(max = 2000, message = "问题内容最多{max}个字") @PlainText(message = "问题内容不能包含网页标记或脚本") String content,
                             @Size(max = 2000, message = "答复最多{max}个字") @PlainText(message = "答复不能包含网页标记或脚本") String response) {
    }

    public record ForumForm(@Size(max = 200, message = "座谈会主题最多{max}个字") @PlainText(message = "座谈会主题不能包含网页标记或脚本") String title, LocalDate heldOn,
                            @Size(max = 200, message = "座谈地点最多{max}个字") @PlainText(message = "座谈地点不能包含网页标记或脚本") String place,
                            @Size(max = 2000, message = "参加人员最多{max}个字") @PlainText(message = "参加人员不能包含网页标记或脚本") String attendees, List<@Valid ForumPoint> points) {
    }

    public record Forum(long id, long programmeId, String title, LocalDate heldOn, String place, String attendees,
                        List<ForumPoint> points, String createdBy) {
    }

    private static final String SELECT = Unscoped.countsOnly() + """
            select pr.*, op.name as organiser_name, op.path as organiser_path,
                   (select count(*) from secondment_posting x where x.programme_id = pr.id and x.status = 'ACTIVE') as posting_count,
                   (select count(*) from secondment_candidate x where x.programme_id = pr.id) as candidate_count
            from secondment_programme pr join org_unit op on op.id = pr.organiser_org_id
            """;

    @Transactional(readOnly = true)
    public List<ProgrammeView> list(Integer year, Direction direction, String name) {
        Map<String, Object> p = access.params();
        StringBuilder w = new StringBuilder(" where ").append(SecondmentAccess.PROGRAMME_VISIBLE);
        if (year != null) {
            w.append(" and extract(year from pr.starts_on) = :year");
            p.put("year", year);
        }
        if (direction != null) {
            w.append(" and pr.direction = :direction");
            p.put("direction", direction.name());
        }
        if (StringUtils.hasText(name)) {
            w.append(" and pr.name like :name");
            p.put("name", Like.contains(name));
        }
        List<ProgrammeView> rows = jdbc.sql(SELECT + w + " order by pr.starts_on desc, pr.id desc").params(p)
                .query(this::row).list();
        return rows;
    }

    /** The programme if the current user may see it (403 / 404 otherwise), with senders and posts. */
    @Transactional(readOnly = true)
    public ProgrammeView get(long id) {
        Map<String, Object> p = access.params();
        p.put("id", id);
        ProgrammeView v = jdbc.sql(SELECT + " where pr.id = :id and " + SecondmentAccess.PROGRAMME_VISIBLE).params(p)
                .query(this::row).optional().orElse(null);
        if (v == null) {
            if (jdbc.sql("select count(*) from secondment_programme where id = ?").param(id).query(Long.class).single() == 0) {
                throw BusinessException.notFound("挂职批次");
            }
            throw new BusinessException(403, "无权查看该挂职批次", List.of());
        }
        return withDetails(v);
    }

    /** Unscoped read for system work and for services that have already checked access. */
    ProgrammeView load(long id) {
        return jdbc.sql(SELECT + " where pr.id = ?").param(id).query(this::row).optional()
                .map(this::withDetails).orElseThrow(() -> BusinessException.notFound("挂职批次"));
    }

    @Transactional
    public ProgrammeView create(ProgrammeForm f) {
        validate(f);
        String organiserPath = trees.requireVisible(Tree.ADMINISTRATIVE, f.organiserOrgId()).path();
        access.requireOrganiser(organiserPath);
        Map<String, Object> p = params(f);
        long id = jdbc.sql("""
                insert into secondment_programme (name, direction, organiser_org_id, starts_on, ends_on, description,
                    budget_housing, budget_transport, budget_travel, max_age, min_service_years, rank_levels,
                    weight_written, weight_interview, weight_recommendation, eval_weight_logs, eval_weight_duty_report,
                    eval_weight_appraisal, eval_weight_interviews, eval_weight_verification, grade_excellent_min,
                    grade_competent_min, grade_basic_min, log_cadence_days)
                values (:name, :direction, :organiser, :startsOn, :endsOn, :description, :bh, :bt, :bv, :maxAge, :minService,
                    :rankLevels, :ww, :wi, :wr, :el, :ed, :ea, :ei, :ev, :ge, :gc, :gb, :cadence)
                returning id""").params(p).query(Long.class).single();
        writeSenders(id, f.senderOrgIds());
        ProgrammeView after = load(id);
        audit.record("CREATE", "SecondmentProgramme", id, "新建挂职批次：" + after.name(), null, after);
        return after;
    }

    @Transactional
    public ProgrammeView update(long id, ProgrammeForm f) {
        ProgrammeView before = get(id);
        access.requireOrganiser(before.organiserPath());
        validate(f);
        String organiserPath = trees.requireVisible(Tree.ADMINISTRATIVE, f.organiserOrgId()).path();
        access.requireOrganiser(organiserPath);
        LocalDate firstStart = jdbc.sql(Unscoped.countsOnly() + "select min(starts_on) from secondment_posting where programme_id = ? and status = 'ACTIVE'")
                .param(id).query(LocalDate.class).optional().orElse(null);
        if (firstStart != null && (f.startsOn().isAfter(firstStart))) {
            throw new BusinessException("已有人员自" + firstStart + "起挂职，批次开始日期不能晚于该日");
        }
        // postings must stay within the programme's period (as at selection), or they would run past its end
        LocalDate lastEnd = jdbc.sql(Unscoped.countsOnly() + "select max(ends_on) from secondment_posting where programme_id = ? and status = 'ACTIVE'")
                .param(id).query(LocalDate.class).optional().orElse(null);
        if (lastEnd != null && f.endsOn().isBefore(lastEnd)) {
            throw new BusinessException("已有人员挂职至" + lastEnd + "，批次结束日期不能早于该日");
        }
        Map<String, Object> p = params(f);
        p.put("id", id);
        jdbc.sql("""
                update secondment_programme set name = :name, direction = :direction, organiser_org_id = :organiser,
                    starts_on = :startsOn, ends_on = :endsOn, description = :description, budget_housing = :bh,
                    budget_transport = :bt, budget_travel = :bv, max_age = :maxAge, min_service_years = :minService,
                    rank_levels = :rankLevels, weight_written = :ww, weight_interview = :wi, weight_recommendation = :wr,
                    eval_weight_logs = :el, eval_weight_duty_report = :ed, eval_weight_appraisal = :ea,
                    eval_weight_interviews = :ei, eval_weight_verification = :ev, grade_excellent_min = :ge,
                    grade_competent_min = :gc, grade_basic_min = :gb, log_cadence_days = :cadence,
                    updated_at = now(), version = version + 1
                where id = :id""").params(p).update();
        for (ExpenseCategory c : ExpenseCategory.values()) {
            BigDecimal spent = spent(id, c);
            if (budgetOf(load(id), c).compareTo(spent) < 0) {
                throw new BusinessException(c.label() + "预算不能少于已支出的" + spent.toPlainString() + "元");
            }
        }
        jdbc.sql("delete from secondment_sender where programme_id = ?").param(id).update();
        writeSenders(id, f.senderOrgIds());
        ProgrammeView after = load(id);
        audit.record("UPDATE", "SecondmentProgramme", id, "修改挂职批次：" + after.name(), before, after);
        return after;
    }

    // ---- posts ----

    @Transactional
    public PostView addPost(long programmeId, PostForm f) {
        ProgrammeView pr = get(programmeId);
        access.requireOrganiser(pr.organiserPath());
        validatePost(f);
        trees.requireVisible(Tree.ADMINISTRATIVE, f.receivingOrgId());
        long id = jdbc.sql("""
                insert into secondment_post (programme_id, receiving_org_id, title, duties, seats)
                values (?, ?, ?, ?, ?) returning id""")
                .params(programmeId, f.receivingOrgId(), f.title().strip(), trim(f.duties()), f.seats() == null ? 1 : f.seats())
                .query(Long.class).single();
        PostView v = post(id);
        audit.record("CREATE", "SecondmentPost", id, "新增挂职岗位：" + pr.name() + " · " + v.receivingOrgName() + " · " + v.title(), null, v);
        return v;
    }

    @Transactional
    public PostView updatePost(long postId, PostForm f) {
        PostView before = post(postId);
        ProgrammeView pr = get(before.programmeId());
        access.requireOrganiser(pr.organiserPath());
        validatePost(f);
        trees.requireVisible(Tree.ADMINISTRATIVE, f.receivingOrgId());
        int seats = f.seats() == null ? 1 : f.seats();
        if (seats < before.filled()) {
            throw new BusinessException("该岗位已选派" + before.filled() + "人，职数不能少于" + before.filled());
        }
        if (before.filled() > 0 && before.receivingOrgId() != f.receivingOrgId()) {
            throw new BusinessException("该岗位已有人挂职，不能更换接收单位；请新增岗位并安排轮岗");
        }
        jdbc.sql("update secondment_post set receiving_org_id = ?, title = ?, duties = ?, seats = ? where id = ?")
                .params(f.receivingOrgId(), f.title().strip(), trim(f.duties()), seats, postId).update();
        PostView after = post(postId);
        audit.record("UPDATE", "SecondmentPost", postId, "修改挂职岗位：" + after.title(), before, after);
        return after;
    }

    @Transactional
    public void deletePost(long postId) {
        PostView before = post(postId);
        ProgrammeView pr = get(before.programmeId());
        access.requireOrganiser(pr.organiserPath());
        long used = jdbc.sql(Unscoped.countsOnly() + "select count(*) from secondment_posting where post_id = ?").param(postId).query(Long.class).single()
                + jdbc.sql("select count(*) from secondment_rotation where from_post_id = ? or to_post_id = ?")
                .params(postId, postId).query(Long.class).single();
        if (used > 0) {
            throw BusinessException.conflict("该岗位已安排过挂职人员，不能删除");
        }
        jdbc.sql("delete from secondment_post where id = ?").param(postId).update();
        audit.record("DELETE", "SecondmentPost", postId, "删除挂职岗位：" + before.title(), before, null);
    }

    PostView post(long id) {
        return jdbc.sql(Unscoped.countsOnly() + """
                select t.*, o.name as receiving_name,
                       (select count(*) from secondment_posting x where x.post_id = t.id and x.status = 'ACTIVE') as filled
                from secondment_post t join org_unit o on o.id = t.receiving_org_id where t.id = ?""")
                .param(id).query(Programmes::postRow).optional().orElseThrow(() -> BusinessException.notFound("挂职岗位"));
    }

    // ---- budget ----

    @Transactional(readOnly = true)
    public List<BudgetLine> budget(long programmeId) {
        return budgetLines(get(programmeId));
    }

    List<BudgetLine> budgetLines(ProgrammeView pr) {
        List<BudgetLine> out = new ArrayList<>();
        for (ExpenseCategory c : ExpenseCategory.values()) {
            BigDecimal budget = budgetOf(pr, c);
            BigDecimal spent = spent(pr.id(), c);
            BigDecimal share = budget.signum() == 0 ? null
                    : spent.multiply(BigDecimal.valueOf(100)).divide(budget, 2, RoundingMode.HALF_UP);
            out.add(new BudgetLine(c, c.label(), budget, spent, budget.subtract(spent), share));
        }
        return out;
    }

    static BigDecimal budgetOf(ProgrammeView pr, ExpenseCategory c) {
        return switch (c) {
            case HOUSING -> pr.budgetHousing();
            case TRANSPORT -> pr.budgetTransport();
            case TRAVEL -> pr.budgetTravel();
        };
    }

    BigDecimal spent(long programmeId, ExpenseCategory c) {
        return jdbc.sql(Unscoped.countsOnly() + """
                select coalesce(sum(e.amount), 0) from secondment_expense e join secondment_posting sp on sp.id = e.posting_id
                where sp.programme_id = ? and e.category = ?""")
                .params(programmeId, c.name()).query(BigDecimal.class).single();
    }

    // ---- forums ----

    @Transactional(readOnly = true)
    public List<Forum> forums(long programmeId) {
        get(programmeId);
        List<Forum> forums = jdbc.sql("select * from secondment_forum where programme_id = ? order by held_on desc, id desc")
                .param(programmeId)
                .query((rs, i) -> new Forum(rs.getLong("id"), rs.getLong("programme_id"), rs.getString("title"),
                        rs.getObject("held_on", LocalDate.class), rs.getString("place"), rs.getString("attendees"),
                        new ArrayList<>(), rs.getString("created_by")))
                .list();
        for (Forum f : forums) {
            f.points().addAll(jdbc.sql("select id, raised_by, content, response from secondment_forum_point where forum_id = ? order by id")
                    .param(f.id())
                    .query((rs, i) -> new ForumPoint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list());
        }
        return forums;
    }

    @Transactional
    public Forum addForum(long programmeId, ForumForm f) {
        ProgrammeView pr = get(programmeId);
        access.requireOrganiser(pr.organiserPath());
        if (!StringUtils.hasText(f.title()) || f.heldOn() == null) {
            throw new BusinessException("请填写座谈会主题和召开日期");
        }
        long id = jdbc.sql("""
                insert into secondment_forum (programme_id, title, held_on, place, attendees, created_by)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(programmeId, f.title().strip(), f.heldOn(), trim(f.place()), trim(f.attendees()),
                        CurrentUsers.require().username())
                .query(Long.class).single();
        for (ForumPoint pt : f.points() == null ? List.<ForumPoint>of() : f.points()) {
            if (pt == null || !StringUtils.hasText(pt.content())) {
                continue;
            }
            jdbc.sql("insert into secondment_forum_point (forum_id, raised_by, content, response) values (?, ?, ?, ?)")
                    .params(id, trim(pt.raisedBy()), pt.content().strip(), trim(pt.response())).update();
        }
        Forum after = forums(programmeId).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        audit.record("CREATE", "SecondmentForum", id, "记录挂职干部座谈会：" + after.title(), null, after);
        return after;
    }

    // ---- helpers ----

    private ProgrammeView withDetails(ProgrammeView v) {
        List<OrgRef> senders = jdbc.sql("""
                select o.id, o.name from secondment_sender s join org_unit o on o.id = s.org_id
                where s.programme_id = ? order by tree_path_key(o.path)""")
                .param(v.id()).query((rs, i) -> new OrgRef(rs.getLong(1), rs.getString(2))).list();
        List<PostView> posts = jdbc.sql(Unscoped.countsOnly() + """
                select t.*, o.name as receiving_name,
                       (select count(*) from secondment_posting x where x.post_id = t.id and x.status = 'ACTIVE') as filled
                from secondment_post t join org_unit o on o.id = t.receiving_org_id
                where t.programme_id = ? order by tree_path_key(o.path), t.id""")
                .param(v.id()).query(Programmes::postRow).list();
        return new ProgrammeView(v.id(), v.name(), v.direction(), v.directionLabel(), v.organiserOrgId(), v.organiserOrgName(),
                v.organiserPath(), v.startsOn(), v.endsOn(), v.year(), v.description(), v.budgetHousing(), v.budgetTransport(),
                v.budgetTravel(), v.maxAge(), v.minServiceYears(), v.rankLevels(), v.weightWritten(), v.weightInterview(),
                v.weightRecommendation(), v.evalWeightLogs(), v.evalWeightDutyReport(), v.evalWeightAppraisal(),
                v.evalWeightInterviews(), v.evalWeightVerification(), v.gradeExcellentMin(), v.gradeCompetentMin(),
                v.gradeBasicMin(), v.logCadenceDays(), senders, posts, v.manageable(), v.postingCount(), v.candidateCount(),
                v.tieBreakRule(), v.version());
    }

    private static PostView postRow(ResultSet rs, int i) throws SQLException {
        return new PostView(rs.getLong("id"), rs.getLong("programme_id"), rs.getLong("receiving_org_id"),
                rs.getString("receiving_name"), rs.getString("title"), rs.getString("duties"), rs.getInt("seats"),
                rs.getInt("filled"));
    }

    private ProgrammeView row(ResultSet rs, int i) throws SQLException {
        Direction d = Direction.valueOf(rs.getString("direction"));
        String levels = rs.getString("rank_levels");
        List<RankLevel> rankLevels = StringUtils.hasText(levels)
                ? Arrays.stream(levels.split(",")).map(RankLevel::valueOf).toList() : List.of();
        LocalDate starts = rs.getObject("starts_on", LocalDate.class);
        String organiserPath = rs.getString("organiser_path");
        boolean manageable = CurrentUsers.current().map(u -> SecondmentAccess.isOrgDept(u) && access.covers(organiserPath)).orElse(false);
        return new ProgrammeView(rs.getLong("id"), rs.getString("name"), d, d.label(), rs.getLong("organiser_org_id"),
                rs.getString("organiser_name"), organiserPath, starts, rs.getObject("ends_on", LocalDate.class),
                starts.getYear(), rs.getString("description"), rs.getBigDecimal("budget_housing"),
                rs.getBigDecimal("budget_transport"), rs.getBigDecimal("budget_travel"),
                rs.getObject("max_age", Integer.class), rs.getObject("min_service_years", Integer.class), rankLevels,
                rs.getBigDecimal("weight_written"), rs.getBigDecimal("weight_interview"), rs.getBigDecimal("weight_recommendation"),
                rs.getBigDecimal("eval_weight_logs"), rs.getBigDecimal("eval_weight_duty_report"),
                rs.getBigDecimal("eval_weight_appraisal"), rs.getBigDecimal("eval_weight_interviews"),
                rs.getBigDecimal("eval_weight_verification"), rs.getBigDecimal("grade_excellent_min"),
                rs.getBigDecimal("grade_competent_min"), rs.getBigDecimal("grade_basic_min"), rs.getInt("log_cadence_days"),
                List.of(), List.of(), manageable, rs.getLong("posting_count"), rs.getLong("candidate_count"),
                SelectionScoring.TIE_BREAK_RULE, rs.getInt("version"));
    }

    private void writeSenders(long programmeId, List<Long> senderOrgIds) {
        for (Long orgId : new LinkedHashSet<>(senderOrgIds == null ? List.<Long>of() : senderOrgIds)) {
            if (orgId == null) {
                continue;
            }
            trees.requireVisible(Tree.ADMINISTRATIVE, orgId);
            jdbc.sql("insert into secondment_sender (programme_id, org_id) values (?, ?)").params(programmeId, orgId).update();
        }
    }

    private static Map<String, Object> params(ProgrammeForm f) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", f.name().strip());
        p.put("direction", f.direction().name());
        p.put("organiser", f.organiserOrgId());
        p.put("startsOn", f.startsOn());
        p.put("endsOn", f.endsOn());
        p.put("description", trim(f.description()));
        p.put("bh", money(f.budgetHousing()));
        p.put("bt", money(f.budgetTransport()));
        p.put("bv", money(f.budgetTravel()));
        p.put("maxAge", f.maxAge());
        p.put("minService", f.minServiceYears());
        p.put("rankLevels", f.rankLevels() == null || f.rankLevels().isEmpty() ? null
                : f.rankLevels().stream().distinct().map(Enum::name).collect(Collectors.joining(",")));
        p.put("ww", or(f.weightWritten(), 40));
        p.put("wi", or(f.weightInterview(), 40));
        p.put("wr", or(f.weightRecommendation(), 20));
        p.put("el", or(f.evalWeightLogs(), 10));
        p.put("ed", or(f.evalWeightDutyReport(), 20));
        p.put("ea", or(f.evalWeightAppraisal(), 40));
        p.put("ei", or(f.evalWeightInterviews(), 15));
        p.put("ev", or(f.evalWeightVerification(), 15));
        p.put("ge", or(f.gradeExcellentMin(), 90));
        p.put("gc", or(f.gradeCompetentMin(), 75));
        p.put("gb", or(f.gradeBasicMin(), 60));
        p.put("cadence", f.logCadenceDays() == null ? 7 : f.logCadenceDays());
        return p;
    }

    void validate(ProgrammeForm f) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!StringUtils.hasText(f.name())) { // its length and text, the budgets and the ranges: ProgrammeForm's constraints
            problems.add(new FieldProblem("name", "请填写批次名称"));
        }
        if (f.direction() == null) {
            problems.add(new FieldProblem("direction", "请选择挂职方向"));
        }
        if (f.organiserOrgId() == null) {
            problems.add(new FieldProblem("organiserOrgId", "请选择主办单位"));
        }
        if (f.startsOn() == null || f.endsOn() == null) {
            problems.add(new FieldProblem("startsOn", "请填写挂职起止日期"));
        } else if (f.endsOn().isBefore(f.startsOn())) {
            problems.add(new FieldProblem("endsOn", "结束日期不能早于开始日期"));
        } else {
            Bounds.planDate(problems, "startsOn", "开始日期", f.startsOn(), java.time.LocalDate.now(clock));
            Bounds.planDate(problems, "endsOn", "结束日期", f.endsOn(), java.time.LocalDate.now(clock));
        }
        try {
            new SelectionScoring.Weights(or(f.weightWritten(), 40), or(f.weightInterview(), 40), or(f.weightRecommendation(), 20)).validate();
        } catch (BusinessException e) {
            problems.addAll(e.problems());
        }
        try {
            new EvaluationScoring.Weights(or(f.evalWeightLogs(), 10), or(f.evalWeightDutyReport(), 20), or(f.evalWeightAppraisal(), 40),
                    or(f.evalWeightInterviews(), 15), or(f.evalWeightVerification(), 15)).validate();
        } catch (BusinessException e) {
            problems.addAll(e.problems());
        }
        try {
            new EvaluationScoring.Thresholds(or(f.gradeExcellentMin(), 90), or(f.gradeCompetentMin(), 75), or(f.gradeBasicMin(), 60)).validate();
        } catch (BusinessException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
    }

    private static void validatePost(PostForm f) {
        if (f.receivingOrgId() == null) {
            throw new BusinessException("请选择接收单位", List.of(new FieldProblem("receivingOrgId", "请选择接收单位")));
        }
        if (!StringUtils.hasText(f.title())) {
            throw new BusinessException("请填写挂职职位", List.of(new FieldProblem("title", "请填写挂职职位")));
        }
        if (f.seats() != null && (f.seats() < 1 || f.seats() > 100)) {
            throw new BusinessException("职数须在1到100之间", List.of(new FieldProblem("seats", "职数须在1到100之间")));
        }
    }

    private static BigDecimal or(BigDecimal v, int dflt) {
        return v == null ? BigDecimal.valueOf(dflt) : v;
    }

    private static BigDecimal money(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v.setScale(2, RoundingMode.HALF_UP);
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
