package org.ganxun.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts sensitive fields (the citizen ID) with AES-256-GCM and makes a keyed blind index (HMAC-SHA256)
 * so an exact value can be searched without decrypting every row.
 *
 * <p>The key comes from {@code GANXUN_CRYPTO_KEY} (base64 of 32 bytes). Without it, a key is generated once
 * into {@code ganxun.crypto.key-file} (under ./data by default) so that the embedded default just works;
 * production sets the variable and keeps the key outside the database's backups.
 */
@Component
public class FieldCipher {

    private static final Logger log = LoggerFactory.getLogger(FieldCipher.class);
    private static final int IV_BYTES = 12;

    private final SecretKeySpec encKey;
    private final byte[] master;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();
    // JCE lookups cost more than the work on an 18-character value: keep one instance per thread
    private final ThreadLocal<Cipher> gcm = ThreadLocal.withInitial(() -> newInstance("AES/GCM/NoPadding"));
    private final ThreadLocal<Mac> hmac;

    public FieldCipher(@Value("${ganxun.crypto.key:}") String base64Key,
                       @Value("${ganxun.crypto.key-file:./data/secret.key}") String keyFile) {
        byte[] master = StringUtils.hasText(base64Key) ? Base64.getDecoder().decode(base64Key.trim()) : loadOrCreate(Path.of(keyFile));
        if (master.length != 32) {
            throw new IllegalStateException("GANXUN_CRYPTO_KEY must be 32 bytes, base64-encoded");
        }
        this.master = master.clone();
        this.encKey = new SecretKeySpec(derive(master, "ganxun-field-encryption"), "AES");
        this.indexKey = new SecretKeySpec(derive(master, "ganxun-blind-index"), "HmacSHA256");
        this.hmac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(indexKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Cipher newInstance(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = gcm.get();
            c.init(Cipher.ENCRYPT_MODE, encKey, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith("v1:")) {
            throw new IllegalArgumentException("unknown cipher text format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(3));
            Cipher c = gcm.get();
            c.init(Cipher.DECRYPT_MODE, encKey, new GCMParameterSpec(128, all, 0, IV_BYTES));
            return new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt: wrong key?", e);
        }
    }

    /** Deterministic keyed hash for exact-match search. */
    public String blindIndex(String plain) {
        if (plain == null) {
            return null;
        }
        return HexFormat.of().formatHex(hmac.get().doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A 32-byte key for another purpose (e.g. signing check-in codes), derived from the same master key
     * as the field keys: HMAC-SHA256(master, purpose). Different purposes give independent keys.
     */
    public byte[] derivedKey(String purpose) {
        if (purpose.startsWith("ganxun-field-") || purpose.equals("ganxun-blind-index")) {
            throw new IllegalArgumentException("reserved key purpose");
        }
        return derive(master, purpose);
    }

    /** An HMAC-SHA256 signer under the key derived for this purpose ({@link #derivedKey(String)}). */
    public Hmac hmac(String purpose) {
        return new Hmac(derivedKey(purpose));
    }

    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            log.warn("Generated a new field-encryption key in {}; set GANXUN_CRYPTO_KEY in production", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
