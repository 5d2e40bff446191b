package org.ganxun.classroom;

/** 请假: PENDING until the registrar decides; APPROVED leave is closed by the trainee reporting back (RETURNED, 销假). */
public enum LeaveStatus {
    PENDING("待审批"),
    APPROVED("已批准"),
    REFUSED("未批准"),
    RETURNED("已销假"),
    CANCELLED("已撤回");

    private final String label;

    LeaveStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Leave that counts against the class's hours. */
    public boolean granted() {
        return this == APPROVED || this == RETURNED;
    }
}
