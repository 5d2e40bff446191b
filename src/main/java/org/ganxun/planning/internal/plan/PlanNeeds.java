package org.ganxun.planning.internal.plan;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.survey.DraftClassProposal;
import org.ganxun.survey.SurveyTopicsProposed;
import org.ganxun.training.ClassType;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Training needs from surveys (调研需求 → 年度计划): every draft-class proposal a survey publishes
 * ({@link SurveyTopicsProposed}) is kept for the survey's unit and year with its origin (survey, topic, target group,
 * how many of how many respondents asked). Proposals drawn up again replace those not yet turned into a class. A
 * planner turns a need into a draft class of the annual plan; the plan then shows which needs it answers and which
 * it leaves open.
 */
@Service
public class PlanNeeds {

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final TrainingClasses classes;
    private final AuditLog audit;

    PlanNeeds(JdbcClient jdbc, DataScopes scopes, TrainingClasses classes, AuditLog audit) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.classes = classes;
        this.audit = audit;
    }

    public record Need(long id, long orgId, String orgName, int year, long surveyId, String surveyTitle, long proposalId, String kind,
                       String topic, String targetGroup, int demandCount, int respondents, BigDecimal demandShare, String rationale,
                       Long classId, String className, String classStatus, boolean answered, String questionName,
                       String questionTitle, String groupDimension, String groupValue) {
    }

    /** After the survey's transaction commits, in a transaction of its own (Spring Modulith keeps the event until it succeeds). */
    @ApplicationModuleListener
    void on(SurveyTopicsProposed e) {
        record(e);
    }

    @Transactional
    void record(SurveyTopicsProposed e) {
        jdbc.sql("delete from plan_need where survey_id = ? and class_id is null").param(e.surveyId()).update();
        for (DraftClassProposal p : e.proposals()) {
            jdbc.sql("""
                    insert into plan_need (org_id, year, survey_id, survey_title, proposal_id, kind, topic, target_group, demand_count,
                      respondents, demand_share, rationale, question_name, question_title, group_dimension, group_value)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (survey_id, proposal_id) do nothing""")
                    .params(e.orgId(), e.year(), e.surveyId(), cut(e.surveyTitle(), 200), p.id(), p.kind(), cut(p.topic(), 200),
                            cut(p.targetGroup(), 200), p.demandCount(), p.respondents(), p.demandShare(), cut(p.rationale(), 1000),
                            cut(p.questionName(), 100), cut(p.questionTitle(), 500), cut(p.groupDimension(), 30), cut(p.groupValue(), 100))
                    .update();
        }
    }

    /** A proposal already named as a class ("学用脱节专题培训班", "…轮训班") keeps its name; a bare topic gets "专题培训班". */
    static String className(String topic) {
        return topic.endsWith("班") ? topic : topic + "专题培训班";
    }

    /** The topic itself, for the class's topics: the proposal's name without the class words. */
    static String subject(String topic) {
        for (String suffix : List.of("专题培训班", "综合能力提升轮训班", "培训班")) {
            if (topic.endsWith(suffix) && topic.length() > suffix.length()) {
                return topic.substring(0, topic.length() - suffix.length());
            }
        }
        return topic;
    }

    record Target(List<RankLevel> rankLevels, List<StaffCategory> staffCategories) {
    }

    /**
     * The draft's target group from the group that asked most (the survey's analysis dimensions): a rank level or a staff
     * category becomes the class's target; the survey's 村（社区）干部 (rank VILLAGE) is the staff category 村(社区)干部;
     * a township, an age band or 无职级人员 has no counterpart in a class's target and is kept in words only.
     */
    static Target target(String dimension, String value) {
        if (dimension == null || value == null) {
            return new Target(List.of(), List.of());
        }
        try {
            if (dimension.equals("RANK_LEVEL")) {
                if (value.equals("VILLAGE")) {
                    return new Target(List.of(), List.of(StaffCategory.VILLAGE_CADRE));
                }
                return value.equals("UNGRADED") ? new Target(List.of(), List.of()) : new Target(List.of(RankLevel.valueOf(value)), List.of());
            }
            if (dimension.equals("STAFF_CATEGORY")) {
                return new Target(List.of(), List.of(StaffCategory.valueOf(value)));
            }
        } catch (IllegalArgumentException unknown) {
            // a code of an older survey: the group stays in words
        }
        return new Target(List.of(), List.of());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** The needs of a year whose unit is in the reader's scope or above it (a county survey's needs reach its townships). */
    @Transactional(readOnly = true)
    public List<Need> list(int year) {
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>();
        params.put("year", year);
        String w;
        if (scope.all()) {
            w = "true";
        } else if (scope.orgPath() != null) {
            params.put("sp", scope.orgPath());
            params.put("spLike", scope.orgPath() + "%");
            w = "(o.path like :spLike or :sp like o.path || '%')";
        } else {
            return List.of();
        }
        return jdbc.sql("""
                select n.*, o.name as org_name, tc.name as class_name, tc.status as class_status
                  from plan_need n join org_unit o on o.id = n.org_id
                  left join class_card tc on tc.id = n.class_id
                 where n.year = :year and\s""" + w + " order by (n.class_id is not null), n.demand_count desc, n.id")
                .params(params)
                .query((rs, i) -> {
                    Long classId = (Long) rs.getObject("class_id");
                    String status = rs.getString("class_status");
                    return new Need(rs.getLong("id"), rs.getLong("org_id"), rs.getString("org_name"), rs.getInt("year"),
                            rs.getLong("survey_id"), rs.getString("survey_title"), rs.getLong("proposal_id"), rs.getString("kind"),
                            rs.getString("topic"), rs.getString("target_group"), rs.getInt("demand_count"), rs.getInt("respondents"),
                            rs.getBigDecimal("demand_share"), rs.getString("rationale"), classId, rs.getString("class_name"), status,
                            classId != null && !"CANCELLED".equals(status), rs.getString("question_name"),
                            rs.getString("question_title"), rs.getString("group_dimension"), rs.getString("group_value"));
                })
                .list();
    }

    /**
     * Turns a need into a draft class filed by the caller's unit: three days from the first Monday of September of the
     * need's year (to be placed by the scheduler), its origin written into the description.
     */
    @Transactional
    public Need draft(long needId) {
        if (!CurrentUsers.require().can(org.ganxun.platform.security.Permission.PLAN_MANAGE)) {
            throw new BusinessException(403, "只有编制年度培训计划的账号才能依据需求生成班次", List.of());
        }
        int year = jdbc.sql("select year from plan_need where id = ?").param(needId).query(Integer.class).optional()
                .orElseThrow(() -> BusinessException.notFound("培训需求"));
        Need n = list(year).stream().filter(x -> x.id() == needId).findFirst().orElseThrow(() -> BusinessException.notFound("培训需求"));
        if (n.answered()) {
            throw BusinessException.conflict("该需求已生成班次“" + n.className() + "”");
        }
        Long filer = CurrentUsers.require().scopeOrgId();
        if (filer == null) {
            throw new BusinessException(403, "只有管理单位的账号才能生成班次", List.of());
        }
        LocalDate start = LocalDate.of(n.year(), 9, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        String origin = "来源：调研“" + n.surveyTitle() + "”" + (n.questionTitle() == null ? "" : "第“" + n.questionTitle() + "”题")
                + "，" + n.respondents() + "名答卷人中" + n.demandCount() + "人提出"
                + (n.targetGroup() == null ? "" : "（" + n.targetGroup() + "）") + "。" + (n.rationale() == null ? "" : n.rationale());
        Target target = target(n.groupDimension(), n.groupValue());
        long classId = classes.create(new TrainingClasses.ClassForm(null, filer, null, cut(className(n.topic()), 200), ClassType.THEMATIC,
                start, start.plusDays(2), null, target.rankLevels(), target.staffCategories(), 50, true, List.of(cut(subject(n.topic()), 50)),
                null, cut(origin, 2000), List.of(), null)).id();
        jdbc.sql("update plan_need set class_id = ? where id = ?").params(classId, needId).update();
        Need after = list(year).stream().filter(x -> x.id() == needId).findFirst().orElseThrow();
        audit.record("DRAFT", "PlanNeed", needId, "依据调研需求生成草稿班次：" + after.className(), n, after);
        return after;
    }
}
