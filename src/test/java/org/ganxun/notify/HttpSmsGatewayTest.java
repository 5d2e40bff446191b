package org.ganxun.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP gateway against a small SMS provider on 127.0.0.1 that is down for a while (503), then once
 * takes messages but loses its answers (500 after storing), then recovers. The outbox retries with
 * backoff; the provider, which keeps message ids, hands every message to a phone exactly once.
 */
@IntegrationTest
class HttpSmsGatewayTest {

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    final JsonMapper json = JsonMapper.builder().build();

    /** The provider: the first {@code down} requests fail; the next {@code lost} are stored but answered 500. */
    static final class Provider {
        final AtomicInteger down = new AtomicInteger();
        final AtomicInteger lost = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final Map<String, Integer> handed = new ConcurrentHashMap<>();
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    }

    HttpServer server;
    Provider provider;

    @BeforeEach
    void start() throws IOException {
        provider = new Provider();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sms/send", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        provider.requests.incrementAndGet();
        byte[] in = ex.getRequestBody().readAllBytes();
        if (provider.down.getAndDecrement() > 0) {
            answer(ex, 503, "{\"error\":\"maintenance\"}");
            return;
        }
        JsonNode body = json.readTree(in);
        provider.bodies.add(body);
        provider.authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
        provider.idempotencyKeys.add(ex.getRequestHeaders().getFirst("Idempotency-Key"));
        String id = body.get("messageId").asString();
        boolean known = provider.handed.putIfAbsent(id, 1) != null; // a real provider de-duplicates by the client's id
        if (!known && provider.lost.getAndDecrement() > 0) {
            answer(ex, 500, "{\"error\":\"timeout\"}"); // stored and delivered, but the answer fails
            return;
        }
        answer(ex, known ? 409 : 200, known ? "{\"duplicate\":true}" : "{\"ok\":true}");
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private HttpSmsGateway gateway() {
        return new HttpSmsGateway("http://127.0.0.1:" + server.getAddress().getPort() + "/sms/send", "ganxun", "s3cret",
                "SMS_PARTY_EDU", 5000);
    }

    @Test
    void aProviderDownForAWhileThenLosingAnswersGetsEveryMessageExactlyOnce() throws Exception {
        provider.down.set(30);
        provider.lost.set(5);
        String batch = Fixture.unique("http");
        SmsOutbox outbox = new SmsOutbox(jdbc, gateway(), tx);
        for (int i = 0; i < 25; i++) {
            outbox.enqueue("1390000" + String.format("%04d", i), "党员学习通知" + i, batch + ":" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2); // two nodes sending at once
        for (int round = 0; round < 40 && pending(batch) > 0; round++) {
            List<Future<Integer>> fs = List.of(pool.submit(() -> outbox.sendDue(40)), pool.submit(() -> outbox.sendDue(40)));
            for (Future<Integer> f : fs) {
                f.get();
            }
            // time passes: messages waiting for their backoff become due
            jdbc.sql("update sms_outbox set next_attempt_at = now() where status = 'PENDING' and dedup_key like ?")
                    .param(batch + ":%").update();
        }
        pool.shutdown();

        assertThat(pending(batch)).isZero();
        assertThat(jdbc.sql("select count(*) from sms_outbox where dedup_key like ? and status = 'SENT'").param(batch + ":%")
                .query(Long.class).single()).isEqualTo(25);
        // every message reached the provider's phones exactly once, although some were posted twice
        assertThat(provider.handed).hasSize(25);
        assertThat(provider.handed.keySet()).allMatch(k -> k.startsWith(batch + ":"));
        assertThat(provider.handed.values()).allMatch(n -> n == 1);
        assertThat(provider.bodies.size()).isEqualTo(30); // 25 first posts + 5 re-posts after lost answers
        assertThat(provider.requests.get()).isEqualTo(60); // plus 30 refused while down
        // what the provider was sent: credentials, template, the message id for idempotency
        assertThat(provider.authorizations).allMatch("Basic Z2FueHVuOnMzY3JldA=="::equals);
        JsonNode first = provider.bodies.get(0);
        assertThat(first.get("template").asString()).isEqualTo("SMS_PARTY_EDU");
        assertThat(first.get("phone").asString()).startsWith("1390000");
        assertThat(first.get("content").asString()).startsWith("党员学习通知");
        assertThat(provider.idempotencyKeys).containsAll(provider.bodies.stream().map(b -> b.get("messageId").asString()).toList());
        assertThat(jdbc.sql("select max(attempts) from sms_outbox where dedup_key like ?").param(batch + ":%")
                .query(Integer.class).single()).isGreaterThan(1);
    }

    @Test
    void anUnreachableProviderIsAFailureToRetry() {
        int port = server.getAddress().getPort();
        server.stop(0);
        HttpSmsGateway g = new HttpSmsGateway("http://127.0.0.1:" + port + "/sms/send", "", "", "", 1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.send("x-1", "13900000000", "测试"))
                .isInstanceOf(SmsGateway.SmsException.class);
    }

    private long pending(String batch) {
        return jdbc.sql("select count(*) from sms_outbox where dedup_key like ? and status = 'PENDING'").param(batch + ":%")
                .query(Long.class).single();
    }
}
