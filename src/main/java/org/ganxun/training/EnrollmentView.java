package org.ganxun.training;

import java.time.Instant;

/** A person's place in a class: enrolled, waitlisted (with position) or ended, and how they came. */
public record EnrollmentView(long id, long classId, long cadreId, String cadreName, String orgName, String post,
                             String rankLevelLabel, EnrollmentStatus status, String statusLabel,
                             EnrollmentSource source, String sourceLabel, Long quotaOrgId, String quotaOrgName,
                             Long waitlistPosition, String nominatedBy, Instant nominatedAt, Instant enrolledAt,
                             Instant endedAt, String endReason) {
}
