package org.ganxun.archive;

/**
 * The kind of training an entry was (《干部教育培训工作条例》第十三条 and the class types of the glossary).
 * Initial and appointment training have deadlines of their own.
 */
public enum TrainingType {
    CORE("主体班"),
    THEMATIC("专题培训"),
    ROTATION("集中轮训"),
    INITIAL("初任培训"),
    APPOINTMENT("任职培训"),
    REFRESHER("更新知识培训"),
    SPECIALIZED("专门业务培训"),
    ON_THE_JOB("在职培训"),
    OTHER("其他");

    private final String label;

    TrainingType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
