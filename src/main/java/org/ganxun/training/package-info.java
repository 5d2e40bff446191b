/**
 * Training classes (培训班): annual plans, class filing (备案) with clash checks over the jurisdiction,
 * the timetable and the instructor pool, call-up quotas (调训 / 名额), enrollment with a waitlist whose
 * every skip is recorded. Owns tables training_class, class_session, enrollment and their neighbours.
 * <p>
 * Public contract for the classroom (attendance, leave, completion, certificates, evaluation; module {@code classroom},
 * which depends on this one and not the reverse) and for the learning archive: {@link org.ganxun.training.ClassStatus},
 * {@link org.ganxun.training.EnrollmentStatus}, {@link org.ganxun.training.SessionStatus}, the id-bearing views
 * {@link org.ganxun.training.TrainingClassView}, {@link org.ganxun.training.SessionView},
 * {@link org.ganxun.training.EnrollmentView}, the read views session_card, enrollment_card, instructor_card and
 * class_card (TableOwners), and {@link org.ganxun.training.TrainingClasses#archiveSourceRef(long)} (the source_ref a class's credited
 * hours carry in the archive). Messages the classroom sends about a class are listed by training's page through
 * {@link org.ganxun.training.ClassMessageKeys}, which the classroom implements. The classroom alone also gets the named
 * interface {@code for-classroom} ({@link org.ganxun.training.forclassroom}): the class row with its scope paths and the
 * changes a running class makes to training's records. This module does not depend on the
 * archive module (the archive listens to the classroom's events); the candidate list asks the archive through
 * {@link org.ganxun.training.ArchivedTraining}, which the archive implements.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "notify"})
package org.ganxun.training;
