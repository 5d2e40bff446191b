package org.ganxun.archive;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Converts a reported quantity (days of full-time training, minutes of an online course, hours taught)
 * into 学时 by the rules of the person's jurisdiction in force on the date. Implemented by compliance,
 * which owns the rule sets.
 */
public interface HoursConverter {

    Conversion convert(long orgId, LocalDate on, CreditSource source, BigDecimal quantity, QuantityUnit unit, boolean passedTest);

    /**
     * A converter for many conversions in a row (an import): the rule sets are read once, so each call costs
     * no database work. Use it for one job, not across days (rule sets change).
     */
    default HoursConverter cached() {
        return this;
    }

    /** The hours and a note saying which rule made them, kept with the entry. */
    record Conversion(BigDecimal hours, String note) {
    }
}
