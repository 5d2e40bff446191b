package org.ganxun.learning;

import java.time.Clock;
import java.time.LocalDate;

import org.ganxun.learning.internal.LearningSettings;
import org.ganxun.learning.internal.scorm.PackageStatus;
import org.ganxun.learning.internal.study.StudyCreditor;
import org.ganxun.learning.internal.study.StudySessions;
import org.ganxun.platform.security.Unscoped;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Completes a course for a learner whose credited time had reached the share before their quiz was passed: the
 * quiz's owner calls it when the quiz is passed. The same rule and the same once-only update as a heartbeat's
 * completion ({@link StudySessions}); {@link CourseCompleted} is published in that transaction.
 */
@Service
public class CourseCompletions {

    private final JdbcClient jdbc;
    private final Courses courses;
    private final LearningSettings settings;
    private final ApplicationEventPublisher events;
    private final QuizGate quizzes;
    private final Clock clock;

    CourseCompletions(JdbcClient jdbc, Courses courses, LearningSettings settings, ApplicationEventPublisher events, QuizGate quizzes, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.courses = courses;
        this.settings = settings;
        this.events = events;
        this.quizzes = quizzes;
    }

    /** Completes the course if the credited share is reached and the quiz passed; true when it did now. */
    @Transactional
    public boolean completeIfDue(long cadreId, long courseId) {
        Courses.Course c = courses.get(courseId);
        if (c.medium() == null || !quizzes.passedOrNone(cadreId, courseId)) {
            return false;
        }
        boolean doc = c.medium().kind() == MediumKind.DOCUMENT;
        int needed = StudyCreditor.needed(settings.policy(), doc, doc ? c.medium().pages() : c.medium().durationSeconds());
        record Stored(int credited, String packageStatus) {
        }
        Stored p = jdbc.sql(Unscoped.because("the learner's own progress, for the quiz they just passed")
                        + "select credited_seconds, package_status from study_progress where cadre_id = ? and course_id = ? and completed_at is null")
                .params(cadreId, courseId).query((rs, i) -> new Stored(rs.getInt(1), rs.getString(2))).optional().orElse(null);
        // a package also needs its SCO's own completed or passed, as at a heartbeat's completion
        if (p == null || p.credited() < needed || !PackageStatus.done(c.medium().kind() == MediumKind.PACKAGE, p.packageStatus())) {
            return false;
        }
        int credited = p.credited();
        int n = jdbc.sql("update study_progress set completed_at = now() where cadre_id = ? and course_id = ? and completed_at is null")
                .params(cadreId, courseId).update();
        if (n == 1) {
            events.publishEvent(new CourseCompleted(c.id(), cadreId, c.title(), c.lecturer(), c.ownerOrgName(), c.hours(),
                    c.hoursNote(), credited, c.medium().durationSeconds(), LocalDate.now(clock)));
        }
        return n == 1;
    }
}
