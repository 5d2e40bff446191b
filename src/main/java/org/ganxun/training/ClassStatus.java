package org.ganxun.training;

/** Where a class is in its life. Part A moves DRAFT → FILED → APPROVED / RETURNED (→ FILED again) and CANCELLED; part B adds IN_PROGRESS and COMPLETED. */
public enum ClassStatus {
    DRAFT("草稿"),
    FILED("待审批"),
    APPROVED("已备案"),
    RETURNED("已退回"),
    IN_PROGRESS("进行中"),
    COMPLETED("已结业"),
    CANCELLED("已取消");

    private final String label;

    ClassStatus(String label) {
        this.label = label;
    }

    /** The Chinese word the UI shows. */
    public String label() {
        return label;
    }
}
