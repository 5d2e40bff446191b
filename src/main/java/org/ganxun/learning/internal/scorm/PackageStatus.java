package org.ganxun.learning.internal.scorm;

import java.util.Locale;
import java.util.Set;

/**
 * A SCORM package's status as its SCO reports it through the player: SCORM 1.2's {@code cmi.core.lesson_status}
 * (passed, completed, failed, incomplete, browsed, not attempted) or, for SCORM 2004, the player's reading of
 * {@code cmi.success_status} (passed, failed) over {@code cmi.completion_status} (completed, incomplete, not
 * attempted, unknown). It is the client's word, so it is only half of completion: the other half is the credited
 * time, which only the server's heartbeats give (docs/online-learning.md, "SCORM packages").
 */
public final class PackageStatus {

    private static final Set<String> KNOWN = Set.of("passed", "completed", "failed", "incomplete", "browsed", "not attempted", "unknown");

    private PackageStatus() {
    }

    /** The status in lower case when it is one SCORM defines; anything else (markup, junk, absurd lengths) is null. */
    public static String normalise(String s) {
        if (s == null || s.length() > 20) {
            return null;
        }
        String v = s.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        return KNOWN.contains(v) ? v : null;
    }

    /** Whether the status lets a course complete: always for a medium, completed or passed for a package. */
    public static boolean done(boolean packaged, String status) {
        return !packaged || "completed".equals(status) || "passed".equals(status);
    }
}
