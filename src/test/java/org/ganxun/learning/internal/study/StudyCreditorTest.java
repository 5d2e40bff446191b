package org.ganxun.learning.internal.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.ganxun.learning.internal.study.StudyCreditor.Beat;
import org.ganxun.learning.internal.study.StudyCreditor.Outcome;
import org.ganxun.learning.internal.study.StudyCreditor.Policy;
import org.ganxun.learning.internal.study.StudyCreditor.Reason;
import org.ganxun.learning.internal.study.StudyCreditor.State;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked heartbeats. The rules are issue 16's ("a player that credits only real study"), written out in
 * {@link StudyCreditor} and docs/online-learning.md. Policy: max rate 1.0, 3 s tolerance, 90 s longest gap,
 * 90 % to complete, 30 s minimum per document page. The medium is 600 s long unless said.
 */
class StudyCreditorTest {

    private static final Policy P = Policy.defaults();
    private static final Instant T0 = Instant.parse("2026-12-07T02:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    private static State start() {
        return State.media(T0, Segments.NONE, 0);
    }

    private static Outcome play(State s, long seq, double wallSeconds, double position) {
        return StudyCreditor.beat(P, s, new Beat(seq, position, true, false, false), at(wallSeconds), 600);
    }

    @Test
    void normalPlaybackCreditsTheSecondsThatPassed() {
        // 0 → 15 s of wall time, position 0 → 15: 15 s credited; then 15 → 30 s, position 15 → 29.5 (a buffering
        // stall): 14 s more, floor(29.5) − 15 — the segments are whole seconds [0,15) and [15,29)
        Outcome a = play(start(), 1, 15, 15);
        assertThat(a.reason()).isNull();
        assertThat(a.credited()).isEqualTo(15);
        Outcome b = play(a.next(), 2, 30, 29.5);
        assertThat(b.credited()).isEqualTo(14);
        assertThat(b.next().covered().toString()).isEqualTo("0-29");
        assertThat(b.next().credited(P)).isEqualTo(29);
        assertThat(b.next().resumeAt()).isEqualTo(29.5);
    }

    @Test
    void fasterThanNormalSpeedCreditsNothing() {
        // 15 s passed, the position moved 30 s (a 2× player or a script): 30 > 15 × 1.0 + 3 → too fast, nothing
        Outcome o = play(start(), 1, 15, 30);
        assertThat(o.reason()).isEqualTo(Reason.TOO_FAST);
        assertThat(o.credited()).isZero();
        assertThat(o.next().credited(P)).isZero();
        // the next interval from there at normal speed is credited again: 30 → 45 in 15 s
        Outcome next = play(o.next(), 2, 30, 45);
        assertThat(next.credited()).isEqualTo(15);
        assertThat(next.next().covered().toString()).isEqualTo("30-45");
    }

    @Test
    void withinTheToleranceAnIntervalCreditsAtMostTheSecondsThatPassed() {
        // 15 s passed, position moved 17.5 s: within 15 + 3, accepted; but only 15 s are credited: [0,15)
        Outcome o = play(start(), 1, 15, 17.5);
        assertThat(o.reason()).isNull();
        assertThat(o.credited()).isEqualTo(15);
        assertThat(o.next().covered().toString()).isEqualTo("0-15");
        assertThat(o.next().resumeAt()).isEqualTo(15.0);
    }

    @Test
    void aSecondDeviceSupersedesTheFirst() {
        State s = play(start(), 1, 15, 15).next().supersede();
        Outcome o = play(s, 2, 30, 30);
        assertThat(o.reason()).isEqualTo(Reason.PARALLEL);
        assertThat(o.rejected()).isTrue();
        assertThat(o.next().credited(P)).isEqualTo(15);
    }

    @Test
    void aHiddenPageCreditsNothing() {
        Outcome o = StudyCreditor.beat(P, start(), new Beat(1, 15, true, true, false), at(15), 600);
        assertThat(o.reason()).isEqualTo(Reason.HIDDEN);
        assertThat(o.credited()).isZero();
        // the interval after the page came back starts from the hidden heartbeat: 15 → 30
        Outcome back = play(o.next(), 2, 30, 30);
        assertThat(back.credited()).isEqualTo(15);
        assertThat(back.next().covered().toString()).isEqualTo("15-30");
    }

    @Test
    void nothingIsCreditedPastAMissedPresenceCheck() {
        // a check issued at 10 s is due at 70 s; the heartbeat at 75 s comes after it, unanswered: nothing
        State s = play(start(), 1, 15, 15).next().withPresenceDue(at(70));
        Outcome before = play(s, 2, 30, 30); // before the deadline: credited as usual
        assertThat(before.credited()).isEqualTo(15);
        Outcome after = play(before.next(), 3, 75, 75);
        assertThat(after.reason()).isEqualTo(Reason.PRESENCE_MISSED);
        assertThat(after.credited()).isZero();
        assertThat(after.next().credited(P)).isEqualTo(30);
    }

    @Test
    void aLongGapIsNotCredited() {
        // 91 s between heartbeats > 90: that interval is lost even though the position moved 91 s
        Outcome o = play(start(), 1, 91, 91);
        assertThat(o.reason()).isEqualTo(Reason.GAP);
        assertThat(o.credited()).isZero();
        // exactly 90 s is still an interval: credited 90
        assertThat(play(start(), 1, 90, 90).credited()).isEqualTo(90);
    }

    @Test
    void skippingAheadIsAllowedButCreditsNothing() {
        Outcome skip = StudyCreditor.beat(P, play(start(), 1, 15, 15).next(), new Beat(2, 400, true, false, true), at(16), 600);
        assertThat(skip.reason()).isEqualTo(Reason.SKIPPED);
        assertThat(skip.credited()).isZero();
        // watching from 400 credits its own part: 400 → 415 in 15 s; the covered parts are [0,15) and [400,415)
        Outcome after = play(skip.next(), 3, 31, 415);
        assertThat(after.credited()).isEqualTo(15);
        assertThat(after.next().covered().toString()).isEqualTo("0-15,400-415");
        assertThat(after.next().resumeAt()).isEqualTo(415.0);
        // a jump back not flagged as a seek is a skip too
        assertThat(play(after.next(), 4, 46, 100).reason()).isEqualTo(Reason.SKIPPED);
    }

    @Test
    void rewatchingAddsNothing() {
        State s = play(start(), 1, 15, 15).next();
        Outcome back = StudyCreditor.beat(P, s, new Beat(2, 0, true, false, true), at(16), 600);
        Outcome again = play(back.next(), 3, 31, 15);
        assertThat(again.reason()).isEqualTo(Reason.REWATCH);
        assertThat(again.credited()).isZero();
        assertThat(again.next().credited(P)).isEqualTo(15);
        assertThat(again.next().resumeAt()).isEqualTo(15.0); // resume where crediting stopped
    }

    @Test
    void aReplayedHeartbeatChangesNothing() {
        Outcome first = play(start(), 5, 15, 15);
        Outcome replay = play(first.next(), 5, 30, 30);
        assertThat(replay.reason()).isEqualTo(Reason.REPLAYED);
        assertThat(replay.next()).isSameAs(first.next());
        assertThat(play(first.next(), 4, 30, 30).reason()).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void aPositionPastTheEndIsTheEndTheServerRead() {
        // a client claiming the medium is 20 s long and sending 20 → 100000 is clamped to the 600 s of the file;
        // from 590, 15 s of wall time reach the end at 600: 10 s credited
        State s = State.media(T0, Segments.NONE, 590);
        Outcome o = play(s, 1, 15, 100000);
        assertThat(o.credited()).isEqualTo(10);
        assertThat(o.next().lastPosition()).isEqualTo(600.0);
    }

    @Test
    void pausedCreditsNothing() {
        Outcome o = StudyCreditor.beat(P, start(), new Beat(1, 0, false, false, false), at(15), 600);
        assertThat(o.reason()).isEqualTo(Reason.PAUSED);
        assertThat(o.reason().refusal()).isFalse();
        assertThat(o.credited()).isZero();
    }

    @Test
    void completionIsTheShareOfTheDurationTheServerRead() {
        // 600 s × 0.9 = 540 s needed
        assertThat(StudyCreditor.needed(P, false, 600)).isEqualTo(540);
        State s = State.media(T0, Segments.NONE.add(0, 539), 539);
        assertThat(StudyCreditor.complete(P, s, 600)).isFalse();
        Outcome o = play(s, 1, 1.2, 540.2); // one more whole second: [0,540)
        assertThat(o.next().credited(P)).isEqualTo(540);
        assertThat(StudyCreditor.complete(P, o.next(), 600)).isTrue();
        // a 601-second medium needs ceil(540.9) = 541
        assertThat(StudyCreditor.needed(P, false, 601)).isEqualTo(541);
    }

    @Test
    void documentsCreditReadingTimePerPageUpToTheMinimum() {
        // a 3-page document: 3 × 30 s nominal, 90 % → ceil(81) = 81 s needed
        assertThat(StudyCreditor.needed(P, true, 3)).isEqualTo(81);
        State s = State.document(T0, new int[3], 1);
        // 20 s on page 1, then the reader turns to page 2: the 20 s count for page 1
        Outcome a = StudyCreditor.beat(P, s, new Beat(1, 2, true, false, false), at(20), 3);
        assertThat(a.credited()).isEqualTo(20);
        // 25 s on page 2, still on it: 25
        Outcome b = StudyCreditor.beat(P, a.next(), new Beat(2, 2, true, false, false), at(45), 3);
        assertThat(b.credited()).isEqualTo(25);
        // 20 s more on page 2: it had 25, the minimum is 30 → only 5 count; page 2 then holds 45 s
        Outcome c = StudyCreditor.beat(P, b.next(), new Beat(3, 3, true, false, false), at(65), 3);
        assertThat(c.credited()).isEqualTo(5);
        assertThat(c.next().pageSeconds()).containsExactly(20, 45, 0);
        assertThat(c.next().credited(P)).isEqualTo(50); // 20 + 30 + 0
        // the page shown past the last is the last page
        Outcome d = StudyCreditor.beat(P, c.next(), new Beat(4, 99, true, false, false), at(95), 3);
        assertThat(d.credited()).isEqualTo(30); // page 3's 30 s
        assertThat(d.next().lastPosition()).isEqualTo(3.0);
        assertThat(StudyCreditor.complete(P, d.next(), 3)).isFalse(); // 80 < 81
        // a hidden page credits nothing, as for media
        Outcome hidden = StudyCreditor.beat(P, d.next(), new Beat(5, 1, true, true, false), at(120), 3);
        assertThat(hidden.reason()).isEqualTo(Reason.HIDDEN);
        Outcome e = StudyCreditor.beat(P, hidden.next(), new Beat(6, 1, true, false, false), at(130), 3);
        assertThat(e.credited()).isEqualTo(10); // page 1: 20 → 30
        assertThat(StudyCreditor.complete(P, e.next(), 3)).isTrue(); // 90 ≥ 81
    }

    @Test
    void segmentsMergeAndRoundTripAsText() {
        Segments s = Segments.NONE.add(10, 20).add(30, 40).add(15, 35);
        assertThat(s.toString()).isEqualTo("10-40");
        assertThat(Segments.parse("0-5,10-20").add(5, 10).toString()).isEqualTo("0-20");
        assertThat(Segments.parse("").total()).isZero();
    }
}
