package org.ganxun.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import cn.idev.excel.FastExcel;
import org.ganxun.demo.DemoMedia;
import org.ganxun.learning.CourseCompleted;
import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * 题库与考试 through the HTTP API: a clerk imports the bank from the exam offices' sheet (and gets row errors for a bad
 * one), sets an exam's blueprint and publishes it; a cadre takes it on a shuffled paper and is graded against the
 * original keys; the time limit is the server's; a short answer waits for a grader; results, analysis and exports
 * (audited); another county sees nothing; a course with a quiz completes only once the quiz is passed.
 */
@IntegrationTest
class ExamApiTest {

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired Attempts attempts;
    @Autowired org.ganxun.learning.internal.study.StudySessions sessions;
    @Autowired JdbcClient jdbc;
    @Autowired Clock appClock;
    @Autowired org.ganxun.support.TestClock usersClock;

    static final class StoppedClock extends Clock {
        volatile Instant now = Instant.now();

        void advance(double seconds) {
            now = now.plusMillis((long) (seconds * 1000));
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @AfterEach
    void applicationClock() {
        attempts.useClock(appClock);
    }

    record County(long org, long town, long cadre, long cadre2, ApiSession admin, ApiSession learner, ApiSession learner2, String adminName) {
    }

    County county() {
        long org = fixture.org(null, Fixture.unique("考试县"), "COUNTY");
        long town = fixture.org(org, Fixture.unique("考试镇"), "TOWNSHIP");
        long cadre = fixture.cadre("考生甲", town);
        long cadre2 = fixture.cadre("考生乙", org);
        String adminName = Fixture.unique("ksadm");
        fixture.user(adminName, Role.ORG_DEPT_ADMIN, org, null, null);
        String l1 = Fixture.unique("ksxy");
        fixture.user(l1, Role.CADRE, null, null, cadre);
        String l2 = Fixture.unique("ksxy");
        fixture.user(l2, Role.CADRE, null, null, cadre2);
        ApiSession admin = new ApiSession(port);
        assertThat(admin.login(adminName, Fixture.PASSWORD).status()).isEqualTo(200);
        ApiSession learner = new ApiSession(port);
        assertThat(learner.login(l1, Fixture.PASSWORD).status()).isEqualTo(200);
        ApiSession learner2 = new ApiSession(port);
        assertThat(learner2.login(l2, Fixture.PASSWORD).status()).isEqualTo(200);
        return new County(org, town, cadre, cadre2, admin, learner, learner2, adminName);
    }

    static final List<String> HEADER = List.of("题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "难度", "分类", "解析");

    static byte[] xlsx(List<List<Object>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FastExcel.write(out).sheet("题库").doWrite(rows);
        return out.toByteArray();
    }

    /** The demo-like bank: 8 单选 廉政法规, 4 多选 + 2 填空 党纪, 4 判断 廉洁自律, 2 简答 作风建设 (20 questions). */
    static List<List<Object>> bankRows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("任前廉政法规知识测试题库"));
        rows.add(new ArrayList<>(HEADER));
        for (int i = 1; i <= 8; i++) {
            rows.add(Arrays.asList("单选题", "廉政法规单选第" + i + "题", "甲" + i, "乙" + i, "丙" + i, "丁" + i, null, null,
                    String.valueOf("ABCD".charAt(i % 4)), i % 2 == 0 ? "易" : "中", "廉政法规", "解析" + i));
        }
        for (int i = 1; i <= 4; i++) {
            rows.add(Arrays.asList("多选题", "党纪多选第" + i + "题", "子" + i, "丑" + i, "寅" + i, "卯" + i, "辰" + i, null, "ACE", "中", "党纪", null));
        }
        for (int i = 1; i <= 2; i++) {
            rows.add(Arrays.asList("填空题", "党纪填空第" + i + "题（ ）（ ）", null, null, null, null, null, null, "纪律|规矩/规则", "难", "党纪", null));
        }
        for (int i = 1; i <= 4; i++) {
            rows.add(Arrays.asList("判断题", "廉洁自律判断第" + i + "题", null, null, null, null, null, null, i % 2 == 0 ? "对" : "错", "易", "廉洁自律", null));
        }
        for (int i = 1; i <= 2; i++) {
            rows.add(Arrays.asList("简答题", "作风建设简答第" + i + "题", null, null, null, null, null, null, "要点" + i, "中", "作风建设", null));
        }
        return rows;
    }

    void importBank(County c) {
        ApiSession.Response r = c.admin().sendBytes("POST", "/api/exams/questions/import?name=" + ApiSession.q("题库.xlsx"),
                "application/octet-stream", xlsx(bankRows()));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode result = c.admin().parse(r);
        assertThat(result.get("imported").asInt()).isEqualTo(20);
        assertThat(result.get("errors").size()).isZero();
        // the bank is paged on the server, in its order (category, kind, entry), with the filter's total
        JsonNode first = c.admin().getJson("/api/exams/questions");
        assertThat(first.get("total").asLong()).isEqualTo(20);
        assertThat(first.get("rows").size()).isEqualTo(20);
        JsonNode third = c.admin().getJson("/api/exams/questions?page=3&size=8");
        assertThat(third.get("total").asLong()).isEqualTo(20);
        assertThat(third.get("page").asInt()).isEqualTo(3);
        assertThat(third.get("rows").findValuesAsString("stem"))
                .containsExactlyElementsOf(first.get("rows").findValuesAsString("stem").subList(16, 20));
        JsonNode trueFalse = c.admin().getJson("/api/exams/questions?kind=TRUE_FALSE&size=3");
        assertThat(trueFalse.get("total").asLong()).isEqualTo(4);
        assertThat(trueFalse.get("rows").findValuesAsString("kind")).containsOnly("TRUE_FALSE").hasSize(3);
    }

    long exam(County c, String body) {
        ApiSession.Response r = c.admin().send("POST", "/api/exams", body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        long id = c.admin().parse(r).get("id").asLong();
        ApiSession.Response p = c.admin().send("POST", "/api/exams/" + id + "/publish", null);
        assertThat(p.status()).as(p.text()).isEqualTo(200);
        return id;
    }

    /** The shown letter(s) of a question's key on this paper: the key's option texts found among the shown options. */
    String rightAnswer(JsonNode q) {
        long id = q.get("questionId").asLong();
        Map<String, Object> row = jdbc.sql("select kind, answer, array_to_string(options, '\u0001') as opts from exam_question where id = ?")
                .param(id).query().singleRow();
        String kind = (String) row.get("kind");
        String key = (String) row.get("answer");
        if (kind.equals("SINGLE") || kind.equals("MULTIPLE")) {
            String[] original = ((String) row.get("opts")).split("\u0001");
            StringBuilder shown = new StringBuilder();
            for (char k : key.toCharArray()) {
                String text = original[k - 'A'];
                for (int i = 0; i < q.get("options").size(); i++) {
                    if (q.get("options").get(i).asString().equals(text)) {
                        shown.append((char) ('A' + i));
                    }
                }
            }
            return shown.toString();
        }
        if (kind.equals("TRUE_FALSE")) {
            return key.equals("T") ? "对" : "错";
        }
        return key.replace("规矩/规则", "规则");
    }

    String wrongAnswer(JsonNode q) {
        String right = rightAnswer(q);
        return switch (q.get("kind").asString()) {
            case "TRUE_FALSE" -> right.equals("对") ? "错" : "对";
            case "SINGLE" -> right.equals("A") ? "B" : "A";
            default -> "x";
        };
    }

    void put(ApiSession s, long attempt, JsonNode q, String answer, int status) {
        ApiSession.Response r = s.send("PUT", "/api/exams/attempts/" + attempt + "/answers/" + q.get("questionId").asLong(),
                "{\"response\": \"" + answer + "\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(status);
    }

    @Test
    void aCadreTakesAShuffledPaperAndIsGradedAgainstTheOriginalKeys() {
        County c = county();
        importBank(c);
        // 5 单选 × 2 + 2 判断 × 5 = 20 points, pass 12
        long exam = exam(c, """
                {"title": "2026年任前廉政法规知识测试", "purpose": "PRE_APPOINTMENT", "targetOrgId": %d, "passScore": 12,
                 "timeLimitMinutes": 30, "maxAttempts": 1, "counts": "BEST",
                 "blueprint": [{"category": "廉政法规", "count": 5, "points": 2}, {"category": "廉洁自律", "difficulty": 1, "count": 2, "points": 5}]}"""
                .formatted(c.org()));

        JsonNode mine = c.learner().getJson("/api/exams/mine");
        assertThat(mine.findValuesAsString("title")).contains("2026年任前廉政法规知识测试");
        ApiSession.Response st = c.learner().send("POST", "/api/exams/" + exam + "/attempts", null);
        assertThat(st.status()).as(st.text()).isEqualTo(200);
        long attempt = c.learner().parse(st).get("attemptId").asLong();
        JsonNode paper = c.learner().getJson("/api/exams/attempts/" + attempt);
        assertThat(paper.get("questions").size()).isEqualTo(7);
        assertThat(paper.get("remainingSeconds").asLong()).isBetween(1700L, 1800L);
        // a reload (or starting again) shows the same paper
        assertThat(c.learner().parse(c.learner().send("POST", "/api/exams/" + exam + "/attempts", null)).get("attemptId").asLong()).isEqualTo(attempt);
        assertThat(c.learner().getJson("/api/exams/attempts/" + attempt).get("questions")).isEqualTo(paper.get("questions"));
        // the paper's key is nowhere in what the candidate gets
        assertThat(paper.toString()).doesNotContain("\"answer\"").doesNotContain("解析");

        // all 单选 right in their shown letters (5 × 2 = 10), one 判断 right (5) and one wrong (0): 15 ≥ 12, passed
        List<JsonNode> tf = new ArrayList<>();
        for (JsonNode q : paper.get("questions")) {
            if (q.get("kind").asString().equals("SINGLE")) {
                put(c.learner(), attempt, q, rightAnswer(q), 200);
            } else {
                tf.add(q);
            }
        }
        put(c.learner(), attempt, tf.get(0), rightAnswer(tf.get(0)), 200);
        // hostile answers: an option the question does not have, NUL
        put(c.learner(), attempt, paper.get("questions").get(0), "Z", 400);
        put(c.learner(), attempt, paper.get("questions").get(0), "A\\u0000", 400);
        ApiSession.Response sub = c.learner().send("POST", "/api/exams/attempts/" + attempt + "/submit",
                "{\"answers\": {\"" + tf.get(1).get("questionId").asLong() + "\": \"" + wrongAnswer(tf.get(1)) + "\"}}");
        assertThat(sub.status()).as(sub.text()).isEqualTo(200);
        JsonNode submitted = c.learner().parse(sub);
        assertThat(submitted.get("status").asString()).isEqualTo("GRADED");
        assertThat(new BigDecimal(submitted.get("score").asString())).isEqualByComparingTo("15");
        assertThat(submitted.get("passed").asBoolean()).isTrue();
        // one attempt only; answers after submission are refused
        assertThat(c.learner().send("POST", "/api/exams/" + exam + "/attempts", null).status()).isEqualTo(409);
        put(c.learner(), attempt, tf.get(1), rightAnswer(tf.get(1)), 409);

        // the clerk's results, per unit, per question
        JsonNode results = c.admin().getJson("/api/exams/" + exam + "/results").get("rows");
        assertThat(results.size()).isEqualTo(1);
        assertThat(results.get(0).get("name").asString()).isEqualTo("考生甲");
        assertThat(results.get(0).get("passed").asBoolean()).isTrue();
        JsonNode units = c.admin().getJson("/api/exams/" + exam + "/units");
        JsonNode town = null;
        for (JsonNode u : units) {
            if (u.get("orgId").asLong() == c.town()) {
                town = u;
            }
        }
        assertThat(town.get("assigned").asInt()).isEqualTo(1);
        assertThat(town.get("passed").asInt()).isEqualTo(1);
        JsonNode analysis = c.admin().getJson("/api/exams/" + exam + "/analysis");
        assertThat(analysis.size()).isEqualTo(7);
        assertThat(analysis.findValues("difficulty").stream().filter(d -> d.asDouble() == 1.0).count()).isEqualTo(6);

        // exports: Excel, one EXPORT entry each with the exam as filter
        for (String x : List.of("results.xlsx", "analysis.xlsx")) {
            long before = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
            ApiSession.Response f = c.admin().get("/api/exams/" + exam + "/" + x);
            assertThat(f.status()).isEqualTo(200);
            assertThat(f.body()[0]).isEqualTo((byte) 'P'); // a zip: .xlsx
            assertThat(jdbc.sql("select count(*) from audit_log where id > ? and action = 'EXPORT' and entity_type = 'ExamResult' and after_data -> 'filter' ->> 'examId' = ?")
                    .params(before, String.valueOf(exam)).query(Long.class).single()).isEqualTo(1);
        }

        // the latest 任前廉政法规知识测试 shows in the promotion check
        ApiSession.Response promo = c.admin().send("POST", "/api/compliance/cadres/" + c.cadre() + "/promotion-check",
                "{\"rankLevel\": \"TOWNSHIP\"}");
        assertThat(promo.status()).as(promo.text()).isEqualTo(200);
        assertThat(c.admin().parse(promo).get("preAppointmentTestText").asString())
                .isEqualTo("2026年任前廉政法规知识测试：15分（满分20，及格12），合格");
        assertThat(c.admin().parse(c.admin().send("POST", "/api/compliance/cadres/" + c.cadre2() + "/promotion-check",
                "{\"rankLevel\": \"TOWNSHIP\"}")).get("preAppointmentTestText").asString()).isEqualTo("未参加任前廉政法规知识测试");

        // another county sees nothing of it
        County other = county();
        assertThat(other.admin().get("/api/exams/" + exam).status()).isEqualTo(404);
        assertThat(other.admin().get("/api/exams/" + exam + "/results").status()).isEqualTo(404);
        assertThat(other.admin().get("/api/exams/" + exam + "/results.xlsx").status()).isEqualTo(404);
        assertThat(other.admin().getJson("/api/exams/questions").get("total").asLong()).isZero();
        assertThat(other.learner().getJson("/api/exams/mine").findValuesAsString("title")).doesNotContain("2026年任前廉政法规知识测试");
        assertThat(other.learner().send("POST", "/api/exams/" + exam + "/attempts", null).status()).isEqualTo(404);
        assertThat(other.learner().get("/api/exams/attempts/" + attempt).status()).isEqualTo(404);
        // nor does a cadre of the same county see another's paper
        assertThat(c.learner2().get("/api/exams/attempts/" + attempt).status()).isEqualTo(404);
        // and a cadre cannot manage
        assertThat(c.learner().get("/api/exams/" + exam + "/results").status()).isEqualTo(403);
    }

    @Test
    void theTimeLimitIsTheServersAndTheBestAttemptCounts() {
        County c = county();
        importBank(c);
        StoppedClock clock = new StoppedClock();
        attempts.useClock(clock);
        // 2 单选 × 5 = 10, pass 5, one minute, two attempts, the best counts
        long exam = exam(c, """
                {"title": "学法考试", "purpose": "LAW", "targetOrgId": %d, "passScore": 5, "timeLimitMinutes": 1, "maxAttempts": 2,
                 "counts": "BEST", "blueprint": [{"category": "廉政法规", "count": 2, "points": 5}]}""".formatted(c.org()));
        long attempt = c.learner().parse(c.learner().send("POST", "/api/exams/" + exam + "/attempts", null)).get("attemptId").asLong();
        JsonNode qs = c.learner().getJson("/api/exams/attempts/" + attempt).get("questions");
        clock.advance(10);
        put(c.learner(), attempt, qs.get(0), wrongAnswer(qs.get(0)), 200);
        // 15 s past the deadline: within the 30 s grace, still saved
        clock.advance(65);
        put(c.learner(), attempt, qs.get(0), rightAnswer(qs.get(0)), 200);
        // 31 s past it: refused, whatever the browser thinks of the time
        clock.advance(16);
        put(c.learner(), attempt, qs.get(1), rightAnswer(qs.get(1)), 409);
        // handing in late: the answers sent now are not counted, the saved one is (5 of 10)
        ApiSession.Response sub = c.learner().send("POST", "/api/exams/attempts/" + attempt + "/submit",
                "{\"answers\": {\"" + qs.get(1).get("questionId").asLong() + "\": \"" + rightAnswer(qs.get(1)) + "\"}}");
        JsonNode late = c.learner().parse(sub);
        assertThat(sub.status()).as(sub.text()).isEqualTo(200);
        assertThat(late.get("message").asString()).contains("未计入");
        assertThat(new BigDecimal(late.get("score").asString())).isEqualByComparingTo("5");

        // the second attempt draws its own paper; nothing answered: 0; the best (5) counts
        clock.advance(5);
        long second = c.learner().parse(c.learner().send("POST", "/api/exams/" + exam + "/attempts", null)).get("attemptId").asLong();
        assertThat(second).isNotEqualTo(attempt);
        JsonNode done = c.learner().parse(c.learner().send("POST", "/api/exams/attempts/" + second + "/submit", "{}"));
        assertThat(new BigDecimal(done.get("score").asString())).isEqualByComparingTo("0");
        JsonNode result = c.admin().getJson("/api/exams/" + exam + "/results").get("rows").get(0);
        assertThat(result.get("attempts").asInt()).isEqualTo(2);
        assertThat(new BigDecimal(result.get("score").asString())).isEqualByComparingTo("5");
        assertThat(result.get("passed").asBoolean()).isTrue();
        assertThat(c.learner().send("POST", "/api/exams/" + exam + "/attempts", null).status()).isEqualTo(409);

        // an attempt left open past its deadline is handed in with what was saved when anyone looks
        ApiSession.Response st = c.learner2().send("POST", "/api/exams/" + exam + "/attempts", null);
        long third = c.learner2().parse(st).get("attemptId").asLong();
        JsonNode q3 = c.learner2().getJson("/api/exams/attempts/" + third).get("questions");
        put(c.learner2(), third, q3.get(0), rightAnswer(q3.get(0)), 200);
        clock.advance(600);
        JsonNode results = c.admin().getJson("/api/exams/" + exam + "/results").get("rows");
        assertThat(results.findValuesAsString("statusLabel")).containsOnly("已评分");
        // paged for the results tab: a page of one holds the second candidate of the full list, of the same total
        JsonNode pageTwo = c.admin().getJson("/api/exams/" + exam + "/results?page=2&size=1");
        assertThat(pageTwo.get("total").asInt()).isEqualTo(results.size()).isGreaterThan(1);
        assertThat(pageTwo.get("rows").size()).isEqualTo(1);
        assertThat(pageTwo.get("rows").get(0).get("cadreId").asLong()).isEqualTo(results.get(1).get("cadreId").asLong());
        assertThat(c.learner2().getJson("/api/exams/attempts/" + third).get("status").asString()).isEqualTo("GRADED");
    }

    @Test
    void aShortAnswerWaitsForAGraderWhoDoesNotSeeTheName() {
        County c = county();
        importBank(c);
        // 1 单选 × 10 + 1 简答 × 10 = 20, pass 12
        long exam = exam(c, """
                {"title": "主题教育测试", "purpose": "THEME", "targetOrgId": %d, "passScore": 12, "timeLimitMinutes": 20, "maxAttempts": 1,
                 "counts": "LAST", "blueprint": [{"category": "作风建设", "count": 1, "points": 10}, {"category": "廉政法规", "count": 1, "points": 10}]}"""
                .formatted(c.org()));
        long attempt = c.learner().parse(c.learner().send("POST", "/api/exams/" + exam + "/attempts", null)).get("attemptId").asLong();
        JsonNode qs = c.learner().getJson("/api/exams/attempts/" + attempt).get("questions");
        assertThat(qs.get(0).get("kind").asString()).isEqualTo("SINGLE"); // 单选 before 简答, as printed papers
        put(c.learner(), attempt, qs.get(0), rightAnswer(qs.get(0)), 200);
        put(c.learner(), attempt, qs.get(1), "<script>alert(1)</script>坚持以人民为中心", 200);
        JsonNode sub = c.learner().parse(c.learner().send("POST", "/api/exams/attempts/" + attempt + "/submit", "{}"));
        assertThat(sub.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(sub.get("message").asString()).contains("待阅卷");

        JsonNode pending = c.admin().getJson("/api/exams/" + exam + "/grading");
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.get(0).get("response").asString()).isEqualTo("坚持以人民为中心");
        assertThat(pending.toString()).doesNotContain("考生甲");
        String path = "/api/exams/" + exam + "/grading/" + attempt + "/" + pending.get(0).get("questionId").asLong();
        assertThat(c.admin().send("PUT", path, "{\"score\": 11}").status()).isEqualTo(400);
        assertThat(c.admin().send("PUT", path, "{\"score\": 6.3}").status()).isEqualTo(400);
        assertThat(c.admin().send("PUT", path, "{\"score\": 6}").status()).isEqualTo(200);
        // 10 + 6 = 16 ≥ 12
        JsonNode result = c.admin().getJson("/api/exams/" + exam + "/results").get("rows").get(0);
        assertThat(new BigDecimal(result.get("score").asString())).isEqualByComparingTo("16");
        assertThat(result.get("passed").asBoolean()).isTrue();
        assertThat(c.admin().getJson("/api/exams/" + exam + "/grading").size()).isZero();
        // another county's clerk cannot grade it
        assertThat(county().admin().send("PUT", path, "{\"score\": 0}").status()).isEqualTo(404);
    }

    @Test
    void badSheetsAndHostileFormsAreRefusedWithReasons() {
        County c = county();
        List<List<Object>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(HEADER));
        rows.add(Arrays.asList("单选题", "题一", "甲", "乙", null, null, null, null, "A", "易", "廉政法规", null));
        rows.add(Arrays.asList("单选题", "题二", "甲", "乙", null, null, null, null, "C", "易", "廉政法规", null));
        ApiSession.Response r = c.admin().sendBytes("POST", "/api/exams/questions/import?name=" + ApiSession.q("题库.xlsx"),
                "application/octet-stream", xlsx(rows));
        JsonNode result = c.admin().parse(r);
        assertThat(result.get("imported").asInt()).isZero();
        assertThat(result.get("errors").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(result.get("errors").get(0).get("column").asString()).isEqualTo("答案");
        assertThat(result.get("errors").get(0).get("message").asString()).isEqualTo("答案C中有不存在的选项（共2个选项）");
        assertThat(c.admin().getJson("/api/exams/questions").get("total").asLong()).isZero();
        // HTML named .xlsx; a file that is no spreadsheet at all
        assertThat(c.admin().sendBytes("POST", "/api/exams/questions/import?name=a.xlsx", "application/octet-stream",
                "<html><script>x</script></html>".getBytes()).status()).isEqualTo(400);
        assertThat(c.admin().sendBytes("POST", "/api/exams/questions/import?name=a.exe", "application/octet-stream",
                new byte[] {1, 2, 3}).status()).isEqualTo(400);

        // a typed question: the script is stored as its text
        ApiSession.Response q = c.admin().send("POST", "/api/exams/questions", """
                {"kind": "SINGLE", "stem": "<script>alert(1)</script>下列说法正确的是", "options": ["甲", "乙"], "answer": "B",
                 "difficulty": "中", "category": "廉政法规"}""");
        assertThat(q.status()).as(q.text()).isEqualTo(200);
        assertThat(c.admin().parse(q).get("stem").asString()).isEqualTo("下列说法正确的是");
        assertThat(c.admin().send("POST", "/api/exams/questions", """
                {"kind": "SINGLE", "stem": "题\\u0000干", "options": ["甲", "乙"], "answer": "B", "category": "廉政法规"}""").status())
                .isEqualTo(400);
        ApiSession.Response absurd = c.admin().send("POST", "/api/exams", """
                {"title": "考试", "purpose": "LAW", "targetOrgId": %d, "passScore": 60, "timeLimitMinutes": 100000, "maxAttempts": 1,
                 "blueprint": [{"category": "廉政法规", "count": 999999, "points": 1}]}""".formatted(c.org()));
        assertThat(absurd.status()).isEqualTo(400);
        assertThat(absurd.text()).contains("blueprint").contains("timeLimitMinutes");
        // a blueprint the bank cannot fill cannot be published
        long draft = c.admin().parse(c.admin().send("POST", "/api/exams", """
                {"title": "考试", "purpose": "LAW", "targetOrgId": %d, "passScore": 2, "timeLimitMinutes": 10, "maxAttempts": 1,
                 "blueprint": [{"category": "廉政法规", "count": 5, "points": 1}]}""".formatted(c.org()))).get("id").asLong();
        ApiSession.Response pub = c.admin().send("POST", "/api/exams/" + draft + "/publish", null);
        assertThat(pub.status()).isEqualTo(400);
        assertThat(pub.text()).contains("只有1道题");
        // the target must be in the clerk's scope: refused by the reference check every request body passes (@InScope)
        County other = county();
        assertThat(c.admin().send("POST", "/api/exams", """
                {"title": "考试", "purpose": "LAW", "targetOrgId": %d, "passScore": 1, "timeLimitMinutes": 10, "maxAttempts": 1,
                 "blueprint": [{"category": "廉政法规", "count": 1, "points": 1}]}""".formatted(other.org())).status()).isEqualTo(403);
    }

    @Test
    void aCourseWithAQuizCompletesOnlyOnceTheQuizIsPassed() throws Exception {
        County c = county();
        importBank(c);
        long course = c.admin().parse(c.admin().send("POST", "/api/learning/courses", """
                {"title": "廉政课", "category": "POLICY_LAW"}""")).get("id").asLong();
        assertThat(c.admin().sendBytes("PUT", "/api/learning/courses/" + course + "/medium?name=a.mp4", "application/octet-stream",
                DemoMedia.video("廉政课", 60, 1)).status()).isEqualTo(200);
        assertThat(c.admin().send("POST", "/api/learning/courses/" + course + "/publish", null).status()).isEqualTo(200);
        exam(c, """
                {"title": "廉政课测验", "purpose": "QUIZ", "courseId": %d, "passScore": 10, "timeLimitMinutes": 10, "maxAttempts": 3,
                 "counts": "BEST", "blueprint": [{"category": "廉洁自律", "count": 1, "points": 10}]}""".formatted(course));
        // one quiz per course
        ApiSession.Response second = c.admin().send("POST", "/api/exams", """
                {"title": "第二个测验", "purpose": "QUIZ", "courseId": %d, "passScore": 10, "timeLimitMinutes": 10, "maxAttempts": 3,
                 "blueprint": [{"category": "廉洁自律", "count": 1, "points": 10}]}""".formatted(course));
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.text()).contains("已有测验");

        // the player asks for the course's quiz: there is one, and it waits for the credited share
        JsonNode before = c.learner().getJson("/api/exams/courses/" + course + "/quiz");
        assertThat(before.get("quiz").get("title").asString()).isEqualTo("廉政课测验");
        assertThat(before.get("shareReached").asBoolean()).isFalse();
        assertThat(before.get("neededSeconds").asInt()).isEqualTo(54);
        long quiz = before.get("quiz").get("id").asLong();
        ApiSession.Response early = c.learner().send("POST", "/api/exams/" + quiz + "/attempts", null);
        assertThat(early.status()).as("the quiz is taken once the course is studied").isEqualTo(409);
        assertThat(early.text()).contains("有效学习时间达到要求后再参加测验");
        // another county's learner cannot see the course, nor so its quiz
        County other = county();
        assertThat(other.learner().send("GET", "/api/exams/courses/" + course + "/quiz", null).status()).isEqualTo(404);

        // 60 s studied at normal speed: the credited share (54 s) is reached, but the quiz is not passed yet
        LearnClock clock = new LearnClock();
        studyClock(clock);
        try {
            JsonNode s = c.learner().parse(c.learner().send("POST", "/api/learning/catalogue/" + course + "/sessions", null));
            long session = s.get("sessionId").asLong();
            String token = s.get("studyToken").asString();
            JsonNode beat = null;
            for (int i = 1; i <= 3; i++) {
                clock.advance(20);
                // heartbeats go on the study path with the session's study token (docs/online-learning.md)
                beat = c.learner().parse(c.learner().exchange(java.net.http.HttpRequest.newBuilder(
                                c.learner().url("/api/learning/study/" + session + "/heartbeat"))
                        .header("Content-Type", "application/json").header("X-Study-Token", token)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"seq\": " + i + ", \"position\": " + (20 * i) + ", \"playing\": true, \"hidden\": false, \"seeked\": false}"))
                        .build()));
            }
            assertThat(beat.get("creditedSeconds").asInt()).isEqualTo(60);
            assertThat(beat.get("completed").asBoolean()).isFalse();
        } finally {
            studyClock(appClock); // the application's clock again
        }
        assertThat(jdbc.sql("select completed_at is null from study_progress where cadre_id = ? and course_id = ?")
                .params(c.cadre(), course).query(Boolean.class).single()).isTrue();

        // failed once (the wrong answer), then passed: the course completes and the archive credits it once
        JsonNode after = c.learner().getJson("/api/exams/courses/" + course + "/quiz");
        assertThat(after.get("shareReached").asBoolean()).isTrue();
        assertThat(after.get("quiz").get("passed").isNull()).isTrue();
        for (boolean right : new boolean[] {false, true}) {
            long attempt = c.learner().parse(c.learner().send("POST", "/api/exams/" + quiz + "/attempts", null)).get("attemptId").asLong();
            JsonNode q = c.learner().getJson("/api/exams/attempts/" + attempt).get("questions").get(0);
            put(c.learner(), attempt, q, right ? rightAnswer(q) : wrongAnswer(q), 200);
            JsonNode sub = c.learner().parse(c.learner().send("POST", "/api/exams/attempts/" + attempt + "/submit", "{}"));
            assertThat(sub.get("passed").asBoolean()).isEqualTo(right);
            if (!right) {
                assertThat(jdbc.sql("select completed_at is null from study_progress where cadre_id = ? and course_id = ?")
                        .params(c.cadre(), course).query(Boolean.class).single()).isTrue();
            }
        }
        assertThat(jdbc.sql("select completed_at is not null from study_progress where cadre_id = ? and course_id = ?")
                .params(c.cadre(), course).query(Boolean.class).single()).isTrue();
        assertThat(c.learner().getJson("/api/exams/courses/" + course + "/quiz").get("quiz").get("passed").asBoolean()).isTrue();
        long entries = 0;
        for (int i = 0; i < 100 && entries == 0; i++) {
            entries = jdbc.sql("select count(*) from archive_entry where cadre_id = ? and source = 'ONLINE_ACADEMY' and source_ref = ?")
                    .params(c.cadre(), CourseCompleted.archiveSourceRef(course)).query(Long.class).single();
            if (entries == 0) {
                Thread.sleep(100);
            }
        }
        assertThat(entries).isEqualTo(1);

        // the rule set's onlineTestBonus (RULES.md, online course → 学时, the national defaults: “< 15 min = 0.25;
        // passing the course test = +0.5”): a 1-minute course is 0.25 学时, its quiz passed adds 0.5 → 0.75 in the
        // archive, said in the entry's evidence
        var entry = jdbc.sql("select hours, evidence from archive_entry where cadre_id = ? and source = 'ONLINE_ACADEMY' and source_ref = ?")
                .params(c.cadre(), CourseCompleted.archiveSourceRef(course)).query().singleRow();
        assertThat((BigDecimal) entry.get("hours")).isEqualByComparingTo("0.75");
        assertThat((String) entry.get("evidence")).contains("网络课程1分钟计0.25学时").contains("课程测验合格，加0.5学时（");
        // … and the standing's online requirement (ONLINE_YEARLY, 网络自学 50 学时 a year) counts the 0.75
        await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                        "select counted_hours from cadre_standing where cadre_id = ? and code = 'ONLINE_YEARLY'")
                .param(c.cadre()).query(BigDecimal.class).optional()).hasValueSatisfying(h -> assertThat(h).isEqualByComparingTo("0.75")));
    }

    /**
     * An exam for a rank level and named cadres: within the target unit, the 乡科级 cadres and the one named (a 科员)
     * are candidates, the other 科员 is not; publishing tells each candidate once, in-app and by SMS through the
     * outbox. Hostile forms: a made-up rank level, too many names, a name outside the target unit (400), another
     * county's cadre (403, the reference check of request bodies).
     */
    @Test
    void anExamForARankLevelAndNamedCadresTellsItsCandidates() {
        usersClock.setToday(java.time.LocalDate.of(2026, 12, 1)); // the exam closes on the 20th; real time again after the test
        County c = county();
        importBank(c);
        long third = fixture.cadre("考生丙", c.town());
        jdbc.sql("update cadre set rank_level = 'TOWNSHIP', phone = '13900000001' where id = ?").param(c.cadre()).update();
        jdbc.sql("update cadre set rank_level = 'STAFF', phone = '13900000002' where id = ?").param(c.cadre2()).update();
        jdbc.sql("update cadre set rank_level = 'STAFF' where id = ?").param(third).update();
        String form = """
                {"title": "学法考试", "purpose": "LAW", "targetOrgId": %d, "passScore": 2, "timeLimitMinutes": 30, "maxAttempts": 1,
                 "closesAt": "2026-12-20T10:00:00Z", "rankLevels": %s, "cadreIds": %s,
                 "blueprint": [{"category": "廉政法规", "count": 2, "points": 1}]}""";

        // hostile input
        ApiSession.Response bad = c.admin().send("POST", "/api/exams", form.formatted(c.org(), "[\"<script>alert(1)</script>\"]", "[]"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("rankLevels").contains("职级层次应为");
        String many = "[" + String.join(",", java.util.Collections.nCopies(501, String.valueOf(c.cadre()))) + "]";
        ApiSession.Response tooMany = c.admin().send("POST", "/api/exams", form.formatted(c.org(), "[]", many));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.text()).contains("cadreIds").contains("最多500人");
        ApiSession.Response outside = c.admin().send("POST", "/api/exams", form.formatted(c.town(), "[]", "[" + c.cadre2() + "]"));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.text()).contains("cadreIds").contains("须在参考单位");
        County other = county();
        assertThat(c.admin().send("POST", "/api/exams", form.formatted(c.org(), "[]", "[" + other.cadre() + "]")).status())
                .as("another county's cadre").isEqualTo(403);
        assertThat(c.admin().send("POST", "/api/exams", form.formatted(c.org(), "[\"TOWNSHIP\"]", "[" + c.cadre2() + ", " + other.cadre2() + "]"))
                .status()).as("one of the names another county's").isEqualTo(403);

        ApiSession.Response made = c.admin().send("POST", "/api/exams", form.formatted(c.org(), "[\"乡科级\"]", "[" + c.cadre2() + "]"));
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        JsonNode exam = c.admin().parse(made);
        long id = exam.get("id").asLong();
        assertThat(exam.get("rankLevels").get(0).asString()).isEqualTo("TOWNSHIP");
        assertThat(exam.get("targetText").asString()).endsWith("：乡科级，点名1人");
        assertThat(c.admin().send("POST", "/api/exams/" + id + "/publish", null).status()).isEqualTo(200);
        assertThat(c.admin().send("POST", "/api/exams/" + id + "/publish", null).status()).isEqualTo(409);

        // the 乡科级 cadre and the named one are told, once each; the other 科员 is not
        List<Long> told = jdbc.sql("select cadre_id from notification where kind = 'EXAM_NOTICE' and dedup_key like ? order by cadre_id")
                .param("exam:" + id + ":%").query(Long.class).list();
        assertThat(told).containsExactlyInAnyOrder(c.cadre(), c.cadre2());
        assertThat(jdbc.sql("select body from notification where kind = 'EXAM_NOTICE' and cadre_id = ?").param(c.cadre()).query(String.class).single())
                .isEqualTo("请参加“学法考试”（2题，限时30分钟，12月20日18:00前），请在手机“在线考试”中作答。");
        assertThat(jdbc.sql("select phone from sms_outbox where dedup_key like ? order by phone").param("sms:exam:" + id + ":%").query(String.class).list())
                .containsExactly("13900000001", "13900000002");
        assertThat(c.learner().getJson("/api/exams/mine").findValues("id").stream().map(JsonNode::asLong).toList()).contains(id);
        assertThat(c.learner2().getJson("/api/exams/mine").findValues("id").stream().map(JsonNode::asLong).toList()).contains(id);
        assertThat(c.learner2().send("POST", "/api/exams/" + id + "/attempts", null).status()).isEqualTo(200);
        // per unit: 应考 counts only the candidates (the county: the named one; the town: the 乡科级 one, not the other 科员)
        JsonNode units = c.admin().getJson("/api/exams/" + id + "/units");
        int assigned = 0;
        for (JsonNode u : units) {
            assigned += u.get("assigned").asInt();
        }
        assertThat(assigned).isEqualTo(2);
        // the third cadre, not a candidate, cannot start it
        String l3 = Fixture.unique("ksxy");
        fixture.user(l3, Role.CADRE, null, null, third);
        ApiSession s3 = new ApiSession(port);
        assertThat(s3.login(l3, Fixture.PASSWORD).status()).isEqualTo(200);
        assertThat(s3.send("POST", "/api/exams/" + id + "/attempts", null).status()).isEqualTo(404);
    }

    /** StudySessions' clock is the learning package's to set: reached by reflection rather than widened for this test. */
    void studyClock(Clock clock) throws Exception {
        java.lang.reflect.Method m = org.ganxun.learning.internal.study.StudySessions.class.getDeclaredMethod("useClock", Clock.class);
        m.setAccessible(true);
        m.invoke(sessions, clock);
    }

    static final class LearnClock extends Clock {
        volatile Instant now = Instant.now();

        void advance(double seconds) {
            now = now.plusMillis((long) (seconds * 1000));
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
