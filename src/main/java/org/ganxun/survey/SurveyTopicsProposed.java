package org.ganxun.survey;

import java.util.List;

/**
 * Published when draft classes are proposed from a survey (the most demanded topics, and the groups least
 * served). The planning module listens with {@code @ApplicationModuleListener} and keeps them as the training
 * needs of {@code year} ({@code planning.PlanNeeds}), with {@code surveyId} and the proposal id as the link back; a
 * planner turns a need into a draft class of the annual plan.
 */
public record SurveyTopicsProposed(long surveyId, String surveyTitle, long orgId, int year, List<DraftClassProposal> proposals) {
}
