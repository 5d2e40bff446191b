package org.ganxun.learning;

import java.math.BigDecimal;

/**
 * Converts a course's minutes into 学时 with the online-course bands of the rule set governing the offering unit
 * (RULES.md: ≥ 30 min = 1, 15–30 min = 0.5, < 15 min = 0.25 in the national defaults). Implemented by the archive,
 * which owns the conversion port to the compliance rule sets; this module must not depend on the archive, which
 * listens to {@link CourseCompleted}.
 */
public interface CourseHours {

    Hours of(long ownerOrgId, int minutes);

    /** The hours and the sentence saying which rule made them. */
    record Hours(BigDecimal hours, String note) {
    }
}
