/**
 * People: cadres (and party members among them) with post and rank history, the roster search and
 * export, the roster import, and the cadre-profile statistics. Citizen IDs are validated, encrypted,
 * shown masked and searchable by exact value. Implements {@link org.ganxun.org.MemberCounts}.
 * <p>
 * This package is the contract other modules use (the roster and its search, the code tables, the cadre facts and
 * labels). The rest lives in {@code internal} packages, by part: {@code internal} (personal-data declaration),
 * {@code internal.cadre} (the cadre endpoints, the form and its checks, post history, leadership derivation),
 * {@code internal.importing} (the roster import), {@code internal.export} (the roster export) and
 * {@code internal.profile} (the cadre-profile statistics).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org"})
package org.ganxun.people;
