package org.ganxun.training;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A training class as the API shows it. {@code id} is stable for the life of the class; {@code status}
 * is a {@link ClassStatus}. {@code totalHours} is the sum of its scheduled sessions' 学时.
 */
public record TrainingClassView(long id, long planId, int planYear, long jurisdictionOrgId, String jurisdictionName,
                                long filerOrgId, String filerOrgName, Long providerId, String providerName,
                                String name, ClassType classType, String classTypeLabel, LocalDate startsOn,
                                LocalDate endsOn, String venue, List<String> targetRankLevels,
                                List<String> targetStaffCategories, String targetText, int seats, int enrolledCount,
                                int waitlistCount, boolean fullTime, List<String> topics, BigDecimal budget,
                                String description, ClassStatus status, String statusLabel, BigDecimal totalHours,
                                String createdBy, Instant filedAt, Instant decidedAt, int version) {
}
