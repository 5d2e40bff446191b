package org.ganxun.secondment.internal.selection;

/** Where a candidate stands in the selection. */
public enum CandidateStatus {
    REGISTERED("已报名"),
    SELECTED("已选派"),
    NOT_SELECTED("未选派"),
    REFUSED("派出单位不放行");

    private final String label;

    CandidateStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
