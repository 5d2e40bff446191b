package org.ganxun.training;

/** In-house (本校) or invited (外聘) instructor. */
public enum InstructorKind {
    IN_HOUSE("本校"),
    INVITED("外聘");

    private final String label;

    InstructorKind(String label) {
        this.label = label;
    }

    /** The Chinese word the UI shows. */
    public String label() {
        return label;
    }
}
