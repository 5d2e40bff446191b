package org.ganxun.platform.security;

import java.util.EnumSet;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Work done on behalf of a user outside a request (demo data, tests): signed in as them on this thread for
 * the duration, so that scope checks, audit entries and "recorded by" are theirs; whoever was signed in
 * before is restored afterwards.
 * <p>
 * Work that no user asked for (a listener crediting the 学时 of a completed class, a member attending through their
 * personal link) runs as the system: {@link #system(String, Supplier)}, never as a made-up administrator.
 */
public final class RunAs {

    private static final Logger log = LoggerFactory.getLogger(RunAs.class);

    /** The system's user name in audit entries and "recorded by" columns (no account has id 0 or this role). */
    public static final String SYSTEM_USERNAME = "system";
    /** The system actor's role: not a role of {@link Role}, so no role check and no menu ever matches it. */
    public static final String SYSTEM_ROLE = "SYSTEM";

    /**
     * The system as an actor: no account (id 0), no permissions (so no endpoint, menu or personal-data view opens to
     * it), and a data scope of everything because the event it acts on (not a person's scope) decided which records
     * the work touches. Its reads still carry the marks of {@code DataScope} or {@code Unscoped} (ScopeGuard checks
     * them, since someone is signed in), and its audit entries name 系统 as the operator.
     */
    public static final CurrentUser SYSTEM = new CurrentUser(0, SYSTEM_USERNAME, "系统", "", SYSTEM_ROLE, "系统",
            DataScopeKind.ALL, EnumSet.noneOf(Permission.class), null, null, null, true, false);

    private RunAs() {
    }

    /**
     * Runs work that no user asked for as the system ({@link #SYSTEM}). {@code why} says what decided the work (the
     * event, the token), as {@code Unscoped.because} does; it is logged, so a reader of the code and the log knows.
     */
    public static <T> T system(String why, Supplier<T> work) {
        log.debug("As the system: {}", why);
        return as(SYSTEM, work);
    }

    /** {@link #system(String, Supplier)} for work that answers nothing. */
    public static void system(String why, Runnable work) {
        system(why, () -> {
            work.run();
            return null;
        });
    }

    /** Whether this user is the system actor rather than an account. */
    public static boolean isSystem(CurrentUser user) {
        return user != null && user.id() == 0 && SYSTEM_ROLE.equals(user.role());
    }

    public static <T> T as(CurrentUser user, Supplier<T> work) {
        Authentication previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }
}
