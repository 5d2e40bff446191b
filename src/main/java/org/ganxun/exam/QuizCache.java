package org.ganxun.exam;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The courses that have a published quiz, held in memory: the study heartbeat asks the quiz gate on each credited
 * heartbeat past the completion share, and a course without a quiz must cost it nothing. Forgotten (reloaded on
 * the next question) whenever an exam changes on this node; a quiz published on another node is seen after
 * {@link #TTL_MILLIS}.
 */
@Component
class QuizCache {

    static final long TTL_MILLIS = 60_000;

    private final JdbcClient jdbc;
    private volatile Set<Long> courses;
    private volatile long loadedAt;

    QuizCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean hasQuiz(long courseId) {
        Set<Long> c = courses;
        if (c == null || System.currentTimeMillis() - loadedAt > TTL_MILLIS) {
            Set<Long> fresh = ConcurrentHashMap.newKeySet();
            fresh.addAll(jdbc.sql("select course_id from exam where course_id is not null and status = 'PUBLISHED'").query(Long.class).list());
            courses = c = fresh;
            loadedAt = System.currentTimeMillis();
        }
        return c.contains(courseId);
    }

    void forget() {
        courses = null;
    }

}
