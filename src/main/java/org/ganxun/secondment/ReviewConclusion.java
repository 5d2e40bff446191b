package org.ganxun.secondment;

/** The conclusion of a mid-term review (中期检查). */
public enum ReviewConclusion {
    GOOD("好"),
    FAIR("较好"),
    NEEDS_IMPROVEMENT("需改进");

    private final String label;

    ReviewConclusion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
