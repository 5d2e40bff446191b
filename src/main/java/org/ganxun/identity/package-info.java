/**
 * Identity and access: user accounts, roles, each user's data scope (an organisation subtree), login with
 * a password policy, lockout after repeated failures and a session timeout; Argon2id password hashes.
 * Sessions are kept in PostgreSQL (Spring Session JDBC) so nodes stay stateless.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people"})
package org.ganxun.identity;
