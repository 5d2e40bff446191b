package org.ganxun.archive;

/** Where credited hours come from. Caps per source in a rule set refer to these. */
public enum CreditSource {
    CLASS_COMPLETION("培训班结业"),
    ONLINE_COURSE("网络培训"),
    /** A course completed in this platform's own 网络学院 (the learning module), credited by CourseCompletionCredits. */
    ONLINE_ACADEMY("网络学院"),
    GROUP_STUDY("集体学习"),
    /**
     * Party study (主题党日, 党课, 支部学习 and other 组织生活): counts toward party members' yearly study, and toward
     * a cadre's training only where a rule set lists it (issue 15 item 4).
     */
    PARTY_STUDY("党员学习"),
    EXTERNAL_TRAINING("外出培训认定"),
    TEACHING("授课"),
    OTHER("其他");

    private final String label;

    CreditSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
