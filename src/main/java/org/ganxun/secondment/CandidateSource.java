package org.ganxun.secondment;

/** How a candidate was put forward (产生途径). */
public enum CandidateSource {
    RESERVE_POOL("后备干部库"),
    SELF("个人自荐"),
    PUBLIC("群众推荐"),
    ORGANISATION("组织推荐");

    private final String label;

    CandidateSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
