/**
 * Secondment (挂职锻炼): programmes (外派 / 下派 / 上派 / 第一书记) with the posts receiving organisations offer,
 * the sending organisations and the support budget; candidate selection (reserve pool, self, public and
 * organisation recommendation) with eligibility bounds, weighted scores and a ranking with a documented
 * tie-break; approval and assignment to posts, and sending units' refusals with reasons; postings with
 * work logs and comments, rotations, mid-term reviews, forums and expenses against the budget; date-based
 * alerts; evaluations (log completeness, duty report, democratic appraisal, interviews, verification)
 * combined into a score and grade; statistics. Publishes {@link org.ganxun.secondment.SecondmentResults}
 * so that promotion checks can show a cadre's secondment results.
 * <p>
 * This package is the contract other modules use (programmes, selection, postings, evaluations, results). The rest
 * lives in {@code internal} packages, by part: {@code internal} (the endpoints, who sees a secondment, workbench lines,
 * statistics, personal-data declaration), {@code internal.selection} (eligibility, candidate status, selection
 * scores and ranking), {@code internal.evaluation} (evaluation scores, ballots, grades) and {@code internal.alert}
 * (date-based alerts).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "notify", "identity"})
package org.ganxun.secondment;
