/**
 * Training-needs surveys (培训需求调研): questionnaires in the SurveyJS form-library JSON model, target groups,
 * returns online (anonymous link or QR, or a signed-in cadre), on paper (clerk entry, Excel import including
 * 问卷星 / 腾讯问卷 exports), forums (座谈会), analysis by respondent group, the Word survey report, and
 * draft-class proposals for the annual plan.
 * <p>
 * Publishes {@link org.ganxun.survey.SurveyTopicsProposed} when proposals are drawn up; the training module
 * turns them into draft classes of the annual plan (see docs/api.md, 培训需求调研).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "notify"})
package org.ganxun.survey;
