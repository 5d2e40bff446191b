package org.ganxun.compliance.internal.ruleset;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Choosing the rule-set version in force. */
public final class RuleSets {

    private RuleSets() {
    }

    /** Of one jurisdiction's versions, the one valid on the date (the highest version if several overlap). */
    public static Optional<RuleSet> inForce(List<RuleSet> versions, LocalDate on) {
        return versions.stream().filter(r -> r.validOn(on)).max(Comparator.comparingInt(RuleSet::version));
    }
}
