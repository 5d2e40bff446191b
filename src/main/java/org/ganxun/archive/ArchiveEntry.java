package org.ganxun.archive;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** An archive entry as the UI and the archive document show it; {@code days}: days of concentrated training, or null. */
public record ArchiveEntry(long id, long cadreId, String cadreName, CreditSource source, String sourceLabel, String sourceRef,
                           String title, String provider, LocalDate startedOn, LocalDate endedOn, LocalDate creditedOn,
                           BigDecimal quantity, QuantityUnit quantityUnit, BigDecimal hours, String conversionNote,
                           Delivery delivery, String deliveryLabel, boolean required, boolean fullTime,
                           TrainingType trainingType, String evidence, EntryStatus status, String statusLabel,
                           String rejectReason, String recordedBy, Instant recordedAt, String approvedBy,
                           Instant approvedAt, boolean hasAttachment, String recordedByName, BigDecimal days) {
}
