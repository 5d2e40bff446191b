package org.ganxun.partyedu.internal;

import org.ganxun.platform.security.DataScope;

/**
 * Scope conditions for things that hang on an administrative unit (a site's village, a visit's village):
 * in the user's administrative subtree, or the unit of a party organisation in the user's party subtree
 * (a village branch secretary sees their village's site).
 */
public final class OrgScope {

    private OrgScope() {
    }

    /** For a row whose unit is aliased {@code o}; parameters from {@link DataScope#sqlParameters()}. */
    public static String readable(DataScope scope) {
        if (scope.all()) {
            return "true";
        }
        StringBuilder sb = new StringBuilder("(false");
        if (scope.orgPath() != null) {
            sb.append(" or o.path like :scopeOrgPath");
        }
        if (scope.partyOrgPath() != null) {
            sb.append(" or exists (select 1 from party_unit po where po.org_id = o.id and po.path like :scopePartyPath)");
        }
        return sb.append(')').toString();
    }
}
