package org.ganxun.platform.ops;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.ganxun.platform.crypto.FieldCipher;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node whose master key is not the one the database was written with: a second node started
 * without {@code GANXUN_CRYPTO_KEY} would generate a key of its own and could read no citizen ID, find no one by
 * it, and hand out check-in codes the other node rejects. The first node stores a check value derived from its
 * key (V141); every node compares its own with it at start.
 */
@Component
class KeyAgreement implements SmartInitializingSingleton {

    private final FieldCipher cipher;
    private final JdbcClient jdbc;

    KeyAgreement(FieldCipher cipher, JdbcClient jdbc) {
        this.cipher = cipher;
        this.jdbc = jdbc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        byte[] mine = checkValue(cipher);
        jdbc.sql("insert into crypto_key_check (id, check_value) values (1, ?) on conflict (id) do nothing").param(mine).update();
        byte[] stored = jdbc.sql("select check_value from crypto_key_check where id = 1").query(byte[].class).single();
        if (!MessageDigest.isEqual(mine, stored)) {
            throw new IllegalStateException("This node's encryption key (GANXUN_CRYPTO_KEY, or the key file in its data"
                    + " directory) is not the key the database was written with. Give every node the same"
                    + " GANXUN_CRYPTO_KEY (docs/operations.md).");
        }
    }

    static byte[] checkValue(FieldCipher cipher) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(cipher.derivedKey("ganxun-key-check"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
