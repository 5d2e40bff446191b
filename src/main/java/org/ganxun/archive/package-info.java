/**
 * The learning archive (学习档案): every credited hour with its source, category, evidence and approval.
 * Listens to the classroom's ClassCompleted and learning's CourseCompleted and credits their hours; converts a course's
 * minutes into 学时 for the learning module (CourseHoursByRules). Publishes {@link org.ganxun.archive.Credit} views of approved entries for the compliance module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "training", "classroom", "learning", "identity"})
package org.ganxun.archive;
