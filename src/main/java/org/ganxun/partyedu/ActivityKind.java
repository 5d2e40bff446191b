package org.ganxun.partyedu;

/** Kinds of study activity a branch holds (三会一课 and 主题党日). */
public enum ActivityKind {
    BRANCH_STUDY("支部学习"),
    PARTY_DAY("主题党日"),
    PARTY_LECTURE("党课"),
    LECTURE("专题讲座");

    private final String label;

    ActivityKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
