package org.ganxun.platform.db;

/**
 * LIKE patterns from what a user typed. {@code %} and {@code _} typed into a name filter are characters to
 * find, not wildcards (a filter of "%" used to match every row). PostgreSQL's default LIKE escape is the
 * backslash, so the SQL stays {@code column like :name}.
 */
public final class Like {

    private Like() {
    }

    /** The text with {@code \}, {@code %} and {@code _} escaped by a backslash. */
    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A pattern matching values that contain the (stripped) text anywhere. */
    public static String contains(String text) {
        return "%" + escape(text.strip()) + "%";
    }
}
