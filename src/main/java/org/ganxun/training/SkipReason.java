package org.ganxun.training;

/** Why a waitlisted person was passed over for a freed seat. */
public enum SkipReason {
    QUOTA_FULL("本单位名额已满"),
    /** No quota of their own, and every free seat is held for a unit's unused quota. */
    SEAT_HELD("空位留作单位名额"),
    DATE_CLASH("同期已参加其他班次"),
    INACTIVE("人员已不在职"),
    NOT_ELIGIBLE("不属于培训对象");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    /** The Chinese word the UI shows. */
    public String label() {
        return label;
    }
}
