package org.ganxun.people;

import org.ganxun.platform.excel.CellText;

/**
 * 人员编号: a person's stable number, which exports carry and imports match on, so that an exported roster (whose
 * citizen IDs are masked) can be edited and imported back. It is the cadre's id, eight digits or more, after "GX" and
 * before a check digit (Luhn), so that a mistyped number is refused instead of updating someone else:
 * id 1234 is {@code GX000012344}. It never changes and says nothing about the person.
 */
public final class PersonNo {

    private static final String PREFIX = "GX";

    private PersonNo() {
    }

    public static String of(long id) {
        String digits = String.format("%08d", id);
        return PREFIX + digits + check(digits);
    }

    /** The id a number stands for; null if the text is not a well-formed number with the right check digit. */
    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String t = CellText.squeeze(CellText.normalize(text)).toUpperCase();
        if (!t.startsWith(PREFIX) || t.length() < PREFIX.length() + 9 || t.length() > PREFIX.length() + 18) {
            return null;
        }
        String digits = t.substring(PREFIX.length(), t.length() - 1);
        char given = t.charAt(t.length() - 1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || given != check(digits)) {
            return null;
        }
        long id = Long.parseLong(digits);
        return id > 0 ? id : null;
    }

    /** The Luhn check digit of the digits. */
    static char check(String digits) {
        int sum = 0;
        boolean twice = true; // the rightmost digit of the payload is doubled, the check digit being appended after it
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
