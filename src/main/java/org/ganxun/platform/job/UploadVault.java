package org.ganxun.platform.job;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.ganxun.platform.crypto.FieldCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Uploaded files of import jobs (roster import, online-hours import) at rest: sealed with AES-256-GCM under a key
 * derived from the platform's master key, so a database backup without the key does not hold anyone's citizen ID.
 * <p>
 * Retention: a job that ends completed without bad rows drops its file at once; a job with bad rows (its error
 * workbook is made from the file) or one that failed (it can be run again) keeps the sealed file for
 * {@code ganxun.import.file-retention-days} (7) days after it ended, and an online import left at its mapping step
 * as long after its upload; a nightly purge deletes them.
 */
@Component
public class UploadVault {

    private static final Logger log = LoggerFactory.getLogger(UploadVault.class);
    private static final byte[] MAGIC = {'G', 'X', 'E', '1'};
    private static final int IV_BYTES = 12;
    /** The job tables whose file_data this vault keeps. */
    private static final String[] TABLES = {"import_job", "online_import"};

    private final JdbcClient jdbc;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final int retentionDays;

    UploadVault(JdbcClient jdbc, FieldCipher cipher, @Value("${ganxun.import.file-retention-days:7}") int retentionDays) {
        this.jdbc = jdbc;
        this.key = new SecretKeySpec(cipher.derivedKey("ganxun-upload-file"), "AES");
        this.retentionDays = retentionDays;
    }

    public int retentionDays() {
        return retentionDays;
    }

    public byte[] seal(byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(MAGIC);
            byte[] ct = c.doFinal(plain);
            return ByteBuffer.allocate(MAGIC.length + IV_BYTES + ct.length).put(MAGIC).put(iv).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file; null when it was deleted; a file stored before sealing began is returned as it is. */
    public byte[] open(byte[] stored) {
        if (stored == null) {
            return null;
        }
        if (stored.length < MAGIC.length + IV_BYTES || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return stored;
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, MAGIC.length, IV_BYTES));
            c.updateAAD(MAGIC);
            return c.doFinal(stored, MAGIC.length + IV_BYTES, stored.length - MAGIC.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open an uploaded file: wrong key?", e);
        }
    }

    /** The nightly purge, on one node (ShedLock runs a method that returns nothing; {@link #purge} tells how many). */
    @Scheduled(cron = "${ganxun.import.purge-cron:0 30 3 * * *}", zone = "${spring.jackson.time-zone:Asia/Shanghai}")
    @SchedulerLock(name = "import-file-purge", lockAtMostFor = "PT30M", lockAtLeastFor = "${ganxun.jobs.hold-after-run:PT5M}")
    public void nightlyPurge() {
        purge();
    }

    /** Deletes the files whose retention has run out (nightly, and callable by tests). */
    public int purge() {
        int n = 0;
        for (String table : TABLES) {
            n += jdbc.sql("update " + table + " set file_data = null where file_data is not null and ("
                            + "(status in ('COMPLETED', 'REJECTED', 'FAILED') and finished_at < now() - make_interval(days => ?))"
                            + " or (finished_at is null and status not in ('QUEUED', 'RUNNING') and created_at < now() - make_interval(days => ?)))")
                    .params(retentionDays, retentionDays).update();
        }
        if (n > 0) {
            log.info("Deleted {} uploaded import file(s) past their {} days of retention", n, retentionDays);
        }
        return n;
    }
}
