package org.ganxun.partyedu.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.notify.SmsOutbox;
import org.ganxun.partyedu.Branches;
import org.ganxun.partyedu.MemberCategory;
import org.ganxun.partyedu.MemberView;
import org.ganxun.partyedu.Members;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A broadcast from a template reaches the chosen members through the outbox, and its log shows each delivery. */
@IntegrationTest
class BroadcastTest {

    @Autowired Fixture fixture;
    @Autowired Members members;
    @Autowired Broadcasts broadcasts;
    @Autowired SmsOutbox outbox;
    @Autowired JdbcClient jdbc;

    @Test
    void aTemplateIsChangedOnlyWithinItsOwnersScopeAndOfferedToThatScopeAndBelow() {
        Branches b = new Branches(fixture);
        CurrentUser townAdmin = fixture.user(Fixture.unique("tplAdm"), Role.ORG_DEPT_ADMIN, b.township, null, null);
        Broadcasts.Template ofAdmin = fixture.as(Fixture.systemAdmin(), () -> broadcasts.saveTemplate(null,
                new Broadcasts.TemplateRequest("全县通知" + b.name, "{姓名}同志：请按时参加主题党日。")));
        Broadcasts.Template ofA = fixture.as(b.secretaryA, () -> broadcasts.saveTemplate(null,
                new Broadcasts.TemplateRequest("甲支部提醒" + b.name, "{姓名}同志：甲村党支部提醒您参学。")));
        Broadcasts.TemplateRequest change = new Broadcasts.TemplateRequest("改过", "改过的内容");

        // the administrator's template: every secretary may use it, none may change or delete it
        assertThat(fixture.as(b.secretaryB, () -> broadcasts.templates())).anySatisfy(t -> {
            assertThat(t.id()).isEqualTo(ofAdmin.id());
            assertThat(t.editable()).isFalse();
        });
        assertThatThrownBy(() -> fixture.as(b.secretaryB, () -> broadcasts.saveTemplate(ofAdmin.id(), change)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> fixture.as(b.secretaryA, () -> {
            broadcasts.deleteTemplate(ofAdmin.id());
            return null;
        })).isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));

        // branch A's template: not offered to branch B, changed by A and by the township above it
        assertThat(fixture.as(b.secretaryB, () -> broadcasts.templates())).noneMatch(t -> t.id() == ofA.id());
        assertThatThrownBy(() -> fixture.as(b.secretaryB, () -> broadcasts.saveTemplate(ofA.id(), change)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(fixture.as(b.secretaryA, () -> broadcasts.saveTemplate(ofA.id(), change)).name()).isEqualTo("改过");
        assertThat(fixture.as(townAdmin, () -> broadcasts.templates())).anyMatch(t -> t.id() == ofA.id() && t.editable());
        fixture.as(townAdmin, () -> {
            broadcasts.deleteTemplate(ofA.id());
            return null;
        });
        assertThat(fixture.as(Fixture.systemAdmin(), () -> broadcasts.templates())).noneMatch(t -> t.id() == ofA.id());

        // nor is a template B is not offered there to be named by a broadcast
        b.member(members, Branches.form("许乙支", b.branchB, MemberCategory.FARMER, "13655550021"));
        Broadcasts.Template ofB = fixture.as(b.secretaryB, () -> broadcasts.saveTemplate(null,
                new Broadcasts.TemplateRequest("乙支部提醒" + b.name, "{姓名}同志：乙村党支部提醒您参学。")));
        assertThatThrownBy(() -> fixture.as(b.secretaryA, () -> broadcasts.send(new Broadcasts.BroadcastRequest(ofB.id(), "自己写的内容",
                null, null, null, null, null, Fixture.unique("req")))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void mobileMembersOfABranchGetThePersonalisedMessageOnceAndTheLogShowsDelivery() {
        Branches b = new Branches(fixture);
        long away = b.member(members, Branches.mobileForm("韩外出", b.branchA, "13655550001", LocalDate.now().minusMonths(1), null, false));
        long noPhone = b.member(members, Branches.mobileForm("杨无机", b.branchA, null, LocalDate.now().minusMonths(1), null, false));
        b.member(members, Branches.form("朱在家", b.branchA, MemberCategory.FARMER, "13655550003"));
        b.member(members, Branches.mobileForm("秦乙支", b.branchB, "13655550004", LocalDate.now().minusMonths(1), null, false));

        Broadcasts.Template t = fixture.as(b.secretaryA, () -> broadcasts.saveTemplate(null,
                new Broadcasts.TemplateRequest("流动党员学习提醒", "{姓名}同志，{支部}提醒您：本月主题党日可在线参学，在{外出地点}也别忘了学习。")));
        String requestId = Fixture.unique("req");
        Broadcasts.BroadcastRequest req = new Broadcasts.BroadcastRequest(t.id(), null, null, null, null, true, null, requestId);
        Broadcasts.Broadcast sent = fixture.as(b.secretaryA, () -> broadcasts.send(req));
        assertThat(sent.recipients()).isEqualTo(2);
        assertThat(sent.noPhone()).isEqualTo(1);
        assertThat(sent.pending()).isEqualTo(1);
        assertThat(sent.selection()).isEqualTo("管理范围内全部党员，流动党员（2人）");
        // a double submit is the same broadcast
        assertThat(fixture.as(b.secretaryA, () -> broadcasts.send(req)).id()).isEqualTo(sent.id());
        assertThat(jdbc.sql("select body from sms_outbox where dedup_key = ?").param("pe-bc:" + sent.id() + ":" + away)
                .query(String.class).single())
                .isEqualTo("韩外出同志，甲村党支部" + b.name + "提醒您：本月主题党日可在线参学，在浙江省宁波市也别忘了学习。");

        outbox.sendDue(1000);
        List<Broadcasts.Recipient> log = fixture.as(b.secretaryA, () -> broadcasts.recipientLog(sent.id(), 1, 20)).rows();
        // paged in SQL: a page of one, the same two in all, the second page the other one
        Broadcasts.RecipientPage one = fixture.as(b.secretaryA, () -> broadcasts.recipientLog(sent.id(), 2, 1));
        assertThat(one.total()).isEqualTo(2);
        assertThat(one.rows()).extracting(Broadcasts.Recipient::memberId).containsExactly(log.get(1).memberId());
        assertThat(log).extracting(Broadcasts.Recipient::name, Broadcasts.Recipient::statusLabel)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("韩外出", "已发送"),
                        org.assertj.core.groups.Tuple.tuple("杨无机", "无手机号"));
        assertThat(log).filteredOn(r -> r.memberId() == away).first().extracting(Broadcasts.Recipient::phone).isEqualTo("136****0001");
        assertThat(log).filteredOn(r -> r.memberId() == noPhone).hasSize(1);
        // the log's counts by delivery state (counted in SQL): one sent, one without a phone; then the sent one failed
        assertThat(counts(b, sent.id())).containsExactly(1, 0, 0, 1);
        jdbc.sql("update sms_outbox set status = 'FAILED' where dedup_key = ?").param("pe-bc:" + sent.id() + ":" + away).update();
        assertThat(counts(b, sent.id())).containsExactly(0, 0, 1, 1);
        // the other branch's secretary neither sees the broadcast nor its log
        assertThat(fixture.as(b.secretaryB, () -> broadcasts.list())).noneMatch(x -> x.id() == sent.id());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.as(b.secretaryB, () -> broadcasts.recipientLog(sent.id(), 1, 20)))
                .hasMessage("无权查看该群发记录");
    }

    /** The broadcast's line in the secretary's log: sent, pending, failed, without a phone. */
    List<Integer> counts(Branches b, long id) {
        Broadcasts.Broadcast x = fixture.as(b.secretaryA, () -> broadcasts.list()).stream().filter(l -> l.id() == id)
                .findFirst().orElseThrow();
        return List.of(x.sent(), x.pending(), x.failed(), x.noPhone());
    }

    @Test
    void aGroupSelectsItsMembersAcrossCategories() {
        Branches b = new Branches(fixture);
        b.member(members, Branches.mobileForm("许群员", b.branchA, "13655560001", LocalDate.now().minusMonths(1), null, false));
        b.member(members, Branches.form("何非群", b.branchA, MemberCategory.STUDENT, "13655560002"));
        List<MemberView> r = fixture.as(b.secretaryA, () -> broadcasts.recipients(
                new Broadcasts.BroadcastRequest(null, "通知", null, null, "青年农民工群", null, null, null)));
        assertThat(r).extracting(MemberView::name).containsExactly("许群员");
    }
}
