package org.ganxun.archive;

/** Concentrated (classroom, in person) or online: the split most rules are written against. */
public enum Delivery {
    CONCENTRATED("集中培训"),
    ONLINE("网络培训");

    private final String label;

    Delivery(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
