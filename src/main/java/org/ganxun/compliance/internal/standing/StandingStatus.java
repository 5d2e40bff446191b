package org.ganxun.compliance.internal.standing;

public enum StandingStatus {
    MET("已达标"),
    SHORT("未达标"),
    OVERDUE("已逾期");

    private final String label;

    StandingStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
