package org.ganxun.secondment.internal.evaluation;

/** The grade of a secondment evaluation (考核等次); also the choices of a democratic-appraisal ballot. */
public enum Grade {
    EXCELLENT("优秀"),
    COMPETENT("称职"),
    BASICALLY_COMPETENT("基本称职"),
    INCOMPETENT("不称职");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
