package org.ganxun.classroom.internal;

import java.time.Instant;
import java.util.List;

import org.ganxun.platform.security.Unscoped;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Wrong short check-in codes per trainee and session, in the database (nodes share it). After {@link #MAX} wrong codes
 * the trainee can no longer type codes for that session; the rotating QR code (a 128-bit token) still works, and the
 * registrar can lift the lock or mark the trainee at roll call.
 * <p>
 * Why this makes guessing hopeless: a typed code is {@link CheckInCodes#SHORT_DIGITS} = 8 digits, and two codes are
 * valid at any moment (the current and the previous slot). With at most 5 wrong tries per session, the chance that a
 * trainee who is not in the room guesses a valid code is at most 5 × 2 / 10^8 = 1 in 10 million per session, and
 * about 1 in 50,000 for someone who tried at every session of 200 a year. (Before: 6 digits and no limit, 218 tries
 * a second gave 99 % within a three-hour session.)
 */
@Component
public class CheckInAttempts {

    public static final int MAX = 5;

    private final JdbcClient jdbc;

    CheckInAttempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int failures(long sessionId, long cadreId) {
        return jdbc.sql("select failures from checkin_code_failure where session_id = ? and cadre_id = ?")
                .params(sessionId, cadreId).query(Integer.class).optional().orElse(0);
    }

    /** Counts a wrong code (in its own transaction: the refusal rolls back the check-in's); returns the tries left. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int recordFailure(long sessionId, long cadreId) {
        int n = jdbc.sql("""
                insert into checkin_code_failure as f (session_id, cadre_id, failures) values (?, ?, 1)
                on conflict (session_id, cadre_id) do update set failures = f.failures + 1, last_failed_at = now()
                returning failures""").params(sessionId, cadreId).query(Integer.class).single();
        return Math.max(MAX - n, 0);
    }

    public void clear(long sessionId, long cadreId) {
        jdbc.sql("delete from checkin_code_failure where session_id = ? and cadre_id = ?").params(sessionId, cadreId).update();
    }

    public record Lock(long cadreId, String cadreName, int failures, Instant lastFailedAt) {
    }

    /** Trainees of a session who may no longer type codes. */
    public List<Lock> locked(long sessionId) {
        return jdbc.sql(Unscoped.ofChecked("class", "ClassRows") + """
                select f.cadre_id, c.name, f.failures, f.last_failed_at from checkin_code_failure f join cadre_card c on c.id = f.cadre_id
                where f.session_id = ? and f.failures >= ? order by c.name""").params(sessionId, MAX)
                .query((rs, i) -> new Lock(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant())).list();
    }
}
