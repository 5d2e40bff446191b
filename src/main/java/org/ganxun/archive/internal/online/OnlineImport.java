package org.ganxun.archive.internal.online;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.excel.RowError;

/**
 * An online-learning import as the UI shows it: after the upload, the header row found and its columns
 * (with sample values and a proposed mapping); after the run, the counts and the first 200 errors (all are
 * in the error report).
 */
public record OnlineImport(long id, String fileName, Status status, int headerRow, List<Column> columns,
                           Map<OnlineColumn, Integer> proposedMapping, Map<OnlineColumn, Integer> mapping, String platform,
                           ImportMode mode, int totalRows, int processedRows, int creditedCount, BigDecimal creditedHours,
                           int skippedCount, int errorRowCount, List<RowError> errors, String message, Instant createdAt,
                           Instant finishedAt) {

    public enum Status {
        /** Uploaded; waiting for the user to confirm the mapping. */
        UPLOADED,
        QUEUED, RUNNING, COMPLETED,
        /** All-or-nothing with bad rows, or a file that cannot be imported: nothing stored. */
        REJECTED,
        /** Unexpected failure or interrupted: nothing stored, can be retried. */
        FAILED
    }

    /** A column of the file: its position (0-based), its title in the header row, values of the first rows. */
    public record Column(int index, String title, List<String> samples) {
    }

    /** The fields a user maps, for the mapping form. */
    public record Field(OnlineColumn key, String label, String hint) {
    }
}
