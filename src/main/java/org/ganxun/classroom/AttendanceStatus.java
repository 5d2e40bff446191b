package org.ganxun.classroom;

/**
 * A trainee's attendance at one session. PRESENT, LATE and ABSENT can be stored (check-in or roll call);
 * LEAVE comes from an approved leave request; NOT_YET means no check-in while the session has not ended.
 */
public enum AttendanceStatus {
    PRESENT("出勤"),
    LATE("迟到"),
    ABSENT("缺课"),
    LEAVE("请假"),
    NOT_YET("未签到");

    private final String label;

    AttendanceStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the hours of the session are earned. */
    public boolean attended() {
        return this == PRESENT || this == LATE;
    }
}
