package org.ganxun.classroom.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.crypto.Hmac;
import org.springframework.stereotype.Component;

/**
 * Rotating check-in codes. Time is cut into slots of the class's configured length (e.g. 60 s); the code of a
 * slot is an HMAC-SHA256 of (session id, slot) under a key derived from the platform's master key, so it is
 * valid for one session only and cannot be forged or predicted. The current and the previous slot are
 * accepted (a code scanned just before it changes still works), anything older is expired.
 * <p>
 * Token (in the QR code's URL): {@code <sessionId>.<slot>.<mac>} with 16 bytes of the MAC in base64url.
 * Short code (typed by hand): {@link #SHORT_DIGITS} digits from a second HMAC of the same (session, slot); typed
 * codes are also limited per trainee and session ({@link CheckInAttempts}, which gives the arithmetic).
 */
@Component
public class CheckInCodes {

    /** Digits of the typed code: 8, so that 5 tries per session leave a chance of 1 in 10 million (CheckInAttempts). */
    public static final int SHORT_DIGITS = 8;

    public enum Verdict { OK, INVALID, WRONG_SESSION, EXPIRED }

    public record Parsed(long sessionId, long slot, Verdict verdict) {
    }

    private final Hmac mac;

    CheckInCodes(FieldCipher cipher) {
        this.mac = cipher.hmac("ganxun-checkin-code");
    }

    public static long slot(Instant at, int seconds) {
        return at.getEpochSecond() / seconds;
    }

    /** When the slot's code stops being accepted (the end of the following slot). */
    static Instant validUntil(long slot, int seconds) {
        return Instant.ofEpochSecond((slot + 2) * seconds);
    }

    private byte[] hmac(String text) {
        return mac.sign(text);
    }

    public String token(long sessionId, long slot) {
        byte[] m = hmac("token:" + sessionId + ":" + slot);
        byte[] cut = java.util.Arrays.copyOf(m, 16);
        return sessionId + "." + slot + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(cut);
    }

    public String shortCode(long sessionId, long slot) {
        byte[] m = hmac("short:" + sessionId + ":" + slot);
        long v = 0;
        for (int i = 0; i < 6; i++) { // 48 bits: the modulo's bias is below 10^-6
            v = (v << 8) | (m[i] & 0xffL);
        }
        return String.format("%08d", v % 100_000_000L);
    }

    /** Checks a scanned token for the session it claims, at {@code now}. */
    public Parsed verifyToken(String token, Long expectedSessionId, Instant now, int seconds) {
        if (token == null) {
            return new Parsed(0, 0, Verdict.INVALID);
        }
        String[] parts = token.strip().split("\\.");
        if (parts.length != 3) {
            return new Parsed(0, 0, Verdict.INVALID);
        }
        long sessionId;
        long slot;
        try {
            sessionId = Long.parseLong(parts[0]);
            slot = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return new Parsed(0, 0, Verdict.INVALID);
        }
        if (!MessageDigest.isEqual(token(sessionId, slot).getBytes(StandardCharsets.US_ASCII),
                token.strip().getBytes(StandardCharsets.US_ASCII))) {
            return new Parsed(sessionId, slot, Verdict.INVALID);
        }
        if (expectedSessionId != null && expectedSessionId != sessionId) {
            return new Parsed(sessionId, slot, Verdict.WRONG_SESSION);
        }
        return new Parsed(sessionId, slot, timely(slot, now, seconds));
    }

    /** Checks a typed short code against the current and the previous slot of a session. */
    public Parsed verifyShortCode(long sessionId, String code, Instant now, int seconds) {
        // the projector shows the code in two groups ("1234 5678"): spaces and dashes typed with it do not matter
        String typed = code == null ? "" : code.replaceAll("[\\s\\-]", "");
        long current = slot(now, seconds);
        for (long s = current; s >= current - 1; s--) {
            if (MessageDigest.isEqual(shortCode(sessionId, s).getBytes(StandardCharsets.US_ASCII), typed.getBytes(StandardCharsets.US_ASCII))) {
                return new Parsed(sessionId, s, Verdict.OK);
            }
        }
        // an older code of the same session is reported as expired rather than wrong
        for (long s = current - 2; s >= current - 30; s--) {
            if (shortCode(sessionId, s).equals(typed)) {
                return new Parsed(sessionId, s, Verdict.EXPIRED);
            }
        }
        return new Parsed(sessionId, 0, Verdict.INVALID);
    }

    private static Verdict timely(long slot, Instant now, int seconds) {
        long current = slot(now, seconds);
        if (slot > current + 1) {
            return Verdict.INVALID; // from the future: not one of ours in time
        }
        return slot >= current - 1 ? Verdict.OK : Verdict.EXPIRED;
    }
}
