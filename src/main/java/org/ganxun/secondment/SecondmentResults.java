package org.ganxun.secondment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.platform.security.Unscoped;
import org.ganxun.secondment.internal.evaluation.Grade;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A cadre's secondment record for wherever promotion is considered (the cadre detail, the compliance
 * promotion check): each posting with its final evaluation, grade and rank within the programme. The
 * caller checks that the current user may read the cadre (e.g. {@code Roster.get}).
 */
@Service
public class SecondmentResults {

    private final JdbcClient jdbc;
    private final Clock clock;

    SecondmentResults(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** One posting of the cadre; the evaluation fields are null until the final evaluation is recorded. */
    public record Result(long postingId, String programmeName, String directionLabel, String receivingOrgName, String postTitle,
                         LocalDate startsOn, LocalDate endsOn, String statusLabel, LocalDate evaluatedOn, BigDecimal totalScore,
                         String grade, String gradeLabel, Integer rank, Integer rankedOf, List<RegularEvaluation> regular) {
    }

    public record RegularEvaluation(LocalDate evaluatedOn, BigDecimal totalScore, String gradeLabel) {
    }

    @Transactional(readOnly = true)
    public List<Result> of(long cadreId) {
        List<Result> out = new ArrayList<>();
        jdbc.sql(Unscoped.referenceChecked("Roster.get by the promotion check and the cadre file") + """
                select sp.id, sp.programme_id, pr.name, pr.direction, ro.name as receiving_name, pst.title, sp.starts_on, sp.ends_on,
                       sp.status, fe.evaluated_on, fe.total_score, fe.grade
                from secondment_posting sp
                join secondment_programme pr on pr.id = sp.programme_id
                join org_unit ro on ro.id = sp.receiving_org_id
                join secondment_post pst on pst.id = sp.post_id
                left join secondment_evaluation fe on fe.posting_id = sp.id and fe.kind = 'FINAL'
                where sp.cadre_id = ? and sp.status = 'ACTIVE' order by sp.starts_on desc""")
                .param(cadreId)
                .query(rs -> {
                    long postingId = rs.getLong("id");
                    String grade = rs.getString("grade");
                    Integer rank = null;
                    Integer of = null;
                    if (grade != null) {
                        Map<Long, Integer> ranks = ranks(rs.getLong("programme_id"));
                        rank = ranks.get(postingId);
                        of = ranks.size();
                    }
                    LocalDate starts = rs.getObject("starts_on", LocalDate.class);
                    LocalDate ends = rs.getObject("ends_on", LocalDate.class);
                    out.add(new Result(postingId, rs.getString("name"), Direction.valueOf(rs.getString("direction")).label(),
                            rs.getString("receiving_name"), rs.getString("title"), starts, ends,
                            Postings.statusLabel(rs.getString("status"), starts, ends, LocalDate.now(clock)),
                            rs.getObject("evaluated_on", LocalDate.class), rs.getBigDecimal("total_score"), grade,
                            grade == null ? null : Grade.valueOf(grade).label(), rank, of, regular(postingId)));
                });
        return out;
    }

    private List<RegularEvaluation> regular(long postingId) {
        return jdbc.sql(Unscoped.referenceChecked("Roster.get by the promotion check and the cadre file") + """
                select evaluated_on, total_score, grade from secondment_evaluation where posting_id = ? and kind = 'REGULAR'
                order by evaluated_on""").param(postingId)
                .query((rs, i) -> new RegularEvaluation(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2),
                        Grade.valueOf(rs.getString(3)).label())).list();
    }

    private Map<Long, Integer> ranks(long programmeId) {
        List<Evaluations.Evaluation> finals = jdbc.sql(Unscoped.referenceChecked("Roster.get by the promotion check and the cadre file") + Evaluations.SELECT
                        + " where sp.programme_id = ? and e.kind = 'FINAL' and sp.status = 'ACTIVE'")
                .param(programmeId).query(Evaluations::row).list();
        Map<Long, Integer> m = new HashMap<>();
        for (Evaluations.Evaluation e : Evaluations.rank(finals)) {
            m.put(e.postingId(), e.rank());
        }
        return m;
    }
}
