package org.ganxun.platform.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import static org.ganxun.platform.security.Permission.*;

/**
 * The built-in roles and what each may do: the one place where a role's permissions are written. They are
 * copied into the role table at start ({@code app_role}, where a security administrator adds custom roles
 * beside them) and cannot be changed there; a county that wants another shape copies one into a custom role.
 * The UI shows {@link #label()}.
 */
public enum Role {
    SYSTEM_ADMIN("系统管理员", DataScopeKind.ALL, business(EnumSet.of(USER_MANAGE, SYSTEM_OPERATE), SELF_SERVICE)),
    SECURITY_ADMIN("安全管理员", DataScopeKind.ALL, EnumSet.of(ROLE_MANAGE)),
    AUDIT_ADMIN("审计管理员", DataScopeKind.ALL, EnumSet.of(AUDIT_VIEW)),
    ORG_DEPT_ADMIN("组织部管理员", DataScopeKind.SUBTREE, business(EnumSet.of(USER_MANAGE), SELF_SERVICE)),
    PROVIDER_REGISTRAR("培训机构教务员", DataScopeKind.SUBTREE, EnumSet.of(ROSTER_VIEW, ROSTER_EXPORT, TRAINING_VIEW, CLASS_FILE,
            PROVIDER_MANAGE, INSTRUCTOR_MANAGE, CLASSROOM_MANAGE, EXPENSE_MANAGE)),
    UNIT_LIAISON("单位培训专管员", DataScopeKind.SUBTREE, EnumSet.of(ORG_VIEW, ROSTER_VIEW, ROSTER_EDIT, ROSTER_IMPORT,
            ROSTER_EXPORT, PHONE_VIEW, TRAINING_VIEW, CLASS_FILE, ENROLL_NOMINATE, PARTYEDU_MANAGE, PARTYEDU_SITE_MANAGE, SECONDMENT_UNIT,
            SURVEY_ENTER, HOURS_RECORD, COMPLIANCE_VIEW, COMPLIANCE_REMIND, STUDY_INTEGRITY_VIEW, STATS_VIEW)),
    BRANCH_SECRETARY("党支部书记", DataScopeKind.SUBTREE, EnumSet.of(ORG_VIEW, ROSTER_VIEW, ROSTER_EXPORT, PHONE_VIEW, PARTYEDU_MANAGE,
            HOURS_RECORD, COMPLIANCE_VIEW, STATS_VIEW)),
    CADRE("干部", DataScopeKind.SELF, EnumSet.of(SELF_SERVICE));

    private final String label;
    private final DataScopeKind dataScope;
    private final Set<Permission> permissions;

    Role(String label, DataScopeKind dataScope, Set<Permission> permissions) {
        this.label = label;
        this.dataScope = dataScope;
        this.permissions = Collections.unmodifiableSet(permissions);
    }

    /** Every business permission but {@code except}, plus {@code extra}. */
    private static Set<Permission> business(Set<Permission> extra, Permission except) {
        EnumSet<Permission> s = EnumSet.noneOf(Permission.class);
        for (Permission p : Permission.values()) {
            if (p.duty() == Permission.Duty.BUSINESS && p != except) {
                s.add(p);
            }
        }
        s.addAll(extra);
        return s;
    }

    public String label() {
        return label;
    }

    public DataScopeKind dataScope() {
        return dataScope;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** The built-in role of this code, or null for a custom role. */
    public static Role builtIn(String code) {
        for (Role r : values()) {
            if (r.name().equals(code)) {
                return r;
            }
        }
        return null;
    }
}
