package org.ganxun.planning.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.ganxun.training.ClassCalendar.CalendarClass;
import org.ganxun.training.ClassCalendar.CalendarSession;

/**
 * iCalendar text (RFC 5545) of calendar classes: one VEVENT per session (times converted from the county's zone,
 * Asia/Shanghai, to UTC), and one all-day VEVENT for a class that has no session in the window. Lines end with CRLF
 * and are folded at 75 octets without splitting a UTF-8 character (3.1); TEXT values escape backslash, semicolon,
 * comma and newlines (3.3.11).
 */
final class IcsWriter {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private IcsWriter() {
    }

    static String write(String calendarName, List<CalendarClass> classes, Instant stamp, String host) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Ganxun//Training calendar//ZH");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text(calendarName));
        line(out, "X-WR-TIMEZONE:Asia/Shanghai");
        for (CalendarClass c : classes) {
            if (c.sessions().isEmpty()) {
                line(out, "BEGIN:VEVENT");
                line(out, "UID:class-" + c.id() + "@" + host);
                line(out, "DTSTAMP:" + UTC.format(stamp));
                line(out, "DTSTART;VALUE=DATE:" + DATE.format(c.startsOn()));
                line(out, "DTEND;VALUE=DATE:" + DATE.format(c.endsOn().plusDays(1))); // exclusive end (3.6.1)
                line(out, "SUMMARY:" + text(c.name()));
                if (c.venue() != null) {
                    line(out, "LOCATION:" + text(c.venue()));
                }
                line(out, "DESCRIPTION:" + text(description(c, null)));
                line(out, "STATUS:" + (c.status().name().equals("DRAFT") || c.status().name().equals("FILED") ? "TENTATIVE" : "CONFIRMED"));
                line(out, "END:VEVENT");
            }
            for (CalendarSession s : c.sessions()) {
                line(out, "BEGIN:VEVENT");
                line(out, "UID:session-" + s.id() + "@" + host);
                line(out, "DTSTAMP:" + UTC.format(stamp));
                line(out, "DTSTART:" + utc(s.date(), s.startsAt().atDate(s.date())));
                line(out, "DTEND:" + utc(s.date(), s.endsAt().atDate(s.date())));
                line(out, "SUMMARY:" + text(s.topic() + "（" + c.name() + "）"));
                String venue = s.venue() != null ? s.venue() : c.venue();
                if (venue != null) {
                    line(out, "LOCATION:" + text(venue));
                }
                line(out, "DESCRIPTION:" + text(description(c, s)));
                line(out, "STATUS:CONFIRMED");
                line(out, "END:VEVENT");
            }
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static String description(CalendarClass c, CalendarSession s) {
        StringBuilder d = new StringBuilder("培训班：").append(c.name()).append('\n')
                .append("时间：").append(c.startsOn()).append(" 至 ").append(c.endsOn()).append('\n');
        if (c.providerName() != null) {
            d.append("承办：").append(c.providerName()).append('\n');
        }
        if (s != null && s.instructorName() != null) {
            d.append("授课：").append(s.instructorName()).append('\n');
        }
        return d.toString().strip();
    }

    private static String utc(LocalDate date, LocalDateTime local) {
        return UTC.format(local.atZone(ZONE).toInstant());
    }

    /** A TEXT value: backslash, semicolon, comma escaped; newlines as \n; other control characters dropped. */
    static String text(String v) {
        if (v == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case ';' -> b.append("\\;");
                case ',' -> b.append("\\,");
                case '\n' -> b.append("\\n");
                case '\r' -> { }
                default -> {
                    if (ch >= 0x20 && ch != 0x7f) {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Appends a content line folded at 75 octets (a CRLF and a space before each continuation). */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int i = 0;
        while (i < content.length()) {
            int cp = content.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + n > 75) {
                out.append("\r\n ");
                octets = 1; // the leading space counts
            }
            out.appendCodePoint(cp);
            octets += n;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
