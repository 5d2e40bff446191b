package org.ganxun.compliance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;

/**
 * One requirement of a rule set, with the regulation it comes from. Who it applies to: rank levels,
 * grades, staff categories (empty = any), leaders only, party members only. How much: {@code hours}, or
 * {@code days} converted with the rule set's hours per day. {@code sourceStatus} is V (read in the
 * regulation), S (secondary source) or L (local rule).
 */
public record Requirement(String code, String title, RequirementKind kind, BigDecimal hours, BigDecimal days,
                          Set<RankLevel> rankLevels, Set<RankGrade> rankGrades, Set<StaffCategory> staffCategories,
                          boolean leadersOnly, boolean partyMembersOnly, CountFilter count, Integer cycleYears,
                          Integer cycleStartYear, Integer leadMonths, Integer graceMonths, LocalDate triggersFrom,
                          String source, String sourceText, String sourceStatus) {

    public BigDecimal requiredHours(BigDecimal hoursPerDay) {
        if (days != null) {
            return days.multiply(hoursPerDay);
        }
        return hours;
    }
}
