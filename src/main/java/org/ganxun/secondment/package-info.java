/**
 * Secondment (挂职锻炼): programmes (外派 / 下派 / 上派 / 第一书记) with the posts receiving organisations offer,
 * the sending organisations and the support budget; candidate selection (reserve pool, self, public and
 * organisation recommendation) with eligibility bounds, weighted scores and a ranking with a documented
 * tie-break; approval and assignment to posts, and sending units' refusals with reasons; postings with
 * work logs and comments, rotations, mid-term reviews, forums and expenses against the budget; date-based
 * alerts; evaluations (log completeness, duty report, democratic appraisal, interviews, verification)
 * combined into a score and grade; statistics. Publishes {@link org.ganxun.secondment.SecondmentResults}
 * so that promotion checks can show a cadre's secondment results.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "notify", "identity"})
package org.ganxun.secondment;
