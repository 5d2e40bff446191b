package org.ganxun.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.demo.DemoMedia;
import org.ganxun.learning.internal.assignment.AssignmentReminders;
import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * 网络学院 assignments through the HTTP API, on a small county worked by hand: who is targeted, progress per unit and
 * per person, reminders only to those behind and only in the sender's scope, the week-before job once, the learner's
 * own list, the workbench lines, a required course's archive entry marked 必修, hostile forms, another county.
 */
@IntegrationTest
class AssignmentApiTest {

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired ScriptedStudy study;
    @Autowired AssignmentReminders reminders;

    record County(long county, long t1, long t2, Map<String, Long> cadres, ApiSession admin, ApiSession liaison2, long k1, long k2,
                  Map<String, String> accounts) {
    }

    private ApiSession login(String name) {
        ApiSession s = new ApiSession(port);
        assertThat(s.login(name, Fixture.PASSWORD).status()).isEqualTo(200);
        return s;
    }

    private long course(ApiSession admin, String title) {
        ApiSession.Response created = admin.send("POST", "/api/learning/courses", "{\"title\": \"" + title + "\", \"category\": \"POLICY_LAW\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        long id = admin.parse(created).get("id").asLong();
        ApiSession.Response up = admin.sendBytes("PUT", "/api/learning/courses/" + id + "/medium?name=a.wav", "application/octet-stream",
                DemoMedia.wav(60));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        assertThat(admin.send("POST", "/api/learning/courses/" + id + "/publish", null).status()).isEqualTo(200);
        return id;
    }

    private long cadre(String name, long org, String rank, String status) {
        long id = fixture.cadre(name, org);
        // fixture cadres are 科员; the targeting needs other levels (and one who left)
        jdbc.sql("update cadre set rank_level = ?, status = ?, phone = ? where id = ?")
                .params(rank, status, "1390000" + String.format("%04d", id % 10000), id).update();
        return id;
    }

    /**
     * The county: T1 has a1, a2 (乡科级), a3 (科员) and d (乡科级, left); T2 has b1, b2 (乡科级) and b3 (科员, named);
     * c1 (乡科级) sits in the county's own offices. Two 60-second courses K1, K2.
     */
    private County county() {
        long county = fixture.org(null, Fixture.unique("任务县"), "COUNTY");
        long t1 = fixture.org(county, "一乡", "TOWNSHIP");
        long t2 = fixture.org(county, "二镇", "TOWNSHIP");
        Map<String, Long> c = new HashMap<>();
        c.put("a1", cadre("甲一", t1, "TOWNSHIP", "ACTIVE"));
        c.put("a2", cadre("甲二", t1, "TOWNSHIP", "ACTIVE"));
        c.put("a3", cadre("甲三", t1, "STAFF", "ACTIVE"));
        c.put("d", cadre("甲四", t1, "TOWNSHIP", "RETIRED"));
        c.put("b1", cadre("乙一", t2, "TOWNSHIP", "ACTIVE"));
        c.put("b2", cadre("乙二", t2, "TOWNSHIP", "ACTIVE"));
        c.put("b3", cadre("乙三", t2, "STAFF", "ACTIVE"));
        c.put("c1", cadre("丙一", county, "TOWNSHIP", "ACTIVE"));
        String admin = Fixture.unique("rwadm"), liaison = Fixture.unique("rwlia");
        fixture.user(admin, Role.ORG_DEPT_ADMIN, county, null, null);
        fixture.user(liaison, Role.UNIT_LIAISON, t2, null, null);
        Map<String, String> accounts = new HashMap<>();
        for (String who : List.of("a1", "a2", "c1")) {
            String name = Fixture.unique("rw" + who);
            fixture.user(name, Role.CADRE, null, null, c.get(who));
            accounts.put(who, name);
        }
        ApiSession a = login(admin);
        return new County(county, t1, t2, c, a, login(liaison), course(a, "课程一"), course(a, "课程二"), accounts);
    }

    private JsonNode ok(ApiSession s, String method, String path, String body) {
        ApiSession.Response r = s.send(method, path, body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return s.parse(r);
    }

    private String form(String kind, String title, LocalDate from, LocalDate due, List<Long> courses, List<Long> orgs, String ranks,
                        List<Long> cadres) {
        return "{\"kind\": \"" + kind + "\", \"title\": \"" + title + "\", \"startsOn\": \"" + from + "\", \"dueOn\": \"" + due
                + "\", \"courseIds\": " + courses + ", \"orgIds\": " + orgs + ", \"rankLevels\": " + ranks
                + ", \"staffCategories\": [], \"cadreIds\": " + cadres + "}";
    }

    private static List<ScriptedStudy.Move> watch(int n) {
        return Collections.nCopies(n, ScriptedStudy.Move.WATCH);
    }

    @Test
    void progressPerUnitAndPersonRemindersInScopeAndTheWeekBeforeJobOnce() throws Exception {
        County k = county();
        LocalDate today = LocalDate.now();
        // 专题 to 乡科级 of 一乡 and 二镇, plus 乙三 by name; due in five days
        JsonNode theme = ok(k.admin(), "POST", "/api/learning/assignments", form("THEME", "年度主题学习", today.minusDays(2), today.plusDays(5),
                List.of(k.k1(), k.k2()), List.of(k.t1(), k.t2()), "[\"TOWNSHIP\"]", List.of(k.cadres().get("b3"))));
        long id = theme.get("id").asLong();
        assertThat(theme.get("targetText").asString()).isEqualTo("一乡、二镇的乡科级，另指定1人");
        // 必修: 课程一 to everybody in 一乡, due in a month
        ok(k.admin(), "POST", "/api/learning/assignments", form("REQUIRED", "必学课程", today.minusDays(2), today.plusDays(30),
                List.of(k.k1()), List.of(k.t1()), "[]", List.of()));

        // study through the crediting rules: 60 s courses need 54 s (0.9), three 20-second heartbeats
        Instant an_hour_ago = Instant.now().minusSeconds(3600);
        Map<String, Long> c = k.cadres();
        study.study(c.get("a1"), k.k1(), an_hour_ago, watch(3));
        study.study(c.get("a1"), k.k2(), an_hour_ago.plusSeconds(100), watch(3));
        study.study(c.get("a2"), k.k1(), an_hour_ago, watch(3));
        study.study(c.get("a2"), k.k2(), an_hour_ago.plusSeconds(100), watch(1));
        study.study(c.get("b1"), k.k1(), an_hour_ago, watch(1));
        study.study(c.get("b3"), k.k1(), an_hour_ago, watch(3));
        study.study(c.get("b3"), k.k2(), an_hour_ago.plusSeconds(100), watch(3));
        study.study(c.get("c1"), k.k1(), an_hour_ago, watch(3)); // not targeted by the theme
        study.study(c.get("c1"), k.k2(), an_hour_ago.plusSeconds(100), watch(3));

        // worked by hand: targets a1, a2 (一乡), b1, b2, b3 (二镇); not a3 (科员), d (left), c1 (not in the units).
        // 一乡: 2 assigned, 2 started, 1 completed (a1) = 50.0 %; 二镇: 3 assigned, 2 started (b1, b3), 1 completed (b3)
        // = 33.3 %; in all 5, 4, 2 = 40.0 %.
        JsonNode p = ok(k.admin(), "GET", "/api/learning/assignments/" + id + "/progress", null);
        assertThat(p.get("courses").asInt()).isEqualTo(2);
        assertThat(List.of(p.get("assigned").asLong(), p.get("started").asLong(), p.get("completed").asLong())).containsExactly(5L, 4L, 2L);
        assertThat(p.get("percent").asString()).isEqualTo("40.0");
        Map<String, String> units = new HashMap<>();
        p.get("units").forEach(u -> units.put(u.get("orgName").asString(),
                u.get("assigned").asLong() + "/" + u.get("started").asLong() + "/" + u.get("completed").asLong() + "/" + u.get("percent").asString()));
        assertThat(units).containsExactlyInAnyOrderEntriesOf(Map.of("一乡", "2/2/1/50.0", "二镇", "3/2/1/33.3"));

        // the drill-down: 二镇's people, each course
        JsonNode people = ok(k.admin(), "GET", "/api/learning/assignments/" + id + "/people?orgId=" + k.t2(), null);
        Map<String, String> status = new HashMap<>();
        people.forEach(x -> status.put(x.get("name").asString(), x.get("statusLabel").asString() + " " + x.get("completed").asInt()));
        assertThat(status).containsExactlyInAnyOrderEntriesOf(Map.of("乙一", "学习中 0", "乙二", "未开始 0", "乙三", "已完成 2"));
        JsonNode b1 = List.copyOf(toList(people)).stream().filter(x -> x.get("name").asString().equals("乙一")).findFirst().orElseThrow();
        assertThat(b1.get("detail").get(0).get("creditedSeconds").asInt()).isEqualTo(20);
        assertThat(ok(k.admin(), "GET", "/api/learning/assignments/" + id + "/people?status=BEHIND", null).size()).isEqualTo(3);

        // the unit liaison of 二镇 sees 二镇 only
        JsonNode mine = ok(k.liaison2(), "GET", "/api/learning/assignments/" + id + "/progress", null);
        assertThat(mine.get("units").size()).isEqualTo(1);
        assertThat(mine.get("units").get(0).get("orgName").asString()).isEqualTo("二镇");
        assertThat(ok(k.liaison2(), "GET", "/api/learning/assignments/" + id + "/people?orgId=" + k.t1(), null).size()).isZero();
        assertThat(ok(k.liaison2(), "GET", "/api/learning/assignments", null).findValuesAsString("title")).contains("年度主题学习");
        // … and may not change it
        assertThat(k.liaison2().send("POST", "/api/learning/assignments/" + id + "/cancel", null).status()).isEqualTo(403);

        // the liaison's reminder goes to 二镇's two behind (b1, b2), not to b3 (done) nor to a2 (一乡, out of scope)
        JsonNode sent = ok(k.liaison2(), "POST", "/api/learning/assignments/" + id + "/reminders", null);
        assertThat(sent.get("sent").asInt()).isEqualTo(2);
        assertThat(reminded(id, "%")).containsExactlyInAnyOrder(c.get("b1"), c.get("b2"));
        assertThat(jdbc.sql("select count(*) from sms_outbox where dedup_key like ?").param("sms:assignment:" + id + ":%").query(Long.class).single())
                .isEqualTo(2);
        // pressed again the same day: nobody twice
        assertThat(ok(k.liaison2(), "POST", "/api/learning/assignments/" + id + "/reminders", null).get("sent").asInt()).isZero();

        // the job a week before the due date: everyone behind (a2, b1, b2), once however often it runs
        assertThat(reminders.remindDue(today)).isGreaterThanOrEqualTo(3);
        assertThat(reminded(id, "week-before")).containsExactlyInAnyOrder(c.get("a2"), c.get("b1"), c.get("b2"));
        assertThat(reminders.remindDue(today)).isZero();

        // the learner's own list: a2 has the theme (1 of 2) and the required course (done); the workbench's line counts
        // the one course not completed of what is due within 14 days
        ApiSession a2 = login(k.accounts().get("a2"));
        JsonNode my = ok(a2, "GET", "/api/learning/my/assignments", null);
        assertThat(my.size()).isEqualTo(2);
        assertThat(my.get(0).get("title").asString()).isEqualTo("年度主题学习");
        assertThat(my.get(0).get("completed").asInt()).isEqualTo(1);
        assertThat(my.get(0).get("daysLeft").asInt()).isEqualTo(5);
        assertThat(my.get(1).get("kindLabel").asString()).isEqualTo("必修");
        assertThat(todo(a2, "learning.required")).isEqualTo(1);
        assertThat(todo(login(k.accounts().get("a1")), "learning.required")).isZero();
        assertThat(ok(login(k.accounts().get("c1")), "GET", "/api/learning/my/assignments", null).size()).isZero();
        // units behind: the county sees 一乡 and 二镇, 二镇's liaison 二镇
        assertThat(todo(k.admin(), "learning.unitsBehind")).isEqualTo(2);
        assertThat(todo(k.liaison2(), "learning.unitsBehind")).isEqualTo(1);

        // the required course completed after it was assigned is 必修 in the archive; c1's (not targeted) is not
        assertThat(awaitRequired(c.get("a1"), k.k1())).isTrue();
        assertThat(awaitRequired(c.get("c1"), k.k1())).isFalse();
    }

    private List<Long> reminded(long id, String kind) {
        return jdbc.sql("select cadre_id from notification where kind = 'LEARNING_REMINDER' and dedup_key like ?")
                .param("assignment:" + id + ":" + kind + "%").query(Long.class).list();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private long todo(ApiSession s, String key) {
        JsonNode desk = s.getJson("/api/desk");
        for (JsonNode t : desk.get("todos")) {
            if (t.get("key").asString().equals(key)) {
                return t.get("count").asLong();
            }
        }
        return 0;
    }

    private Boolean awaitRequired(long cadre, long course) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<Boolean> r = jdbc.sql("select required from archive_entry where cadre_id = ? and source = 'ONLINE_ACADEMY' and source_ref = ?")
                    .params(cadre, CourseCompleted.archiveSourceRef(course)).query(Boolean.class).list();
            if (!r.isEmpty()) {
                return r.get(0);
            }
            Thread.sleep(100);
        }
        return null;
    }

    private long proposal(long org, String topic, String dimension, String value, String group) {
        long survey = jdbc.sql("insert into survey (title, org_id, public_token, created_by, status) values ('培训需求调研', ?, ?, 'test', 'CLOSED') returning id")
                .params(org, Fixture.unique("tok")).query(Long.class).single();
        return jdbc.sql("""
                        insert into survey_class_proposal (survey_id, kind, topic, target_group, group_dimension, group_value, demand_count,
                                                           respondents, demand_share, rationale)
                        values (?, 'TOPIC', ?, ?, ?, ?, 12, 20, 60.0, '需求最集中') returning id""")
                .params(survey, topic, group, dimension, value).query(Long.class).single();
    }

    /**
     * A 专题 answering a survey's proposed topic: the proposal's group (职级：乡科级) becomes the target, so the
     * 乡科级 cadres of the county (a1, a2, b1, b2, c1; not the 科员 a3, b3, nor d who left) are its learners. A group that is
     * not a group of cadres (an age band), a 必修, another county's survey: refused.
     */
    @Test
    void aThemeFromASurveysProposedTopicTargetsTheGroupThatAsked() {
        County k = county();
        LocalDate today = LocalDate.now();
        long topic = proposal(k.county(), "乡村振兴政策解读", "RANK_LEVEL", "TOWNSHIP", "职级：乡科级");
        String body = form("THEME", "乡村振兴专题", today.minusDays(1), today.plusDays(20), List.of(k.k1()), List.of(), "[]", List.of());
        JsonNode theme = ok(k.admin(), "POST", "/api/learning/assignments", body.replace("}", ", \"surveyProposalId\": " + topic + "}"));
        assertThat(theme.get("surveyProposalId").asLong()).isEqualTo(topic);
        assertThat(theme.get("surveyTopic").asString()).isEqualTo("乡村振兴政策解读");
        assertThat(theme.get("rankLevels").get(0).asString()).isEqualTo("TOWNSHIP");
        JsonNode progress = ok(k.admin(), "GET", "/api/learning/assignments/" + theme.get("id").asLong() + "/progress", null);
        int assigned = 0;
        for (JsonNode u : progress.get("units")) {
            assigned += u.get("assigned").asInt();
        }
        assertThat(assigned).isEqualTo(5);
        ApiSession a1 = login(k.accounts().get("a1"));
        assertThat(ok(a1, "GET", "/api/learning/my/assignments", null).findValuesAsString("title")).contains("乡村振兴专题");

        long byAge = proposal(k.county(), "健康知识", "AGE_BAND", "UNDER_35", "年龄段：35岁以下");
        ApiSession.Response age = k.admin().send("POST", "/api/learning/assignments", body.replace("}", ", \"surveyProposalId\": " + byAge + "}"));
        assertThat(age.status()).isEqualTo(400);
        assertThat(age.text()).contains("surveyProposalId").contains("年龄段");
        ApiSession.Response required = k.admin().send("POST", "/api/learning/assignments",
                body.replace("\"THEME\"", "\"REQUIRED\"").replace("}", ", \"surveyProposalId\": " + topic + "}"));
        assertThat(required.status()).isEqualTo(400);
        assertThat(required.text()).contains("只有专题");
        long elsewhere = proposal(fixture.org(null, Fixture.unique("别县"), "COUNTY"), "别县主题", "RANK_LEVEL", "TOWNSHIP", "职级：乡科级");
        assertThat(k.admin().send("POST", "/api/learning/assignments", body.replace("}", ", \"surveyProposalId\": " + elsewhere + "}")).status())
                .as("another county's survey").isEqualTo(404);
    }

    @Test
    void hostileFormsAreRefusedWithTheFieldAndAnotherCountySeesNothing() {
        County k = county();
        County other = county();
        LocalDate today = LocalDate.now();
        String path = "/api/learning/assignments";
        // markup is removed from the title; a NUL byte is refused by the platform before the handler
        JsonNode a = ok(k.admin(), "POST", path, form("THEME", "<script>alert(1)</script>理论学习", today, today.plusDays(9),
                List.of(k.k1()), List.of(k.t1()), "[]", List.of()));
        assertThat(a.get("title").asString()).doesNotContain("<").contains("理论学习");
        assertThat(k.admin().send("POST", path, form("THEME", "理论\\u0000学习", today, today.plusDays(9), List.of(k.k1()),
                List.of(k.t1()), "[]", List.of())).status()).isEqualTo(400);
        long id = a.get("id").asLong();

        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("title", form("THEME", "长".repeat(101), today, today.plusDays(9), List.of(k.k1()), List.of(k.t1()), "[]", List.of()));
        refused.put("dueOn", form("THEME", "倒序", today, today.minusDays(1), List.of(k.k1()), List.of(k.t1()), "[]", List.of()));
        refused.put("startsOn", form("THEME", "远古", LocalDate.of(1900, 1, 1), today, List.of(k.k1()), List.of(k.t1()), "[]", List.of()));
        refused.put("courseIds", form("THEME", "别县课程", today, today.plusDays(9), List.of(other.k1()), List.of(k.t1()), "[]", List.of()));
        refused.put("rankLevels", form("THEME", "注入", today, today.plusDays(9), List.of(k.k1()), List.of(), "[\"TOWNSHIP' or '1'='1\"]", List.of()));
        refused.put("orgIds", form("THEME", "无对象", today, today.plusDays(9), List.of(k.k1()), List.of(), "[]", List.of()));
        for (var e : refused.entrySet()) {
            ApiSession.Response r = k.admin().send("POST", path, e.getValue());
            assertThat(r.status()).as(e.getKey() + ": " + r.text()).isEqualTo(400);
            assertThat(r.text()).as(e.getKey()).contains("\"" + e.getKey() + "\"");
        }
        // a unit or a cadre of another county: refused before the handler runs
        assertThat(k.admin().send("POST", path, form("THEME", "别县单位", today, today.plusDays(9), List.of(k.k1()),
                List.of(other.t1()), "[]", List.of())).status()).isEqualTo(403);
        assertThat(k.admin().send("POST", path, form("THEME", "别县干部", today, today.plusDays(9), List.of(k.k1()),
                List.of(), "[]", List.of(other.cadres().get("a1")))).status()).isEqualTo(403);
        // an absurd id, an unknown kind, a broken date: 400, not 500
        assertThat(k.admin().send("POST", path, form("THEME", "大数", today, today.plusDays(9), List.of(99999999999999L),
                List.of(k.t1()), "[]", List.of())).status()).isEqualTo(400);
        assertThat(k.admin().send("POST", path, form("NOPE", "类型", today, today.plusDays(9), List.of(k.k1()),
                List.of(k.t1()), "[]", List.of())).status()).isEqualTo(400);
        assertThat(k.admin().send("GET", path + "/" + id + "/people?status=%25", null).status()).isEqualTo(400);

        // another county sees nothing of it
        assertThat(ok(other.admin(), "GET", path, null).findValuesAsString("title")).doesNotContain(a.get("title").asString());
        for (String p : List.of("/" + id, "/" + id + "/progress", "/" + id + "/people")) {
            assertThat(other.admin().send("GET", path + p, null).status()).as(p).isEqualTo(404);
        }
        assertThat(other.admin().send("POST", path + "/" + id + "/reminders", null).status()).isEqualTo(404);
        assertThat(other.admin().send("PUT", path + "/" + id, form("THEME", "改", today, today.plusDays(9), List.of(other.k1()),
                List.of(other.t1()), "[]", List.of())).status()).isEqualTo(404);
        assertThat(other.admin().send("POST", path + "/" + id + "/cancel", null).status()).isEqualTo(404);
        // nor do its cadres
        assertThat(ok(login(other.accounts().get("a1")), "GET", "/api/learning/my/assignments", null).size()).isZero();
        // a cadre may not manage or read assignments
        assertThat(login(k.accounts().get("a1")).send("GET", path, null).status()).isEqualTo(403);
    }
}
