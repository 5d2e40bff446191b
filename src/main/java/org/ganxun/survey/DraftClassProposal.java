package org.ganxun.survey;

import java.math.BigDecimal;

/**
 * A draft class proposed to the annual plan from a survey. {@code kind} TOPIC: one of the most demanded
 * topics, for the group that asked for it most; UNDERSERVED: a group whose members most often report no
 * recent training. {@code demandShare} is a percent with one decimal, of {@code respondents}.
 */
public record DraftClassProposal(long id, long surveyId, String kind, String topic, String targetGroup, String groupDimension,
                                 String groupValue, int demandCount, int respondents, BigDecimal demandShare, String rationale,
                                 String status) {
}
