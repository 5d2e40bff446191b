package org.ganxun.archive.internal.credit;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;

import org.ganxun.archive.CreditSource;
import org.ganxun.archive.HoursConverter;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.learning.CourseHours;
import org.springframework.stereotype.Component;

/**
 * A course's 学时 from its minutes by the online-course bands of the rule set governing the offering unit today
 * ({@link HoursConverter}, implemented by compliance). The learning module asks through {@link CourseHours}, so it
 * needs no dependency on the archive.
 */
@Component
class CourseHoursByRules implements CourseHours {

    private final HoursConverter converter;
    private final Clock clock;

    CourseHoursByRules(HoursConverter converter, Clock clock) {
        this.clock = clock;
        this.converter = converter;
    }

    @Override
    public Hours of(long ownerOrgId, int minutes) {
        HoursConverter.Conversion c = converter.convert(ownerOrgId, LocalDate.now(clock), CreditSource.ONLINE_ACADEMY,
                BigDecimal.valueOf(Math.max(0, minutes)), QuantityUnit.MINUTES, false);
        return new Hours(c.hours(), c.note());
    }
}
