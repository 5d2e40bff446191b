package org.ganxun.platform.excel;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits of one import: {@code ganxun.import.max-bytes} (default 20 MB) and {@code ganxun.import.max-rows}
 * (default 200,000 data rows). Mutable so that tests can lower them for a moment.
 */
@Component
public class ImportLimits {

    private volatile long maxBytes;
    private volatile int maxRows;

    ImportLimits(@Value("${ganxun.import.max-bytes:20971520}") long maxBytes,
                 @Value("${ganxun.import.max-rows:200000}") int maxRows) {
        this.maxBytes = maxBytes;
        this.maxRows = maxRows;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int maxRows() {
        return maxRows;
    }

    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public void setMaxRows(int maxRows) {
        this.maxRows = maxRows;
    }

    /** "20 MB" */
    public String maxBytesText() {
        long mb = maxBytes / (1024 * 1024);
        if (mb >= 1) {
            return mb + " MB";
        }
        return maxBytes >= 1024 ? (maxBytes / 1024) + " KB" : maxBytes + " 字节";
    }
}
