package org.ganxun.secondment;

/** The kind of a secondment programme (挂职方向). */
public enum Direction {
    OUTWARD("外派挂职"),
    DOWNWARD("下派挂职"),
    UPWARD("上派挂职"),
    FIRST_SECRETARY("驻村第一书记");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
