package org.ganxun.platform.security;

import java.util.List;

/**
 * Which roles hold a permission — built-in and custom alike — so that a module choosing who to notify ("the
 * organisation department above this site") asks for a permission, not for role names that a custom role
 * (乡镇组织委员, made by the security administrator) would never match. Implemented by the identity module, which
 * owns the custom roles; modules that may not depend on identity use this.
 */
public interface RoleHolders {

    /** The codes of the roles whose permissions include {@code permission}, as {@code app_user.role} holds them. */
    List<String> rolesWith(Permission permission);

    /** For SQL: {@code u.role = any(?)} with this bound. */
    default String[] rolesWithArray(Permission permission) {
        return rolesWith(permission).toArray(String[]::new);
    }
}
