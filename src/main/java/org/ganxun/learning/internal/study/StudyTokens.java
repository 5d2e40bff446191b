package org.ganxun.learning.internal.study;

import java.time.Instant;
import java.util.Base64;

import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.crypto.Hmac;
import org.springframework.stereotype.Component;

/**
 * Study tokens: what a player's heartbeats carry instead of the HTTP session (docs/online-learning.md, "The
 * heartbeat path"). A token names one study session, its user and an expiry, signed with HMAC-SHA256 under a key
 * derived from the platform's master key for this purpose only: {@code <sessionId>.<userId>.<expiry epoch s>.<mac>}
 * with the first 16 bytes of the MAC in base64url. It proves who started which session without a database read; it
 * reaches nothing but that session's heartbeat, presence answer and end.
 */
@Component
class StudyTokens {

    /** What a presented token says, once its MAC and expiry are checked. */
    record Claim(long sessionId, long userId) {
    }

    private final Hmac mac;

    StudyTokens(FieldCipher cipher) {
        this.mac = cipher.hmac("ganxun-study-token");
    }

    String issue(long sessionId, long userId, Instant expires) {
        long exp = expires.getEpochSecond();
        byte[] m = java.util.Arrays.copyOf(mac.sign(text(sessionId, userId, exp)), 16);
        return sessionId + "." + userId + "." + exp + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(m);
    }

    /** The claim of a well-formed, authentic, unexpired token; null otherwise. */
    Claim verify(String token, Instant now) {
        if (token == null || token.length() > 120) {
            return null;
        }
        String[] p = token.strip().split("\\.");
        if (p.length != 4) {
            return null;
        }
        try {
            long sid = Long.parseLong(p[0]), uid = Long.parseLong(p[1]), exp = Long.parseLong(p[2]);
            byte[] claimed = Base64.getUrlDecoder().decode(p[3]);
            if (claimed.length != 16 || !mac.verify(text(sid, uid, exp), claimed) || now.getEpochSecond() >= exp) {
                return null;
            }
            return new Claim(sid, uid);
        } catch (IllegalArgumentException e) { // not numbers, not base64
            return null;
        }
    }

    private static String text(long sessionId, long userId, long expiry) {
        return "study:" + sessionId + ":" + userId + ":" + expiry;
    }
}
