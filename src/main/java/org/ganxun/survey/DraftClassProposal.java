package org.ganxun.survey;

import java.math.BigDecimal;

/**
 * A draft class proposed to the annual plan from a survey. {@code kind} TOPIC: one of the most demanded
 * topics, for the group that asked for it most; UNDERSERVED: a group whose members most often report no
 * recent training. {@code demandShare} is a percent with one decimal, of {@code respondents}. {@code questionName} and
 * {@code questionTitle} name the question the demand was read from (null for proposals drawn up before they were kept).
 * {@code groupDimension} is a {@code SurveyAnalysis.Dimension} name (RANK_LEVEL, STAFF_CATEGORY, TOWNSHIP, AGE_BAND) and
 * {@code groupValue} the group's code in it (a {@code RankLevel} or {@code StaffCategory} name, VILLAGE, a township …).
 */
public record DraftClassProposal(long id, long surveyId, String kind, String topic, String targetGroup, String groupDimension,
                                 String groupValue, int demandCount, int respondents, BigDecimal demandShare, String rationale,
                                 String status, String questionName, String questionTitle) {
}
