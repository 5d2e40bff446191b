package org.ganxun.compliance.internal.ruleset;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;

/**
 * One requirement of a rule set, with the regulation it comes from. Who it applies to: rank levels,
 * grades, staff categories (empty = any), leaders only, party members only. How much: {@code hours} and/or
 * {@code days}, and either one meets it (条例第十四条: "3个月或者550学时", "12天或者90学时"); a requirement in days
 * only (任职培训 "不少于30天") is also met by their hours at the rule set's hours per day. What counts: {@code count},
 * which names the sources that count toward it. {@code sourceStatus} is V (read in the regulation), S (secondary
 * source) or L (local rule).
 */
public record Requirement(@Size(max = 40, message = "要求编码最多{max}个字") String code,
                          @Size(max = 100, message = "要求名称最多{max}个字") String title,
                          RequirementKind kind, BigDecimal hours, BigDecimal days,
                          Set<RankLevel> rankLevels, Set<RankGrade> rankGrades, Set<StaffCategory> staffCategories,
                          boolean leadersOnly, boolean partyMembersOnly, CountFilter count, Integer cycleYears,
                          Integer cycleStartYear, Integer leadMonths, Integer graceMonths, LocalDate triggersFrom,
                          @Size(max = 200, message = "依据最多{max}个字") String source,
                          @Size(max = 2000, message = "依据原文最多{max}个字") String sourceText,
                          @Size(max = 1, message = "依据类别应为V、S或L") String sourceStatus) {

    /** The hours asked: {@code hours}, or for a requirement in days only, the days at the hours per day. */
    public BigDecimal requiredHours(BigDecimal hoursPerDay) {
        if (hours != null) {
            return hours;
        }
        return days.multiply(hoursPerDay);
    }

    /** The days that meet it instead of the hours, or null when only hours do. */
    public BigDecimal requiredDays() {
        return days != null && days.signum() > 0 ? days : null;
    }
}
