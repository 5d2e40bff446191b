/**
 * Planning (培训规划): five-year training plans with their quantified indicators (量化指标), each a measurable
 * promise with a target per year, computed on demand from the roster and the learning archive for any year and any
 * subtree within the reader's data scope, with the people behind every figure.
 * <p>
 * Listens to the survey module's {@link org.ganxun.survey.SurveyTopicsProposed}: proposals become training needs
 * ({@link org.ganxun.planning.internal.plan.PlanNeeds}) that a planner turns into draft classes keeping their origin.
 * <p>
 * Reads cadres through {@link org.ganxun.people.CadreSearch#where} (the roster's filters and data scope) and joins
 * the archive's approved entries in the same statement, so every figure carries the reader's scope condition.
 * <p>
 * Where to look: plans and indicators ({@link org.ganxun.planning.TrainingPlans}, {@link org.ganxun.planning.internal.plan.IndicatorFigures},
 * {@link org.ganxun.planning.internal.plan.PlanNeeds}); budget and fees ({@link org.ganxun.planning.PlanBudgets},
 * {@link org.ganxun.planning.ClassExpenses}, {@link org.ganxun.planning.internal.budget.FeeStandards}, {@link org.ganxun.planning.internal.budget.FeeCaps});
 * the evaluation report ({@link org.ganxun.planning.EvaluationReport}); scheduling ({@link org.ganxun.planning.DraftScheduling},
 * {@link org.ganxun.planning.SchedulingSettings}, the solver in {@code internal.scheduling}). What other modules do not
 * use lives in {@code internal} packages, by part: {@code internal} (the calendar endpoints and feeds, iCalendar links),
 * {@code internal.plan} (the plan endpoints, indicator figures, training needs), {@code internal.budget} (the budget
 * and report endpoints, fee standards and caps, class tiers) and {@code internal.scheduling} (the solver).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "training", "classroom", "survey", "identity", "archive"})
package org.ganxun.planning;
