package org.ganxun.learning;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.ganxun.learning.internal.LearningSettings;
import org.ganxun.learning.internal.study.Segments;
import org.ganxun.learning.internal.study.StudyCreditor;
import org.ganxun.learning.internal.study.StudySessions;
import org.ganxun.platform.security.Unscoped;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Study that happened earlier, replayed heartbeat by heartbeat through the crediting rules ({@link StudyCreditor})
 * as a live session ({@link StudySessions}) applies them, with times given by the caller instead of the clock: the
 * demo's learners (some part-way through, some finished, some caught fast-forwarding, on a second phone or ignoring
 * a presence check). It writes what a live session writes — the session, the refused heartbeats' evidence, the
 * progress, and on completion {@link CourseCompleted} once — so the archive, the integrity report and the
 * assignments' progress see it as they see live study. Never exposed to a request.
 *
 * <p>Why not drive {@link StudySessions} itself: its clock is one for all live learners, and the demo loads while the
 * server already answers them.
 */
@Service
public class ScriptedStudy {

    /** One step of a learner's script; each takes one heartbeat interval (20 s) unless said otherwise. */
    public enum Move {
        /** plays on at normal speed (a document: reads on, turning a page every other heartbeat) */
        WATCH,
        /** drags the position two minutes ahead without saying it is a seek: 太快 */
        FAST_FORWARD,
        /** opens the course on a second phone: this session's next heartbeat is 多处同时学习, then it resumes on the new one */
        SECOND_DEVICE,
        /** a presence check comes and is left unanswered for 80 s: 未回应在场确认 */
        PRESENCE_IGNORED,
        /** switches to another app while it plays: 页面不可见 */
        HIDDEN
    }

    static final int STEP_SECONDS = 20;

    private final JdbcClient jdbc;
    private final LearningSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    ScriptedStudy(JdbcClient jdbc, LearningSettings settings, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    /** What the script came to: credited seconds, the refused heartbeats, whether the course is now complete. */
    public record Result(int creditedSeconds, int refusals, boolean completed) {
    }

    /** Replays a learner's moves on a published course with a medium, from {@code from}; a session per device. */
    public Result study(long cadreId, long courseId, Instant from, List<Move> moves) {
        return tx.execute(t -> run(cadreId, courseId, from, moves));
    }

    private Result run(long cadreId, long courseId, Instant from, List<Move> moves) {
        record Medium(String kind, int duration, Integer pages) {
        }
        Medium m = jdbc.sql("select kind, duration_seconds, pages from course_medium where course_id = ?").param(courseId)
                .query((rs, i) -> new Medium(rs.getString(1), rs.getInt(2), (Integer) rs.getObject(3))).single();
        boolean document = "DOCUMENT".equals(m.kind());
        int nominal = document ? m.pages() : m.duration();
        StudyCreditor.Policy policy = settings.policy();
        long userId = jdbc.sql(Unscoped.rowChecked("the learner's own account, for the session row") + "select coalesce(min(id), 0) from account_name where cadre_id = ?")
                .param(cadreId).query(Long.class).single();
        jdbc.sql("insert into study_progress (cadre_id, course_id, started_at, updated_at) values (?, ?, ?, ?) on conflict (cadre_id, course_id) do nothing")
                .params(cadreId, courseId, at(from), at(from)).update();
        record Row(long id, String covered, double resumeAt, boolean completed) {
        }
        Row p = jdbc.sql(Unscoped.own() + "select id, covered, resume_at, completed_at is not null from study_progress where cadre_id = ? and course_id = ?")
                .params(cadreId, courseId).query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getBoolean(4))).single();
        Instant now = from;
        long session = newSession(cadreId, courseId, userId, now);
        StudyCreditor.State state = fresh(document, p.covered(), p.resumeAt(), nominal, now);
        boolean completed = p.completed();
        int refusals = 0;
        long seq = 0;
        int reads = 0;
        for (Move move : moves) {
            double position = state.lastPosition();
            boolean hidden = false;
            int seconds = STEP_SECONDS;
            switch (move) {
                case WATCH -> position = document ? Math.min(nominal, state.lastPosition() + (++reads % 2 == 0 ? 1 : 0)) : position + STEP_SECONDS;
                case FAST_FORWARD -> position = position + 120;
                case SECOND_DEVICE -> state = state.supersede();
                case PRESENCE_IGNORED -> {
                    state = state.withPresenceDue(now.plusSeconds(policy.presenceAnswerSeconds()));
                    seconds = policy.presenceAnswerSeconds() + 20;
                    position = document ? position : position + seconds;
                }
                case HIDDEN -> {
                    hidden = true;
                    position = document ? position : position + STEP_SECONDS;
                }
            }
            now = now.plusSeconds(seconds);
            StudyCreditor.State before = state;
            StudyCreditor.Outcome o = StudyCreditor.beat(policy, before, new StudyCreditor.Beat(++seq, position, true, hidden, false), now, nominal);
            state = o.next();
            if (o.reason() != null && o.reason().refusal()) {
                refusals++;
                String detail = o.reason() == StudyCreditor.Reason.TOO_FAST
                        ? "用时" + seconds + "秒，进度从" + Math.round(before.lastPosition()) + "秒到" + Math.round(position) + "秒" : null;
                jdbc.sql("insert into study_refusal (session_id, cadre_id, course_id, at, seq, position, reason, detail) values (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(session, cadreId, courseId, at(now), seq, BigDecimal.valueOf(Math.max(0, Math.min(position, 9_999_999))),
                                o.reason().name(), detail).update();
            }
            if (move == Move.SECOND_DEVICE) {
                // the learner carries on on the other phone: a new session resuming where crediting stopped
                jdbc.sql("update study_session set status = 'SUPERSEDED', ended_at = ? where id = ?").params(at(now), session).update();
                session = newSession(cadreId, courseId, userId, now);
                state = fresh(document, document ? StudyCreditor.pagesText(state.pageSeconds()) : state.covered().toString(),
                        state.resumeAt(), nominal, now);
                seq = 0;
                reads = 0;
            } else if (move == Move.PRESENCE_IGNORED) {
                // answered late: cleared, crediting goes on from here
                state = state.withPresenceDue(null);
            }
            if (o.credited() > 0) {
                String covered = document ? StudyCreditor.pagesText(state.pageSeconds()) : state.covered().toString();
                jdbc.sql("update study_progress set credited_seconds = ?, covered = ?, resume_at = ?, updated_at = ? where id = ?")
                        .params(state.credited(policy), covered, BigDecimal.valueOf(state.resumeAt()), at(now), p.id()).update();
                if (!completed && StudyCreditor.complete(policy, state, nominal)) {
                    completed = complete(p.id(), courseId, cadreId, state.credited(policy), now);
                }
            }
        }
        jdbc.sql("update study_session set status = 'ENDED', ended_at = ? where id = ? and status = 'ACTIVE'").params(at(now), session).update();
        return new Result(state.credited(policy), refusals, completed);
    }


    private static StudyCreditor.State fresh(boolean document, String covered, double resumeAt, int nominal, Instant now) {
        return document
                ? StudyCreditor.State.document(now, StudyCreditor.parsePages(covered, nominal), (int) Math.max(1, Math.min(nominal, resumeAt)))
                : StudyCreditor.State.media(now, Segments.parse(covered), Math.min(resumeAt, nominal));
    }

    private long newSession(long cadreId, long courseId, long userId, Instant now) {
        jdbc.sql("update study_session set status = 'SUPERSEDED', ended_at = ? where cadre_id = ? and status = 'ACTIVE'").params(at(now), cadreId).update();
        return jdbc.sql("insert into study_session (cadre_id, course_id, user_id, started_at, user_agent) values (?, ?, ?, ?, ?) returning id")
                .params(cadreId, courseId, userId, at(now), "演示数据（按学习脚本回放）").query(Long.class).single();
    }

    /** As {@link StudySessions}: marked complete once, and {@link CourseCompleted} published in that transaction. */
    private boolean complete(long progressId, long courseId, long cadreId, int credited, Instant now) {
        int n = jdbc.sql("update study_progress set completed_at = ? where id = ? and completed_at is null").params(at(now), progressId).update();
        if (n == 1) {
            record C(String title, String lecturer, String org, BigDecimal hours, String note, int duration) {
            }
            C c = jdbc.sql("""
                            select k.title, k.lecturer, o.name, k.hours, k.hours_note, m.duration_seconds from course k
                            join org_unit o on o.id = k.owner_org_id join course_medium m on m.course_id = k.id where k.id = ?""")
                    .param(courseId).query((rs, i) -> new C(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getString(5), rs.getInt(6))).single();
            events.publishEvent(new CourseCompleted(courseId, cadreId, c.title(), c.lecturer(), c.org(), c.hours(), c.note(), credited,
                    c.duration(), LocalDate.ofInstant(now, ZoneId.systemDefault())));
        }
        return n == 1;
    }

    private static java.time.OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
