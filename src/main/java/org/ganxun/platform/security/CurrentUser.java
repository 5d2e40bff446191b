package org.ganxun.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as the server sees it: their role (a built-in {@link Role}'s code or a custom role's), what
 * that role may do and how far its data reaches, and the ids that define the data scope — never the scope's
 * resolved paths: paths change when organisations move, so they are resolved per request. Kept in the session;
 * a change of the role's permissions signs its users out, so a session never holds stale permissions for long.
 */
public record CurrentUser(long id, String username, String displayName, String passwordHash, String role,
                          String roleLabel, DataScopeKind dataScope, Set<Permission> permissions, Long scopeOrgId,
                          Long scopePartyOrgId, Long cadreId, boolean enabled, boolean locked) implements UserDetails {

    public CurrentUser {
        permissions = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
    }

    /** A user of a built-in role. */
    public CurrentUser(long id, String username, String displayName, String passwordHash, Role role, Long scopeOrgId,
                       Long scopePartyOrgId, Long cadreId, boolean enabled, boolean locked) {
        this(id, username, displayName, passwordHash, role.name(), role.label(), role.dataScope(), role.permissions(),
                scopeOrgId, scopePartyOrgId, cadreId, enabled, locked);
    }

    @Override
    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : permissions);
    }

    public boolean can(Permission p) {
        return permissions.contains(p);
    }

    public boolean canAny(Permission... ps) {
        for (Permission p : ps) {
            if (permissions.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this user has the built-in role {@code r} (for the few places that name one: demo data, tests). */
    public boolean is(Role r) {
        return r.name().equals(role);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> a = new ArrayList<>();
        for (Permission p : permissions) {
            a.add(new SimpleGrantedAuthority(p.name()));
        }
        return a;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    /** A copy without the password hash, kept in the session. */
    public CurrentUser withoutPassword() {
        return new CurrentUser(id, username, displayName, "", role, roleLabel, dataScope, permissions, scopeOrgId,
                scopePartyOrgId, cadreId, enabled, locked);
    }
}
