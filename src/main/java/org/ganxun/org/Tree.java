package org.ganxun.org;

/** Which of the two organisation trees. */
public enum Tree {
    ADMINISTRATIVE("organization", "Organization", "单位"),
    PARTY("party_organization", "PartyOrganization", "党组织");

    final String table;
    final String auditType;
    final String label;

    Tree(String table, String auditType, String label) {
        this.table = table;
        this.auditType = auditType;
        this.label = label;
    }
}
