/**
 * People: cadres (and party members among them) with post and rank history, the roster search and
 * export, the roster import, and the cadre-profile statistics. Citizen IDs are validated, encrypted,
 * shown masked and searchable by exact value. Implements {@link org.ganxun.org.MemberCounts}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org"})
package org.ganxun.people;
