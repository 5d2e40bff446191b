package org.ganxun.learning;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.learning.StudyCreditor.Beat;
import org.ganxun.learning.StudyCreditor.Outcome;
import org.ganxun.learning.StudyCreditor.Reason;
import org.ganxun.learning.StudyCreditor.State;
import org.ganxun.platform.ops.NodeLocal;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Study sessions: start, heartbeat, presence checks. The state of each active session lives in memory on the node
 * that started it, so a heartbeat reads nothing from PostgreSQL: a credited heartbeat is one small UPDATE of the
 * learner's progress, a refused one one INSERT of evidence, a paused or rewatching one nothing at all. A session
 * this node does not hold (a restart) is answered 409 and the player starts a new one, resuming from the credited
 * position. Several nodes need sticky sessions for now (docs/online-learning.md).
 *
 * <p>One course at a time per learner: starting a session supersedes the learner's other active session (another
 * tab, another phone), whose next heartbeat is refused as {@link Reason#PARALLEL} and whose player pauses.
 */
@Service
public class StudySessions {


    private final JdbcClient jdbc;
    private final Courses courses;
    private final LearningSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final QuizGate quizzes;
    private final Map<Long, Live> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Long> activeByCadre = new ConcurrentHashMap<>();
    private volatile Clock clock = Clock.systemUTC();
    private volatile RandomGenerator random = RandomGenerator.getDefault();

    StudySessions(JdbcClient jdbc, Courses courses, LearningSettings settings, ApplicationEventPublisher events,
                  PlatformTransactionManager transactions, QuizGate quizzes) {
        this.jdbc = jdbc;
        this.quizzes = quizzes;
        this.courses = courses;
        this.settings = settings;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Tests move time themselves. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    /** A presence check: a sum to pick among four answers. */
    record Presence(long id, String question, List<Integer> options, Instant due, int answer) {
    }

    /** One session held in memory; its fields are guarded by the object itself. */
    private static final class Live {
        final long id, cadreId, userId, courseId, progressId;
        final int nominal;          // seconds of media, pages of a document
        final boolean document;
        final Courses.Course course;
        State state;
        Presence presence;
        boolean completed;
        long presenceSeq;
        Instant lastRefusalLogged = Instant.EPOCH;

        Live(long id, long cadreId, long userId, long courseId, long progressId, int nominal, boolean document,
             Courses.Course course, State state, boolean completed) {
            this.id = id;
            this.cadreId = cadreId;
            this.userId = userId;
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

    public record Started(long sessionId, long courseId, MediumKind kind, int durationSeconds, Integer pages,
                          double resumeAt, int creditedSeconds, int neededSeconds, boolean completed, int heartbeatSeconds) {
    }

    /** What a heartbeat did, for the player. {@code stop}: this session is no longer the learner's active one. */
    public record BeatResult(int credited, String reason, String reasonLabel, int creditedSeconds, int neededSeconds,
                             boolean completed, double resumeAt, boolean stop, PresenceView presence) {
    }

    public record BeatRequest(Long seq, Double position, Boolean playing, Boolean hidden, Boolean seeked) {
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
        record Row(long id, String covered, double resumeAt, boolean completed) {
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
        Row p = jdbc.sql(Unscoped.own() + "select id, covered, resume_at, completed_at is not null from study_progress where cadre_id = ? and course_id = ?")
                .params(cadreId, courseId).query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getBoolean(4)))
                .single();
        State state = document
                ? State.document(now, StudyCreditor.parsePages(p.covered(), nominal), (int) Math.max(1, Math.min(nominal, p.resumeAt())))
                : State.media(now, Segments.parse(p.covered()), Math.min(p.resumeAt(), nominal));
        Live live = new Live(sessionId, cadreId, me.id(), courseId, p.id(), nominal, document, course, state, p.completed());
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
        return new Started(sessionId, courseId, course.medium().kind(), course.medium().durationSeconds(), course.medium().pages(),
                state.resumeAt(), state.credited(policy), StudyCreditor.needed(policy, document, nominal), p.completed(),
                settings.heartbeatSeconds());
    }

    public BeatResult heartbeat(long sessionId, BeatRequest req) {
        Live live = own(sessionId);
        if (req == null || req.seq() == null || req.position() == null || req.position().isNaN() || req.position().isInfinite()) {
            throw new BusinessException("心跳数据不完整");
        }
        Beat beat = new Beat(req.seq(), req.position(), !Boolean.FALSE.equals(req.playing()), Boolean.TRUE.equals(req.hidden()),
                Boolean.TRUE.equals(req.seeked()));
        StudyCreditor.Policy policy = settings.policy();
        Instant now = clock.instant();
        Outcome o;
        boolean newlyComplete = false;
        PresenceView presence;
        synchronized (live) {
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
                State s = live.state;
                String covered = live.document ? StudyCreditor.pagesText(s.pageSeconds()) : s.covered().toString();
                jdbc.sql("update study_progress set credited_seconds = ?, covered = ?, resume_at = ?, updated_at = now() where id = ?")
                        .params(s.credited(policy), covered, BigDecimal.valueOf(s.resumeAt()), live.progressId).update();
                // a course with a quiz completes once the quiz is passed too (CourseCompletions, when it is passed later)
                if (!live.completed && StudyCreditor.complete(policy, s, live.nominal) && quizzes.passedOrNone(live.cadreId, live.courseId)) {
                    newlyComplete = complete(live, s.credited(policy), now);
                    live.completed = true;
                }
            }
            if (!o.rejected() && live.presence == null && settings.presenceMeanSeconds() > 0
                    && random.nextDouble() < (double) settings.heartbeatSeconds() / settings.presenceMeanSeconds()) {
                issue(live, now);
            }
            presence = view(live.presence, now);
        }
        State s = o.next();
        return new BeatResult(o.credited(), o.reason() == null ? null : o.reason().name(), o.reason() == null ? null : o.reason().label(),
                s.credited(policy), StudyCreditor.needed(policy, live.document, live.nominal), live.completed || newlyComplete,
                s.resumeAt(), o.reason() == Reason.PARALLEL, presence);
    }

    /** Marks the course complete once and publishes {@link CourseCompleted} in the same transaction. */
    private boolean complete(Live live, int credited, Instant now) {
        Boolean done = tx.execute(t -> {
            int n = jdbc.sql("update study_progress set completed_at = now() where id = ? and completed_at is null").param(live.progressId).update();
            if (n == 1) {
                Courses.Course c = live.course;
                events.publishEvent(new CourseCompleted(c.id(), live.cadreId, c.title(), c.lecturer(), c.ownerOrgName(), c.hours(),
                        c.hoursNote(), credited, c.medium().durationSeconds(), LocalDate.now()));
            }
            return n == 1;
        });
        return Boolean.TRUE.equals(done);
    }

    /** Issues a presence check now (random in use; tests call it directly). */
    PresenceView issuePresenceCheck(long sessionId) {
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
                boolean idle = l.state.lastAt().isBefore(cutoff);
                if (idle) {
                    activeByCadre.remove(l.cadreId, l.id);
                }
                return idle;
            }
        });
    }
}
