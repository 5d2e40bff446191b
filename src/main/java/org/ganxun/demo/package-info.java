/**
 * Demo data: a generated county modelled on 盐亭县 (Yanting, Sichuan), with its administrative and party
 * trees, a few thousand cadres with post history, and one account per role. Generated from a fixed seed
 * (the same data every time) and loaded on first start when {@code ganxun.demo.enabled} is true and there
 * are no organisations yet. Stored for speed through the owners' bulk loads (batch SQL in org, people and identity),
 * which keep their rules for citizen IDs (encrypted, masked, blind-indexed) and passwords (the app's encoder); the
 * demo names no other module's table.
 * <p>
 * Then, on the same first start, demo activity ({@link org.ganxun.demo.DemoActivity}): a training provider
 * with instructors, a finished class completed by the demo cadre (its 学时 credited to the archive), a class
 * in progress with sessions today, an open training-needs survey with paper returns, and this year's online courses of
 * most cadres (credited as the online-hours import credits them), a year of study in a few party branches, and
 * 网络学院 courses whose video, audio and PDF the platform makes at start ({@link org.ganxun.demo.DemoCourses}), and
 * secondment ({@link org.ganxun.demo.DemoSecondment}: this year's programme under way, an earlier one evaluated). These go
 * through the training, survey, party-education and secondment modules' public services (and the demo five-year plan with
 * its indicators and next year's draft classes, {@link org.ganxun.demo.DemoPlanning}, through the planning module's), signed in as the demo accounts, so their rules, audit entries,
 * notifications and events happen as in real use.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "identity", "training", "classroom", "survey", "archive", "partyedu", "secondment", "learning", "planning", "exam"})
package org.ganxun.demo;
