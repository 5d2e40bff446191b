package org.ganxun.archive;

public enum EntryStatus {
    PENDING("待审核"), APPROVED("已认定"), REJECTED("未通过");

    private final String label;

    EntryStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
