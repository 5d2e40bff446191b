package org.ganxun.archive;

/** What a reported quantity is measured in, before conversion to 学时. */
public enum QuantityUnit {
    HOURS("学时"), DAYS("天"), MINUTES("分钟");

    private final String label;

    QuantityUnit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
