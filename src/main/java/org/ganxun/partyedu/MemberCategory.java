package org.ganxun.partyedu;

/** What a party member does (党员类别), for statistics and for choosing whom to message. */
public enum MemberCategory {
    CADRE("在职干部"),
    FARMER("农民"),
    MIGRANT_WORKER("外出务工"),
    RETIRED("离退休"),
    STUDENT("学生"),
    OTHER("其他");

    private final String label;

    MemberCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
