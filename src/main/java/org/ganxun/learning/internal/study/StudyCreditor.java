package org.ganxun.learning.internal.study;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Decides what one heartbeat of a study session credits. Pure: no database, no clock, no randomness — the
 * service hands it the session's state, the heartbeat and the server's time, and stores what comes back.
 *
 * <p>The rules (issue 16, "a player that credits only real study"; docs/online-learning.md):
 * <ol>
 *   <li>Only the learner's one active session is credited: a session superseded by another device or tab is
 *       refused ({@link Reason#PARALLEL}).</li>
 *   <li>Each heartbeat carries a sequence number that must grow: a replayed or reordered heartbeat is refused
 *       ({@link Reason#REPLAYED}) and changes nothing.</li>
 *   <li>Only time that passed on the server's clock between two accepted heartbeats is credited, and only when
 *       that interval is no longer than {@link Policy#maxGapSeconds} ({@link Reason#GAP}: a learner who went
 *       away, a phone that slept).</li>
 *   <li>Nothing after the deadline of an unanswered presence check ({@link Reason#PRESENCE_MISSED}), nor while
 *       the page was hidden ({@link Reason#HIDDEN}).</li>
 *   <li>Media: the position must advance at no more than {@link Policy#maxRate} times the time that passed, plus
 *       {@link Policy#toleranceSeconds} for network jitter ({@link Reason#TOO_FAST}); a seek either way credits
 *       nothing ({@link Reason#SKIPPED}); even an accepted interval credits at most the seconds that passed, and
 *       only the part of the medium not credited before (rewatching adds nothing). The position the client
 *       reports is clamped to the duration the server read from the file: the client's idea of the duration is
 *       never asked for.</li>
 *   <li>Documents: the seconds that passed count for the page shown during them, up to
 *       {@link Policy#minSecondsPerPage} per page (a page is read once it has that much).</li>
 *   <li>Complete when the credited seconds reach {@link Policy#completionShare} of the nominal duration (the
 *       medium's duration; a document's pages × the minimum per page).</li>
 * </ol>
 */
public final class StudyCreditor {

    private StudyCreditor() {
    }

    /** The configured limits (application.yml {@code ganxun.learning.*}). */
    public record Policy(double maxRate, int toleranceSeconds, int maxGapSeconds, double completionShare, int minSecondsPerPage,
                         int presenceAnswerSeconds) {

        public static Policy defaults() {
            return new Policy(1.0, 3, 90, 0.9, 30, 60);
        }
    }

    /** Why an interval was not credited. {@link #refusal()} ones are integrity evidence and are logged. */
    public enum Reason {
        TOO_FAST("进度快于正常播放速度", true),
        PARALLEL("同时在其他设备或页面学习", true),
        HIDDEN("页面不在前台", true),
        PRESENCE_MISSED("未在规定时间内回应在线确认", true),
        GAP("两次心跳间隔过长", true),
        SKIPPED("拖动了播放进度", true),
        REPLAYED("重复或过期的心跳", true),
        PAUSED("暂停中", false),
        REWATCH("重复学习已计时的部分", false);

        private final String label;
        private final boolean refusal;

        Reason(String label, boolean refusal) {
            this.label = label;
            this.refusal = refusal;
        }

        public String label() {
            return label;
        }

        public boolean refusal() {
            return refusal;
        }
    }

    /**
     * What the client reports: a sequence number, the position (seconds into the medium, or the page shown),
     * whether it is playing, whether the page is hidden, and whether the learner seeked since the last one.
     */
    public record Beat(long seq, double position, boolean playing, boolean hidden, boolean seeked) {
    }

    /**
     * A session's state between heartbeats. {@code covered} for media, {@code pageSeconds} (index 0 = page 1) for
     * documents; {@code resumeAt} is where crediting last stopped; {@code presenceDue} the deadline of an
     * unanswered presence check, or null.
     */
    public record State(long lastSeq, Instant lastAt, double lastPosition, Segments covered, int[] pageSeconds,
                        double resumeAt, Instant presenceDue, boolean superseded) {

        public static State media(Instant startedAt, Segments covered, double resumeAt) {
            return new State(0, startedAt, resumeAt, covered, null, resumeAt, null, false);
        }

        public static State document(Instant startedAt, int[] pageSeconds, int page) {
            return new State(0, startedAt, page, Segments.NONE, pageSeconds.clone(), page, null, false);
        }

        boolean isDocument() {
            return pageSeconds != null;
        }

        public State withPresenceDue(Instant due) {
            return new State(lastSeq, lastAt, lastPosition, covered, pageSeconds, resumeAt, due, superseded);
        }

        /**
         * This state with what another writer stored for the same progress merged in: media parts by union, document
         * pages by the larger count per page. Both are idempotent, so merging the same thing twice adds nothing.
         */
        State absorb(Segments otherCovered, int[] otherPages) {
            if (pageSeconds != null) {
                int[] merged = pageSeconds.clone();
                for (int i = 0; otherPages != null && i < Math.min(merged.length, otherPages.length); i++) {
                    merged[i] = Math.max(merged[i], otherPages[i]);
                }
                return new State(lastSeq, lastAt, lastPosition, covered, merged, resumeAt, presenceDue, superseded);
            }
            return new State(lastSeq, lastAt, lastPosition, covered.union(otherCovered), null, resumeAt, presenceDue, superseded);
        }

        /** This state with the last position moved (a courseware package's position is the server's, see StudySessions). */
        State at(double position) {
            return new State(lastSeq, lastAt, position, covered, pageSeconds, resumeAt, presenceDue, superseded);
        }

        public State supersede() {
            return new State(lastSeq, lastAt, lastPosition, covered, pageSeconds, resumeAt, presenceDue, true);
        }

        /** Credited seconds so far. */
        public int credited(Policy p) {
            if (pageSeconds == null) {
                return covered.total();
            }
            int t = 0;
            for (int s : pageSeconds) {
                t += Math.min(s, p.minSecondsPerPage());
            }
            return t;
        }
    }

    /** What a heartbeat did: null reason when it credited something; the seconds credited now; the next state. */
    public record Outcome(Reason reason, int credited, State next) {

        public boolean rejected() {
            return reason == Reason.REPLAYED || reason == Reason.PARALLEL;
        }
    }

    /**
     * Applies one heartbeat.
     *
     * @param nominalSeconds the medium's duration as the server read it from the file; for a document, its pages
     */
    public static Outcome beat(Policy p, State s, Beat b, Instant now, int nominalSeconds) {
        if (s.superseded()) {
            return new Outcome(Reason.PARALLEL, 0, s);
        }
        if (b.seq() <= s.lastSeq()) {
            return new Outcome(Reason.REPLAYED, 0, s);
        }
        double elapsed = Duration.between(s.lastAt(), now).toMillis() / 1000.0;
        if (elapsed < 0) {
            elapsed = 0;
        }
        double position = clamp(b.position(), s.isDocument() ? 1 : 0, nominalSeconds);
        Reason refused = null;
        if (elapsed > p.maxGapSeconds()) {
            refused = Reason.GAP;
        } else if (s.presenceDue() != null && now.isAfter(s.presenceDue())) {
            refused = Reason.PRESENCE_MISSED;
        } else if (b.hidden()) {
            refused = Reason.HIDDEN;
        }
        if (refused != null) {
            return new Outcome(refused, 0, moved(s, b, now, position, s.covered(), s.pageSeconds(), s.resumeAt()));
        }
        return s.isDocument() ? page(p, s, b, now, position, elapsed) : media(p, s, b, now, position, elapsed);
    }

    private static Outcome media(Policy p, State s, Beat b, Instant now, double position, double elapsed) {
        double delta = position - s.lastPosition();
        Reason reason = null;
        if (b.seeked() || delta < -p.toleranceSeconds()) {
            reason = Reason.SKIPPED;
        } else if (delta > elapsed * p.maxRate() + p.toleranceSeconds()) {
            // not flagged as a seek but faster than playback can go: a sped-up player or a scripted client
            reason = Reason.TOO_FAST;
        } else if (!b.playing() || delta <= 0) {
            reason = Reason.PAUSED;
        }
        if (reason != null) {
            return new Outcome(reason, 0, moved(s, b, now, position, s.covered(), null, s.resumeAt()));
        }
        // at most the seconds that passed, from where the last interval ended
        double end = s.lastPosition() + Math.min(delta, elapsed);
        Segments covered = s.covered().add((int) Math.floor(s.lastPosition()), (int) Math.floor(end));
        int gained = covered.total() - s.covered().total();
        State next = moved(s, b, now, position, covered, null, gained > 0 ? end : s.resumeAt());
        return new Outcome(gained > 0 ? null : Reason.REWATCH, gained, next);
    }

    private static Outcome page(Policy p, State s, Beat b, Instant now, double position, double elapsed) {
        int shown = (int) s.lastPosition(); // the page on screen during the interval
        int[] pages = s.pageSeconds().clone();
        int before = Math.min(pages[shown - 1], p.minSecondsPerPage());
        pages[shown - 1] = (int) Math.min((long) pages[shown - 1] + (long) Math.floor(elapsed), Integer.MAX_VALUE / 2);
        int gained = Math.min(pages[shown - 1], p.minSecondsPerPage()) - before;
        State next = moved(s, b, now, Math.floor(position), s.covered(), pages, gained > 0 ? shown : s.resumeAt());
        return new Outcome(gained > 0 ? null : Reason.REWATCH, gained, next);
    }

    private static State moved(State s, Beat b, Instant now, double position, Segments covered, int[] pages, double resumeAt) {
        return new State(b.seq(), now, s.isDocument() ? Math.floor(position) : position, covered, pages, resumeAt,
                s.presenceDue(), false);
    }

    private static double clamp(double v, double min, double max) {
        if (Double.isNaN(v)) {
            return min;
        }
        return Math.max(min, Math.min(max, v));
    }

    /** The seconds a course needs to be complete: the completion share of its nominal duration, rounded up. */
    public static int needed(Policy p, boolean document, int nominal) {
        int full = document ? nominal * p.minSecondsPerPage() : nominal;
        return (int) Math.ceil(full * p.completionShare());
    }

    /** Whether the state's credited seconds complete the course. */
    public static boolean complete(Policy p, State s, int nominal) {
        return s.credited(p) >= needed(p, s.isDocument(), nominal);
    }

    public static String pagesText(int[] pages) {
        return Arrays.toString(pages).replaceAll("[\\[\\] ]", "");
    }

    public static int[] parsePages(String text, int pages) {
        int[] out = new int[Math.max(pages, 1)];
        if (text != null && !text.isBlank()) {
            String[] parts = text.split(",");
            for (int i = 0; i < Math.min(parts.length, out.length); i++) {
                out[i] = Integer.parseInt(parts[i].trim());
            }
        }
        return out;
    }
}
