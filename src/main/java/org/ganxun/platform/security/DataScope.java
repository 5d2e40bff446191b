package org.ganxun.platform.security;

/**
 * What a user may see and change: everything, an administrative subtree, a party subtree, or only their
 * own record. Paths are materialised tree paths such as {@code /1/7/42/}; a node is in scope when its
 * path starts with the scope's path.
 */
public record DataScope(boolean all, String orgPath, String partyOrgPath, Long selfCadreId) {

    public static DataScope everything() {
        return new DataScope(true, null, null, null);
    }

    public static DataScope nothing() {
        return new DataScope(false, null, null, null);
    }

    public boolean coversOrgPath(String path) {
        return all || (orgPath != null && path != null && path.startsWith(orgPath));
    }

    public boolean coversPartyOrgPath(String path) {
        return all || (partyOrgPath != null && path != null && path.startsWith(partyOrgPath));
    }

    /**
     * A SQL condition restricting rows to this scope. The caller names the columns holding the row's
     * organisation path, party-organisation path and cadre id; the values are bound as named parameters
     * {@code scopeOrgPath}, {@code scopePartyPath} and {@code scopeCadreId}.
     */
    public String sqlCondition(String orgPathColumn, String partyPathColumn, String cadreIdColumn) {
        if (all) {
            return ScopeTag.scoped() + "true";
        }
        StringBuilder sb = new StringBuilder(ScopeTag.scoped()).append("(false");
        if (orgPath != null) {
            sb.append(" or ").append(orgPathColumn).append(" like :scopeOrgPath");
        }
        if (partyOrgPath != null && partyPathColumn != null) {
            sb.append(" or ").append(partyPathColumn).append(" like :scopePartyPath");
        }
        if (selfCadreId != null && cadreIdColumn != null) {
            sb.append(" or ").append(cadreIdColumn).append(" = :scopeCadreId");
        }
        return sb.append(')').toString();
    }

    /** {@link #sqlCondition} for rows that belong to an administrative unit only. */
    public String orgCondition(String orgPathColumn) {
        return sqlCondition(orgPathColumn, null, null);
    }

    /**
     * The SQL text that marks a statement whose scope this object decided in Java (a scope that is everything,
     * or a filter computed from the scope's paths): use it only where the statement binds values taken from
     * this scope.
     */
    public String decidedHere() {
        return ScopeTag.scoped();
    }

    /**
     * A module's own condition over a scope's parameters, for rules the three columns of {@link #sqlCondition}
     * cannot say (a secondment is seen by its organiser, its sending and its receiving unit). Named so that a
     * reviewer finds every one; the condition must bind only values taken from the scope.
     */
    public static String moduleCondition(String condition) {
        return ScopeTag.scoped() + condition;
    }

    public java.util.Map<String, Object> sqlParameters() {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("scopeOrgPath", orgPath == null ? "" : orgPath + "%");
        p.put("scopePartyPath", partyOrgPath == null ? "" : partyOrgPath + "%");
        p.put("scopeCadreId", selfCadreId == null ? -1L : selfCadreId);
        return p;
    }
}
