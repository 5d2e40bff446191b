package org.ganxun.classroom;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.platform.security.Unscoped;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only answers about completed classes for other modules (no scope check: callers check the person).
 * Compliance asks for failed assessments: failing a class's assessment bars 优秀 in that year's appraisal
 * (local rule, seed report 002: 干部教育培训考核不合格的，年度考核不得确定为优秀等次).
 */
@Service
public class ClassResults {

    private final JdbcClient jdbc;

    ClassResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record FailedAssessment(long classId, String className, LocalDate completedOn, String reasons) {
    }

    /** Classes completed in {@code year} whose assessment the cadre failed. */
    @Transactional(readOnly = true)
    public List<FailedAssessment> failedAssessments(long cadreId, int year) {
        return jdbc.sql(Unscoped.referenceChecked("the promotion check: Roster.get of the cadre") + """
                select r.class_id, tc.name, r.completed_on, r.reasons from class_result r join class_card tc on tc.id = r.class_id
                where r.cadre_id = ? and not r.assessment_passed and extract(year from r.completed_on) = ?
                order by r.completed_on, r.class_id""")
                .params(cadreId, year)
                .query((rs, i) -> new FailedAssessment(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4)))
                .list();
    }
}
