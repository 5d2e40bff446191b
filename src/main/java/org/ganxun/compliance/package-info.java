/**
 * Compliance: versioned rule sets per jurisdiction (national defaults from RULES.md ship with the
 * product) and each person's standing against them, computed from the learning archive as of any date,
 * with the rule and its source for every shortfall. Appraisal and promotion checks build on standings,
 * on failed class assessments read from the training module, and show the person's secondment results.
 * <p>
 * No other module uses this one, so everything lives in {@code internal} packages, by part: {@code internal} (the
 * endpoints, the dashboard, the 学习档案 document, workbench lines, personal-data declaration),
 * {@code internal.ruleset} (rule sets, their requirements and checks, the national defaults, the hours converter)
 * and {@code internal.standing} (standings, their calculation, recomputation and reminders, the appraisal and
 * promotion checks).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "archive", "notify", "training", "classroom", "secondment", "exam"})
package org.ganxun.compliance;
