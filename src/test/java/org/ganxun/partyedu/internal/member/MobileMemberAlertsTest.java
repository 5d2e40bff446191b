package org.ganxun.partyedu.internal.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.partyedu.Branches;
import org.ganxun.partyedu.ContactVia;
import org.ganxun.partyedu.MemberCategory;
import org.ganxun.partyedu.MemberView;
import org.ganxun.partyedu.Members;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mobile-member alerts per 《中国共产党党员教育管理工作条例》(2019): away "6个月以上" without transferring
 * membership, and out of contact "6个月以上". "以上" includes six months itself, so the alert comes on the day
 * six calendar months after (and not the day before).
 */
@IntegrationTest
class MobileMemberAlertsTest {

    @Autowired Fixture fixture;
    @Autowired Members members;
    @Autowired MobileMemberAlerts alerts;
    @Autowired JdbcClient jdbc;

    static MemberView mobile(LocalDate awaySince, LocalDate lastContact, boolean transferred) {
        return new MemberView(1, null, false, "吴流动", "MALE", "男", LocalDate.of(1990, 1, 1), "510723********1234",
                LocalDate.of(2015, 7, 1), false, 7L, "某村党支部", "13900000000", MemberCategory.MIGRANT_WORKER, "外出务工", List.of(),
                true, "浙江省宁波市", null, awaySince, transferred, null, null, lastContact,
                lastContact == null ? null : ContactVia.PHONE, lastContact == null ? null : "电话", null, 0);
    }

    static List<MobileMemberAlerts.Kind> kinds(MemberView m, LocalDate asOf) {
        return MobileMemberAlerts.of(m, asOf).stream().map(MobileMemberAlerts.Alert::kind).toList();
    }

    @Test
    void awaySixMonthsWithoutTransferAlertsOnTheDaySixMonthsAfterNotTheDayBefore() {
        // left on 15 January 2026, contacted on 1 June 2026 (so only the absence counts here)
        MemberView m = mobile(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 6, 1), false);
        assertThat(kinds(m, LocalDate.of(2026, 7, 14))).isEmpty();
        assertThat(kinds(m, LocalDate.of(2026, 7, 15))).containsExactly(MobileMemberAlerts.Kind.AWAY_NOT_TRANSFERRED);
        MobileMemberAlerts.Alert a = MobileMemberAlerts.of(m, LocalDate.of(2026, 7, 20)).get(0);
        assertThat(a.dueOn()).isEqualTo(LocalDate.of(2026, 7, 15));
        assertThat(a.daysOverdue()).isEqualTo(5);
        assertThat(a.source()).isEqualTo("《中国共产党党员教育管理工作条例》(2019)");
        assertThat(a.message()).isEqualTo("吴流动自2026年1月15日外出（浙江省宁波市）已满六个月，组织关系尚未转移");
        // transferred: no alert for the absence
        assertThat(kinds(mobile(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 6, 1), true), LocalDate.of(2026, 7, 15))).isEmpty();
    }

    @Test
    void sixMonthsFromTheEndOfAMonthIsTheLastDayOfTheShorterMonth() {
        // 31 August + 6 months = 28 February (2027 is not a leap year)
        MemberView m = mobile(LocalDate.of(2026, 8, 31), LocalDate.of(2027, 2, 1), false);
        assertThat(kinds(m, LocalDate.of(2027, 2, 27))).isEmpty();
        assertThat(kinds(m, LocalDate.of(2027, 2, 28))).containsExactly(MobileMemberAlerts.Kind.AWAY_NOT_TRANSFERRED);
    }

    @Test
    void outOfContactCountsFromTheLastContactOrFromLeavingWhenNeverContacted() {
        MemberView contacted = mobile(LocalDate.of(2025, 1, 10), LocalDate.of(2026, 3, 10), true);
        assertThat(kinds(contacted, LocalDate.of(2026, 9, 9))).isEmpty();
        assertThat(kinds(contacted, LocalDate.of(2026, 9, 10))).containsExactly(MobileMemberAlerts.Kind.OUT_OF_CONTACT);

        MemberView never = mobile(LocalDate.of(2026, 2, 1), null, true);
        assertThat(kinds(never, LocalDate.of(2026, 7, 31))).isEmpty();
        assertThat(kinds(never, LocalDate.of(2026, 8, 1))).containsExactly(MobileMemberAlerts.Kind.OUT_OF_CONTACT);

        // both causes at once
        MemberView both = mobile(LocalDate.of(2026, 2, 1), null, false);
        assertThat(kinds(both, LocalDate.of(2026, 8, 1))).containsExactlyInAnyOrder(
                MobileMemberAlerts.Kind.AWAY_NOT_TRANSFERRED, MobileMemberAlerts.Kind.OUT_OF_CONTACT);
    }

    @Test
    void aMobileMemberWithNothingOnRecordIsToBeRegisteredNotReportedAsOutOfContact() {
        MemberView unknown = mobile(null, null, false);
        List<MobileMemberAlerts.Alert> a = MobileMemberAlerts.of(unknown, LocalDate.of(2026, 11, 22));
        assertThat(a).extracting(MobileMemberAlerts.Alert::kind).containsExactly(MobileMemberAlerts.Kind.NOT_RECORDED);
        assertThat(a.get(0).kindLabel()).isEqualTo("外出和联系情况未登记");
        assertThat(a.get(0).message()).isEqualTo("吴流动为流动党员，但未登记外出时间和联系情况，请尽快联系并登记");
    }

    @Test
    void aMemberAtHomeNeverAlerts() {
        MemberView m = mobile(LocalDate.of(2020, 1, 1), null, false);
        MemberView home = new MemberView(m.id(), null, false, m.name(), m.gender(), m.genderLabel(), m.birthDate(), m.citizenIdMasked(),
                m.joinedPartyOn(), false, m.partyOrgId(), m.partyOrgName(), m.phone(), MemberCategory.FARMER, "农民", List.of(), false,
                null, null, null, false, null, null, null, null, null, null, 0);
        assertThat(kinds(home, LocalDate.of(2026, 1, 1))).isEmpty();
    }

    @Test
    void theBranchSecretaryIsNotifiedInAppOncePerAlertAndOnlyForTheirBranch() {
        Branches b = new Branches(fixture);
        LocalDate today = LocalDate.now();
        LocalDate away = today.minusMonths(6); // exactly six months ago today: due today
        long lost = b.member(members, Branches.mobileForm("郑外出", b.branchA, "13922220001", away, null, false));
        b.member(members, Branches.mobileForm("冯新出", b.branchA, "13922220002", today.minusMonths(6).plusDays(1),
                today.minusDays(3), false));
        b.member(members, Branches.mobileForm("陈乙外", b.branchB, "13922220003", away, null, false));

        int first = alerts.notifySecretaries(today);
        int again = alerts.notifySecretaries(today);
        assertThat(first).isGreaterThanOrEqualTo(2);
        assertThat(again).isZero();

        List<String> titles = jdbc.sql("select title || '|' || body from notification where user_id = ? order by id")
                .param(b.secretaryA.id()).query(String.class).list();
        assertThat(titles).hasSize(2);
        assertThat(titles).anyMatch(t -> t.startsWith("流动党员预警：外出满六个月未转组织关系|郑外出"));
        assertThat(titles).anyMatch(t -> t.startsWith("流动党员预警：失去联系满六个月|郑外出"));
        assertThat(titles).noneMatch(t -> t.contains("冯新出") || t.contains("陈乙外"));

        // the alerts page for the secretary: their branch, as of today
        List<MobileMemberAlerts.Alert> page = fixture.as(b.secretaryA, () -> alerts.inScope(today, null));
        assertThat(page).extracting(MobileMemberAlerts.Alert::memberId).containsOnly(lost);
        assertThat(fixture.as(b.secretaryA, () -> alerts.inScope(today.minusDays(1), null))).isEmpty();

        // a contact resets the out-of-contact clock
        fixture.as(b.secretaryA, () -> members.recordContact(lost, today, ContactVia.VISIT, "上门走访家属"));
        assertThat(fixture.as(b.secretaryA, () -> alerts.inScope(today, null))).extracting(MobileMemberAlerts.Alert::kind)
                .containsExactly(MobileMemberAlerts.Kind.AWAY_NOT_TRANSFERRED);
    }
}
