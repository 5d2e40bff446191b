/**
 * The classroom (教务): what happens once a filed class runs. Rotating-QR check-in and roll call, leave requests,
 * assessment and completion with its rules as data, certificates with a public verification page, anonymous teaching
 * evaluation, the class's 一期一档 export, and the trainee's phone pages under {@code /#/m/}. Completing a class
 * (结业) publishes {@link org.ganxun.classroom.ClassCompleted}, which the archive credits. Owns tables attendance,
 * leave_request, assessment_score, class_result, certificate, evaluation and their neighbours.
 * <p>
 * Depends on training for the class, its timetable and its enrollments: reads them through the views training publishes
 * (class_card, session_card, enrollment_card, instructor_card) and {@link org.ganxun.training.TrainingClasses}, and
 * locks and changes them through training's named interface {@code for-classroom}
 * ({@link org.ganxun.training.forclassroom.ClassRows}, {@link org.ganxun.training.forclassroom.ClassroomCommands});
 * training does not depend on the classroom: where training's pages show classroom data, the classroom answers through an interface training declares
 * ({@link org.ganxun.training.ClassMessageKeys}). Public contract for other modules: {@link org.ganxun.classroom.ClassCompleted},
 * {@link org.ganxun.classroom.CompletionOutcome}, {@link org.ganxun.classroom.ClassResults} (compliance),
 * {@link org.ganxun.classroom.TeachingEvaluations} and {@link org.ganxun.classroom.Attendance} (planning's evaluation
 * report: low-rated sessions, low attendance).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "notify", "training", "training :: for-classroom"})
package org.ganxun.classroom;
