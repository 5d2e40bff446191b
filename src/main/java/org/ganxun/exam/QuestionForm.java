package org.ganxun.exam;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A question as a clerk enters it (or a sheet's row holds it). {@code kind}: 单选题 … or SINGLE …; {@code answer}:
 * option letters for choices, 对/错 for true/false, blanks "|"-separated (alternatives "/"), a reference answer for
 * short answers; {@code difficulty}: 易/中/难 or 1–3.
 */
public record QuestionForm(@Size(max = 20, message = "题型应为单选题、多选题、判断题、填空题或简答题") String kind,
                           @Size(max = QuestionForms.MAX_STEM, message = "题干不能超过{max}个字") String stem,
                           List<@Size(max = QuestionForms.MAX_OPTION, message = "选项不能超过{max}个字") String> options,
                           @Size(max = QuestionForms.MAX_ANSWER, message = "答案不能超过{max}个字") String answer,
                           @Size(max = 10, message = "难度应为易、中、难或1到3") String difficulty,
                           @Size(max = QuestionForms.MAX_CATEGORY, message = "分类不能超过{max}个字") String category,
                           @Size(max = QuestionForms.MAX_EXPLANATION, message = "解析不能超过{max}个字") String explanation) {
}
