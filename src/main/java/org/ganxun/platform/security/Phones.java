package org.ganxun.platform.security;

/**
 * Phone numbers are personal data (issue 14): a reader sees a number in full only with {@link Permission#PHONE_VIEW}
 * (the work of calling people: liaisons, branch secretaries, the organisation department), masked otherwise — in
 * JSON through {@code platform.web.MaskedPhone}, in exports through {@link #forReader}. Internal uses (SMS) read the
 * stored number and are unaffected.
 */
public final class Phones {

    private Phones() {
    }

    /** 138****4444 for a mobile; a landline keeps its area code and last two digits. Null and blank stay so. */
    public static String mask(String phone) {
        if (phone == null || phone.isBlank() || phone.contains("*")) {
            return phone;
        }
        String p = phone.strip();
        if (p.matches("1\\d{10}")) {
            return p.substring(0, 3) + "****" + p.substring(7);
        }
        int keepHead = p.indexOf('-') > 0 ? p.indexOf('-') + 1 : Math.min(3, p.length() / 3);
        int keepTail = Math.min(2, Math.max(p.length() - keepHead - 1, 0));
        return p.substring(0, keepHead) + "*".repeat(Math.max(p.length() - keepHead - keepTail, 1))
                + p.substring(p.length() - keepTail);
    }

    /** The number as the current user may read it. */
    public static String forReader(String phone) {
        boolean full = CurrentUsers.current().map(u -> u.can(Permission.PHONE_VIEW)).orElse(false);
        return full ? phone : mask(phone);
    }

    /**
     * What to store when a form comes back: a reader without the permission received the masked number, and sending
     * it back unchanged means "unchanged", not "store the stars".
     */
    public static String keepIfMasked(String incoming, String stored) {
        return incoming != null && incoming.contains("*") && incoming.strip().equals(mask(stored)) ? stored : incoming;
    }
}
