package org.ganxun.archive;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One approved archive entry as the standing calculation sees it: the date its hours count on, where
 * they came from, how they were delivered, the hours (already converted when recorded) and the days of
 * concentrated training it stands for (null when it has none: a requirement of "12天或者90学时" is met by
 * either, 条例第十四条).
 */
public record Credit(long entryId, LocalDate creditedOn, CreditSource source, Delivery delivery, boolean required,
                     boolean fullTime, TrainingType trainingType, BigDecimal hours, BigDecimal days) {

    /** A credit recorded in hours only. */
    public Credit(long entryId, LocalDate creditedOn, CreditSource source, Delivery delivery, boolean required,
                  boolean fullTime, TrainingType trainingType, BigDecimal hours) {
        this(entryId, creditedOn, source, delivery, required, fullTime, trainingType, hours, null);
    }
}
