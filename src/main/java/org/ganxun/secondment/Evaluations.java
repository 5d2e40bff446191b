package org.ganxun.secondment;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.secondment.internal.evaluation.Ballots;
import org.ganxun.secondment.internal.evaluation.EvaluationScoring;
import org.ganxun.secondment.internal.evaluation.Grade;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluations (平时考核 / 期满考核) of seconded cadres, scored by {@link EvaluationScoring} with the
 * programme's weights and thresholds, and the ranking of final evaluations within a programme.
 */
@Service
public class Evaluations {

    private final JdbcClient jdbc;
    private final Postings postings;
    private final Programmes programmes;
    private final AuditLog audit;
    private final Clock clock;

    Evaluations(JdbcClient jdbc, Postings postings, Programmes programmes, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.postings = postings;
        this.programmes = programmes;
        this.audit = audit;
    }

    public record EvaluationForm(EvaluationKind kind, LocalDate evaluatedOn, BigDecimal dutyReportScore, Integer ballotsExcellent,
                                 Integer ballotsCompetent, Integer ballotsBasic, Integer ballotsIncompetent,
                                 BigDecimal interviewScore, @Size(max = 2000, message = "个别谈话情况最多{max}个字") String interviewNotes,
                                 BigDecimal verificationScore, @Size(max = 2000, message = "核实情况最多{max}个字") String verificationNotes,
                                 @Size(max = 2000, message = "评价意见最多{max}个字") String comment) {
    }

    public record Evaluation(long id, long postingId, long programmeId, String programmeName, long cadreId, String cadreName,
                             String receivingOrgName, String postTitle, EvaluationKind kind, String kindLabel,
                             LocalDate evaluatedOn, int expectedLogs, int writtenLogs, BigDecimal logScore,
                             BigDecimal dutyReportScore, int ballotsExcellent, int ballotsCompetent, int ballotsBasic,
                             int ballotsIncompetent, int ballotsTotal, BigDecimal excellentShare, BigDecimal competentShare,
                             BigDecimal basicShare, BigDecimal incompetentShare, BigDecimal favourableShare,
                             BigDecimal appraisalScore, BigDecimal interviewScore, String interviewNotes,
                             BigDecimal verificationScore, String verificationNotes, BigDecimal totalScore, Grade grade,
                             String gradeLabel, String comment, Integer rank, String createdBy) {
    }

    @Transactional
    public Evaluation record(long postingId, EvaluationForm f) {
        Postings.Posting v = postings.get(postingId);
        if (!v.organiser()) {
            throw new BusinessException(403, "只有主办该批次挂职的组织部门可以进行考核", List.of());
        }
        if (!"ACTIVE".equals(v.status())) {
            throw BusinessException.conflict("该挂职安排已取消");
        }
        if (f.kind() == null || f.evaluatedOn() == null) {
            throw new BusinessException("请选择考核类型和考核日期");
        }
        if (f.evaluatedOn().isBefore(v.startsOn())) {
            throw new BusinessException("考核日期不能早于挂职开始日期");
        }
        // log completeness counts the windows elapsed by this date: a future date would count logs not yet due as missing
        if (f.evaluatedOn().isAfter(LocalDate.now(clock))) {
            throw new BusinessException("考核日期不能晚于今天");
        }
        for (BigDecimal s : new BigDecimal[]{f.dutyReportScore(), f.interviewScore(), f.verificationScore()}) {
            if (s == null || s.signum() < 0 || s.compareTo(BigDecimal.valueOf(100)) > 0 || s.scale() > 2) {
                throw new BusinessException("述职、个别谈话、调查核实得分须填写，在0到100之间，最多两位小数");
            }
        }
        Ballots ballots = new Ballots(n(f.ballotsExcellent()), n(f.ballotsCompetent()), n(f.ballotsBasic()), n(f.ballotsIncompetent()));
        if (ballots.total() == 0) {
            throw new BusinessException("请填写民主测评票数");
        }
        if (f.kind() == EvaluationKind.FINAL && jdbc.sql(Unscoped.countsOnly() + "select count(*) from secondment_evaluation where posting_id = ? and kind = 'FINAL'")
                .param(postingId).query(Long.class).single() > 0) {
            throw BusinessException.conflict("“" + v.cadreName() + "”已有期满考核结果");
        }
        Programmes.ProgrammeView pr = programmes.load(v.programmeId());
        List<LocalDate> logDates = jdbc.sql(Unscoped.ofChecked("posting", "SecondmentAccess") + "select written_on from secondment_log where posting_id = ?").param(postingId)
                .query(LocalDate.class).list();
        EvaluationScoring.LogCompleteness logs = EvaluationScoring.logs(v.startsOn(), v.endsOn(), pr.logCadenceDays(), logDates,
                f.evaluatedOn());
        BigDecimal appraisal = ballots.score();
        BigDecimal total = EvaluationScoring.total(pr.evaluationWeights(), logs.score(), f.dutyReportScore(), appraisal,
                f.interviewScore(), f.verificationScore());
        Grade grade = pr.thresholds().grade(total);
        long id = jdbc.sql("""
                insert into secondment_evaluation (posting_id, kind, evaluated_on, expected_logs, written_logs, log_score,
                    duty_report_score, ballots_excellent, ballots_competent, ballots_basic, ballots_incompetent, appraisal_score,
                    interview_score, interview_notes, verification_score, verification_notes, total_score, grade, comment, created_by)
                values (:posting, :kind, :on, :expected, :written, :logScore, :duty, :be, :bc, :bb, :bi, :appraisal,
                    :interview, :interviewNotes, :verification, :verificationNotes, :total, :grade, :comment, :by)
                returning id""")
                .param("posting", postingId).param("kind", f.kind().name()).param("on", f.evaluatedOn())
                .param("expected", logs.expected()).param("written", logs.written()).param("logScore", logs.score())
                .param("duty", f.dutyReportScore()).param("be", ballots.excellent()).param("bc", ballots.competent())
                .param("bb", ballots.basic()).param("bi", ballots.incompetent()).param("appraisal", appraisal)
                .param("interview", f.interviewScore()).param("interviewNotes", Programmes.trim(f.interviewNotes()))
                .param("verification", f.verificationScore()).param("verificationNotes", Programmes.trim(f.verificationNotes()))
                .param("total", total).param("grade", grade.name()).param("comment", Programmes.trim(f.comment()))
                .param("by", CurrentUsers.require().displayName())
                .query(Long.class).single();
        Evaluation after = one(id);
        audit.record("CREATE", "SecondmentEvaluation", id, f.kind().label() + "：" + v.cadreName() + " 综合得分"
                + total.toPlainString() + "，" + grade.label(), null, after);
        return after;
    }

    @Transactional(readOnly = true)
    public List<Evaluation> ofPosting(long postingId) {
        postings.get(postingId);
        List<Evaluation> all = jdbc.sql(SELECT + " where e.posting_id = ? order by e.evaluated_on desc, e.id desc").param(postingId)
                .query(Evaluations::row).list();
        return withRanks(all);
    }

    /** Final evaluations of a programme's postings the user may see, ranked within the whole programme. */
    @Transactional(readOnly = true)
    public List<Evaluation> ranking(long programmeId, EvaluationKind kind) {
        programmes.get(programmeId);
        List<Long> visible = postings.list(programmeId, null, false).stream().map(Postings.Posting::id).toList();
        EvaluationKind k = kind == null ? EvaluationKind.FINAL : kind;
        List<Evaluation> all = jdbc.sql(Unscoped.ofChecked("programme", "SecondmentAccess") + SELECT + " where sp.programme_id = ? and e.kind = ? and sp.status = 'ACTIVE'")
                .params(programmeId, k.name()).query(Evaluations::row).list();
        List<Evaluation> ranked = k == EvaluationKind.FINAL ? rank(all)
                : all.stream().sorted(Comparator.comparing(Evaluation::evaluatedOn).reversed()).toList();
        return ranked.stream().filter(e -> visible.contains(e.postingId())).toList();
    }

    /** Ranks a programme's final evaluations: {@link EvaluationScoring#RANK_RULE}. */
    static List<Evaluation> rank(List<Evaluation> finals) {
        List<Evaluation> sorted = new ArrayList<>(finals);
        sorted.sort(Comparator.comparing(Evaluation::totalScore, Comparator.reverseOrder())
                .thenComparing(Evaluation::appraisalScore, Comparator.reverseOrder())
                .thenComparing(Evaluation::dutyReportScore, Comparator.reverseOrder())
                .thenComparingLong(Evaluation::postingId));
        List<Evaluation> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            out.add(withRank(sorted.get(i), i + 1));
        }
        return out;
    }

    private List<Evaluation> withRanks(List<Evaluation> list) {
        Map<Long, Integer> ranks = new HashMap<>();
        for (long programmeId : list.stream().filter(e -> e.kind() == EvaluationKind.FINAL).map(Evaluation::programmeId).distinct().toList()) {
            rank(jdbc.sql(Unscoped.ofChecked("programme", "SecondmentAccess") + SELECT + " where sp.programme_id = ? and e.kind = 'FINAL' and sp.status = 'ACTIVE'").param(programmeId)
                    .query(Evaluations::row).list()).forEach(e -> ranks.put(e.id(), e.rank()));
        }
        return list.stream().map(e -> withRank(e, ranks.get(e.id()))).toList();
    }

    Evaluation one(long id) {
        return withRanks(List.of(jdbc.sql(Unscoped.rowChecked("the posting visibility (SecondmentAccess)") + SELECT + " where e.id = ?").param(id).query(Evaluations::row).single())).get(0);
    }

    static final String SELECT = """
            select e.*, sp.programme_id, pr.name as programme_name, sp.cadre_id, c.name as cadre_name, ro.name as receiving_name,
                   pst.title as post_title
            from secondment_evaluation e
            join secondment_posting sp on sp.id = e.posting_id
            join secondment_programme pr on pr.id = sp.programme_id
            join cadre_card c on c.id = sp.cadre_id
            join org_unit ro on ro.id = sp.receiving_org_id
            join secondment_post pst on pst.id = sp.post_id
            """;

    static Evaluation row(ResultSet rs, int i) throws SQLException {
        Ballots b = new Ballots(rs.getInt("ballots_excellent"), rs.getInt("ballots_competent"), rs.getInt("ballots_basic"),
                rs.getInt("ballots_incompetent"));
        EvaluationKind k = EvaluationKind.valueOf(rs.getString("kind"));
        Grade g = Grade.valueOf(rs.getString("grade"));
        return new Evaluation(rs.getLong("id"), rs.getLong("posting_id"), rs.getLong("programme_id"), rs.getString("programme_name"),
                rs.getLong("cadre_id"), rs.getString("cadre_name"), rs.getString("receiving_name"), rs.getString("post_title"),
                k, k.label(), rs.getObject("evaluated_on", LocalDate.class), rs.getInt("expected_logs"), rs.getInt("written_logs"),
                rs.getBigDecimal("log_score"), rs.getBigDecimal("duty_report_score"), b.excellent(), b.competent(), b.basic(),
                b.incompetent(), b.total(), b.excellentShare(), b.competentShare(), b.basicShare(), b.incompetentShare(),
                b.favourableShare(), rs.getBigDecimal("appraisal_score"), rs.getBigDecimal("interview_score"),
                rs.getString("interview_notes"), rs.getBigDecimal("verification_score"), rs.getString("verification_notes"),
                rs.getBigDecimal("total_score"), g, g.label(), rs.getString("comment"), null, rs.getString("created_by"));
    }

    private static Evaluation withRank(Evaluation e, Integer rank) {
        return new Evaluation(e.id(), e.postingId(), e.programmeId(), e.programmeName(), e.cadreId(), e.cadreName(),
                e.receivingOrgName(), e.postTitle(), e.kind(), e.kindLabel(), e.evaluatedOn(), e.expectedLogs(), e.writtenLogs(),
                e.logScore(), e.dutyReportScore(), e.ballotsExcellent(), e.ballotsCompetent(), e.ballotsBasic(),
                e.ballotsIncompetent(), e.ballotsTotal(), e.excellentShare(), e.competentShare(), e.basicShare(),
                e.incompetentShare(), e.favourableShare(), e.appraisalScore(), e.interviewScore(), e.interviewNotes(),
                e.verificationScore(), e.verificationNotes(), e.totalScore(), e.grade(), e.gradeLabel(), e.comment(), rank,
                e.createdBy());
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }
}
