package org.ganxun.platform.excel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Citizen IDs in what import jobs show users (errors, messages, error workbooks): masked as people.CitizenId.masked()
 * masks them (first 6 and last 4 characters kept), whether in a column of IDs or inside a text.
 */
public final class Masking {

    /** 15 to 18 digits (the last one may be X): a citizen ID, or most of one, standing alone. */
    private static final Pattern ID_LIKE = Pattern.compile("(?<![0-9A-Za-z])\\d{14,17}[0-9Xx](?![0-9A-Za-z])");

    private Masking() {
    }

    /** The mask of a citizen ID value (as CitizenId.mask); short values are not IDs and stay. */
    public static String citizenId(String v) {
        if (v == null || v.strip().length() < 10) {
            return v;
        }
        String s = v.strip();
        return s.substring(0, 6) + "********" + s.substring(s.length() - 4);
    }

    /** A text with every ID-like run of digits masked. */
    public static String citizenIdsIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ID_LIKE.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        do {
            m.appendReplacement(b, Matcher.quoteReplacement(citizenId(m.group())));
        } while (m.find());
        return m.appendTail(b).toString();
    }

    /** Whether a column (by its header) holds citizen IDs. */
    public static boolean isCitizenIdColumn(String header) {
        return header != null && (header.contains("身份证") || header.contains("身份号码") || header.contains("证件号"));
    }

    /** A row error as users may read it. */
    public static RowError masked(RowError e) {
        String value = isCitizenIdColumn(e.column()) ? citizenId(e.value()) : citizenIdsIn(e.value());
        return new RowError(e.row(), e.column(), value, citizenIdsIn(e.message()));
    }
}
