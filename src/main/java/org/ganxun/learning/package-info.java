/**
 * 网络学院 (online learning): the course catalogue with media stored under the data directory and streamed with
 * range requests, each medium's duration read from the file by the server; study sessions whose heartbeats are
 * credited only for real study ({@link org.ganxun.learning.internal.study.StudyCreditor}: normal speed, one course at a time,
 * page visible, presence checks answered); the integrity report of every refusal. A course whose credited time
 * reaches its completion share publishes {@link org.ganxun.learning.CourseCompleted}; the learning archive
 * listens and credits the course's 学时 (source 网络学院) once. The course's 学时 come from the rule set's
 * online-course bands through {@link org.ganxun.learning.CourseHours}, which the archive implements (so this
 * module does not depend on the archive, which depends on it).
 * <p>
 * This package is the contract other modules use (courses, assignments, completions, the quiz gate, scripted study for
 * the demo). The rest lives in {@code internal} packages, by part: {@code internal} (the course and study endpoints,
 * settings, workbench lines, personal-data declaration), {@code internal.course} (media probing),
 * {@code internal.study} (study sessions, heartbeats and their crediting, study tokens), {@code internal.scorm}
 * (SCORM packages and run-time state), {@code internal.assignment} (assignment endpoints and reminders) and
 * {@code internal.integrity} (the integrity report).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "notify", "identity", "survey"})
package org.ganxun.learning;
