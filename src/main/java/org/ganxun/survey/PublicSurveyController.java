package org.ganxun.survey;

import org.ganxun.platform.security.PublicEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ganxun.platform.web.BusinessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The answer page's API without login (security permits /api/public/**): the questionnaire of an open
 * survey, and anonymous submission. Each browser gets a device cookie the first time it opens a survey;
 * a device answers once, an identical answer from the same client is refused, and an address may submit
 * at most {@code ganxun.survey.max-submissions-per-address} times in 10 minutes.
 */
@RestController
@RequestMapping("/api/public/surveys")
@PublicEndpoint("a respondent opens the survey link; the long random token is the key")
class PublicSurveyController {

    static final String DEVICE_COOKIE = "GX_SURVEY_DEVICE";

    private final Surveys surveys;
    private final SurveyReturns returns;

    PublicSurveyController(Surveys surveys, SurveyReturns returns) {
        this.surveys = surveys;
        this.returns = returns;
    }

    record PublicSurvey(String title, String purpose, boolean anonymous, String status, JsonNode model, List<Map<String, Object>> targets) {
    }

    @GetMapping("/{token}")
    PublicSurvey get(@PathVariable String token, HttpServletRequest req, HttpServletResponse res) {
        Surveys.Survey s = surveys.byToken(token).orElseThrow(() -> BusinessException.notFound("调研问卷"));
        returns.requireOpen(s);
        device(req, res);
        return new PublicSurvey(s.title(), s.purpose(), s.anonymous(), s.status().name(), s.model(),
                s.targets().stream().map(t -> Map.<String, Object>of("id", t.id(), "label", t.label())).toList());
    }

    @PostMapping("/{token}/returns")
    SurveyReturns.Receipt submit(@PathVariable String token, @RequestParam(name = "g", required = false) Long target,
                                 @RequestBody JsonNode answers, HttpServletRequest req, HttpServletResponse res) {
        String device = device(req, res);
        return returns.submitAnonymous(token, target, answers,
                new SurveyReturns.Client(device, req.getRemoteAddr(), String.valueOf(req.getHeader(HttpHeaders.USER_AGENT))));
    }

    /** The device cookie, issued when missing. */
    private static String device(HttpServletRequest req, HttpServletResponse res) {
        if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                if (DEVICE_COOKIE.equals(c.getName()) && c.getValue() != null && c.getValue().matches("[0-9a-f\\-]{36}")) {
                    return c.getValue();
                }
            }
        }
        String token = UUID.randomUUID().toString();
        res.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(DEVICE_COOKIE, token).httpOnly(true).sameSite("Lax")
                .path("/api/public/surveys").maxAge(Duration.ofDays(365)).build().toString());
        return token;
    }
}
