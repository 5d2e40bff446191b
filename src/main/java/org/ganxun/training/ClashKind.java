package org.ganxun.training;

/** Kinds of filing clash (备案冲突), all warnings. */
public enum ClashKind {
    TARGET_DATES("培训对象与时间重叠"),
    DUPLICATE_CONTENT("内容相近"),
    INSTRUCTOR("师资时间冲突"),
    VENUE("场地时间冲突"),
    HOURS_BEYOND_LENGTH("学时多于课时长度");

    private final String label;

    ClashKind(String label) {
        this.label = label;
    }

    /** The Chinese word the UI shows. */
    public String label() {
        return label;
    }
}
