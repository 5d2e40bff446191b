/**
 * Organisations: the administrative tree (县 → 部门 / 乡镇 → 村 / 社区 / 事业单位) and the party tree
 * (党委 / 党总支 / 党支部). Owns tree paths and therefore resolves a user's {@link org.ganxun.platform.security.DataScope}
 * through {@link org.ganxun.org.DataScopes}. Publishes nothing yet; other modules read the trees through
 * {@link org.ganxun.org.OrganizationDirectory}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit"})
package org.ganxun.org;
