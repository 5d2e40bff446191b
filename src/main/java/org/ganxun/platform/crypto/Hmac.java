package org.ganxun.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a key derived for one purpose from the platform's master key ({@link FieldCipher#hmac(String)}).
 * The one place where signed codes and tokens (check-in codes, evaluation tokens, study tokens) get their MAC, so
 * each purpose has its own key and nobody re-implements the JCE set-up. Thread-safe: one {@link Mac} per thread
 * (a JCE look-up costs more than the MAC of a short text).
 */
public final class Hmac {

    private final ThreadLocal<Mac> mac;

    Hmac(byte[] key) {
        byte[] k = key.clone();
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(k, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The 32-byte MAC of the text (UTF-8). */
    public byte[] sign(String text) {
        return mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code claimed} is the first {@code claimed.length} (≥ 16) bytes of the text's MAC; constant time. */
    public boolean verify(String text, byte[] claimed) {
        if (claimed == null || claimed.length < 16 || claimed.length > 32) {
            return false;
        }
        return MessageDigest.isEqual(Arrays.copyOf(sign(text), claimed.length), claimed);
    }
}
