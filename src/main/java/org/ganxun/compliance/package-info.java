/**
 * Compliance: versioned rule sets per jurisdiction (national defaults from RULES.md ship with the
 * product) and each person's standing against them, computed from the learning archive as of any date,
 * with the rule and its source for every shortfall. Appraisal and promotion checks build on standings,
 * on failed class assessments read from the training module, and show the person's secondment results.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "archive", "notify", "training", "classroom", "secondment", "exam"})
package org.ganxun.compliance;
