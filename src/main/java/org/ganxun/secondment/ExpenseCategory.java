package org.ganxun.secondment;

/** The support budget's categories (后勤保障经费). */
public enum ExpenseCategory {
    HOUSING("生活住房"),
    TRANSPORT("交通乘车"),
    TRAVEL("差旅费");

    private final String label;

    ExpenseCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
