package org.ganxun.people.internal.cadre;

import org.ganxun.platform.excel.CellText;

/**
 * A contact phone number as clerks write it, in one stored form: a mobile as its 11 digits
 * ("138 0000 4444", "138-0000-4444", "+86 138 0000 4444" → 13800004444) and a landline as area code, hyphen,
 * number and, if given, hyphen and extension ("0816 1234567", "(0816)1234567", "08161234567" → 0816-1234567).
 * Full-width digits and every kind of space and dash are read as the plain ones.
 */
public final class PhoneNumber {

    private PhoneNumber() {
    }

    /**
     * The stored form of {@code s}; null for blank. Text that is no phone number comes back cleaned but otherwise
     * as written, for {@link CadreValidator} to refuse.
     */
    public static String normalize(String s) {
        if (s == null) {
            return null;
        }
        String t = CellText.normalize(s);
        if (t.isEmpty()) {
            return null;
        }
        // digit groups, as the writer separated them (by spaces, dashes, dots or parentheses)
        String[] groups = new String[t.length()];
        int count = 0;
        StringBuilder digits = new StringBuilder(t.length());
        StringBuilder group = new StringBuilder();
        boolean plus = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                group.append(c);
            } else if (separator(c) || c == '+' && digits.isEmpty() && !plus) {
                plus |= c == '+';
                if (!group.isEmpty()) {
                    groups[count++] = group.toString();
                    group.setLength(0);
                }
            } else {
                return t;
            }
        }
        if (!group.isEmpty()) {
            groups[count++] = group.toString();
        }
        String d = digits.toString();
        // a mobile, also with the country code (+86, 0086, or 86 before the 11 digits)
        String national = d.startsWith("0086") ? d.substring(4) : d.startsWith("86") && d.length() == 13 ? d.substring(2) : null;
        if (national != null && mobile(national)) {
            return national;
        }
        if (!plus && mobile(d)) {
            return d;
        }
        if (plus || count == 0 || d.charAt(0) != '0') {
            return t;
        }
        String landline = landline(groups, count);
        if (landline == null && count > 1) {
            // the last group an extension: 0816-1234567-801
            String ext = groups[count - 1];
            String line = landline(groups, count - 1);
            landline = line != null && ext.length() <= 6 ? line + "-" + ext : null;
        }
        return landline != null ? landline : t;
    }

    /**
     * Area code and number from the first {@code count} groups: as the writer split them when the first group is
     * an area code, else by the length of Chinese area codes (010 and 02x have three digits, all others four).
     */
    private static String landline(String[] groups, int count) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < count; i++) {
            all.append(groups[i]);
        }
        String first = groups[0];
        int area = count > 1 && (first.length() == 3 || first.length() == 4) ? first.length()
                : all.length() > 1 && (all.charAt(1) == '1' || all.charAt(1) == '2') ? 3 : 4;
        int number = all.length() - area;
        return number >= 7 && number <= 8 ? all.substring(0, area) + "-" + all.substring(area) : null;
    }

    private static boolean mobile(String d) {
        return d.length() == 11 && d.charAt(0) == '1' && d.charAt(1) >= '3';
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '（' || c == '）'
                || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2014' || c == '\u2212';
    }
}
