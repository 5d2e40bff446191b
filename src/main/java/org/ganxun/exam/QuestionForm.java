package org.ganxun.exam;

import java.util.List;

/**
 * A question as a clerk enters it (or a sheet's row holds it). {@code kind}: 单选题 … or SINGLE …; {@code answer}:
 * option letters for choices, 对/错 for true/false, blanks "|"-separated (alternatives "/"), a reference answer for
 * short answers; {@code difficulty}: 易/中/难 or 1–3.
 */
public record QuestionForm(String kind, String stem, List<String> options, String answer, String difficulty,
                           String category, String explanation) {
}
