package org.ganxun.partyedu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Browserless;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Study attendance credits 学时 once: a repeated attendance adds no second row here and no second entry in
 * the learning archive (for a member who is a cadre). Yearly totals are measured against the 32 学时 of
 * 《中国共产党党员教育管理工作条例》(2019) 第二十条. A member away attends online through their personal link.
 */
@IntegrationTest
class StudyAttendanceTest {

    @Autowired Fixture fixture;
    @Autowired Members members;
    @Autowired StudyActivities activities;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;
    @Autowired tools.jackson.databind.json.JsonMapper json;

    Branches b;
    long farmer;
    long cadreMember;
    long cadreId;
    long away;

    @BeforeEach
    void setUp() {
        b = new Branches(fixture);
        farmer = b.member(members, Branches.form("褚农民", b.branchA, MemberCategory.FARMER, "13833330001"));
        cadreId = fixture.cadreInBranch("卫干部", b.villageA, b.branchA);
        cadreMember = fixture.as(b.secretaryA, () -> members.list(new Members.MemberQuery("卫干部", null, null, null, null, true))).get(0).id();
        away = b.member(members, Branches.mobileForm("蒋在外", b.branchA, "13833330003", LocalDate.now().minusMonths(2),
                LocalDate.now().minusDays(10), false));
    }

    StudyActivities.Activity activity(ActivityKind kind, String topic, LocalDate on, String hours, LocalDate onlineUntil) {
        return fixture.as(b.secretaryA, () -> activities.create(new StudyActivities.ActivityRequest(b.branchA, kind, topic, on,
                new BigDecimal(hours), "村活动室", "学习党章第一章", onlineUntil)));
    }

    long rows(long activityId) {
        return jdbc.sql("select count(*) from study_attendance where activity_id = ?").param(activityId).query(Long.class).single();
    }

    long archiveEntries(long activityId) {
        return jdbc.sql("select count(*) from archive_entry where cadre_id = ? and source = 'PARTY_STUDY' and source_ref = ?")
                .params(cadreId, "PA-" + activityId).query(Long.class).single();
    }

    @Test
    void theActivitiesListIsPagedOnTheServerLatestFirst() {
        LocalDate day = LocalDate.now().withDayOfYear(1);
        activity(ActivityKind.PARTY_DAY, "第一次主题党日", day, "2", null);
        activity(ActivityKind.PARTY_LECTURE, "第二次党课", day.plusDays(1), "2", null);
        activity(ActivityKind.PARTY_DAY, "第三次主题党日", day.plusDays(2), "2", null);
        ApiSession api = new ApiSession(port);
        assertThat(api.login(b.secretaryA.username(), Fixture.PASSWORD).status()).isEqualTo(200);
        JsonNode first = api.getJson("/api/partyedu/activities?year=" + day.getYear() + "&size=2");
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("rows").findValuesAsString("topic")).containsExactly("第三次主题党日", "第二次党课");
        JsonNode second = api.getJson("/api/partyedu/activities?year=" + day.getYear() + "&size=2&page=2");
        assertThat(second.get("page").asInt()).isEqualTo(2);
        assertThat(second.get("rows").findValuesAsString("topic")).containsExactly("第一次主题党日");
        // the filter counts what it selects
        JsonNode days = api.getJson("/api/partyedu/activities?year=" + day.getYear() + "&kind=PARTY_DAY");
        assertThat(days.get("total").asLong()).isEqualTo(2);
        assertThat(days.get("rows").findValuesAsString("topic")).containsExactly("第三次主题党日", "第一次主题党日");
        // another branch's secretary sees none of them
        ApiSession other = new ApiSession(port);
        assertThat(other.login(b.secretaryB.username(), Fixture.PASSWORD).status()).isEqualTo(200);
        assertThat(other.getJson("/api/partyedu/activities?year=" + day.getYear()).get("total").asLong()).isZero();
    }

    @Test
    void theSameAttendanceTwiceCreditsOnceHereAndInTheArchive() {
        LocalDate day = LocalDate.now().minusDays(3);
        StudyActivities.Activity a = activity(ActivityKind.PARTY_DAY, "学习新修订的党章", day, "4", null);

        StudyActivities.AttendanceResult first = fixture.as(b.secretaryA,
                () -> activities.recordAttendance(a.id(), List.of(farmer, cadreMember), StudyActivities.Mode.ON_SITE));
        assertThat(first).isEqualTo(new StudyActivities.AttendanceResult(2, 0, 1));
        StudyActivities.AttendanceResult again = fixture.as(b.secretaryA,
                () -> activities.recordAttendance(a.id(), List.of(cadreMember, farmer, farmer), StudyActivities.Mode.ON_SITE));
        assertThat(again).isEqualTo(new StudyActivities.AttendanceResult(0, 2, 0));

        assertThat(rows(a.id())).isEqualTo(2);
        assertThat(archiveEntries(a.id())).isEqualTo(1);
        var entry = jdbc.sql("select hours, credited_on, title, status from archive_entry where cadre_id = ? and source_ref = ?")
                .params(cadreId, "PA-" + a.id()).query().singleRow();
        assertThat((BigDecimal) entry.get("hours")).isEqualByComparingTo("4");
        assertThat(entry.get("credited_on").toString()).isEqualTo(day.toString());
        assertThat(entry.get("title")).isEqualTo("主题党日：学习新修订的党章");
        assertThat(entry.get("status")).isEqualTo("APPROVED");

        List<StudyActivities.Attendance> list = fixture.as(b.secretaryA, () -> activities.attendance(a.id()));
        assertThat(list).extracting(StudyActivities.Attendance::name).containsExactlyInAnyOrder("褚农民", "卫干部");
        assertThat(list).filteredOn(StudyActivities.Attendance::cadre).allMatch(StudyActivities.Attendance::archiveCredited);
    }

    @Test
    void yearlyTotalsPerMemberAgainstThirtyTwoHours() {
        int year = LocalDate.now().getYear();
        LocalDate jan = LocalDate.of(year, 1, 10);
        // the farmer: 8 + 8 + 8 + 8 = 32 学时 → met; the cadre: 8 + 4 = 12 → 20 short; the member away: none
        for (int i = 0; i < 4; i++) {
            StudyActivities.Activity a = activity(ActivityKind.BRANCH_STUDY, "支部学习" + i, jan.plusDays(i), "8", null);
            List<Long> who = i == 0 ? List.of(farmer, cadreMember) : List.of(farmer);
            fixture.as(b.secretaryA, () -> activities.recordAttendance(a.id(), who, StudyActivities.Mode.ON_SITE));
        }
        StudyActivities.Activity lecture = activity(ActivityKind.PARTY_LECTURE, "书记讲党课", jan.plusDays(5), "4", null);
        fixture.as(b.secretaryA, () -> activities.recordAttendance(lecture.id(), List.of(cadreMember), StudyActivities.Mode.ON_SITE));
        // last year's study does not count this year
        StudyActivities.Activity old = activity(ActivityKind.BRANCH_STUDY, "去年学习", LocalDate.of(year - 1, 12, 30), "8", null);
        fixture.as(b.secretaryA, () -> activities.recordAttendance(old.id(), List.of(cadreMember), StudyActivities.Mode.ON_SITE));

        List<StudyActivities.YearlyHours> rows = fixture.as(b.secretaryA, () -> activities.yearly(b.branchA, year));
        StudyActivities.YearlyHours f = rows.stream().filter(r -> r.memberId() == farmer).findFirst().orElseThrow();
        StudyActivities.YearlyHours c = rows.stream().filter(r -> r.memberId() == cadreMember).findFirst().orElseThrow();
        StudyActivities.YearlyHours w = rows.stream().filter(r -> r.memberId() == away).findFirst().orElseThrow();
        assertThat(f.hours()).isEqualByComparingTo("32");
        assertThat(f.met()).isTrue();
        assertThat(f.missing()).isEqualByComparingTo("0");
        assertThat(c.hours()).isEqualByComparingTo("12");
        assertThat(c.missing()).isEqualByComparingTo("20");
        assertThat(c.met()).isFalse();
        assertThat(w.hours()).isEqualByComparingTo("0");
        assertThat(w.activities()).isZero();
        assertThat(rows).hasSize(3);
        StudyActivities.BranchHours branch = StudyActivities.byBranch(rows).get(0);
        assertThat(branch.members()).isEqualTo(3);
        assertThat(branch.met()).isEqualTo(1);
        assertThat(branch.averageHours()).isEqualByComparingTo("14.7"); // (32 + 12 + 0) / 3

        // the page the 党员学时 screen shows: the same figures, computed in SQL, sorted and paged on the server
        StudyActivities.HoursPage page = fixture.as(b.secretaryA, () -> activities.yearlyPage(b.branchA, year, null, false, "hours,desc", 1, 2));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.rows()).extracting(StudyActivities.YearlyHours::memberId).containsExactly(farmer, cadreMember);
        assertThat(page.rows().get(1).missing()).isEqualByComparingTo("20");
        assertThat(page.totals().members()).isEqualTo(3);
        assertThat(page.totals().met()).isEqualTo(1);
        assertThat(page.totals().averageHours()).isEqualByComparingTo("14.7");
        assertThat(page.branches()).singleElement().satisfies(x -> {
            assertThat(x.members()).isEqualTo(3);
            assertThat(x.met()).isEqualTo(1);
            assertThat(x.averageHours()).isEqualByComparingTo("14.7");
        });
        StudyActivities.HoursPage second = fixture.as(b.secretaryA, () -> activities.yearlyPage(b.branchA, year, null, false, "hours,desc", 2, 2));
        assertThat(second.rows()).extracting(StudyActivities.YearlyHours::memberId).containsExactly(away);
        // only those short of 32: the cadre (20 short) and the member away (32 short), most missing first
        StudyActivities.HoursPage shortOnly = fixture.as(b.secretaryA, () -> activities.yearlyPage(b.branchA, year, null, true, "missing,desc", 1, 20));
        assertThat(shortOnly.rows()).extracting(StudyActivities.YearlyHours::memberId).containsExactly(away, cadreMember);
        assertThat(shortOnly.total()).isEqualTo(2);
        assertThatThrownBy(() -> fixture.as(b.secretaryA, () -> activities.yearlyPage(b.branchA, year, null, false, "citizen_id_enc", 1, 20)))
                .isInstanceOf(BusinessException.class).extracting(e -> ((BusinessException) e).status()).isEqualTo(400);
        // the other branch's secretary cannot ask for this branch
        assertThatThrownBy(() -> fixture.as(b.secretaryB, () -> activities.yearly(b.branchA, year)))
                .isInstanceOf(BusinessException.class).extracting(e -> ((BusinessException) e).status()).isEqualTo(403);
    }

    @Test
    void aMemberAwayAttendsOnlineOnTheirPhoneOnceWithoutAnAccount() throws Exception {
        StudyActivities.Activity a = activity(ActivityKind.PARTY_DAY, "在外党员同学习", LocalDate.now().minusDays(1), "3",
                LocalDate.now().plusDays(7));
        List<StudyActivities.InvitationLink> links = fixture.as(b.secretaryA, () -> activities.invite(a.id(), List.of(), true));
        assertThat(links).extracting(StudyActivities.InvitationLink::memberId).containsExactly(away);
        assertThat(links.get(0).smsQueued()).isTrue();
        String token = links.get(0).link().substring(links.get(0).link().lastIndexOf('/') + 1);
        // asking again gives the same link and no second SMS
        assertThat(fixture.as(b.secretaryA, () -> activities.invite(a.id(), List.of(), true)).get(0).link()).isEqualTo(links.get(0).link());
        assertThat(jdbc.sql("select count(*) from sms_outbox where dedup_key = ?").param("pe-invite:" + a.id() + ":" + away)
                .query(Long.class).single()).isEqualTo(1);

        Browserless phone = new Browserless(port); // not signed in
        JsonNode page = json.readTree(phone.get("/api/public/partyedu/study/" + token).body());
        assertThat(page.get("memberName").asString()).isEqualTo("蒋在外");
        assertThat(page.get("open").asBoolean()).isTrue();
        assertThat(page.get("attended").asBoolean()).isFalse();
        // the activity's text and materials stand above this message on the page
        assertThat(page.get("message").asString()).isEqualTo("请学习以上内容后点击“确认参学”");

        var r1 = phone.postJson("/api/public/partyedu/study/" + token + "/attend", "{}");
        assertThat(r1.statusCode()).as(r1.body()).isEqualTo(200);
        assertThat(json.readTree(r1.body()).get("attended").asBoolean()).isTrue();
        var r2 = phone.postJson("/api/public/partyedu/study/" + token + "/attend", "{}");
        assertThat(r2.statusCode()).isEqualTo(200);
        // without the CSRF token the write is refused
        assertThat(phone.postJsonWithoutCsrf("/api/public/partyedu/study/" + token + "/attend", "{}").statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from study_attendance where activity_id = ? and member_id = ? and mode = 'ONLINE'")
                .params(a.id(), away).query(Long.class).single()).isEqualTo(1);
        assertThat(phone.get("/api/public/partyedu/study/not-a-token").statusCode()).isEqualTo(404);
        // the cadre member was not invited and is not away: no online credit for anyone else
        assertThat(archiveEntries(a.id())).isZero();
    }

    @Test
    void materialsAreCheckedByTheirBytes() {
        StudyActivities.Activity a = activity(ActivityKind.LECTURE, "专题讲座", LocalDate.now(), "2", null);
        byte[] pdf = "%PDF-1.4\n%test\n".getBytes();
        StudyActivities.Material m = fixture.as(b.secretaryA, () -> activities.addMaterial(a.id(), "讲稿.pdf", "application/pdf", pdf));
        assertThat(m.contentType()).isEqualTo("application/pdf");
        // an executable named .pdf is refused whatever it declares
        byte[] exe = new byte[]{'M', 'Z', 0, 0, 1, 2, 3, 4, 5};
        assertThatThrownBy(() -> fixture.as(b.secretaryA, () -> activities.addMaterial(a.id(), "讲稿.pdf", "application/pdf", exe)))
                .hasMessage("学习材料只接受PDF、JPG或PNG文件");
        byte[] big = new byte[StudyActivities.MAX_MATERIAL_BYTES + 1];
        big[0] = '%'; big[1] = 'P'; big[2] = 'D'; big[3] = 'F';
        assertThatThrownBy(() -> fixture.as(b.secretaryA, () -> activities.addMaterial(a.id(), "大.pdf", "application/pdf", big)))
                .hasMessage("学习材料不能超过10MB");
        // the other branch cannot read it
        assertThatThrownBy(() -> fixture.as(b.secretaryB, () -> activities.material(a.id(), m.id())))
                .isInstanceOf(BusinessException.class).hasMessage("无权查看该学习活动");
    }

    @Test
    void aCorrectedDateMovesTheAttendanceAndTheArchiveEntryWithIt() {
        // held on the last day of last year but typed as the 2nd of this January: the hours belong to last year
        LocalDate jan2 = LocalDate.of(LocalDate.now().getYear(), 1, 2);
        LocalDate typed = jan2.isAfter(LocalDate.now()) ? LocalDate.now() : jan2;
        LocalDate held = typed.minusDays(2);
        StudyActivities.Activity a = activity(ActivityKind.PARTY_LECTURE, "年终党课", typed, "3", null);
        fixture.as(b.secretaryA, () -> activities.recordAttendance(a.id(), List.of(farmer, cadreMember), StudyActivities.Mode.ON_SITE));

        StudyActivities.Activity moved = fixture.as(b.secretaryA, () -> activities.update(a.id(), new StudyActivities.ActivityRequest(
                b.branchA, ActivityKind.PARTY_LECTURE, "年终党课", held, new BigDecimal("3"), "村活动室", "学习党章第一章", null)));
        assertThat(moved.heldOn()).isEqualTo(held);
        assertThat(jdbc.sql("select distinct attended_on from study_attendance where activity_id = ?").param(a.id())
                .query(LocalDate.class).list()).containsExactly(held);
        var entry = jdbc.sql("select id, started_on, ended_on, credited_on from archive_entry where cadre_id = ? and source_ref = ?")
                .params(cadreId, "PA-" + a.id()).query().singleRow();
        assertThat(List.of(entry.get("started_on"), entry.get("ended_on"), entry.get("credited_on")).stream().map(Object::toString))
                .containsOnly(held.toString());
        assertThat(jdbc.sql("select summary from audit_log where entity_type = 'ArchiveEntry' and entity_id = ? and action = 'UPDATE'")
                .param(entry.get("id").toString()).query(String.class).single()).contains(typed + " 改为 " + held);

        // not to a day not yet come: attendance is recorded for held activities only
        assertThatThrownBy(() -> fixture.as(b.secretaryA, () -> activities.update(a.id(), new StudyActivities.ActivityRequest(
                b.branchA, ActivityKind.PARTY_LECTURE, "年终党课", LocalDate.now().plusDays(1), new BigDecimal("3"), "村活动室", null, null))))
                .isInstanceOf(BusinessException.class).hasMessageContaining("不能改到今天以后");
        assertThat(jdbc.sql("select held_on from study_activity where id = ?").param(a.id()).query(LocalDate.class).single()).isEqualTo(held);
    }

    @Test
    void attendanceBeforeTheActivityIsHeldIsRefused() {
        StudyActivities.Activity a = activity(ActivityKind.BRANCH_STUDY, "下周学习", LocalDate.now().plusDays(7), "2", null);
        assertThatThrownBy(() -> fixture.as(b.secretaryA,
                () -> activities.recordAttendance(a.id(), List.of(farmer), StudyActivities.Mode.ON_SITE)))
                .hasMessageContaining("活动尚未举行");
        assertThat(rows(a.id())).isZero();
    }
}
