package org.ganxun.training;

/** How a trainee came to a class: nominated by a unit within its quota, or named by the organisation department (点名调训). */
public enum EnrollmentSource {
    NOMINATED("单位推荐"),
    NAMED("点名调训");

    private final String label;

    EnrollmentSource(String label) {
        this.label = label;
    }

    /** The Chinese word the UI shows. */
    public String label() {
        return label;
    }
}
