package org.ganxun.compliance.internal.ruleset;

import java.util.Set;

import org.ganxun.archive.Credit;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.TrainingType;

/**
 * Which credits count toward a requirement. Empty sets and nulls mean "any". This is how splits are
 * written: concentrated vs online, required vs elective, full-time only, or only appointment training;
 * and which sources count toward what (party study toward party members' study, not toward a cadre's
 * concentrated training unless the rule set lists it: issue 15 item 4).
 */
public record CountFilter(Set<Delivery> deliveries, Boolean fullTimeOnly, Boolean requiredOnly,
                          Set<TrainingType> trainingTypes, Set<CreditSource> sources) {

    public static CountFilter any() {
        return new CountFilter(Set.of(), null, null, Set.of(), Set.of());
    }

    public boolean counts(Credit c) {
        return countsApartFromSource(c) && countsSource(c.source());
    }

    /** Whether the credit's delivery, full-time, required and type fit, whatever its source. */
    public boolean countsApartFromSource(Credit c) {
        return (deliveries == null || deliveries.isEmpty() || deliveries.contains(c.delivery()))
                && (fullTimeOnly == null || !fullTimeOnly || c.fullTime())
                && (requiredOnly == null || !requiredOnly || c.required())
                && (trainingTypes == null || trainingTypes.isEmpty() || trainingTypes.contains(c.trainingType()));
    }

    /**
     * Whether hours of this source count. The national rules and every stored rule set list their sources (V101);
     * an empty list (a rule set written by hand) still means any source.
     */
    public boolean countsSource(CreditSource s) {
        return sources == null || sources.isEmpty() || sources.contains(s);
    }
}
