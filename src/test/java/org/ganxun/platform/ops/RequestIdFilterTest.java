package org.ganxun.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The request id is in the logging context while the request runs, in the answer, and gone afterwards. */
class RequestIdFilterTest {

    private final List<String> seen = new ArrayList<>();

    private MockHttpServletResponse call(String header) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/auth/me");
        if (header != null) {
            request.addHeader("X-Request-Id", header);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        new RequestIdFilter().doFilter(request, response, (req, res) -> seen.add(MDC.get("requestId")));
        return response;
    }

    @Test
    void theProxysIdIsKeptInTheLogsAndTheAnswer() throws Exception {
        MockHttpServletResponse r = call("nginx-5f2c.9_a");
        assertThat(seen).containsExactly("nginx-5f2c.9_a");
        assertThat(r.getHeader("X-Request-Id")).isEqualTo("nginx-5f2c.9_a");
        assertThat(MDC.get("requestId")).isNull();
    }

    @Test
    void aMissingOrHostileIdIsReplacedByANewOne() throws Exception {
        for (String hostile : new String[]{null, "", "<script>alert(1)</script>", "a\nb", "x".repeat(65), "编号"}) {
            seen.clear();
            MockHttpServletResponse r = call(hostile);
            assertThat(seen.get(0)).matches("[0-9a-f]{32}").isEqualTo(r.getHeader("X-Request-Id"));
        }
        assertThat(MDC.get("requestId")).isNull();
    }
}
