package org.ganxun.training;

/** Kinds of training provider. */
public enum ProviderKind {
    PARTY_SCHOOL("党校"),
    ADMIN_COLLEGE("行政学院"),
    CADRE_COLLEGE("干部学院"),
    INSTITUTION("培训机构");

    private final String label;

    ProviderKind(String label) {
        this.label = label;
    }

    /** The Chinese word the UI shows. */
    public String label() {
        return label;
    }
}
