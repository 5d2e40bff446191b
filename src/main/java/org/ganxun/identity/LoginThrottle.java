package org.ganxun.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Throttles failed logins by name and client address with growing delays, in the database (several nodes may
 * share it). Three keys are counted on every failure: the (name, address) pair, the name from anywhere and the
 * address whatever the name. Once a key has {@code threshold} failures (within {@code window}) it is blocked for
 * {@code firstDelay}, and each failure after a block runs out doubles it up to {@code maxDelay}. Attempts while
 * blocked are refused without being counted, so nobody can keep an account locked by trying again and again:
 * at worst they slow their own address down.
 * <p>
 * A login from an address the user has signed in from before is held only by its own pair: failures of the same
 * name from other addresses (someone trying to lock {@code admin} out) and of other names from the same address
 * do not block it. Names without an account are counted exactly like real ones.
 * <p>
 * Behind a reverse proxy the client address must be the forwarded one (server.forward-headers-strategy), or every
 * user shares the proxy's address.
 * <p>
 * Block and failure times are read from the users' {@link Clock}, not the database's {@code now()}, so that the
 * wait reported and the block compared are the same clock's (and tests can move it).
 */
@Component
class LoginThrottle {

    private static final int NAME_MAX = 50;
    private static final int ADDRESS_MAX = 64;

    private final JdbcClient jdbc;
    private final int pairThreshold;
    private final int nameThreshold;
    private final int addressThreshold;
    private final int firstDelayMinutes;
    private final int maxDelayMinutes;
    private final int windowHours;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock,
                  @Value("${ganxun.login.max-attempts:5}") int pairThreshold,
                  @Value("${ganxun.login.max-attempts-per-name:10}") int nameThreshold,
                  @Value("${ganxun.login.max-attempts-per-address:30}") int addressThreshold,
                  @Value("${ganxun.login.first-delay-minutes:1}") int firstDelayMinutes,
                  @Value("${ganxun.login.max-delay-minutes:60}") int maxDelayMinutes,
                  @Value("${ganxun.login.window-hours:24}") int windowHours) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pairThreshold = pairThreshold;
        this.nameThreshold = nameThreshold;
        this.addressThreshold = addressThreshold;
        this.firstDelayMinutes = firstDelayMinutes;
        this.maxDelayMinutes = maxDelayMinutes;
        this.windowHours = windowHours;
    }

    /** What a failure leaves: attempts left from this address before a wait, and the wait now in force (waitFor) (or zero). */
    record Failure(int attemptsLeft, Duration waitFor) {
    }

    static String name(String username) {
        String n = username == null ? "" : username.strip();
        return n.codePointCount(0, n.length()) > NAME_MAX ? n.substring(0, n.offsetByCodePoints(0, NAME_MAX)) : n;
    }

    static String address(String remoteAddr) {
        String a = remoteAddr == null ? "?" : remoteAddr;
        return a.length() > ADDRESS_MAX ? a.substring(0, ADDRESS_MAX) : a;
    }

    /** The time the throttle goes by, for its SQL's {@code :now}. */
    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** How long this name must wait before trying from this address (zero: go ahead). */
    @Transactional(readOnly = true)
    public Duration waitFor(String username, String remoteAddr) {
        String u = name(username);
        String a = address(remoteAddr);
        OffsetDateTime now = now();
        OffsetDateTime until = jdbc.sql("""
                select max(t.blocked_until) from login_throttle t
                where t.blocked_until > :now and ((t.username = :u and t.address = :a)
                   or (not exists (select 1 from login_known_address k where k.username = :u and k.address = :a)
                       and ((t.username = :u and t.address = '') or (t.username = '' and t.address = :a))))""")
                .param("u", u).param("a", a).param("now", now).query(OffsetDateTime.class).optional().orElse(null);
        return until == null ? Duration.ZERO : Duration.between(now, until);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Failure recordFailure(String username, String remoteAddr) {
        String u = name(username);
        String a = address(remoteAddr);
        if (u.isEmpty()) {
            return new Failure(pairThreshold, Duration.ZERO); // ('', address) is the address's own row
        }
        int pair = count(u, a, pairThreshold);
        count(u, "", nameThreshold);
        count("", a, addressThreshold);
        return new Failure(Math.max(pairThreshold - pair, 0), waitFor(u, a));
    }

    /** Counts one failure of a key; returns its failures so far. */
    private int count(String u, String a, int threshold) {
        // failures older than the window start the count again; the exponent is clamped so power() cannot overflow
        String failures = "(case when t.last_failed_at < cast(:now as timestamptz) - make_interval(hours => :window) then 1 else t.failures + 1 end)";
        return jdbc.sql("""
                insert into login_throttle as t (username, address, failures, last_failed_at, blocked_until)
                values (:u, :a, 1, :now, case when 1 >= :max then cast(:now as timestamptz) + make_interval(mins => :first) end)
                on conflict (username, address) do update set
                    failures = %1$s,
                    last_failed_at = :now,
                    blocked_until = case when %1$s >= :max
                        then cast(:now as timestamptz) + make_interval(mins => least(:first * power(2, least(%1$s - :max, 20)), :cap)::int)
                        else t.blocked_until end
                returning failures""".formatted(failures))
                .param("u", u).param("a", a).param("max", threshold).param("first", firstDelayMinutes)
                .param("cap", maxDelayMinutes).param("window", windowHours).param("now", now())
                .query(Integer.class).single();
    }

    /** A successful login clears its pair and remembers the address; the name's other counts stay (an attack may go on). */
    @Transactional
    public void recordSuccess(String username, String remoteAddr) {
        String u = name(username);
        String a = address(remoteAddr);
        jdbc.sql("delete from login_throttle where username = ? and address = ?").params(u, a).update();
        jdbc.sql("""
                insert into login_known_address as k (username, address, last_login_at) values (?, ?, ?)
                on conflict (username, address) do update set last_login_at = excluded.last_login_at""").params(u, a, now()).update();
    }

    /** An administrator lifts every block and count of a name. */
    @Transactional
    public void unlock(String username) {
        jdbc.sql("delete from login_throttle where username = ?").param(name(username)).update();
    }

    /** Forgets counts that have run out (names tried once in a while, usually ones without an account). */
    @Scheduled(cron = "${ganxun.login.cleanup-cron:0 40 3 * * *}")
    @SchedulerLock(name = "login-throttle-cleanup", lockAtMostFor = "PT30M", lockAtLeastFor = "${ganxun.jobs.hold-after-run:PT5M}")
    public void forgetOldFailures() {
        OffsetDateTime now = now();
        jdbc.sql("delete from login_throttle where last_failed_at < cast(? as timestamptz) - make_interval(hours => ?)"
                + " and (blocked_until is null or blocked_until < ?)").params(now, windowHours, now).update();
    }

    /** Minutes to wait, rounded up, for messages. */
    static long minutes(Duration wait) {
        return Math.max(1, (wait.toSeconds() + 59) / 60);
    }

    Optional<Integer> failuresOf(String username) {
        return jdbc.sql("select failures from login_throttle where username = ? and address = ''").param(name(username))
                .query(Integer.class).optional();
    }
}
