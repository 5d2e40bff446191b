package org.ganxun.training;

/** Kinds of class (班次类型). */
public enum ClassType {
    CORE("主体班"),
    THEMATIC("专题班"),
    ROTATION("轮训"),
    INITIAL("初任培训"),
    APPOINTMENT("任职培训"),
    REFRESHER("更新知识培训"),
    SPECIALIZED("专门业务培训");

    private final String label;

    ClassType(String label) {
        this.label = label;
    }

    /** The Chinese word the UI shows. */
    public String label() {
        return label;
    }
}
