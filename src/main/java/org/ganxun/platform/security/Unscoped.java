package org.ganxun.platform.security;

import java.util.regex.Pattern;

/**
 * A read of personal data that deliberately takes no data-scope condition in its SQL, and says why: the
 * row is fetched by its id and its scope checked before anything leaves the service, the rows are the
 * caller's own, or they are the trainees of a class the caller has been allowed to open. Prepend the
 * result to the statement. {@code platform.db.ScopeGuard} refuses reads of personal data that carry
 * neither this nor a {@link DataScope} condition, so forgetting the scope fails closed; every exemption
 * is a call of this class, which a reviewer can list.
 */
public final class Unscoped {

    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N} ,.()_-]");

    private Unscoped() {
    }

    /** The scope is checked on the row in Java after this read (name the check). */
    public static String rowChecked(String by) {
        return because("row checked by " + by);
    }

    /** The rows are the signed-in user's own (the statement binds their id). */
    public static String own() {
        return because("own rows");
    }

    /**
     * Rows that hang on an object whose access the caller has already passed (the trainees of a class that
     * {@code ClassRows} let them open, the candidates of a programme that {@code SecondmentAccess} let them run).
     */
    public static String ofChecked(String parent, String by) {
        return because("rows of a " + parent + " checked by " + by);
    }

    /** A person the request names, whose reference was checked against the scope ({@code @InScope}) or by the named check. */
    public static String referenceChecked(String by) {
        return because("reference checked by " + by);
    }

    /** Counts and sums that show no person. */
    public static String countsOnly() {
        return because("counts only");
    }

    public static String because(String why) {
        // the reason lands inside an SQL comment: nothing in it may end the comment or look like a parameter
        return ScopeTag.unscoped(UNSAFE.matcher(why).replaceAll(" "));
    }
}
