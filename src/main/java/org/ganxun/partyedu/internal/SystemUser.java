package org.ganxun.partyedu.internal;

import java.util.function.Supplier;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.RunAs;

/**
 * Runs a piece of system work (a member attending online through their personal link, who has no account)
 * as the system, so that services which check a signed-in user's scope (the archive's credit) accept it.
 * Only used after the caller has itself decided that the work is allowed.
 */
public final class SystemUser {

    static final CurrentUser SYSTEM = RunAs.SYSTEM;

    private SystemUser() {
    }

    public static <T> T run(Supplier<T> work) {
        return RunAs.system("a party member attending through their personal study link (no account)", work);
    }
}
