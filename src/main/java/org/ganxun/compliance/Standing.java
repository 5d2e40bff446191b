package org.ganxun.compliance;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A person's standing against one requirement as of a date: the hours counted (after caps), the hours
 * missing, the window counted, the deadline, and the rule with its source, so the UI can say why.
 */
public record Standing(String code, String title, RequirementKind kind, StandingStatus status, String statusLabel,
                       BigDecimal requiredHours, BigDecimal countedHours, BigDecimal missingHours,
                       BigDecimal cappedHours, BigDecimal carriedOverHours, LocalDate windowStart, LocalDate windowEnd,
                       LocalDate deadline, String source, String sourceText, String sourceStatus, String ruleSetName,
                       int ruleSetVersion, String explanation) {

    public boolean met() {
        return status == StandingStatus.MET;
    }
}
