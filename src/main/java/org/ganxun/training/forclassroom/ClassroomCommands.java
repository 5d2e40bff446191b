package org.ganxun.training.forclassroom;

import java.math.BigDecimal;
import java.util.function.LongFunction;

import org.ganxun.platform.web.BusinessException;
import org.ganxun.training.EnrollmentStatus;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The changes a running class makes to training's records, for the classroom (which owns attendance, leave, results
 * and evaluations but not the class, its enrollments or the instructor pool). Each runs in the caller's transaction;
 * the caller has checked that the user manages the class (and locked its row where it says so) and audits the step.
 */
@Service
public class ClassroomCommands {

    /** An instructor's rating as teaching evaluation recomputes it from all their evaluations. */
    public record Rating(BigDecimal average, int count) {
    }

    private final JdbcClient jdbc;

    ClassroomCommands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks an approved class as running (its first attendance or leave); any other state is left as it is. */
    public void markInProgress(long classId) {
        jdbc.sql("update training_class set status = 'IN_PROGRESS', updated_at = now() where id = ? and status = 'APPROVED'")
                .param(classId).update();
    }

    /** Completes the class (结业), by the user named; the caller holds the class row's lock. */
    public void markCompleted(long classId, String by) {
        jdbc.sql("update training_class set status = 'COMPLETED', completed_at = now(), completed_by = ?, updated_at = now(), version = version + 1 where id = ?")
                .params(by, classId).update();
    }

    /** Sets the class's check-in settings; a null leaves that one unchanged. Out of the table's range: 400. */
    public void setCheckInSettings(long classId, Integer codeSeconds, Integer lateGraceMinutes) {
        try {
            jdbc.sql("""
                    update training_class set checkin_code_seconds = coalesce(?, checkin_code_seconds),
                        late_grace_minutes = coalesce(?, late_grace_minutes), updated_at = now() where id = ?""")
                    .params(codeSeconds, lateGraceMinutes, classId).update();
        } catch (DataIntegrityViolationException e) {
            throw new BusinessException("设置超出允许范围");
        }
    }

    /** Ends an enrolled trainee's place with the outcome of 结业 (COMPLETED, NOT_COMPLETED or DISMISSED) and why. */
    public void finish(long enrollmentId, EnrollmentStatus outcome, String reason) {
        if (outcome != EnrollmentStatus.COMPLETED && outcome != EnrollmentStatus.NOT_COMPLETED && outcome != EnrollmentStatus.DISMISSED) {
            throw new IllegalArgumentException("not an outcome of completion: " + outcome);
        }
        jdbc.sql("update enrollment set status = ?, ended_at = now(), end_reason = ?, version = version + 1 where id = ?")
                .params(outcome.name(), reason, enrollmentId).update();
    }

    /** Closes the class's waitlist: those still waiting are cancelled with the reason and lose their position. */
    public void cancelWaitlist(long classId, String reason) {
        jdbc.sql("""
                update enrollment set status = 'CANCELLED', ended_at = now(), end_reason = ?, waitlist_position = null
                where class_id = ? and status = 'WAITLISTED'""")
                .params(reason, classId).update();
    }

    /**
     * Sets an instructor's rating to what {@code recompute} returns, holding the instructor's row meanwhile: one rating
     * at a time per instructor, so a mean recomputed from the evaluations sees every committed one. {@code recompute}
     * runs inside the lock and may store the new evaluation first.
     */
    public void rate(long instructorId, LongFunction<Rating> recompute) {
        jdbc.sql("select id from instructor where id = ? for update").param(instructorId).query(Long.class).optional();
        Rating r = recompute.apply(instructorId);
        jdbc.sql("update instructor set rating_avg = ?, rating_count = ? where id = ?")
                .params(r.average(), r.count(), instructorId).update();
    }
}
