package org.ganxun.compliance.internal.ruleset;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.archive.CreditSource;

/**
 * A versioned set of training rules for a jurisdiction (null: the national defaults), valid from a date
 * until the next version. Conversions are applied when hours are recorded; caps and carry-over when
 * standings are computed.
 */
public record RuleSet(long id, String name, Long jurisdictionOrgId, int version, LocalDate validFrom, LocalDate validTo,
                      List<Requirement> requirements, Conversions conversions, List<SourceCap> caps,
                      CarryOver carryOver, String note, AssessmentUse assessmentUse) {

    /** A day of full-time training in hours; online minutes to hours by bands; teaching multiplier. */
    public record Conversions(BigDecimal hoursPerDay, List<OnlineBand> onlineBands, BigDecimal onlineTestBonus,
                              BigDecimal teachingMultiplier,
                              @Size(max = 500, message = "折算依据最多{max}个字") String source) {
    }

    /** A course of at least {@code minMinutes} minutes counts {@code hours}; the highest band that fits wins. */
    public record OnlineBand(int minMinutes, BigDecimal hours) {
    }

    /** At most {@code maxHoursPerYear} from this source count in any calendar year. */
    public record SourceCap(CreditSource source, BigDecimal maxHoursPerYear,
                            @Size(max = 300, message = "依据最多{max}个字") String sourceText) {
    }

    /** Whether hours above a yearly requirement carry into the next year, and at most how many. */
    public record CarryOver(boolean enabled, BigDecimal maxHours,
                            @Size(max = 300, message = "依据最多{max}个字") String sourceText) {
    }

    /**
     * What a failed class assessment costs beyond its certificate (RULES.md, local rules: "that year's appraisal
     * cannot be 优秀 … no promotion that year", seed report 002). A local choice, so it is rule data with its source;
     * null: a failed assessment costs nothing more.
     */
    public record AssessmentUse(boolean barsExcellent, boolean barsPromotionThatYear,
                                @Size(max = 300, message = "考核结果运用的依据不能超过{max}个字") String sourceText) {
    }

    public boolean validOn(LocalDate d) {
        return !d.isBefore(validFrom) && (validTo == null || !d.isAfter(validTo));
    }
}
