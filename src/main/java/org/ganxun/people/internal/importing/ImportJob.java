package org.ganxun.people.internal.importing;

import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.excel.RowError;

import java.time.Instant;
import java.util.List;

/**
 * An import as the UI polls it; {@code errors} are the first 200 (all are in the error report).
 * {@code unchangedCount}: rows of cadres already in the roster exactly as the file has them (nothing written).
 */
public record ImportJob(long id, String fileName, ImportMode mode, Status status, int totalRows, int processedRows,
                        int createdCount, int updatedCount, int unchangedCount, int errorRowCount, List<RowError> errors,
                        String message, Instant createdAt, Instant finishedAt) {

    public enum Status {
        QUEUED, RUNNING, COMPLETED,
        /** All-or-nothing with bad rows, or a file that cannot be imported: nothing stored. */
        REJECTED,
        /** Unexpected failure or interrupted: nothing stored, can be retried. */
        FAILED
    }
}
