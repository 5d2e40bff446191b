package org.ganxun.platform.excel;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How text from people's spreadsheets is cleaned and read: full-width digits and letters become ASCII,
 * every kind of space (also U+3000 and NBSP) is trimmed, and dates and yes/no are read in the ways
 * clerks write them.
 */
public final class CellText {

    private static final Pattern YMD = Pattern.compile(
            "^(\\d{4})\\s*[.\\-/年]\\s*(\\d{1,2})\\s*(?:[.\\-/月]\\s*(\\d{1,2})\\s*日?|月)?"
                    + "(?:\\s*[T ]?\\s*\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?$");
    private static final Pattern DIGITS = Pattern.compile("^\\d{6}$|^\\d{8}$");

    private CellText() {
    }

    /**
     * Full-width ASCII (U+FF01..U+FF5E) to ASCII, ideographic and no-break spaces to plain spaces,
     * zero-width characters removed, then stripped. Null stays null; blank becomes "".
     */
    public static String normalize(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char r = c;
            if (c >= '\uFF01' && c <= '\uFF5E') {
                r = (char) (c - 0xFEE0);
            } else if (c == '\u3000' || c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\t'
                    || c == '\r' || c == '\n') {
                r = ' ';
            } else if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF') {
                r = 0;
            }
            if (r != c && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null && r != 0) {
                b.append(r);
            }
        }
        return (b == null ? s : b.toString()).strip();
    }

    /** A person's name: in a name written in Chinese characters, spaces used to pad it ("王  五") are dropped. */
    public static String name(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        String squeezed = squeeze(s);
        return squeezed.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || cp == '·' || cp == '•') ? squeezed : collapse(s);
    }

    /**
     * A date written as 1975.03, 1975-03-12, 1975/3/12, 1975年3月, 1975年3月12日, 197503 or 19750312.
     * Year and month only give the 1st of the month. Null when it cannot be read.
     */
    public static LocalDate date(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        String t = collapse(s).strip();
        try {
            Matcher m = YMD.matcher(t);
            if (m.matches()) {
                int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
                return plausible(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), day));
            }
            if (DIGITS.matcher(t).matches()) {
                int y = Integer.parseInt(t.substring(0, 4));
                int mo = Integer.parseInt(t.substring(4, 6));
                int d = t.length() == 8 ? Integer.parseInt(t.substring(6, 8)) : 1;
                return plausible(LocalDate.of(y, mo, d));
            }
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static LocalDate plausible(LocalDate d) {
        return d.getYear() >= 1900 && d.getYear() <= 2100 ? d : null;
    }

    /** 是/否, Y/N, √/×, true/false, 1/0; null for blank; IllegalArgumentException for anything else. */
    public static Boolean bool(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        return switch (squeeze(s).toUpperCase()) {
            case "是", "Y", "YES", "√", "✓", "✔", "TRUE", "1", "对", "有" -> Boolean.TRUE;
            case "否", "N", "NO", "×", "✗", "✘", "X", "FALSE", "0", "不是", "无" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(s);
        };
    }

    /**
     * {@code s} without whitespace (what the regex {@code \\s} matches: space, tab, line breaks, form feed).
     * Called for every cell of an import, so written without a regex.
     */
    public static String squeeze(String s) {
        return replaceSpaceRuns(s, "");
    }

    /** {@code s} with each run of whitespace turned into one space. */
    public static String collapse(String s) {
        return replaceSpaceRuns(s, " ");
    }

    private static String replaceSpaceRuns(String s, String with) {
        int i = 0;
        while (i < s.length() && !space(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, i);
        boolean inRun = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!space(c)) {
                b.append(c);
                inRun = false;
            } else if (!inRun) {
                b.append(with);
                inRun = true;
            }
        }
        return b.toString();
    }

    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }
}
