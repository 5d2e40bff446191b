package org.ganxun.compliance.internal.standing;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.ganxun.compliance.internal.ruleset.RequirementKind;

/**
 * A person's standing against one requirement as of a date: the hours counted (after caps), the hours
 * missing, the window counted, the deadline, and the rule with its source, so the UI can say why. A
 * requirement met by days or hours (条例第十四条) also has the days asked, counted and missing (null
 * otherwise); {@code shortfall} says what is missing in both ("2天或18学时"), null when met.
 */
public record Standing(String code, String title, RequirementKind kind, StandingStatus status, String statusLabel,
                       BigDecimal requiredHours, BigDecimal countedHours, BigDecimal missingHours,
                       BigDecimal cappedHours, BigDecimal carriedOverHours, LocalDate windowStart, LocalDate windowEnd,
                       LocalDate deadline, String source, String sourceText, String sourceStatus, String ruleSetName,
                       int ruleSetVersion, String explanation, BigDecimal requiredDays, BigDecimal countedDays,
                       BigDecimal missingDays, String shortfall) {

    public boolean met() {
        return status == StandingStatus.MET;
    }

    /** What is missing, days first as the regulation words it: "2天或18学时", or "18学时"; null when nothing is. */
    public static String shortfall(BigDecimal missingHours, BigDecimal missingDays) {
        if (missingHours == null || missingHours.signum() <= 0) {
            return null;
        }
        String hours = plain(missingHours) + "学时";
        return missingDays == null || missingDays.signum() <= 0 ? hours : plain(missingDays) + "天或" + hours;
    }

    /** What is asked: "12天或90学时", or "90学时". */
    public static String amount(BigDecimal hours, BigDecimal days) {
        String h = plain(hours) + "学时";
        return days == null ? h : plain(days) + "天或" + h;
    }

    static String plain(BigDecimal b) {
        return b.stripTrailingZeros().toPlainString();
    }
}
