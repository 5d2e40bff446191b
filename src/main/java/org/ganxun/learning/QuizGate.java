package org.ganxun.learning;

/**
 * Whether a learner has passed a course's quiz, where the course has one: completion needs it (issue 16: “a course is
 * complete when its credited time reaches the configured share … and its quiz is passed where it has one”).
 * Implemented by the exam module, which owns quizzes; this module does not depend on it.
 */
public interface QuizGate {

    /** True when the course has no quiz, or the cadre has passed it. */
    boolean passedOrNone(long cadreId, long courseId);
}
