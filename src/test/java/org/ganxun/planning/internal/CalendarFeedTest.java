package org.ganxun.planning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.training.ClassCalendar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The training calendar and its iCalendar feeds: a class of township A (two sessions, two instructors) and a draft of
 * township B, read by the county, by A's liaison, by B's liaison (who sees A's class: approved for the whole county)
 * and by a trainee, through the page's API and
 * through secret feed links fetched without signing in.
 */
@IntegrationTest
class CalendarFeedTest {

    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired ClassCalendar calendar;
    @Autowired CalendarFeeds feeds;
    @Autowired MockMvc mvc;

    LocalDate day = LocalDate.now().plusDays(10);
    long county;
    long townA;
    long townB;
    long classA;
    long draftB;
    long teacher1;
    long teacher2;
    long trainee;
    CurrentUser countyAdmin;
    CurrentUser liaisonA;
    CurrentUser liaisonB;
    CurrentUser traineeUser;

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("日历县"), "COUNTY");
        townA = fixture.org(county, Fixture.unique("日甲镇"), "TOWNSHIP");
        townB = fixture.org(county, Fixture.unique("日乙镇"), "TOWNSHIP");
        countyAdmin = fixture.user(Fixture.unique("cfc"), Role.ORG_DEPT_ADMIN, county, null, null);
        liaisonA = fixture.user(Fixture.unique("cfa"), Role.UNIT_LIAISON, townA, null, null);
        liaisonB = fixture.user(Fixture.unique("cfb"), Role.UNIT_LIAISON, townB, null, null);
        trainee = fixture.cadre("学员甲", townA);
        traineeUser = fixture.user(Fixture.unique("cft"), Role.CADRE, null, null, trainee);
        long plan = jdbc.sql("insert into annual_plan (jurisdiction_org_id, year, title) values (?, ?, '计划') returning id")
                .params(county, day.getYear() + 50).query(Long.class).single();
        teacher1 = jdbc.sql("insert into instructor (owner_org_id, name, kind) values (?, '王老师', 'IN_HOUSE') returning id")
                .param(county).query(Long.class).single();
        teacher2 = jdbc.sql("insert into instructor (owner_org_id, name, kind) values (?, '李老师', 'IN_HOUSE') returning id")
                .param(county).query(Long.class).single();
        classA = clazz(plan, townA, "乡村振兴专题班, 第一期; 含\\反斜杠", "APPROVED", "县委党校 报告厅");
        draftB = clazz(plan, townB, "草稿班", "DRAFT", null);
        session(classA, day, "09:00", "12:00", "开班式", teacher1);
        session(classA, day.plusDays(1), "14:30", "17:30", "乡村振兴战略解读——从政策到实践的全面梳理与案例分析（长标题用于折行测试）", teacher2);
        session(draftB, day, "09:00", "12:00", "草稿课", teacher1);
        jdbc.sql("insert into enrollment (class_id, cadre_id, status, source) values (?, ?, 'ENROLLED', 'NAMED')")
                .params(classA, trainee).update();
    }

    private long clazz(long plan, long filer, String name, String status, String venue) {
        return jdbc.sql("""
                insert into training_class (plan_id, jurisdiction_org_id, filer_org_id, name, class_type, starts_on, ends_on, venue,
                  seats, status) values (?, ?, ?, ?, 'THEMATIC', ?, ?, ?, 30, ?) returning id""")
                .params(plan, county, filer, name, day, day.plusDays(1), venue, status).query(Long.class).single();
    }

    private void session(long classId, LocalDate on, String from, String to, String topic, long instructor) {
        jdbc.sql("""
                insert into class_session (class_id, session_date, starts_at, ends_at, topic, instructor_id, hours)
                values (?, ?, cast(? as time), cast(? as time), ?, ?, 3)""")
                .params(classId, on, from, to, topic, instructor).update();
    }

    private List<ClassCalendar.CalendarClass> read(CurrentUser u, boolean drafts) {
        return fixture.as(u, () -> calendar.between(day.minusDays(1), day.plusDays(5), new ClassCalendar.Filter(null, null, null, null, drafts)));
    }

    private String fetch(String url) throws Exception {
        String path = url.substring(url.indexOf("/api/public/"));
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theCalendarShowsWhatEachReaderMaySeeAndDraftsOnlyWhenAsked() {
        assertThat(read(countyAdmin, false)).extracting(ClassCalendar.CalendarClass::id).contains(classA).doesNotContain(draftB);
        assertThat(read(countyAdmin, true)).extracting(ClassCalendar.CalendarClass::id).contains(classA, draftB);
        // township B sees its own draft, and A's class once approved for the county (as the class list shows it), not A's drafts
        assertThat(read(liaisonB, true)).extracting(ClassCalendar.CalendarClass::id).contains(draftB, classA);
        assertThat(read(liaisonA, true)).extracting(ClassCalendar.CalendarClass::id).contains(classA).doesNotContain(draftB);
        ClassCalendar.CalendarClass a = read(liaisonA, false).stream().filter(c -> c.id() == classA).findFirst().orElseThrow();
        assertThat(a.sessions()).extracting(ClassCalendar.CalendarSession::instructorName).containsExactly("王老师", "李老师");
    }

    @Test
    void aFeedLinkWorksWithoutSigningInIsStoredHashedAndStopsWhenRenewed() throws Exception {
        CalendarFeeds.FeedLink link = fixture.as(liaisonA, () -> feeds.issueForMe());
        String token = link.url().replaceAll(".*/calendar/(.*)\\.ics$", "$1");
        assertThat(token).hasSize(43);
        assertThat(jdbc.sql("select token_hash from calendar_feed where user_id = ?").param(liaisonA.id()).query(String.class).single())
                .isEqualTo(CalendarFeeds.hash(token)).isNotEqualTo(token);

        String ics = fetch(link.url());
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        // 09:00 in Asia/Shanghai is 01:00 UTC
        assertThat(ics).contains("DTSTART:" + day.toString().replace("-", "") + "T010000Z");
        assertThat(ics).contains("UID:session-");
        // TEXT escaping: comma, semicolon, backslash
        assertThat(ics).contains("乡村振兴专题班\\, 第一期\\; 含\\\\反斜杠");
        assertThat(ics).doesNotContain("草稿");
        // every content line is at most 75 octets; continuation lines start with a space
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("乡村振兴战略解读——从政策到实践的全面梳理与案例分析（长标题用于折行测试）");

        CalendarFeeds.FeedLink renewed = fixture.as(liaisonA, () -> feeds.issueForMe());
        mvc.perform(get(link.url().substring(link.url().indexOf("/api/public/")))).andExpect(status().isNotFound());
        fetch(renewed.url());
        mvc.perform(get("/api/public/calendar/" + "A".repeat(43) + ".ics")).andExpect(status().isNotFound());
        mvc.perform(get("/api/public/calendar/%27%20or%201=1.ics")).andExpect(status().is4xxClientError());
    }

    @Test
    void anotherTownshipsFeedTraineesAndInstructorsSeeOnlyTheirOwn() throws Exception {
        String b = fetch(fixture.as(liaisonB, () -> feeds.issueForMe()).url());
        assertThat(b).contains("乡村振兴专题班").doesNotContain("草稿"); // a feed never shows drafts, even one's own
        String mine = fetch(fixture.as(traineeUser, () -> feeds.issueForMe()).url());
        assertThat(mine).contains("X-WR-CALNAME:我的培训").contains("开班式");
        String teacher = fetch(fixture.as(countyAdmin, () -> feeds.issueForInstructor(teacher2)).url());
        assertThat(teacher).contains("李老师").doesNotContain("开班式").doesNotContain("草稿课");
    }

    @Test
    void theFeedEndpointsNeedASignedInUserAndTheCalendarAPermission() throws Exception {
        mvc.perform(get("/api/planning/calendar/feed")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/planning/calendar").param("from", day.toString()).param("to", day.plusDays(3).toString())
                .with(user(traineeUser))).andExpect(status().isForbidden());
        mvc.perform(get("/api/planning/calendar").param("from", day.toString()).param("to", day.plusYears(3).toString())
                .with(user(countyAdmin))).andExpect(status().isBadRequest());
    }
}
