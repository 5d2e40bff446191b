package org.ganxun.platform.excel;

/** What an import does with a file that has bad rows. The labels are the import pages' wording, used in every message. */
public enum ImportMode {
    /** Any bad row: nothing is stored (status REJECTED). */
    ALL_OR_NOTHING("全部正确才导入"),
    /** The good rows are stored, the bad ones reported. */
    VALID_ROWS("仅导入正确行");

    private final String label;

    ImportMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
