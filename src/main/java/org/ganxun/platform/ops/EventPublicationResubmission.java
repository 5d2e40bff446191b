package org.ganxun.platform.ops;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Completes event publications whose listener failed or whose node stopped while it ran (e.g. a finished class
 * that the archive has not credited yet). Spring Modulith's staleness monitor marks a publication left
 * PUBLISHED, PROCESSING or RESUBMITTED for too long as FAILED ({@code spring.modulith.events.staleness.*}); this
 * job hands failed ones to their listeners again, on one node per run. Each publication is claimed by a
 * conditional status update before it is resubmitted, so even two resubmitting nodes would deliver it once;
 * its listener completes it once in its own transaction.
 */
@Component
class EventPublicationResubmission {

    private final FailedEventPublications failed;
    private final Duration minAge;

    EventPublicationResubmission(FailedEventPublications failed,
                                 @Value("${ganxun.events.resubmit-min-age:PT1M}") Duration minAge) {
        this.failed = failed;
        this.minAge = minAge;
    }

    @Scheduled(fixedDelayString = "${ganxun.events.resubmit-ms:300000}", initialDelayString = "${ganxun.events.resubmit-ms:300000}")
    @SchedulerLock(name = "event-publications-resubmit", lockAtMostFor = "PT30M")
    public void resubmit() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(minAge));
    }
}
