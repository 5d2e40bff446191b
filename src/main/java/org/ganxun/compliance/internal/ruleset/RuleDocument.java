package org.ganxun.compliance.internal.ruleset;

import jakarta.validation.Valid;
import java.util.List;

/** The editable content of a rule-set version, stored as JSON. */
public record RuleDocument(List<@Valid Requirement> requirements, @Valid RuleSet.Conversions conversions, List<RuleSet.@Valid SourceCap> caps,
                           @Valid RuleSet.CarryOver carryOver, @Valid RuleSet.AssessmentUse assessmentUse) {

    static RuleDocument of(RuleSet r) {
        return new RuleDocument(r.requirements(), r.conversions(), r.caps(), r.carryOver(), r.assessmentUse());
    }
}
