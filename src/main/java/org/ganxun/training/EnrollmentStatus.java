package org.ganxun.training;

/** A trainee's place in a class. ENROLLED holds a seat, WAITLISTED waits in order; WITHDRAWN (by the unit) and CANCELLED (class cancelled) end it. COMPLETED, NOT_COMPLETED and DISMISSED (退学) are set when the class is completed. */
public enum EnrollmentStatus {
    ENROLLED("已报名"),
    WAITLISTED("候补"),
    WITHDRAWN("已退出"),
    CANCELLED("已取消"),
    COMPLETED("已结业"),
    /** Finished the class without meeting the completion rules (absence or assessment): no certificate. */
    NOT_COMPLETED("未结业"),
    DISMISSED("已退学");

    private final String label;

    EnrollmentStatus(String label) {
        this.label = label;
    }

    /** The Chinese word the UI shows. */
    public String label() {
        return label;
    }
}
