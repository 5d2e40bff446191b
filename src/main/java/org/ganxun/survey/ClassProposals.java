package org.ganxun.survey;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.platform.security.DataScope;
import org.springframework.context.ApplicationEventPublisher;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Into the plan (按需施教): from a survey's analysis, the most demanded topics (options of the questions
 * marked as topic questions, by count) each for the group that asked for it most, and the groups least
 * served (the highest share answering 未参加过 to the question named {@code trained_recently}) become draft
 * class proposals, stored and published as {@link SurveyTopicsProposed}. Drawing up again replaces the
 * proposals not yet taken into a plan.
 */
@Service
public class ClassProposals {

    static final int MIN_GROUP = 5;

    private final JdbcClient jdbc;
    private final Surveys surveys;
    private final SurveyAnalysis analysis;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final DataScopes scopes;
    private final Clock clock;

    ClassProposals(JdbcClient jdbc, Surveys surveys, SurveyAnalysis analysis, AuditLog audit, ApplicationEventPublisher events,
                   DataScopes scopes, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.surveys = surveys;
        this.analysis = analysis;
        this.audit = audit;
        this.events = events;
        this.scopes = scopes;
    }

    public record DrawRequest(Integer topics, Integer year) {
    }

    @Transactional
    public List<DraftClassProposal> draw(long surveyId, DrawRequest req) {
        Surveys.Survey s = surveys.requireManageable(surveyId);
        int topN = req == null || req.topics() == null ? 5 : Math.max(1, Math.min(20, req.topics()));
        int year = req == null || req.year() == null ? LocalDate.now(clock).getYear() + 1 : req.year();
        SurveyAnalysis.Analysis a = analysis.compute(s);
        List<SurveyAnalysis.QuestionResult> topicQuestions = a.questions().stream().filter(SurveyAnalysis.QuestionResult::topic).toList();
        if (topicQuestions.isEmpty()) {
            topicQuestions = a.questions().stream().filter(q -> q.type().equals("checkbox")).limit(1).toList();
        }
        record Demand(SurveyAnalysis.QuestionResult q, SurveyAnalysis.OptionCount o) {
        }
        List<Demand> demands = new ArrayList<>();
        topicQuestions.forEach(q -> q.options().stream().filter(o -> o.count() > 0 && !o.value().equals("other"))
                .forEach(o -> demands.add(new Demand(q, o))));
        demands.sort(Comparator.comparingLong((Demand d) -> -d.o().count()).thenComparing(d -> d.o().text()));

        List<Row> rows = new ArrayList<>();
        for (Demand d : demands.stream().limit(topN).toList()) {
            Best best = best(d.q(), d.o().value());
            String rationale = "在" + d.q().answered() + "份有效答卷中，" + d.o().count() + "人（" + fmt(d.o().share()) + "%）选择“"
                    + d.o().text() + "”";
            if (best != null) {
                rationale += "；其中" + best.name() + "选择比例最高（" + fmt(best.share()) + "%，" + best.count() + "/" + best.answered() + "人）";
            }
            rows.add(new Row("TOPIC", d.o().text() + "专题培训班", best == null ? "全体调研对象" : best.label(),
                    best == null ? null : best.dimension().name(), best == null ? null : best.group(),
                    (int) d.o().count(), (int) d.q().answered(), d.o().share(), rationale, d.q().name(), cut(d.q().title(), 500)));
        }
        a.questions().stream().filter(q -> q.name().equals("trained_recently")).findFirst().ifPresent(q -> {
            List<Best> groups = new ArrayList<>();
            for (SurveyAnalysis.CrossTab t : q.crossTabs()) {
                for (SurveyAnalysis.GroupColumn g : t.groups()) {
                    if (g.answered() < MIN_GROUP || SurveyAnalysis.NOT_GIVEN.equals(g.group())) {
                        continue;
                    }
                    g.options().stream().filter(o -> o.value().equals("none")).findFirst().ifPresent(o ->
                            groups.add(new Best(t.dimension(), g.group(), t.dimensionLabel() + "：" + g.label(), g.label(), o.count(), g.answered(), o.share())));
                }
            }
            groups.sort(Comparator.comparingDouble((Best b) -> -b.share()).thenComparing(Best::label));
            for (Best b : groups.stream().filter(b -> b.count() > 0).limit(2).toList()) {
                rows.add(new Row("UNDERSERVED", b.name() + "综合能力提升轮训班", b.label(), b.dimension().name(),
                        b.group(), (int) b.count(), (int) b.answered(), b.share(),
                        b.name() + "中" + b.count() + "人（" + fmt(b.share()) + "%）近三年未参加过组织调训，为受训最少的群体之一",
                        q.name(), cut(q.title(), 500)));
            }
        });

        jdbc.sql("delete from survey_class_proposal where survey_id = ? and status = 'PROPOSED'").param(s.id()).update();
        for (Row r : rows) {
            jdbc.sql("""
                    insert into survey_class_proposal (survey_id, kind, topic, target_group, group_dimension, group_value, demand_count,
                        respondents, demand_share, rationale, question_name, question_title) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(s.id(), r.kind(), r.topic(), r.targetGroup(), r.dimension(), r.group(), r.count(), r.respondents(),
                            BigDecimal.valueOf(r.share()), r.rationale(), r.questionName(), r.questionTitle())
                    .update();
        }
        List<DraftClassProposal> out = of(s.id());
        audit.record("PROPOSE", "Survey", s.id(), "依据调研提出培训班建议：" + s.title() + "，共" + out.size() + "项", null, out);
        events.publishEvent(new SurveyTopicsProposed(s.id(), s.title(), s.orgId(), year,
                out.stream().filter(p -> p.status().equals("PROPOSED")).toList()));
        return out;
    }

    private record Row(String kind, String topic, String targetGroup, String dimension, String group, int count, int respondents,
                       double share, String rationale, String questionName, String questionTitle) {
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A group's figures; label is the dimension and the group (职级：科员及以下), name the group alone, for prose. */
    private record Best(SurveyAnalysis.Dimension dimension, String group, String label, String name, long count, long answered, double share) {
    }

    private static Best best(SurveyAnalysis.QuestionResult q, String value) {
        Best best = null;
        for (SurveyAnalysis.CrossTab t : q.crossTabs()) {
            for (SurveyAnalysis.GroupColumn g : t.groups()) {
                if (g.answered() < MIN_GROUP || SurveyAnalysis.NOT_GIVEN.equals(g.group())) {
                    continue;
                }
                for (SurveyAnalysis.OptionCount o : g.options()) {
                    if (o.value().equals(value) && o.count() > 0 && (best == null || o.share() > best.share())) { // a group that never asked is no target
                        best = new Best(t.dimension(), g.group(), t.dimensionLabel() + "：" + g.label(), g.label(), o.count(), g.answered(), o.share());
                    }
                }
            }
        }
        return best;
    }

    static String fmt(double share) {
        return BigDecimal.valueOf(share).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    @Transactional(readOnly = true)
    public List<DraftClassProposal> list(long surveyId) {
        surveys.requireVisible(surveyId);
        return of(surveyId);
    }

    /** Every proposal the current user may see, newest first: what the annual plan picks from. */
    @Transactional(readOnly = true)
    public List<DraftClassProposal> listAll() {
        DataScope scope = scopes.current();
        if (!scope.all() && scope.orgPath() == null) {
            return List.of();
        }
        return jdbc.sql(SELECT + " join survey s on s.id = p.survey_id join org_unit o on o.id = s.org_id"
                        + " where :all or o.path like :path order by p.created_at desc, p.id")
                .param("all", scope.all()).param("path", scope.orgPath() == null ? "" : scope.orgPath() + "%")
                .query(ClassProposals::map).list();
    }

    /** One proposal the current user may see (as {@link #listAll()}), else 404: what a 专题 of the 网络学院 answers. */
    @Transactional(readOnly = true)
    public DraftClassProposal visible(long id) {
        DataScope scope = scopes.current();
        if (!scope.all() && scope.orgPath() == null) {
            throw BusinessException.notFound("调研建议");
        }
        return jdbc.sql(SELECT + " join survey s on s.id = p.survey_id join org_unit o on o.id = s.org_id"
                        + " where p.id = :id and (:all or o.path like :path)")
                .param("id", id).param("all", scope.all()).param("path", scope.orgPath() == null ? "" : scope.orgPath() + "%")
                .query(ClassProposals::map).optional().orElseThrow(() -> BusinessException.notFound("调研建议"));
    }

    List<DraftClassProposal> of(long surveyId) {
        return jdbc.sql(SELECT + " where p.survey_id = ? order by p.kind, p.demand_count desc, p.id").param(surveyId)
                .query(ClassProposals::map).list();
    }

    private static final String SELECT = """
            select p.id, p.survey_id, p.kind, p.topic, p.target_group, p.group_dimension, p.group_value, p.demand_count, p.respondents,
                   p.demand_share, p.rationale, p.status, p.question_name, p.question_title from survey_class_proposal p""";

    private static DraftClassProposal map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new DraftClassProposal(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getBigDecimal(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14));
    }
}
