package org.ganxun.org;

/** Kinds of node in the party tree. */
public enum PartyOrgKind {
    COMMITTEE("党委"),
    WORKING_COMMITTEE("党工委"),
    GENERAL_BRANCH("党总支"),
    BRANCH("党支部");

    private final String label;

    PartyOrgKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
