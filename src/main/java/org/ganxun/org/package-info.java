/**
 * Organisations: the administrative tree (县 → 部门 / 乡镇 → 村 / 社区 / 事业单位) and the party tree
 * (党委 / 党总支 / 党支部). Owns tree paths and therefore resolves a user's {@link org.ganxun.platform.security.DataScope}
 * through {@link org.ganxun.org.DataScopes}. Other modules read the trees through
 * {@link org.ganxun.org.OrganizationDirectory} or, in their SQL, through the read views it publishes ({@code org_unit},
 * {@code party_unit}: a unit's name, kind and path; see {@code platform.db.TableOwners}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit"})
package org.ganxun.org;
