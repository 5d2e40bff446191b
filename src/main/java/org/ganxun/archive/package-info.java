/**
 * The learning archive (学习档案): every credited hour with its source, category, evidence and approval.
 * Listens to the classroom's ClassCompleted and learning's CourseCompleted and credits their hours; converts a course's
 * minutes into 学时 for the learning module (CourseHoursByRules). Publishes {@link org.ganxun.archive.Credit} views of approved entries for the compliance module.
 * <p>
 * This package is the contract other modules use (entries, credits and their labels, the hours converter). The rest
 * lives in {@code internal} packages, by part: {@code internal} (the endpoints, group studies, the archived training
 * the training module asks for, workbench lines, personal-data declaration), {@code internal.credit} (crediting
 * completed classes and courses, a course's 学时 by the rules), {@code internal.online} (the online-hours import) and
 * {@code internal.statistics} (the training statistics).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "training", "classroom", "learning", "identity"})
package org.ganxun.archive;
