package org.ganxun.platform.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as the server sees it. It carries the ids that define the data scope, never the
 * scope's resolved paths: paths change when organisations move, so they are resolved per request.
 */
public record CurrentUser(long id, String username, String displayName, String passwordHash, Role role,
                          Long scopeOrgId, Long scopePartyOrgId, Long cadreId, boolean enabled, boolean locked)
        implements UserDetails {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
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
        return new CurrentUser(id, username, displayName, "", role, scopeOrgId, scopePartyOrgId, cadreId, enabled, locked);
    }
}
