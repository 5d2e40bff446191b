package org.ganxun.learning;

/**
 * Whether a learner has passed a course's quiz, where the course has one: completion needs it (issue 16: “a course is
 * complete when its credited time reaches the configured share … and its quiz is passed where it has one”).
 * Implemented by the exam module, which owns quizzes; this module does not depend on it.
 */
public interface QuizGate {

    /** True when the course has no quiz, or the cadre has passed it. */
    boolean passedOrNone(long cadreId, long courseId);

    /**
     * True when the course has a quiz (published, or closed since) and the cadre's counted attempt passed it: the
     * course test of the rule set's {@code onlineTestBonus} (RULES.md: “passing the course test = +0.5”).
     */
    boolean passedQuiz(long cadreId, long courseId);
}
