/**
 * Demo data: a generated county modelled on 盐亭县 (Yanting, Sichuan), with its administrative and party
 * trees, a few thousand cadres with post history, and one account per role. Generated from a fixed seed
 * (the same data every time) and loaded on first start when {@code ganxun.demo.enabled} is true and there
 * are no organisations yet. Writes the other modules' tables directly (batch SQL) for speed, using their
 * rules for citizen IDs (validated, encrypted, masked, blind-indexed) and passwords (the app's encoder).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people"})
package org.ganxun.demo;
