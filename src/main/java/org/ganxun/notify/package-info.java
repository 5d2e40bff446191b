/**
 * Notifications: in-app messages to cadres and users, and SMS through a gateway with an outbox (a row is
 * written in the sender's transaction, delivered later with retries and backoff, never lost, never sent
 * twice). The default gateway only logs; an HTTP gateway is configured for production.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform"})
package org.ganxun.notify;
