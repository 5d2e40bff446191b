package org.ganxun.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.classroom.Leaves;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The workbench (GET /api/desk) over HTTP, with the real security and ScopeGuard: what one role does appears on the
 * workbench of the role that acts next, with the page (and its filter) where it is done, and nowhere else; the
 * trainee's messages (call-up, leave decision) reach the bell and the message centre, and the organisation department
 * sees what was sent for the class with the SMS state.
 */
@IntegrationTest
class DeskTest {

    @LocalServerPort int port;
    @Autowired TrainingFixture tf;
    @Autowired TrainingClasses classes;
    @Autowired Enrollments enrollments;
    @Autowired Leaves leaves;

    @Test
    void eachRoleSeesWhatOthersLeftForIt() {
        TrainingFixture.awayFromMidnight();
        TrainingFixture.County c = tf.county();
        LocalDate today = LocalDate.now(java.time.ZoneId.systemDefault());

        // the party school files a class: the county's organisation department has one filing to approve
        long filed = c.draft(Fixture.unique("待批班"), today.plusDays(20), today.plusDays(22), List.of(), 10,
                List.of(TrainingFixture.session(today.plusDays(20), 9, 12, "开班", null, null)));
        tf.fixture.as(c.registrar, () -> classes.submit(filed));
        ApiSession admin = session(c.admin);
        JsonNode approvals = todo(admin, "training.approvals");
        assertThat(approvals.get("count").asLong()).isEqualTo(1);
        assertThat(approvals.get("route").asString()).isEqualTo("/training/approvals");
        assertThat(todo(session(c.liaisonA), "training.approvals")).as("a liaison approves no filings").isNull();

        // approved with a quota of 2 for township A: A's liaison has 2 seats to fill, B's none; the department sees
        // the quota not filled
        tf.fixture.as(c.admin, () -> classes.approve(filed, null));
        tf.fixture.as(c.admin, () -> enrollments.setQuotas(filed, List.of(new Enrollments.QuotaRequest(c.townA, 2))));
        JsonNode nominate = todo(session(c.liaisonA), "training.nominate." + filed);
        assertThat(nominate.get("count").asLong()).isEqualTo(2);
        assertThat(nominate.get("route").asString()).isEqualTo("/training/enroll");
        assertThat(nominate.get("query").get("classId").asString()).isEqualTo(String.valueOf(filed));
        assertThat(todo(session(c.liaisonB), "training.nominate." + filed)).isNull();
        assertThat(todo(admin, "training.quotas." + filed).get("count").asLong()).isEqualTo(2);
        assertThat(todo(admin, "training.approvals")).as("nothing left to approve").isNull();

        // a class running today; a trainee called up asks for leave: the registrar has one leave to decide
        long running = tf.fixture.as(c.registrar, () -> classes.create(c.form(Fixture.unique("在训班"), today, today, List.of(), 5,
                List.of(new TrainingClasses.SessionForm(null, today, LocalTime.of(0, 0), LocalTime.of(23, 59), "专题辅导", null, "党校",
                        new BigDecimal("3"))))).id());
        tf.fixture.as(c.registrar, () -> classes.submit(running));
        tf.fixture.as(c.admin, () -> classes.approve(running, null));
        long cadre = c.staff("请假学员", c.townA);
        tf.fixture.as(c.admin, () -> enrollments.name(running, cadre));
        CurrentUser trainee = tf.fixture.user(Fixture.unique("qj"), Role.CADRE, null, null, cadre);
        long sessionId = classes.sessions(running).get(0).id();
        long leaveId = tf.fixture.as(trainee, () -> leaves.request(running, new Leaves.LeaveForm(List.of(sessionId), "下乡防汛")).id());
        ApiSession registrar = session(c.registrar);
        JsonNode leave = todo(registrar, "training.leaves." + running);
        assertThat(leave.get("count").asLong()).isEqualTo(1);
        assertThat(leave.get("route").asString()).isEqualTo("/training/classroom");
        assertThat(leave.get("query").get("classId").asString()).isEqualTo(String.valueOf(running));
        assertThat(leave.get("query").get("tab").asString()).isEqualTo("leaves");
        assertThat(todo(session(c.liaisonA), "training.leaves." + running)).as("a liaison decides no leave").isNull();

        // the trainee's bell: the call-up notice is unread; the leave decision arrives as a message too
        ApiSession me = session(trainee);
        long unread = me.getJson("/api/notifications/unread").get("count").asLong();
        assertThat(unread).isEqualTo(1);
        assertThat(me.getJson("/api/notifications?kind=TRAINING_").get(0).get("title").asString()).isEqualTo("调训通知");
        tf.fixture.as(c.registrar, () -> leaves.approve(leaveId, null));
        assertThat(todo(registrar, "training.leaves." + running)).as("decided, so gone").isNull();
        JsonNode now = me.getJson("/api/notifications/unread");
        assertThat(now.get("count").asLong()).isEqualTo(2);
        JsonNode newest = me.getJson("/api/notifications?unread=true").get(0);
        assertThat(newest.get("title").asString()).isEqualTo("请假已批准");
        assertThat(newest.get("link").asString()).isEqualTo("/m/class/" + running);
        assertThat(newest.get("id").asLong()).isEqualTo(now.get("latestId").asLong());
        assertThat(me.send("POST", "/api/notifications/read-all", "{}").status()).isEqualTo(200);
        assertThat(me.getJson("/api/notifications/unread").get("count").asLong()).isZero();

        // the department sees what was sent for the class: the call-up (with its SMS copy) and the leave decision
        JsonNode sent = admin.getJson("/api/training/classes/" + running + "/messages");
        List<String> titles = new ArrayList<>();
        sent.forEach(n -> titles.add(n.get("title").asString()));
        assertThat(titles).containsExactlyInAnyOrder("调训通知", "请假已批准");
        JsonNode callUp = null;
        for (JsonNode n : sent) {
            if (n.get("title").asString().equals("调训通知")) {
                callUp = n;
            }
        }
        assertThat(callUp.get("cadreName").asString()).isEqualTo("请假学员");
        assertThat(callUp.get("smsStatusLabel").asString()).isIn("待发送", "已发送");
        assertThat(callUp.get("readAt").isNull()).isFalse();
        // another township's liaison may not read the class's message log
        assertThat(session(c.liaisonB).get("/api/training/classes/" + running + "/messages").status()).isEqualTo(403);
    }

    private ApiSession session(CurrentUser u) {
        ApiSession s = new ApiSession(port);
        s.login(u.username(), Fixture.PASSWORD);
        return s;
    }

    /** The workbench line with this key, or null. */
    private static JsonNode todo(ApiSession s, String key) {
        JsonNode desk = s.getJson("/api/desk");
        assertThat(desk.get("failed")).as("no source failed").isEmpty();
        for (JsonNode t : desk.get("todos")) {
            if (t.get("key").asString().equals(key)) {
                return t;
            }
        }
        return null;
    }
}
