package org.ganxun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * What a user reads when code refuses: an {@link IllegalArgumentException} (a library's, or code that should have
 * said it in a clerk's words) is the request's fault, a 400, but its text is for engineers (English, internals) and
 * stays in the log: the user gets one generic Chinese sentence. A domain refusal ({@link BusinessException}) keeps
 * its words and its field problems.
 */
class IllegalArgumentAnswerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler(Clock.fixed(Instant.parse("2026-12-07T02:00:00Z"), ZoneId.of("Asia/Shanghai")));

    @Test
    void aRawIllegalArgumentIsAGenericChineseRefusalWithoutItsText() {
        for (IllegalArgumentException e : List.of(
                new IllegalArgumentException("row 3: an imported credit needs a person, a source, a reference and hours"),
                new NumberFormatException("For input string: \"abc\""),
                new IllegalArgumentException("No enum constant org.ganxun.people.RankLevel.XYZ"))) {
            ResponseEntity<ApiExceptionHandler.ApiError> r = handler.illegal(e);
            assertThat(r.getStatusCode().value()).isEqualTo(400);
            assertThat(r.getBody().status()).isEqualTo(400);
            assertThat(r.getBody().message()).isEqualTo("提交的内容有误，请核对后重试");
            assertThat(r.getBody().problems()).isEmpty();
            assertThat(r.getBody().toString()).doesNotContain(e.getMessage()).doesNotContain("org.ganxun");
        }
    }

    @Test
    void aDomainRefusalKeepsItsWordsAndItsFields() {
        BusinessException refusal = new BusinessException("笔试、面试、推荐成绩的权重合计须为100%（现为110%）",
                List.of(new BusinessException.FieldProblem("weightWritten", "笔试、面试、推荐成绩的权重合计须为100%（现为110%）")));
        ResponseEntity<ApiExceptionHandler.ApiError> r = handler.business(refusal);
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().message()).isEqualTo("笔试、面试、推荐成绩的权重合计须为100%（现为110%）");
        assertThat(r.getBody().problems()).containsExactly(
                new BusinessException.FieldProblem("weightWritten", "笔试、面试、推荐成绩的权重合计须为100%（现为110%）"));
    }
}
