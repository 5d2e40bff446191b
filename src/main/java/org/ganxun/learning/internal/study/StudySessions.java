package org.ganxun.learning.internal.study;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import org.ganxun.learning.CourseCompleted;
import org.ganxun.learning.Courses;
import org.ganxun.learning.MediumKind;
import org.ganxun.learning.QuizGate;
import org.ganxun.learning.internal.LearningSettings;
import org.ganxun.learning.internal.scorm.PackageStatus;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.learning.internal.study.StudyCreditor.Beat;
import org.ganxun.learning.internal.study.StudyCreditor.Outcome;
import org.ganxun.learning.internal.study.StudyCreditor.Reason;
import org.ganxun.learning.internal.study.StudyCreditor.State;
import org.ganxun.platform.ops.NodeLocal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

/**
 * Study sessions: start, heartbeat, presence checks. The state of each active session lives in memory on the node
 * that started it, so a heartbeat reads nothing from PostgreSQL, and it arrives with a study token instead of the
 * HTTP session ({@link StudyTokenSecurity}), so the session store is not read either. A credited heartbeat only
 * marks the session's progress dirty: the progress rows are written behind, in one batch every
 * {@code flush-millis} (2 s), merged with what is stored (covered parts by union, pages by the larger count), so a
 * write can be repeated or come late without losing or doubling a credited second; completion and shutdown flush at
 * once. A refused heartbeat is one INSERT of evidence (at most one a second per session); a paused or rewatching one
 * touches nothing. A session this node does not hold (a restart) is answered 409 and the player starts a new one,
 * resuming from the credited position. Several nodes: docs/online-learning.md.
 *
 * <p>One course at a time per learner: starting a session supersedes the learner's other active session (another
 * tab, another phone), whose next heartbeat is refused as {@link Reason#PARALLEL} and whose player pauses.
 */
@Service
public class StudySessions {

    private static final Logger log = LoggerFactory.getLogger(StudySessions.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final StudyTokens tokens;
    private final Courses courses;
    private final LearningSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final QuizGate quizzes;
    private final Map<Long, Live> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Long> activeByCadre = new ConcurrentHashMap<>();
    /** Sessions whose progress changed since the last flush. */
    private final Set<Live> dirty = ConcurrentHashMap.newKeySet();
    private final Object flushing = new Object();
    private volatile boolean scheduleHeld;
    /** After shutdown's flush: write at once (a heartbeat racing the shutdown is not left in memory). */
    private volatile boolean closed;
    private volatile Clock clock;
    private volatile RandomGenerator random = RandomGenerator.getDefault();

    StudySessions(JdbcClient jdbc, JdbcTemplate batch, StudyTokens tokens, Courses courses, LearningSettings settings,
                  ApplicationEventPublisher events, PlatformTransactionManager transactions, QuizGate quizzes, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.batch = batch;
        this.tokens = tokens;
        this.quizzes = quizzes;
        this.courses = courses;
        this.settings = settings;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Tests move time themselves. */
    public void useClock(Clock clock) {
        this.clock = clock;
    }

    /** A presence check: a sum to pick among four answers. */
    record Presence(long id, String question, List<Integer> options, Instant due, int answer) {
    }

    /** One session held in memory; its fields are guarded by the object itself. */
    private static final class Live {
        final long id, cadreId, userId, courseId, progressId;
        final int nominal;          // seconds of media (a package's nominal learning time), pages of a document
        final boolean document;
        final boolean packaged;     // a SCORM package: the position is the server's, not the client's
        final Courses.Course course;
        final CurrentUser user;     // who started it: the study token's requests act as this user
        State state;
        Presence presence;
        boolean completed;
        /** A package's cmi status as the SCO last reported it (completed, passed, incomplete…), or null. */
        String packageStatus;
        long presenceSeq;
        Instant lastRefusalLogged = Instant.EPOCH;

        Live(long id, long cadreId, CurrentUser user, long courseId, long progressId, int nominal, boolean document,
             Courses.Course course, State state, boolean completed, String packageStatus) {
            this.id = id;
            this.user = user;
            this.packaged = course.medium().kind() == MediumKind.PACKAGE;
            this.packageStatus = packageStatus;
            this.cadreId = cadreId;
            this.userId = user.id();
            this.courseId = courseId;
            this.progressId = progressId;
            this.nominal = nominal;
            this.document = document;
            this.course = course;
            this.state = state;
            this.completed = completed;
        }
    }

    public record PresenceView(long id, String question, List<Integer> options, long dueInSeconds) {
    }

    /**
     * {@code studyToken}: what the player's heartbeats, presence answers and end carry in the {@code X-Study-Token}
     * header, on {@code /api/learning/study/{sessionId}/…}. {@code launchUrl}: a package's SCO, else null.
     */
    public record Started(long sessionId, long courseId, MediumKind kind, int durationSeconds, Integer pages,
                          double resumeAt, int creditedSeconds, int neededSeconds, boolean completed, int heartbeatSeconds,
                          String studyToken, String launchUrl, String scormVersion, String packageStatus) {
    }

    /** What a heartbeat did, for the player. {@code stop}: this session is no longer the learner's active one. */
    public record BeatResult(int credited, String reason, String reasonLabel, int creditedSeconds, int neededSeconds,
                             boolean completed, double resumeAt, boolean stop, PresenceView presence) {
    }

    /** {@code scormStatus}: a package's cmi.core.lesson_status (1.2) or cmi.completion_status/success_status (2004). */
    public record BeatRequest(Long seq, Double position, Boolean playing, Boolean hidden, Boolean seeked, String scormStatus) {

        public BeatRequest(Long seq, Double position, Boolean playing, Boolean hidden, Boolean seeked) {
            this(seq, position, playing, hidden, seeked, null);
        }
    }

    public Started start(long courseId, String userAgent) {
        CurrentUser me = CurrentUsers.require();
        Courses.Course course = courses.open(courseId);
        if (course.medium() == null) {
            throw BusinessException.notFound("课件");
        }
        boolean document = course.medium().kind() == MediumKind.DOCUMENT;
        int nominal = document ? course.medium().pages() : course.medium().durationSeconds();
        Instant now = clock.instant();
        long cadreId = me.cadreId();
        record Row(long id, String covered, double resumeAt, boolean completed, String packageStatus) {
        }
        // the learner's previous session on this node may hold progress not yet written: write it before reading
        Long previousId = activeByCadre.get(cadreId);
        if (previousId != null && sessions.containsKey(previousId)) {
            flush();
        }
        long sessionId = tx.execute(t -> {
            jdbc.sql("insert into study_progress (cadre_id, course_id) values (?, ?) on conflict (cadre_id, course_id) do nothing")
                    .params(cadreId, courseId).update();
            jdbc.sql("update study_session set status = 'SUPERSEDED', ended_at = now() where cadre_id = ? and status = 'ACTIVE'")
                    .param(cadreId).update();
            return jdbc.sql("insert into study_session (cadre_id, course_id, user_id, user_agent) values (?, ?, ?, ?) returning id")
                    .params(cadreId, courseId, me.id(), userAgent == null ? null : userAgent.substring(0, Math.min(300, userAgent.length())))
                    .query(Long.class).single();
        });
        Row p = jdbc.sql(Unscoped.own() + "select id, covered, resume_at, completed_at is not null, package_status from study_progress where cadre_id = ? and course_id = ?")
                .params(cadreId, courseId).query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getBoolean(4), rs.getString(5)))
                .single();
        State state = document
                ? State.document(now, StudyCreditor.parsePages(p.covered(), nominal), (int) Math.max(1, Math.min(nominal, p.resumeAt())))
                : State.media(now, Segments.parse(p.covered()), Math.min(p.resumeAt(), nominal));
        Live live = new Live(sessionId, cadreId, me, courseId, p.id(), nominal, document, course, state, p.completed(), p.packageStatus());
        sessions.put(sessionId, live);
        Long previous = activeByCadre.put(cadreId, sessionId);
        if (previous != null && previous != sessionId) {
            Live old = sessions.get(previous);
            if (old != null) {
                synchronized (old) {
                    old.state = old.state.supersede();
                }
            }
        }
        StudyCreditor.Policy policy = settings.policy();
        String token = tokens.issue(sessionId, me.id(), now.plus(settings.studyTokenLifetime()));
        Courses.PackageInfo pkg = live.packaged ? courses.packageInfo(courseId) : null;
        return new Started(sessionId, courseId, course.medium().kind(), course.medium().durationSeconds(), course.medium().pages(),
                state.resumeAt(), state.credited(policy), StudyCreditor.needed(policy, document, nominal), p.completed(),
                settings.heartbeatSeconds(), token, pkg == null ? null : pkg.launchUrl(), pkg == null ? null : pkg.version(),
                p.packageStatus());
    }

    /** What the study-token filter learns of a presented token. */
    sealed interface Access permits Granted, Gone {
    }

    /** The token is good and its session is held here: act as the user who started it. */
    record Granted(CurrentUser user, long sessionId) implements Access {
    }

    /** The token is authentic but this node holds no such session (a restart, another node, ended): 409. */
    record Gone(long sessionId) implements Access {
    }

    /** Checks a study token for the session named in the path: null when it is missing, forged, expired or another's. */
    Access access(String token, long pathSessionId) {
        StudyTokens.Claim c = tokens.verify(token, clock.instant());
        if (c == null || c.sessionId() != pathSessionId) {
            return null;
        }
        Live live = sessions.get(c.sessionId());
        if (live == null) {
            return new Gone(c.sessionId());
        }
        return live.userId == c.userId() ? new Granted(live.user, live.id) : null;
    }

    public BeatResult heartbeat(long sessionId, BeatRequest req) {
        Live live = own(sessionId);
        if (req == null || req.seq() == null || req.position() == null || req.position().isNaN() || req.position().isInfinite()) {
            throw new BusinessException("心跳数据不完整");
        }
        boolean playing = !Boolean.FALSE.equals(req.playing());
        StudyCreditor.Policy policy = settings.policy();
        Instant now = clock.instant();
        Outcome o;
        boolean reachedShare = false;
        PresenceView presence;
        synchronized (live) {
            Beat beat;
            if (live.packaged) {
                // a package has no position the server can check: its position is the server's own, the credited
                // seconds so far plus the time that passed while the SCO was open; the client's number is not read
                live.state = live.state.at(live.state.covered().total());
                double elapsed = Math.max(0, Duration.between(live.state.lastAt(), now).toMillis() / 1000.0);
                beat = new Beat(req.seq(), live.state.lastPosition() + (playing ? elapsed : 0), playing,
                        Boolean.TRUE.equals(req.hidden()), false);
                String status = PackageStatus.normalise(req.scormStatus());
                if (status != null && !status.equals(live.packageStatus) && req.seq() > live.state.lastSeq() && !live.state.superseded()) {
                    live.packageStatus = status;
                    dirty.add(live);
                }
            } else {
                beat = new Beat(req.seq(), req.position(), playing, Boolean.TRUE.equals(req.hidden()), Boolean.TRUE.equals(req.seeked()));
            }
            State before = live.state;
            o = StudyCreditor.beat(policy, before, beat, now, live.nominal);
            live.state = o.next();
            // evidence, at most one row a second per session: a script flooding refused heartbeats cannot fill the table
            if (o.reason() != null && o.reason().refusal() && !now.isBefore(live.lastRefusalLogged.plusSeconds(1))) {
                live.lastRefusalLogged = now;
                String detail = switch (o.reason()) {
                    case GAP -> "间隔" + Duration.between(before.lastAt(), now).toSeconds() + "秒";
                    case TOO_FAST -> "用时" + Duration.between(before.lastAt(), now).toSeconds() + "秒，进度从"
                            + Math.round(before.lastPosition()) + "秒到" + Math.round(beat.position()) + "秒";
                    case SKIPPED -> "从" + Math.round(before.lastPosition()) + "到" + Math.round(beat.position());
                    case REPLAYED -> "序号" + beat.seq() + "不大于" + before.lastSeq();
                    default -> null;
                };
                jdbc.sql("insert into study_refusal (session_id, cadre_id, course_id, seq, position, reason, detail) values (?, ?, ?, ?, ?, ?, ?)")
                        .params(live.id, live.cadreId, live.courseId, beat.seq(), BigDecimal.valueOf(Math.max(0, Math.min(beat.position(), 9_999_999))),
                                o.reason().name(), detail).update();
            }
            if (o.credited() > 0) {
                dirty.add(live); // written behind, by flush()
            }
            // written at once when the share is reached: the course completes then, or — when its quiz is not passed
            // yet — once it is (CourseCompletions reads the stored credited time then)
            reachedShare = !live.completed && dirty.contains(live) && StudyCreditor.complete(policy, live.state, live.nominal)
                    && PackageStatus.done(live.packaged, live.packageStatus);
            if (!o.rejected() && live.presence == null && settings.presenceMeanSeconds() > 0
                    && random.nextDouble() < (double) settings.heartbeatSeconds() / settings.presenceMeanSeconds()) {
                issue(live, now);
            }
            presence = view(live.presence, now);
        }
        if (reachedShare || closed) {
            flush(); // completion is written at once (and everything once the node is shutting down)
        }
        State s = o.next();
        boolean completed;
        synchronized (live) {
            completed = live.completed;
        }
        return new BeatResult(o.credited(), o.reason() == null ? null : o.reason().name(), o.reason() == null ? null : o.reason().label(),
                s.credited(policy), StudyCreditor.needed(policy, live.document, live.nominal), completed,
                s.resumeAt(), o.reason() == Reason.PARALLEL, presence);
    }

    /** The scheduler's write-behind, every flush-millis (unless a test holds it to look at the buffer). */
    @Scheduled(fixedDelayString = "${ganxun.learning.flush-millis:2000}", initialDelayString = "${ganxun.learning.flush-millis:2000}")
    @NodeLocal("writes the study progress buffered in this node's memory")
    public void flushOnSchedule() {
        if (!scheduleHeld) {
            flush();
        }
    }

    /** Writes the buffered progress of this node's sessions now. */
    public void flush() {
        synchronized (flushing) {
            List<Live> taken = new ArrayList<>();
            for (Iterator<Live> it = dirty.iterator(); it.hasNext(); ) {
                taken.add(it.next());
                it.remove(); // a heartbeat after this point marks it dirty again and is written next time
            }
            if (taken.isEmpty()) {
                return;
            }
            try {
                write(taken);
            } catch (RuntimeException e) {
                dirty.addAll(taken); // nothing was committed: try again next time
                log.warn("Study progress of {} sessions not written, retried at the next flush: {}", taken.size(), e.toString());
            }
        }
    }

    /** Shutdown: the buffered progress is written before the connection pool closes (destroyed after this bean). */
    @PreDestroy
    public void close() {
        closed = true;
        flush();
    }

    /** Tests: back to buffering after {@link #close()}. */
    public void reopen() {
        closed = false;
    }

    /** Tests: while held, only an explicit {@link #flush()} (completion, shutdown) writes, so "buffered" can be seen. */
    public void holdSchedule(boolean held) {
        scheduleHeld = held;
    }

    /** How many sessions hold progress not yet written (tests). */
    public int pending() {
        return dirty.size();
    }

    private record Snapshot(Live live, State state, String packageStatus) {
    }

    private record Stored(String covered, String packageStatus, boolean completed) {
    }

    /**
     * One transaction: the stored rows of the batch are locked and read, each merged with the sessions' states
     * (union of parts, larger count per page: idempotent, so a retried or a second session's write adds nothing
     * twice), written back in one JDBC batch; sessions the database says were superseded (another node started
     * one) are superseded here too; courses whose merged credit reaches the share are completed.
     */
    private void write(List<Live> taken) {
        StudyCreditor.Policy policy = settings.policy();
        List<Snapshot> snaps = new ArrayList<>(taken.size());
        for (Live l : taken) {
            synchronized (l) {
                snaps.add(new Snapshot(l, l.state, l.packageStatus));
            }
        }
        Long[] progressIds = snaps.stream().map(s -> s.live().progressId).distinct().toArray(Long[]::new);
        Long[] sessionIds = snaps.stream().map(s -> s.live().id).toArray(Long[]::new);
        Map<Long, State> merged = new HashMap<>();
        Map<Long, String> statuses = new HashMap<>();
        List<Live> toComplete = new ArrayList<>();
        tx.execute(t -> {
            Map<Long, Stored> stored = new HashMap<>();
            jdbc.sql(Unscoped.because("write-behind of progress rows held by this node's study sessions (own sessions, checked at start)")
                            + "select id, covered, package_status, completed_at is not null from study_progress where id = any(?) order by id for update")
                    .param(progressIds).query(rs -> {
                        stored.put(rs.getLong(1), new Stored(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                    });
            jdbc.sql(Unscoped.because("the status of this node's own study sessions") + "select id, status from study_session where id = any(?)")
                    .param(sessionIds).query(rs -> {
                        statuses.put(rs.getLong(1), rs.getString(2));
                    });
            Map<Long, Snapshot> latest = new HashMap<>();
            for (Snapshot s : snaps) {
                long pid = s.live().progressId;
                Stored st = stored.get(pid);
                if (st == null) {
                    continue; // the course was deleted
                }
                State base = merged.getOrDefault(pid, s.state());
                State m = s.state().absorb(base.covered(), base.pageSeconds());
                m = s.live().document ? m.absorb(Segments.NONE, StudyCreditor.parsePages(st.covered(), s.live().nominal))
                        : m.absorb(Segments.parse(st.covered()), null);
                merged.put(pid, m);
                Snapshot prev = latest.get(pid);
                if (prev == null || s.state().lastAt().isAfter(prev.state().lastAt())) {
                    latest.put(pid, s);
                }
            }
            List<Object[]> rows = new ArrayList<>();
            for (Map.Entry<Long, State> e : merged.entrySet()) {
                Snapshot s = latest.get(e.getKey());
                State m = e.getValue();
                String covered = s.live().document ? StudyCreditor.pagesText(m.pageSeconds()) : m.covered().toString();
                String pkg = s.packageStatus() != null ? s.packageStatus() : stored.get(e.getKey()).packageStatus();
                rows.add(new Object[] {m.credited(policy), covered, BigDecimal.valueOf(s.state().resumeAt()), pkg, e.getKey()});
                if (!stored.get(e.getKey()).completed() && StudyCreditor.complete(policy, m, s.live().nominal)
                        && PackageStatus.done(s.live().packaged, pkg) && quizzes.passedOrNone(s.live().cadreId, s.live().courseId)) {
                    toComplete.add(s.live());
                }
            }
            batch.batchUpdate("update study_progress set credited_seconds = ?, covered = ?, resume_at = ?, package_status = ?, updated_at = now() where id = ?", rows);
            for (Live l : toComplete) {
                complete(l, merged.get(l.progressId).credited(policy));
            }
            return null;
        });
        for (Snapshot s : snaps) {
            Live l = s.live();
            State m = merged.get(l.progressId);
            synchronized (l) {
                if (m != null) {
                    l.state = l.state.absorb(m.covered(), m.pageSeconds());
                }
                if (toComplete.contains(l) || toComplete.stream().anyMatch(c -> c.progressId == l.progressId)) {
                    l.completed = true;
                }
                String status = statuses.get(l.id);
                if (status != null && !"ACTIVE".equals(status) && !l.state.superseded()) {
                    l.state = l.state.supersede(); // another node started a session of this learner
                }
            }
        }
    }

    /** Marks the course complete once and publishes {@link CourseCompleted} in the caller's transaction. */
    private boolean complete(Live live, int credited) {
        int n = jdbc.sql("update study_progress set completed_at = now() where id = ? and completed_at is null").param(live.progressId).update();
        if (n == 1) {
            Courses.Course c = live.course;
            events.publishEvent(new CourseCompleted(c.id(), live.cadreId, c.title(), c.lecturer(), c.ownerOrgName(), c.hours(),
                    c.hoursNote(), credited, c.medium().durationSeconds(), LocalDate.now(clock)));
        }
        return n == 1;
    }

    /** Issues a presence check now (random in use; tests call it directly). */
    public PresenceView issuePresenceCheck(long sessionId) {
        Live live = sessions.get(sessionId);
        if (live == null) {
            throw BusinessException.notFound("学习会话");
        }
        synchronized (live) {
            Instant now = clock.instant();
            issue(live, now);
            return view(live.presence, now);
        }
    }

    private void issue(Live live, Instant now) {
        int a = 1 + random.nextInt(9), b = 1 + random.nextInt(9);
        int answer = a + b;
        List<Integer> options = new java.util.ArrayList<>(List.of(answer, answer + 1, answer - 1, answer + 2));
        java.util.Collections.shuffle(options, new java.util.Random(random.nextLong()));
        Instant due = now.plusSeconds(settings.policy().presenceAnswerSeconds());
        live.presence = new Presence(++live.presenceSeq, a + " + " + b + " = ?", options, due, answer);
        live.state = live.state.withPresenceDue(due);
    }

    private static PresenceView view(Presence p, Instant now) {
        return p == null ? null : new PresenceView(p.id(), p.question(), p.options(), Math.max(0, Duration.between(now, p.due()).toSeconds()));
    }

    public record PresenceResult(boolean accepted, String message, PresenceView presence) {
    }

    /** The learner's answer: in time and right clears the check; late clears it but is evidence; wrong asks again. */
    public PresenceResult answer(long sessionId, long checkId, Integer answer) {
        Live live = own(sessionId);
        synchronized (live) {
            Instant now = clock.instant();
            Presence p = live.presence;
            if (p == null || p.id() != checkId) {
                return new PresenceResult(true, "无需确认", view(p, now));
            }
            if (answer == null || answer != p.answer()) {
                Instant due = p.due();
                issue(live, now);
                live.presence = new Presence(live.presence.id(), live.presence.question(), live.presence.options(), due, live.presence.answer());
                live.state = live.state.withPresenceDue(due);
                return new PresenceResult(false, "回答不正确，请再试一次", view(live.presence, now));
            }
            live.presence = null;
            live.state = live.state.withPresenceDue(null);
            if (now.isAfter(p.due())) {
                jdbc.sql("insert into study_refusal (session_id, cadre_id, course_id, seq, position, reason, detail) values (?, ?, ?, ?, ?, ?, ?)")
                        .params(live.id, live.cadreId, live.courseId, live.state.lastSeq(), BigDecimal.valueOf(live.state.lastPosition()),
                                Reason.PRESENCE_MISSED.name(), "超时" + Duration.between(p.due(), now).toSeconds() + "秒后回应").update();
                return new PresenceResult(true, "已确认。超时期间的学习不计学时", null);
            }
            return new PresenceResult(true, "已确认，请继续学习", null);
        }
    }

    /** The learner leaves the player. */
    public void end(long sessionId) {
        Live live = own(sessionId);
        if (dirty.contains(live)) {
            flush();
        }
        sessions.remove(sessionId);
        activeByCadre.remove(live.cadreId, sessionId);
        jdbc.sql("update study_session set status = 'ENDED', ended_at = now() where id = ? and status = 'ACTIVE'").param(sessionId).update();
    }

    private Live own(long sessionId) {
        CurrentUser me = CurrentUsers.require();
        Live live = sessions.get(sessionId);
        if (live == null) {
            Long owner = jdbc.sql(Unscoped.rowChecked("the session owner, compared just below") + "select user_id from study_session where id = ?").param(sessionId).query(Long.class).optional().orElse(null);
            if (owner == null || owner != me.id()) {
                throw BusinessException.notFound("学习会话");
            }
            throw new BusinessException(409, "学习会话已失效，请重新开始学习", List.of());
        }
        if (live.userId != me.id()) {
            throw BusinessException.notFound("学习会话");
        }
        return live;
    }

    /** Forgets sessions silent for longer than an hour (their progress is already stored). */
    @Scheduled(fixedDelay = 600_000, initialDelay = 600_000)
    @NodeLocal("forgets the live study sessions held in this node's memory")
    void forgetIdle() {
        Instant cutoff = clock.instant().minus(Duration.ofHours(1));
        sessions.values().removeIf(l -> {
            synchronized (l) {
                boolean idle = l.state.lastAt().isBefore(cutoff) && !dirty.contains(l);
                if (idle) {
                    activeByCadre.remove(l.cadreId, l.id);
                }
                return idle;
            }
        });
    }
}
