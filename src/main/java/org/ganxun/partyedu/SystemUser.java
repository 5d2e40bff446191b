package org.ganxun.partyedu;

import java.util.function.Supplier;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs a piece of system work (a member attending online through their personal link, who has no account)
 * as the system, so that services which check a signed-in user's scope (the archive's credit) accept it.
 * Only used after the caller has itself decided that the work is allowed.
 */
final class SystemUser {

    static final CurrentUser SYSTEM = new CurrentUser(0, "system", "系统", "", Role.SYSTEM_ADMIN, null, null, null, true, false);

    private SystemUser() {
    }

    static <T> T run(Supplier<T> work) {
        var context = SecurityContextHolder.getContext();
        var previous = context.getAuthentication();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(SYSTEM, null, SYSTEM.getAuthorities()));
        try {
            return work.get();
        } finally {
            context.setAuthentication(previous);
        }
    }
}
