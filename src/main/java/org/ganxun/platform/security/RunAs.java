package org.ganxun.platform.security;

import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Work done on behalf of a user outside a request (demo data, tests): signed in as them on this thread for
 * the duration, so that scope checks, audit entries and "recorded by" are theirs; whoever was signed in
 * before is restored afterwards.
 */
public final class RunAs {

    private RunAs() {
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
