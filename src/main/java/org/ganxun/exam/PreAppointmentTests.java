package org.ganxun.exam;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.ganxun.platform.security.Unscoped;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A cadre's latest 任前廉政法规知识测试, for the promotion check (compliance reads it, as it reads secondment results;
 * compliance → exam → learning has no cycle). The latest test is the one of the most recently graded attempt; its
 * result is the counted attempt by that exam's rule (best or last).
 */
@Service
public class PreAppointmentTests {

    private final JdbcClient jdbc;

    PreAppointmentTests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Latest(long examId, String title, BigDecimal score, BigDecimal totalScore, BigDecimal passScore, boolean passed,
                         OffsetDateTime takenAt) {

        /** “2026年度任前廉政法规知识测试：86分（满分100，及格60），合格” */
        public String summary() {
            return title + "：" + score.stripTrailingZeros().toPlainString() + "分（满分" + totalScore.stripTrailingZeros().toPlainString()
                    + "，及格" + passScore.stripTrailingZeros().toPlainString() + "），" + (passed ? "合格" : "不合格");
        }
    }

    /** The caller has checked that the cadre is in their scope (the promotion check reads the roster first). */
    public Optional<Latest> latest(long cadreId) {
        return jdbc.sql(Unscoped.referenceChecked("the promotion check, which reads the cadre through the roster first") + """
                        with latest as (
                            select a.exam_id from exam_attempt a join exam e on e.id = a.exam_id
                            where a.cadre_id = :cadre and a.status = 'GRADED' and e.purpose = 'PRE_APPOINTMENT'
                            order by a.submitted_at desc nulls last, a.id desc limit 1)
                        select e.id, e.title, a.score, e.total_score, e.pass_score, a.passed, a.submitted_at
                        from latest l join exam e on e.id = l.exam_id
                        join exam_attempt a on a.exam_id = e.id and a.cadre_id = :cadre and a.status = 'GRADED'
                        order by case when e.counts = 'LAST' then 0 else a.score end desc, a.submitted_at desc nulls last, a.id desc
                        limit 1""")
                .param("cadre", cadreId)
                .query((rs, i) -> new Latest(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                        rs.getBoolean(6), rs.getObject(7, OffsetDateTime.class)))
                .optional();
    }
}
