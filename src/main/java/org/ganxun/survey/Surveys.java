package org.ganxun.survey;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Permission;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.people.Labeled;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.platform.web.PlainText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Surveys and their target groups: create, edit the questionnaire, open and close, and the access rule.
 * A survey belongs to the organiser's unit; whoever's scope covers that unit sees it, and so does a user
 * whose scope holds one of its target groups (a unit liaison entering paper returns). Only the
 * organisation department designs, opens and closes.
 */
@Service
public class Surveys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final DataScopes scopes;
    private final OrganizationTrees trees;
    private final AuditLog audit;
    private final Clock clock;

    Surveys(JdbcClient jdbc, JsonMapper json, DataScopes scopes, OrganizationTrees trees, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
        this.scopes = scopes;
        this.trees = trees;
        this.audit = audit;
    }

    public enum Status {
        DRAFT("草稿"), OPEN("回收中"), CLOSED("已结束");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    public record SurveyRequest(@Size(max = 200, message = "调研名称不能超过{max}个字") @PlainText(message = "调研名称不能包含网页标记或脚本") String title,
                                @Size(max = 1000, message = "调研目的不能超过{max}个字") @PlainText(message = "调研目的不能包含网页标记或脚本") String purpose,
                                @InScope(Ref.ORG) Long orgId, Boolean anonymous, LocalDate startsOn, LocalDate endsOn,
                                JsonNode model) {
    }

    public record TargetRequest(@Size(max = 100, message = "范围名称最多{max}个字") @PlainText(message = "范围名称不能包含网页标记或脚本") String label,
                                @NotNull(message = "请选择单位") @InScope(Ref.ORG) Long orgId, RankLevel rankLevel, StaffCategory staffCategory,
                                @Min(value = 0, message = "发放份数须在0到100000之间") @Max(value = 100_000, message = "发放份数须在0到100000之间") Integer issuedCount) {
    }

    public record Target(long id, String label, long orgId, String orgName, String orgPath, RankLevel rankLevel, String rankLevelLabel,
                         StaffCategory staffCategory, String staffCategoryLabel, Integer issuedCount) {
    }

    public record Survey(long id, String title, String purpose, long orgId, String orgName, String orgPath, boolean anonymous,
                         Status status, String statusLabel, JsonNode model, String publicToken, LocalDate startsOn,
                         LocalDate endsOn, String createdBy, OffsetDateTime createdAt, long returned, List<Target> targets) {
    }

    @Transactional(readOnly = true)
    public List<Survey> list() {
        DataScope scope = scopes.current();
        if (!scope.all() && scope.orgPath() == null) {
            return List.of();
        }
        return jdbc.sql(SELECT + "\n" + """
                 where :all or o.path like :path
                    or exists (select 1 from survey_target t join org_unit tor on tor.id = t.org_id
                               where t.survey_id = s.id and tor.path like :path)
                 order by s.created_at desc, s.id desc""")
                .param("all", scope.all()).param("path", scope.orgPath() == null ? "" : scope.orgPath() + "%")
                .query(this::map).list();
    }

    @Transactional
    public Survey create(SurveyRequest req) {
        CurrentUser me = requireOrganiser();
        validate(req);
        long orgId = req.orgId() != null ? req.orgId() : me.scopeOrgId() != null ? me.scopeOrgId() : rootOrg();
        trees.requireInScope(Tree.ADMINISTRATIVE, orgId);
        JsonNode model = SurveyModel.sanitized(req.model() != null ? req.model()
                : json.readTree("{\"pages\":[{\"name\":\"page1\",\"elements\":[]}]}"));
        SurveyModel.parse(model);
        long id = jdbc.sql("""
                insert into survey (title, purpose, org_id, anonymous, model, public_token, starts_on, ends_on, created_by)
                values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?) returning id""")
                .params(req.title().strip(), req.purpose(), orgId, req.anonymous() == null || req.anonymous(), json.writeValueAsString(model),
                        token(), req.startsOn(), req.endsOn(), me.username())
                .query(Long.class).single();
        Survey s = get(id);
        audit.record("CREATE", "Survey", id, "新建调研问卷：" + s.title(), null, brief(s));
        return s;
    }

    @Transactional
    public Survey update(long id, SurveyRequest req) {
        Survey before = requireManageable(id);
        validate(req);
        JsonNode model = req.model() != null ? SurveyModel.sanitized(req.model()) : before.model();
        SurveyModel.parse(model);
        boolean modelChanged = !model.equals(before.model());
        if (modelChanged && before.returned() > 0) {
            throw BusinessException.conflict("问卷已回收" + before.returned() + "份，不能再修改题目；可修改标题和说明");
        }
        boolean anonymous = req.anonymous() == null ? before.anonymous() : req.anonymous();
        if (anonymous != before.anonymous() && before.returned() > 0) {
            throw BusinessException.conflict("问卷已有回收，不能再改变记名/匿名方式");
        }
        jdbc.sql("""
                update survey set title = ?, purpose = ?, anonymous = ?, model = cast(? as jsonb), starts_on = ?, ends_on = ?,
                       updated_at = now(), version = version + 1 where id = ?""")
                .params(req.title().strip(), req.purpose(), anonymous, json.writeValueAsString(model), req.startsOn(), req.endsOn(), id)
                .update();
        Survey after = get(id);
        audit.record("UPDATE", "Survey", id, "修改调研问卷：" + after.title() + (modelChanged ? "（含题目）" : ""), brief(before), brief(after));
        return after;
    }

    @Transactional
    public Survey replaceTargets(long id, List<TargetRequest> targets) {
        Survey before = requireManageable(id);
        if (targets == null || targets.isEmpty()) {
            throw new BusinessException("请至少设置一个调研对象范围");
        }
        for (TargetRequest t : targets) {
            if (t.orgId() == null) {
                throw new BusinessException("调研对象范围需要选择单位", List.of(new FieldProblem("orgId", "请选择单位")));
            }
            trees.requireInScope(Tree.ADMINISTRATIVE, t.orgId());
            if (t.issuedCount() != null && t.issuedCount() < 0) {
                throw new BusinessException("发放份数不能为负数");
            }
            List<FieldProblem> problems = new java.util.ArrayList<>();
            Bounds.seats(problems, "issuedCount", "发放份数", t.issuedCount(), 0, 100_000);
            Bounds.check(problems);
        }
        List<Long> keep = new java.util.ArrayList<>();
        int order = 0;
        for (TargetRequest t : targets) {
            String label = StringUtils.hasText(t.label()) ? t.label().strip() : defaultLabel(t);
            // keep ids of unchanged groups so that returns stay attached to them
            Long existing = before.targets().stream()
                    .filter(x -> x.orgId() == t.orgId() && x.rankLevel() == t.rankLevel() && x.staffCategory() == t.staffCategory()
                            && !keep.contains(x.id()))
                    .map(Target::id).findFirst().orElse(null);
            if (existing != null) {
                jdbc.sql("update survey_target set label = ?, issued_count = ?, sort_order = ? where id = ?")
                        .params(label, t.issuedCount(), order++, existing).update();
                keep.add(existing);
            } else {
                keep.add(jdbc.sql("""
                        insert into survey_target (survey_id, label, org_id, rank_level, staff_category, issued_count, sort_order)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                        .params(id, label, t.orgId(), t.rankLevel() == null ? null : t.rankLevel().name(),
                                t.staffCategory() == null ? null : t.staffCategory().name(), t.issuedCount(), order++)
                        .query(Long.class).single());
            }
        }
        jdbc.sql("delete from survey_target where survey_id = :id and not (id = any(:keep))")
                .param("id", id).param("keep", keep.toArray(new Long[0])).update();
        Survey after = get(id);
        audit.record("UPDATE", "SurveyTarget", id, "设置调研对象：" + after.title(), before.targets(), after.targets());
        return after;
    }

    /**
     * The words that mark an option the question bank ships as a placeholder for the designer to replace
     * (“（请设计者改为本地乡镇名称）”); a survey with one is not published.
     */
    static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("请设计者|改为本地");

    /** The names of the townships (乡镇) in the user's jurisdiction, in tree order: the real choices of the bank's 乡镇 question. */
    @Transactional(readOnly = true)
    public List<String> townships() {
        DataScope scope = scopes.current();
        if (!scope.all() && scope.orgPath() == null) {
            return List.of();
        }
        return jdbc.sql("select name from org_unit where kind = 'TOWNSHIP' and not retired and (:all or path like :path)"
                        + " order by path, sort_order, id")
                .param("all", scope.all()).param("path", scope.orgPath() == null ? "" : scope.orgPath() + "%")
                .query(String.class).list();
    }

    @Transactional
    public Survey open(long id) {
        Survey s = requireManageable(id);
        if (s.status() == Status.OPEN) {
            return s;
        }
        SurveyModel parsed = SurveyModel.parse(s.model());
        if (parsed.questions().isEmpty()) {
            throw new BusinessException("问卷还没有题目，不能发布");
        }
        for (SurveyModel.Question q : parsed.questions()) {
            for (SurveyModel.Choice c : q.choices()) {
                if (PLACEHOLDER.matcher(c.text() == null ? "" : c.text()).find() || PLACEHOLDER.matcher(c.value() == null ? "" : c.value()).find()) {
                    throw new BusinessException(q.label() + "的选项“" + c.text() + "”是题库的占位文字，请在设计器中改为本地的实际选项（如本县各乡镇名称）后再发布");
                }
            }
        }
        if (s.targets().isEmpty()) {
            throw new BusinessException("请先设置调研对象范围再发布");
        }
        jdbc.sql("update survey set status = 'OPEN', starts_on = coalesce(starts_on, ?), updated_at = now(), version = version + 1 where id = ?")
                .params(LocalDate.now(clock), id).update();
        audit.record("OPEN", "Survey", id, "发布调研问卷：" + s.title(), brief(s), brief(get(id)));
        return get(id);
    }

    @Transactional
    public Survey close(long id) {
        Survey s = requireManageable(id);
        jdbc.sql("update survey set status = 'CLOSED', ends_on = coalesce(ends_on, ?), updated_at = now(), version = version + 1 where id = ?")
                .params(LocalDate.now(clock), id).update();
        audit.record("CLOSE", "Survey", id, "结束调研问卷：" + s.title(), brief(s), brief(get(id)));
        return get(id);
    }

    @Transactional(readOnly = true)
    public Survey get(long id) {
        return find(id).orElseThrow(() -> BusinessException.notFound("调研问卷"));
    }

    java.util.Optional<Survey> find(long id) {
        return jdbc.sql(SELECT + " where s.id = ?").param(id).query(this::map).optional();
    }

    java.util.Optional<Survey> byToken(String token) {
        return jdbc.sql(SELECT + " where s.public_token = ?").param(token).query(this::map).optional();
    }

    /** The survey if the current user may read it (and enter paper returns). */
    @Transactional(readOnly = true)
    public Survey requireVisible(long id) {
        Survey s = get(id);
        DataScope scope = scopes.current();
        CurrentUser me = CurrentUsers.require();
        if (!me.canAny(Permission.SURVEY_MANAGE, Permission.SURVEY_ENTER)) {
            throw new BusinessException(403, "无权查看该调研问卷", List.of());
        }
        if (scope.coversOrgPath(s.orgPath()) || s.targets().stream().anyMatch(t -> scope.coversOrgPath(t.orgPath()))) {
            return s;
        }
        throw new BusinessException(403, "无权查看该调研问卷", List.of());
    }

    /** The survey if the current user may design, open, close and analyse it. */
    @Transactional(readOnly = true)
    public Survey requireManageable(long id) {
        requireOrganiser();
        Survey s = get(id);
        if (!scopes.current().coversOrgPath(s.orgPath())) {
            throw new BusinessException(403, "只能管理本单位及下级单位组织的调研", List.of());
        }
        return s;
    }

    private static CurrentUser requireOrganiser() {
        CurrentUser me = CurrentUsers.require();
        if (!me.can(Permission.SURVEY_MANAGE)) {
            throw new BusinessException(403, "只有组织部门可以设计和发布调研问卷", List.of());
        }
        return me;
    }

    private long rootOrg() {
        return jdbc.sql("select id from org_unit where parent_id is null and not retired order by id limit 1")
                .query(Long.class).optional().orElseThrow(() -> new BusinessException("请先建立单位"));
    }

    private void validate(SurveyRequest req) {
        if (req == null || !StringUtils.hasText(req.title())) {
            throw new BusinessException("请填写调研名称", List.of(new FieldProblem("title", "请填写调研名称")));
        }
        if (req.startsOn() != null && req.endsOn() != null && req.endsOn().isBefore(req.startsOn())) {
            throw new BusinessException("结束日期不能早于开始日期", List.of(new FieldProblem("endsOn", "结束日期早于开始日期")));
        }
        List<FieldProblem> problems = new java.util.ArrayList<>();
        Bounds.planDate(problems, "startsOn", "开始日期", req.startsOn(), LocalDate.now(clock));
        Bounds.planDate(problems, "endsOn", "结束日期", req.endsOn(), LocalDate.now(clock));
        Bounds.check(problems);
    }

    private String defaultLabel(TargetRequest t) {
        String org = jdbc.sql("select name from org_unit where id = ?").param(t.orgId()).query(String.class).single();
        StringBuilder sb = new StringBuilder(org);
        if (t.rankLevel() != null) {
            sb.append(" ").append(t.rankLevel().label());
        }
        if (t.staffCategory() != null) {
            sb.append(" ").append(t.staffCategory().label());
        }
        return sb.toString();
    }

    /**
     * The public link's secret: 120 random bits. A guesser making a thousand tries a second against a county with
     * a thousand open surveys would need about 10^25 years on average; no rate limit is needed.
     */
    private static String token() {
        byte[] b = new byte[15];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static java.util.Map<String, Object> brief(Survey s) {
        return java.util.Map.of("title", s.title(), "status", s.status().name(), "anonymous", s.anonymous());
    }

    private static final String SELECT = """
            select s.id, s.title, s.purpose, s.org_id, o.name as org_name, o.path as org_path, s.anonymous, s.status, s.model::text as model,
                   s.public_token, s.starts_on, s.ends_on, s.created_by, s.created_at,
                   (select count(*) from survey_return r where r.survey_id = s.id) as returned
            from survey s join org_unit o on o.id = s.org_id""";

    private Survey map(ResultSet rs, int i) throws SQLException {
        long id = rs.getLong("id");
        Status status = Status.valueOf(rs.getString("status"));
        return new Survey(id, rs.getString("title"), rs.getString("purpose"), rs.getLong("org_id"), rs.getString("org_name"),
                rs.getString("org_path"), rs.getBoolean("anonymous"), status, status.label,
                // cleaned as read too: models stored before the cleaning reach no page unclean
                SurveyModel.sanitized(json.readTree(rs.getString("model"))),
                rs.getString("public_token"), rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class), rs.getLong("returned"), targets(id));
    }

    List<Target> targets(long surveyId) {
        return jdbc.sql("""
                select t.id, t.label, t.org_id, o.name, o.path, t.rank_level, t.staff_category, t.issued_count
                from survey_target t join org_unit o on o.id = t.org_id where t.survey_id = ? order by t.sort_order, t.id""")
                .param(surveyId)
                .query((rs, i) -> {
                    RankLevel rl = rs.getString(6) == null ? null : RankLevel.valueOf(rs.getString(6));
                    StaffCategory sc = rs.getString(7) == null ? null : StaffCategory.valueOf(rs.getString(7));
                    return new Target(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rl,
                            rl == null ? null : rl.label(), sc, sc == null ? null : sc.label(), (Integer) rs.getObject(8));
                }).list();
    }

    static String label(Class<? extends Labeled> type, String name) {
        if (name == null) {
            return null;
        }
        for (Labeled l : type.getEnumConstants()) {
            if (((Enum<?>) l).name().equals(name)) {
                return l.label();
            }
        }
        return name;
    }
}
