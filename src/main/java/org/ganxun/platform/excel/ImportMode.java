package org.ganxun.platform.excel;

/** What an import does with a file that has bad rows. */
public enum ImportMode {
    /** Any bad row: nothing is stored (status REJECTED). */
    ALL_OR_NOTHING,
    /** The good rows are stored, the bad ones reported. */
    VALID_ROWS
}
