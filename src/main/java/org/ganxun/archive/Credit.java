package org.ganxun.archive;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One approved archive entry as the standing calculation sees it: the date its hours count on, where
 * they came from, how they were delivered, and the hours (already converted when recorded).
 */
public record Credit(long entryId, LocalDate creditedOn, CreditSource source, Delivery delivery, boolean required,
                     boolean fullTime, TrainingType trainingType, BigDecimal hours) {
}
