package org.ganxun.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider reached over HTTP ({@code ganxun.sms.gateway=http}). Each message is one POST of JSON
 * <pre>{"messageId": "...", "phone": "...", "content": "...", "template": "..."}</pre>
 * to {@code ganxun.sms.http.url}, with HTTP Basic credentials when configured and the message id also as
 * the {@code Idempotency-Key} header, so a provider that already took the message (the answer was lost,
 * the outbox retries) does not deliver it again. 2xx is success; 409 (already received) counts as success;
 * anything else, or no answer within the timeout, is a failure the outbox retries with backoff.
 */
@Component
@ConditionalOnProperty(name = "ganxun.sms.gateway", havingValue = "http")
class HttpSmsGateway implements SmsGateway {

    private final URI url;
    private final String authorization;
    private final String template;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    HttpSmsGateway(@Value("${ganxun.sms.http.url}") String url,
                   @Value("${ganxun.sms.http.username:}") String username,
                   @Value("${ganxun.sms.http.password:}") String password,
                   @Value("${ganxun.sms.http.template:}") String template,
                   @Value("${ganxun.sms.http.timeout-ms:10000}") long timeoutMs) {
        if (!StringUtils.hasText(url)) {
            throw new IllegalStateException("ganxun.sms.http.url must be set when ganxun.sms.gateway=http");
        }
        this.url = URI.create(url.strip());
        this.authorization = StringUtils.hasText(username)
                ? "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))
                : null;
        this.template = StringUtils.hasText(template) ? template.strip() : null;
        this.timeout = Duration.ofMillis(timeoutMs);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void send(String messageId, String phone, String body) throws SmsException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("messageId", messageId);
        payload.put("phone", phone);
        payload.put("content", body);
        if (template != null) {
            payload.put("template", template);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", messageId)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload), StandardCharsets.UTF_8));
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SmsException("SMS gateway unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException("interrupted while sending", e);
        }
        int status = res.statusCode();
        if ((status >= 200 && status < 300) || status == 409) {
            return;
        }
        String text = res.body() == null ? "" : res.body();
        throw new SmsException("SMS gateway answered " + status + (text.isBlank() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text)));
    }
}
