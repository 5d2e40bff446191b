/**
 * 题库与考试 (issue 16, item 5): a question bank per unit (single and multiple choice, true/false, fill-in, short
 * answers graded by a person) imported from the exam offices' Excel layout; exams whose blueprint draws a paper per
 * candidate (deterministic per candidate and attempt, options shuffled, graded against the original keys), with a
 * time limit kept on the server, attempts, manual grading, results, item analysis and exports; and course quizzes.
 *
 * <p>A module of its own rather than a part of {@code learning}: exams serve more than courses (任前廉政法规知识测试,
 * 学法考试), and the promotion check may read their results without reaching into the course catalogue. It depends on
 * {@code learning} (a quiz belongs to a course) and implements learning's {@link org.ganxun.learning.QuizGate}, so
 * learning does not depend on it (as the archive implements {@link org.ganxun.learning.CourseHours}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "learning", "people", "notify"})
package org.ganxun.exam;
