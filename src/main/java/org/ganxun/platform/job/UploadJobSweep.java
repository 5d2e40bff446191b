package org.ganxun.platform.job;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sweeps every kind of upload job ({@link UploadJobWorker#sweep}) when a node has started and every minute, on one
 * node at a time (the job's ShedLock lock; one job for all kinds, so that two kinds' sweeps firing together do not
 * skip each other). A job a stopped node left RUNNING becomes FAILED, one it left QUEUED is started.
 */
@Component
class UploadJobSweep {

    private final ObjectProvider<UploadJobWorker<?, ?>> workers;

    UploadJobSweep(ObjectProvider<UploadJobWorker<?, ?>> workers) {
        this.workers = workers;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${ganxun.jobs.sweep-ms:60000}", initialDelayString = "${ganxun.jobs.sweep-ms:60000}")
    @SchedulerLock(name = "upload-jobs-sweep", lockAtMostFor = "PT10M")
    public void sweep() {
        workers.orderedStream().forEach(UploadJobWorker::sweep);
    }
}
