package org.ganxun.platform.security;

/** The roles of Ganxun's users. The UI shows {@link #label()}. */
public enum Role {
    SYSTEM_ADMIN("系统管理员"),
    ORG_DEPT_ADMIN("组织部管理员"),
    PROVIDER_REGISTRAR("培训机构教务员"),
    UNIT_LIAISON("单位培训专管员"),
    BRANCH_SECRETARY("党支部书记"),
    CADRE("干部");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String authority() {
        return "ROLE_" + name();
    }

    /** Roles that may change organisation trees and the roster within their scope. */
    public boolean managesRoster() {
        return this == SYSTEM_ADMIN || this == ORG_DEPT_ADMIN || this == UNIT_LIAISON;
    }
}
