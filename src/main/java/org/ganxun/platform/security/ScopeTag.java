package org.ganxun.platform.security;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The mark that a statement's data scope was decided in one place: {@link DataScope}'s conditions and
 * {@link Unscoped}'s declared exemptions carry it as an SQL comment, and {@code platform.db.ScopeGuard}
 * refuses a read of personal data without it. The mark holds a token drawn at start-up, so it cannot be
 * typed into a query by hand: the only way to carry it is to go through those two classes.
 */
public final class ScopeTag {

    /** Hex only: no character that a named-parameter or placeholder parser would look at. */
    static final String TOKEN = HexFormat.of().formatHex(seed());

    private ScopeTag() {
    }

    private static byte[] seed() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return b;
    }

    static String scoped() {
        return "/*scope " + TOKEN + "*/ ";
    }

    static String unscoped(String why) {
        return "/*unscoped " + TOKEN + " " + why + "*/ ";
    }

    /** Whether the statement carries a scope decision made in this process. */
    public static boolean carriedBy(String sql) {
        return sql.contains(TOKEN);
    }
}
