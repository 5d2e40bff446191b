/**
 * 网络学院 (online learning): the course catalogue with media stored under the data directory and streamed with
 * range requests, each medium's duration read from the file by the server; study sessions whose heartbeats are
 * credited only for real study ({@link org.ganxun.learning.StudyCreditor}: normal speed, one course at a time,
 * page visible, presence checks answered); the integrity report of every refusal. A course whose credited time
 * reaches its completion share publishes {@link org.ganxun.learning.CourseCompleted}; the learning archive
 * listens and credits the course's 学时 (source 网络学院) once. The course's 学时 come from the rule set's
 * online-course bands through {@link org.ganxun.learning.CourseHours}, which the archive implements (so this
 * module does not depend on the archive, which depends on it).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "notify", "identity", "survey"})
package org.ganxun.learning;
