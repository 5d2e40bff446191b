/**
 * Training-needs surveys (培训需求调研): questionnaires in the SurveyJS form-library JSON model, target groups,
 * returns online (anonymous link or QR, or a signed-in cadre), on paper (clerk entry, Excel import including
 * 问卷星 / 腾讯问卷 exports), forums (座谈会), analysis by respondent group, the Word survey report, and
 * draft-class proposals for the annual plan.
 * <p>
 * Publishes {@link org.ganxun.survey.SurveyTopicsProposed} when proposals are drawn up; the planning module
 * keeps them as the year's training needs, which planners turn into draft classes (see docs/planning.md).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "notify"})
package org.ganxun.survey;
