package org.ganxun.learning.internal;

import java.nio.file.Path;

import org.ganxun.learning.internal.study.StudyCreditor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The configured limits of 网络学院 ({@code ganxun.learning.*} in application.yml). */
@Component
public class LearningSettings {

    private final Path mediaDir;
    private final long maxMediumBytes;
    private final StudyCreditor.Policy policy;
    private final int heartbeatSeconds;
    private final int presenceMeanSeconds;
    private final java.time.Duration studyTokenLifetime;
    private final long maxPackageBytes;

    LearningSettings(@Value("${ganxun.learning.media-dir:./data/media}") String mediaDir,
                     @Value("${ganxun.learning.max-medium-mb:1024}") long maxMediumMb,
                     @Value("${ganxun.learning.max-rate:1.0}") double maxRate,
                     @Value("${ganxun.learning.tolerance-seconds:3}") int toleranceSeconds,
                     @Value("${ganxun.learning.max-gap-seconds:90}") int maxGapSeconds,
                     @Value("${ganxun.learning.completion-share:0.9}") double completionShare,
                     @Value("${ganxun.learning.min-seconds-per-page:30}") int minSecondsPerPage,
                     @Value("${ganxun.learning.presence-answer-seconds:60}") int presenceAnswerSeconds,
                     @Value("${ganxun.learning.heartbeat-seconds:20}") int heartbeatSeconds,
                     @Value("${ganxun.learning.presence-mean-minutes:10}") int presenceMeanMinutes,
                     @Value("${ganxun.learning.study-token-hours:4}") int studyTokenHours,
                     @Value("${ganxun.learning.max-package-mb:200}") long maxPackageMb) {
        this.mediaDir = Path.of(mediaDir).toAbsolutePath().normalize();
        this.maxMediumBytes = maxMediumMb * 1024 * 1024;
        if (maxRate < 1.0 || maxRate > 4 || completionShare <= 0 || completionShare > 1 || maxGapSeconds <= heartbeatSeconds) {
            throw new IllegalStateException("ganxun.learning: max-rate must be 1–4, completion-share in (0, 1], "
                    + "max-gap-seconds above heartbeat-seconds");
        }
        this.policy = new StudyCreditor.Policy(maxRate, toleranceSeconds, maxGapSeconds, completionShare, minSecondsPerPage,
                presenceAnswerSeconds);
        this.heartbeatSeconds = heartbeatSeconds;
        this.presenceMeanSeconds = presenceMeanMinutes * 60;
        if (studyTokenHours < 1 || studyTokenHours > 24) {
            throw new IllegalStateException("ganxun.learning.study-token-hours must be 1–24");
        }
        this.studyTokenLifetime = java.time.Duration.ofHours(studyTokenHours);
        this.maxPackageBytes = maxPackageMb * 1024 * 1024;
    }

    /** How long a study token is good for (a session longer than this starts again: the player does so on 401). */
    public java.time.Duration studyTokenLifetime() {
        return studyTokenLifetime;
    }

    /** The largest SCORM package (zip) accepted; its unpacked size is limited separately (CoursePackages). */
    public long maxPackageBytes() {
        return maxPackageBytes;
    }

    public Path mediaDir() {
        return mediaDir;
    }

    public long maxMediumBytes() {
        return maxMediumBytes;
    }

    public StudyCreditor.Policy policy() {
        return policy;
    }

    public int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    /** The mean time between random presence checks; 0 turns them off. */
    public int presenceMeanSeconds() {
        return presenceMeanSeconds;
    }
}
