package org.ganxun.learning;

/** What an assignment is: required courses (必修) or a course list on a theme (专题, e.g. this year's theme study). */
public enum AssignmentKind {
    REQUIRED("必修"),
    THEME("专题");

    private final String label;

    AssignmentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
