package org.ganxun.classroom;

/** What completion decided for a trainee. */
public enum CompletionOutcome {
    COMPLETED("结业"),
    NO_CERTIFICATE("不予结业"),
    DISMISSED("退学");

    private final String label;

    CompletionOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
