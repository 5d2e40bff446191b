package org.ganxun.planning.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.RunAs;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.PublicUrl;
import org.ganxun.org.DataScopes;
import org.ganxun.training.ClassCalendar;
import org.ganxun.training.Instructors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * iCalendar feeds (培训日历订阅). Calendar apps cannot sign in, so a feed is reached by a secret link: 32 random bytes,
 * of which only the SHA-256 is stored; issuing a new link revokes the old one. A user's feed shows what that user
 * would see in the calendar (read as them, with their data scope as it is when the app fetches it, so a disabled
 * account's link stops working); a trainee's account shows their own classes; an instructor's feed, issued by whoever
 * keeps the instructor pool, shows only that instructor's sessions. The window is 30 days back to a year ahead.
 */
@Service
public class CalendarFeeds {

    static final int DAYS_BACK = 30;
    static final int DAYS_AHEAD = 365;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ClassCalendar calendar;
    private final Instructors instructors;
    private final UserDetailsService users;
    private final DataScopes scopes;
    private final PublicUrl publicUrl;
    private final AuditLog audit;
    private final Clock clock;

    CalendarFeeds(JdbcClient jdbc, ClassCalendar calendar, Instructors instructors, UserDetailsService users, DataScopes scopes,
                  PublicUrl publicUrl, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.instructors = instructors;
        this.users = users;
        this.scopes = scopes;
        this.publicUrl = publicUrl;
        this.audit = audit;
    }

    /** A link just issued: shown once, as only its hash is kept. */
    public record FeedLink(String url, Instant createdAt) {
    }

    public record FeedStatus(boolean exists, Instant createdAt, Instant lastUsedAt) {
    }

    @Transactional(readOnly = true)
    public FeedStatus mine() {
        CurrentUser me = CurrentUsers.require();
        return jdbc.sql("select created_at, last_used_at from calendar_feed where user_id = ?").param(me.id())
                .query((rs, i) -> new FeedStatus(true, rs.getTimestamp(1).toInstant(),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .optional().orElse(new FeedStatus(false, null, null));
    }

    @Transactional
    public FeedLink issueForMe() {
        CurrentUser me = CurrentUsers.require();
        jdbc.sql("delete from calendar_feed where user_id = ?").param(me.id()).update();
        String token = token();
        jdbc.sql("insert into calendar_feed (token_hash, user_id, created_by) values (?, ?, ?)")
                .params(hash(token), me.id(), me.username()).update();
        audit.record("CREATE", "CalendarFeed", "user-" + me.id(), "培训日历订阅链接（本人）", null, null);
        return new FeedLink(url(token), Instant.now(clock));
    }

    @Transactional
    public void revokeMine() {
        CurrentUser me = CurrentUsers.require();
        if (jdbc.sql("delete from calendar_feed where user_id = ?").param(me.id()).update() > 0) {
            audit.record("DELETE", "CalendarFeed", "user-" + me.id(), "培训日历订阅链接（本人）", null, null);
        }
    }

    /** A link for an instructor of the pool (visible to the caller), to send them. */
    @Transactional
    public FeedLink issueForInstructor(long instructorId) {
        Instructors.InstructorView who = instructors.get(instructorId); // 404 outside the caller's pool
        jdbc.sql("delete from calendar_feed where instructor_id = ?").param(instructorId).update();
        String token = token();
        jdbc.sql("insert into calendar_feed (token_hash, instructor_id, created_by) values (?, ?, ?)")
                .params(hash(token), instructorId, CurrentUsers.require().username()).update();
        audit.record("CREATE", "CalendarFeed", "instructor-" + instructorId, "培训日历订阅链接（教师：" + who.name() + "）", null, null);
        return new FeedLink(url(token), Instant.now(clock));
    }

    private String url(String token) {
        return publicUrl.base() + "/api/public/calendar/" + token + ".ics";
    }

    /** The feed's text, or empty when the token is unknown (or its account can no longer sign in). */
    @Transactional
    public Optional<String> ics(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        record Feed(long id, Long userId, Long instructorId) {
        }
        Optional<Feed> feed = jdbc.sql("select id, user_id, instructor_id from calendar_feed where token_hash = ?")
                .param(hash(token))
                .query((rs, i) -> new Feed(rs.getLong(1), (Long) rs.getObject(2), (Long) rs.getObject(3))).optional();
        if (feed.isEmpty()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate from = today.minusDays(DAYS_BACK);
        LocalDate to = today.plusDays(DAYS_AHEAD);
        String host = java.net.URI.create(publicUrl.base()).getHost();
        String text;
        if (feed.get().instructorId() != null) {
            text = IcsWriter.write("授课安排", calendar.ofInstructor(feed.get().instructorId(), from, to), Instant.now(clock), host);
        } else {
            Optional<CurrentUser> user = user(feed.get().userId());
            if (user.isEmpty()) {
                return Optional.empty();
            }
            text = RunAs.as(user.get(), () -> {
                DataScope scope = scopes.current();
                List<ClassCalendar.CalendarClass> classes = scope.all() || scope.orgPath() != null
                        ? calendar.between(from, to, new ClassCalendar.Filter(null, null, null, null, false))
                        : user.get().cadreId() != null ? calendar.ofTrainee(user.get().cadreId(), from, to) : List.of();
                return IcsWriter.write(scope.all() || scope.orgPath() != null ? "培训日历" : "我的培训", classes, Instant.now(clock), host);
            });
        }
        jdbc.sql("update calendar_feed set last_used_at = now() where id = ?").param(feed.get().id()).update();
        return Optional.of(text);
    }

    private Optional<CurrentUser> user(long userId) {
        String username = jdbc.sql(Unscoped.referenceChecked("calendar feed token") + "select username from account_name where id = ?")
                .param(userId).query(String.class).optional().orElse(null);
        if (username == null) {
            return Optional.empty();
        }
        try {
            UserDetails d = users.loadUserByUsername(username);
            if (d instanceof CurrentUser u && u.isEnabled() && u.isAccountNonLocked()) {
                return Optional.of(u);
            }
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
