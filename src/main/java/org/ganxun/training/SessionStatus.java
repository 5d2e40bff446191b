package org.ganxun.training;

/** A timetable session's state; part B may add more (e.g. finished). */
public enum SessionStatus {
    SCHEDULED("已排课"),
    CANCELLED("已取消");

    private final String label;

    SessionStatus(String label) {
        this.label = label;
    }

    /** The Chinese word the UI shows. */
    public String label() {
        return label;
    }
}
