package org.ganxun.compliance.internal.ruleset;

import java.util.List;

/** The editable content of a rule-set version, stored as JSON. */
public record RuleDocument(List<Requirement> requirements, RuleSet.Conversions conversions, List<RuleSet.SourceCap> caps,
                           RuleSet.CarryOver carryOver, RuleSet.AssessmentUse assessmentUse) {

    static RuleDocument of(RuleSet r) {
        return new RuleDocument(r.requirements(), r.conversions(), r.caps(), r.carryOver(), r.assessmentUse());
    }
}
