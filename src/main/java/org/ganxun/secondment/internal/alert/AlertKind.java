package org.ganxun.secondment.internal.alert;

/** What a secondment alert is about. */
public enum AlertKind {
    LOG_OVERDUE("工作日志逾期"),
    ENDING_SOON("挂职即将期满"),
    ENDED_WITHOUT_EVALUATION("期满未考核");

    private final String label;

    AlertKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
