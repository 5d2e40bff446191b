package org.ganxun.survey;

import java.util.List;

/**
 * Published when draft classes are proposed from a survey (the most demanded topics, and the groups least
 * served). The training module listens with {@code @ApplicationModuleListener} and creates draft classes in
 * the annual plan of {@code year}, keeping {@code surveyId} and the proposal id as the link back.
 */
public record SurveyTopicsProposed(long surveyId, String surveyTitle, long orgId, int year, List<DraftClassProposal> proposals) {
}
