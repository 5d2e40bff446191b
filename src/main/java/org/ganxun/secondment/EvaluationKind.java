package org.ganxun.secondment;

/** 平时考核 or 期满考核. */
public enum EvaluationKind {
    REGULAR("平时考核"),
    FINAL("期满考核");

    private final String label;

    EvaluationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
