package org.ganxun.compliance;

import jakarta.validation.Valid;
import java.util.List;

/** The editable content of a rule-set version, stored as JSON. */
public record RuleDocument(@Valid List<Requirement> requirements, @Valid RuleSet.Conversions conversions, @Valid List<RuleSet.SourceCap> caps,
                           @Valid RuleSet.CarryOver carryOver, @Valid RuleSet.AssessmentUse assessmentUse) {

    static RuleDocument of(RuleSet r) {
        return new RuleDocument(r.requirements(), r.conversions(), r.caps(), r.carryOver(), r.assessmentUse());
    }
}
