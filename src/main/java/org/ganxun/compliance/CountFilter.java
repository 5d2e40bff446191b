package org.ganxun.compliance;

import java.util.Set;

import org.ganxun.archive.Credit;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.TrainingType;

/**
 * Which credits count toward a requirement. Empty sets and nulls mean "any". This is how splits are
 * written: concentrated vs online, required vs elective, full-time only, or only appointment training.
 */
public record CountFilter(Set<Delivery> deliveries, Boolean fullTimeOnly, Boolean requiredOnly,
                          Set<TrainingType> trainingTypes, Set<CreditSource> sources) {

    public static CountFilter any() {
        return new CountFilter(Set.of(), null, null, Set.of(), Set.of());
    }

    public boolean counts(Credit c) {
        return (deliveries == null || deliveries.isEmpty() || deliveries.contains(c.delivery()))
                && (fullTimeOnly == null || !fullTimeOnly || c.fullTime())
                && (requiredOnly == null || !requiredOnly || c.required())
                && (trainingTypes == null || trainingTypes.isEmpty() || trainingTypes.contains(c.trainingType()))
                && (sources == null || sources.isEmpty() || sources.contains(c.source()));
    }
}
