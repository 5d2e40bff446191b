package org.ganxun.secondment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.compliance.internal.standing.ComplianceChecks;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.secondment.internal.SecondmentStatistics;
import org.ganxun.secondment.internal.alert.AlertKind;
import org.ganxun.secondment.internal.alert.SecondmentAlerts;
import org.ganxun.secondment.internal.evaluation.Grade;
import org.ganxun.secondment.internal.selection.CandidateStatus;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Secondment end to end on the real database: selection with eligibility and ranking, one posting at a
 * time, the data scope of receiving and sending units, refusals, logs and expenses, evaluation into the
 * cadre's record and the promotion check, alerts on given dates, and statistics.
 */
@IntegrationTest
class SecondmentIntegrationTest {

    @Autowired Fixture fixture;
    @Autowired Programmes programmes;
    @Autowired Selection selection;
    @Autowired Postings postings;
    @Autowired Evaluations evaluations;
    @Autowired SecondmentAlerts alerts;
    @Autowired SecondmentStatistics statistics;
    @Autowired ComplianceChecks checks;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;

    long county;
    long deptX;
    long deptY;
    long townA;
    long townB;
    CurrentUser orgDept;
    CurrentUser liaisonTownA;
    CurrentUser liaisonDeptX;
    CurrentUser liaisonDeptY;

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("挂职县"), "COUNTY");
        deptX = fixture.org(county, Fixture.unique("发改局"), "DEPARTMENT");
        deptY = fixture.org(county, Fixture.unique("财政局"), "DEPARTMENT");
        townA = fixture.org(county, Fixture.unique("甲镇"), "TOWNSHIP");
        townB = fixture.org(county, Fixture.unique("乙镇"), "TOWNSHIP");
        orgDept = fixture.user(Fixture.unique("zzb"), Role.ORG_DEPT_ADMIN, county, null, null);
        liaisonTownA = fixture.user(Fixture.unique("jiazhen"), Role.UNIT_LIAISON, townA, null, null);
        liaisonDeptX = fixture.user(Fixture.unique("fgj"), Role.UNIT_LIAISON, deptX, null, null);
        liaisonDeptY = fixture.user(Fixture.unique("czj"), Role.UNIT_LIAISON, deptY, null, null);
    }

    @Test
    void aCadreOfASendingUnitSeesTheProgrammeAndPutsThemselfForwardBeforeItStarts() {
        long cadre = reserveCadre("自荐", deptX, LocalDate.now().minusYears(30));
        long outsider = reserveCadre("旁观", townA, LocalDate.now().minusYears(30));
        CurrentUser me = fixture.user(Fixture.unique("zj"), Role.CADRE, null, null, cadre);
        CurrentUser other = fixture.user(Fixture.unique("pg"), Role.CADRE, null, null, outsider);
        Programmes.ProgrammeView upcoming = programme("下派挂职自荐批次", LocalDate.now().plusMonths(1), LocalDate.now().plusMonths(13), null);
        Programmes.ProgrammeView running = programme("下派挂职进行批次", LocalDate.now().minusMonths(1), LocalDate.now().plusMonths(11), null);

        // 发改局 sends to both programmes: its cadre sees them; a township cadre (not a sender) sees neither
        assertThat(fixture.as(me, () -> programmes.list(null, null, null))).extracting(Programmes.ProgrammeView::id)
                .contains(upcoming.id(), running.id());
        assertThat(fixture.as(other, () -> programmes.list(null, null, null))).extracting(Programmes.ProgrammeView::id)
                .doesNotContain(upcoming.id(), running.id());
        assertThatThrownBy(() -> fixture.as(other, () -> selection.register(upcoming.id(),
                new Selection.CandidateForm(outsider, CandidateSource.SELF, null, null))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));

        Selection.Candidate mine = fixture.as(me, () -> selection.register(upcoming.id(),
                new Selection.CandidateForm(cadre, CandidateSource.SELF, null, "愿到基层一线锻炼")));
        assertThat(mine.source()).isEqualTo(CandidateSource.SELF);
        assertThat(mine.recommendedBy()).contains("本人");
        assertThatThrownBy(() -> fixture.as(me, () -> selection.register(running.id(),
                new Selection.CandidateForm(cadre, CandidateSource.SELF, null, null))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains("不能再自荐报名"));
    }

    // ---- helpers ----

    /** A reserve cadre born on the given date, 科员, working since 2010. */
    long reserveCadre(String name, long orgId, LocalDate born) {
        long id = fixture.cadre(name + "明", orgId);
        jdbc.sql("update cadre set reserve_cadre = true, birth_date = ?, entered_work_on = ? where id = ?")
                .params(born, LocalDate.of(2010, 8, 1), id).update();
        return id;
    }

    Programmes.ProgrammeView programme(String name, LocalDate starts, LocalDate ends, Integer maxAge) {
        return fixture.as(orgDept, () -> programmes.create(new Programmes.ProgrammeForm(Fixture.unique(name), Direction.DOWNWARD, county,
                starts, ends, "到乡镇挂任乡镇长助理", bd("10000"), bd("2000"), bd("3000"), maxAge, 3,
                List.of(RankLevel.STAFF, RankLevel.TOWNSHIP), null, null, null, null, null, null, null, null, null, null, null, 7,
                List.of(deptX, deptY))));
    }

    Programmes.PostView addPost(long programmeId, long orgId, String title) {
        return fixture.as(orgDept, () -> programmes.addPost(programmeId, new Programmes.PostForm(orgId, title, "协助分管乡村振兴", 1)));
    }

    Selection.Candidate candidate(long programmeId, long cadreId) {
        return fixture.as(orgDept, () -> selection.register(programmeId,
                new Selection.CandidateForm(cadreId, CandidateSource.RESERVE_POOL, null, null)));
    }

    Selection.Candidate approve(long candidateId, long postId) {
        return fixture.as(orgDept, () -> selection.approve(candidateId, new Selection.ApproveForm(postId, null, null)));
    }

    long postingOf(long candidateId) {
        return jdbc.sql("select id from secondment_posting where candidate_id = ? and status = 'ACTIVE'").param(candidateId)
                .query(Long.class).single();
    }

    CurrentUser cadreUser(long cadreId) {
        return fixture.user(Fixture.unique("gb"), Role.CADRE, null, null, cadreId);
    }

    // ---- selection ----

    @Test
    void candidatesAreRankedByCompositeWithTheDocumentedTieBreak() throws Exception {
        var pr = programme("下派", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), 45);
        long a = candidate(pr.id(), reserveCadre("甲", deptX, LocalDate.of(1990, 1, 1))).id();
        long b = candidate(pr.id(), reserveCadre("乙", deptX, LocalDate.of(1990, 1, 1))).id();
        long c = candidate(pr.id(), reserveCadre("丙", deptY, LocalDate.of(1990, 1, 1))).id();
        long d = candidate(pr.id(), reserveCadre("丁", deptY, LocalDate.of(1990, 1, 1))).id();
        fixture.as(orgDept, () -> {
            selection.score(a, new Selection.ScoreForm(bd("90"), bd("85"), bd("80")));  // 86.00, interview 85
            selection.score(b, new Selection.ScoreForm(bd("85"), bd("90"), bd("80")));  // 86.00, interview 90, written 85
            selection.score(c, new Selection.ScoreForm(bd("80"), bd("90"), bd("90")));  // 86.00, interview 90, written 80
            return selection.score(d, new Selection.ScoreForm(bd("88"), bd("88"), bd("77"))); // 85.80
        });
        String body = mvc.perform(get("/api/secondment/programmes/" + pr.id() + "/candidates").with(user(orgDept)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode rows = json.readTree(body);
        assertThat(rows).extracting(n -> n.get("id").asLong()).containsExactly(b, c, a, d);
        assertThat(rows).extracting(n -> n.get("rank").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(rows).extracting(n -> n.get("composite").decimalValue())
                .usingElementComparator(BigDecimal::compareTo).containsExactly(bd("86"), bd("86"), bd("86"), bd("85.8"));
        assertThat(pr.tieBreakRule()).isEqualTo("综合成绩相同时，依次按面试成绩高者优先、笔试成绩高者优先、报名时间早者优先排序");
        // the ranking sheet keeps scores as numbers (a clerk sorts and sums them)
        byte[] xlsx = mvc.perform(get("/api/secondment/programmes/" + pr.id() + "/candidates.xlsx").with(user(orgDept)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var book = org.apache.poi.ss.usermodel.WorkbookFactory.create(new java.io.ByteArrayInputStream(xlsx))) {
            var last = book.getSheetAt(0).getRow(4);
            assertThat(last.getCell(1).getStringCellValue()).startsWith("丁");
            assertThat(last.getCell(9).getNumericCellValue()).isEqualTo(88.0);
            assertThat(last.getCell(12).getNumericCellValue()).isEqualTo(85.8);
        }
        // a sending unit sees only its own people, but with their rank among all
        List<Selection.Candidate> seenByY = fixture.as(liaisonDeptY, () -> selection.candidates(pr.id()));
        assertThat(seenByY).extracting(Selection.Candidate::id).containsExactly(c, d);
        assertThat(seenByY).extracting(Selection.Candidate::rank).containsExactly(2, 4);
    }

    @Test
    void ineligibleCadresAreRefusedWithTheReason() {
        var pr = programme("下派", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), 40);
        long tooOld = reserveCadre("老", deptX, LocalDate.of(1985, 3, 1));   // 41 on 1 March 2026
        long justYoung = reserveCadre("少", deptX, LocalDate.of(1985, 3, 2)); // 40
        long county = reserveCadre("处", deptX, LocalDate.of(1990, 1, 1));
        jdbc.sql("update cadre set rank_level = 'COUNTY', rank_grade = 'DEPUTY' where id = ?").param(county).update();
        long fresh = reserveCadre("新", deptX, LocalDate.of(1998, 1, 1));
        jdbc.sql("update cadre set entered_work_on = ? where id = ?").params(LocalDate.of(2023, 3, 2), fresh).update();
        long notReserve = fixture.cadre("非明", deptX);
        long outsider = reserveCadre("外", townA, LocalDate.of(1990, 1, 1)); // not from a sending unit

        assertThatThrownBy(() -> candidate(pr.id(), tooOld)).isInstanceOf(BusinessException.class)
                .hasMessageContaining("年龄41岁（按2026-03-01计），超过本批次上限40岁");
        assertThat(candidate(pr.id(), justYoung).status()).isEqualTo(CandidateStatus.REGISTERED);
        assertThatThrownBy(() -> candidate(pr.id(), county)).hasMessageContaining("职级层次为“县处级”");
        assertThatThrownBy(() -> candidate(pr.id(), fresh)).hasMessageContaining("工作年限2年，不足本批次要求的3年");
        assertThatThrownBy(() -> candidate(pr.id(), notReserve)).hasMessageContaining("不在后备干部库中");
        assertThatThrownBy(() -> candidate(pr.id(), outsider)).hasMessageContaining("不是本批次的派出单位");

        List<Selection.EligibleCadre> pool = fixture.as(orgDept, () -> selection.eligible(pr.id(), true, null, deptX));
        assertThat(pool).filteredOn(Selection.EligibleCadre::eligible).extracting(Selection.EligibleCadre::cadreId).containsExactly(justYoung);
        assertThat(pool).extracting(Selection.EligibleCadre::cadreId).contains(tooOld, county, fresh).doesNotContain(notReserve);
    }

    @Test
    void thePoolListsTheSendersPeopleHoweverManyOthersComeFirstByName() {
        var pr = programme("下派池", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), 45);
        // 501 reserve cadres of a township that does not send, all named before the sender's cadre
        jdbc.sql("""
                insert into cadre (name, gender, birth_date, citizen_id_enc, citizen_id_hash, citizen_id_masked, political_status,
                    org_id, staff_category, rank_level, entered_work_on, reserve_cadre)
                select 'A' || lpad(g::text, 4, '0'), 'MALE', date '1990-01-01', 'x', md5(random()::text) || md5(random()::text),
                       '510***', 'CPC_MEMBER', ?, 'CIVIL_SERVANT', 'STAFF', date '2012-08-01', true
                from generate_series(1, 501) g""").param(townA).update();
        long sender = reserveCadre("送", deptX, LocalDate.of(1990, 1, 1));

        List<Selection.EligibleCadre> pool = fixture.as(orgDept, () -> selection.eligible(pr.id(), true, null, null));
        assertThat(pool).extracting(Selection.EligibleCadre::cadreId).containsExactly(sender);
        assertThat(pool.get(0).eligible()).isTrue();
    }

    @Test
    void theProgrammeCannotBeShortenedBelowItsPostings() {
        var pr = programme("下派缩", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), 45);
        long li = reserveCadre("李", deptX, LocalDate.of(1990, 1, 1));
        approve(candidate(pr.id(), li).id(), addPost(pr.id(), townA, "乡镇长助理").id()); // 2026-03-01 to 2027-02-28
        java.util.function.Function<LocalDate, Programmes.ProgrammeForm> endingOn = end -> new Programmes.ProgrammeForm(pr.name(),
                Direction.DOWNWARD, county, pr.startsOn(), end, null, bd("10000"), bd("2000"), bd("3000"), 45, 3,
                List.of(RankLevel.STAFF, RankLevel.TOWNSHIP), null, null, null, null, null, null, null, null, null, null, null, 7,
                List.of(deptX, deptY));
        assertThatThrownBy(() -> fixture.as(orgDept, () -> programmes.update(pr.id(), endingOn.apply(LocalDate.of(2026, 12, 31)))))
                .hasMessage("已有人员挂职至2027-02-28，批次结束日期不能早于该日");
        assertThat(fixture.as(orgDept, () -> programmes.get(pr.id())).endsOn()).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(fixture.as(orgDept, () -> programmes.update(pr.id(), endingOn.apply(LocalDate.of(2027, 3, 31)))).endsOn())
                .isEqualTo(LocalDate.of(2027, 3, 31));
    }

    @Test
    void aDecidedCandidateIsRefusedInPlainWords() {
        var pr = programme("下派定", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), 45);
        long wang = reserveCadre("王", deptX, LocalDate.of(1990, 1, 1));
        long post = addPost(pr.id(), townA, "乡镇长助理").id();
        long c = candidate(pr.id(), wang).id();
        approve(c, post);
        assertThatThrownBy(() -> fixture.as(orgDept, () -> selection.score(c,
                new Selection.ScoreForm(bd("80"), bd("80"), bd("80")))))
                .hasMessageEndingWith("”当前状态为“已选派”，成绩不能再修改");
        assertThatThrownBy(() -> approve(c, post)).hasMessageEndingWith("”当前状态为“已选派”，不能再作选派决定");
    }

    @Test
    void aCadreCannotBeInTwoOverlappingPostings() {
        var first = programme("下派一", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), 45);
        var overlapping = programme("下派二", LocalDate.of(2027, 2, 28), LocalDate.of(2028, 2, 27), 45);
        var after = programme("下派三", LocalDate.of(2027, 3, 1), LocalDate.of(2028, 2, 28), 45);
        long zhang = reserveCadre("张", deptX, LocalDate.of(1990, 1, 1));
        long p1 = addPost(first.id(), townA, "乡镇长助理").id();
        long p2 = addPost(overlapping.id(), townB, "乡镇长助理").id();
        long p3 = addPost(after.id(), townB, "乡镇长助理").id();
        long c1 = candidate(first.id(), zhang).id();
        long c2 = candidate(overlapping.id(), zhang).id(); // registered before the first posting existed
        approve(c1, p1);
        // the second would share 28 Feb 2027 with the first: refused, nothing created
        assertThatThrownBy(() -> approve(c2, p2)).isInstanceOf(BusinessException.class)
                .hasMessageContaining("同一干部不能同时在两处挂职")
                .satisfies(e -> assertThat(((BusinessException) e).status()).isEqualTo(409));
        assertThat(jdbc.sql("select count(*) from secondment_posting where cadre_id = ?").param(zhang).query(Long.class).single()).isEqualTo(1);
        // and a new candidacy that overlaps is not eligible
        var third = programme("下派四", LocalDate.of(2026, 9, 1), LocalDate.of(2027, 8, 31), 45);
        assertThatThrownBy(() -> candidate(third.id(), zhang)).hasMessageContaining("与本批次时间重叠");
        // starting the day after the first ends is fine
        long c3 = candidate(after.id(), zhang).id();
        assertThat(approve(c3, p3).status()).isEqualTo(CandidateStatus.SELECTED);
    }

    // ---- data scope ----

    @Test
    void aReceivingUnitSeesOnlyThePeoplePostedToIt() throws Exception {
        var pr = programme("下派", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), 45);
        long zhang = reserveCadre("张", deptX, LocalDate.of(1990, 1, 1));
        long li = reserveCadre("李", deptX, LocalDate.of(1990, 1, 1));
        long toA = postingOf(approve(candidate(pr.id(), zhang).id(), addPost(pr.id(), townA, "镇长助理").id()).id());
        long toB = postingOf(approve(candidate(pr.id(), li).id(), addPost(pr.id(), townB, "镇长助理").id()).id());
        CurrentUser liUser = cadreUser(li);
        long liLog = fixture.as(liUser, () -> postings.writeLog(toB, new Postings.LogForm(LocalDate.of(2026, 3, 5), "走访农户"))).id();

        String list = mvc.perform(get("/api/secondment/postings").with(user(liaisonTownA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(list).get("rows")).extracting(n -> n.get("id").asLong()).containsExactly(toA);
        assertThat(json.readTree(list).get("total").asLong()).isEqualTo(1);
        mvc.perform(get("/api/secondment/postings/" + toA).with(user(liaisonTownA))).andExpect(status().isOk());
        mvc.perform(get("/api/secondment/postings/" + toB).with(user(liaisonTownA)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.message").value("无权查看该挂职人员的信息"));
        mvc.perform(get("/api/secondment/postings/" + toB + "/logs").with(user(liaisonTownA))).andExpect(status().isForbidden());
        // (a service call rather than MockMvc's csrf(), which swaps the shared CSRF repository of the running server)
        assertThatThrownBy(() -> fixture.as(liaisonTownA, () -> postings.comment(liLog, new Postings.CommentForm("很好"))))
                .satisfies(e -> assertThat(((BusinessException) e).status()).isEqualTo(403));
        assertThat(jdbc.sql("select comment from secondment_log where id = ?").param(liLog).query(String.class).optional()).isEmpty();
        String alertList = mvc.perform(get("/api/secondment/alerts").param("asOf", "2026-04-01").with(user(liaisonTownA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(alertList)).extracting(n -> n.get("postingId").asLong()).containsOnly(toA);
        // candidates are not the receiving unit's business
        assertThat(fixture.as(liaisonTownA, () -> selection.candidates(pr.id()))).isEmpty();

        // the sending unit sees both of its people; the organisation department sees all; each cadre only themself
        assertThat(fixture.as(liaisonDeptX, () -> postings.list(pr.id(), null, false))).extracting(Postings.Posting::id)
                .containsExactlyInAnyOrder(toA, toB);
        assertThat(fixture.as(liaisonDeptY, () -> postings.list(pr.id(), null, false))).isEmpty();
        assertThat(fixture.as(orgDept, () -> postings.list(pr.id(), null, false))).hasSize(2);
        assertThat(fixture.as(liUser, () -> postings.list(null, null, false))).extracting(Postings.Posting::id).containsExactly(toB);

        // after a rotation from 甲镇 to 乙镇, 甲镇 keeps seeing its former secondee (history), 乙镇 now sees them too
        long other = addPost(pr.id(), townB, "副镇长（挂职）").id();
        fixture.as(orgDept, () -> postings.rotate(toA, new Postings.RotationForm(other, LocalDate.of(2026, 9, 1), "多岗锻炼")));
        assertThat(fixture.as(liaisonTownA, () -> postings.list(pr.id(), null, false))).extracting(Postings.Posting::id).containsExactly(toA);
    }

    // ---- refusal ----

    @Test
    void aSendingUnitRefusingToReleaseMustGiveAReasonWhichIsReported() throws Exception {
        var pr = programme("下派", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), 45);
        long wang = reserveCadre("王", deptY, LocalDate.of(1990, 1, 1));
        long postId = addPost(pr.id(), townA, "镇长助理").id();
        long c = approve(candidate(pr.id(), wang).id(), postId).id();

        assertThatThrownBy(() -> fixture.as(liaisonDeptX, () -> selection.refuse(c, new Selection.ReasonForm("业务骨干离不开"))))
                .satisfies(e -> assertThat(((BusinessException) e).status()).isEqualTo(403));
        assertThatThrownBy(() -> fixture.as(liaisonDeptY, () -> selection.refuse(c, new Selection.ReasonForm(" "))))
                .hasMessageContaining("必须写明理由");
        Selection.Candidate refused = fixture.as(liaisonDeptY, () -> selection.refuse(c, new Selection.ReasonForm("年底预算编制，业务骨干无法抽离")));
        assertThat(refused.status()).isEqualTo(CandidateStatus.REFUSED);
        assertThat(jdbc.sql("select status from secondment_posting where candidate_id = ?").param(c).query(String.class).single())
                .isEqualTo("CANCELLED");
        // the post is free again
        assertThat(fixture.as(orgDept, () -> programmes.get(pr.id())).posts().get(0).filled()).isZero();

        Selection.RefusalReport report = fixture.as(orgDept, () -> selection.refusals(null, pr.id()));
        assertThat(report.rows()).singleElement().satisfies(r -> {
            assertThat(r.cadreName()).isEqualTo("王明");
            assertThat(r.reason()).isEqualTo("年底预算编制，业务骨干无法抽离");
        });
        assertThat(report.byUnit()).singleElement().satisfies(u -> {
            assertThat(u.sendingOrgId()).isEqualTo(deptY);
            assertThat(u.count()).isEqualTo(1);
        });

        // the export gives the time on the users' clock to the minute, not a UTC ISO instant
        byte[] xlsx = mvc.perform(get("/api/secondment/refusals.xlsx").param("programmeId", String.valueOf(pr.id())).with(user(orgDept)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var book = org.apache.poi.ss.usermodel.WorkbookFactory.create(new java.io.ByteArrayInputStream(xlsx))) {
            var row = book.getSheetAt(0).getRow(1);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("王明");
            assertThat(row.getCell(7).getStringCellValue()).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .withZone(java.time.ZoneId.systemDefault()).format(refused.refusedAt()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- during the posting ----

    @Test
    void logsCommentsAndExpensesAgainstTheBudget() {
        var pr = programme("下派", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), 45);
        long zhang = reserveCadre("张", deptX, LocalDate.of(1990, 1, 1));
        long posting = postingOf(approve(candidate(pr.id(), zhang).id(), addPost(pr.id(), townA, "镇长助理").id()).id());
        CurrentUser me = cadreUser(zhang);

        Postings.LogEntry log = fixture.as(me, () -> postings.writeLog(posting, new Postings.LogForm(LocalDate.of(2026, 3, 6), "参加镇党委会")));
        assertThatThrownBy(() -> fixture.as(me, () -> postings.writeLog(posting, new Postings.LogForm(LocalDate.of(2026, 2, 28), "x"))))
                .hasMessageContaining("须在挂职期");
        // only the cadre writes logs; only the receiving unit (or the organiser) comments
        assertThatThrownBy(() -> fixture.as(liaisonTownA, () -> postings.writeLog(posting, new Postings.LogForm(LocalDate.of(2026, 3, 7), "x"))))
                .satisfies(e -> assertThat(((BusinessException) e).status()).isEqualTo(403));
        assertThatThrownBy(() -> fixture.as(liaisonDeptX, () -> postings.comment(log.id(), new Postings.CommentForm("好"))))
                .satisfies(e -> assertThat(((BusinessException) e).status()).isEqualTo(403));
        assertThat(fixture.as(liaisonTownA, () -> postings.comment(log.id(), new Postings.CommentForm("工作扎实"))).comment()).isEqualTo("工作扎实");

        // travel budget 3000: 2800 passes with a warning (93.3% used), the next 300 is refused, 200 fits exactly
        Postings.ExpenseResult r = fixture.as(liaisonTownA, () -> postings.addExpense(posting,
                new Postings.ExpenseForm(ExpenseCategory.TRAVEL, bd("2800"), LocalDate.of(2026, 4, 1), "赴省城培训")));
        assertThat(r.budget().remaining()).isEqualByComparingTo("200");
        assertThat(r.warning()).isEqualTo("差旅费预算已使用93.3%，剩余200.00元");
        assertThatThrownBy(() -> fixture.as(orgDept, () -> postings.addExpense(posting,
                new Postings.ExpenseForm(ExpenseCategory.TRAVEL, bd("300"), LocalDate.of(2026, 5, 1), null))))
                .hasMessage("差旅费经费超出预算：预算3000.00元，已支出2800.00元，剩余200.00元，本笔300.00元。请先调整批次预算后再登记");
        assertThat(fixture.as(orgDept, () -> postings.addExpense(posting,
                new Postings.ExpenseForm(ExpenseCategory.TRAVEL, bd("200"), LocalDate.of(2026, 5, 1), null))).budget().remaining())
                .isEqualByComparingTo("0");
        assertThatThrownBy(() -> fixture.as(liaisonDeptX, () -> postings.addExpense(posting,
                new Postings.ExpenseForm(ExpenseCategory.HOUSING, bd("10"), LocalDate.of(2026, 5, 1), null))))
                .satisfies(e -> assertThat(((BusinessException) e).status()).isEqualTo(403));

        Programmes.ForumPoint point = new Programmes.ForumPoint(null, "张", "希望多安排信访接待", "镇党委已采纳");
        Programmes.Forum forum = fixture.as(orgDept, () -> programmes.addForum(pr.id(),
                new Programmes.ForumForm("第一次挂职干部座谈会", LocalDate.of(2026, 6, 1), "县委组织部", "挂职干部8人", List.of(point))));
        assertThat(forum.points()).extracting(Programmes.ForumPoint::content).containsExactly("希望多安排信访接待");
        Postings.Review review = fixture.as(orgDept, () -> postings.review(posting,
                new Postings.ReviewForm(LocalDate.of(2026, 9, 1), "到岗到位，群众评价好", ReviewConclusion.GOOD)));
        assertThat(review.conclusionLabel()).isEqualTo("好");
    }

    // ---- evaluation ----

    @Test
    void theFinalEvaluationGoesIntoTheCadresRecordAndThePromotionCheck() throws Exception {
        var pr = programme("下派", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 28), 45);
        long zhang = reserveCadre("张", deptX, LocalDate.of(1990, 1, 1));
        long li = reserveCadre("李", deptY, LocalDate.of(1990, 1, 1));
        long pz = postingOf(approve(candidate(pr.id(), zhang).id(), addPost(pr.id(), townA, "镇长助理").id()).id());
        long pl = postingOf(approve(candidate(pr.id(), li).id(), addPost(pr.id(), townB, "镇长助理").id()).id());
        CurrentUser me = cadreUser(zhang);
        // 28 days = 4 weekly windows; logs in windows 1, 2 and 4 → 3 of 4 = 75.00
        for (LocalDate d : List.of(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 9), LocalDate.of(2026, 1, 10), LocalDate.of(2026, 1, 27))) {
            fixture.as(me, () -> postings.writeLog(pz, new Postings.LogForm(d, "日志")));
        }
        Evaluations.Evaluation e = fixture.as(orgDept, () -> evaluations.record(pz, new Evaluations.EvaluationForm(EvaluationKind.FINAL,
                LocalDate.of(2026, 2, 5), bd("88"), 12, 20, 6, 2, bd("85"), "谈话12人", bd("90"), "核实无问题", "表现较好")));
        assertThat(e.expectedLogs()).isEqualTo(4);
        assertThat(e.writtenLogs()).isEqualTo(3);
        assertThat(e.logScore()).isEqualByComparingTo("75.00");
        assertThat(e.excellentShare()).isEqualByComparingTo("30.00");
        assertThat(e.incompetentShare()).isEqualByComparingTo("5.00");
        assertThat(e.appraisalScore()).isEqualByComparingTo("79.00");
        // 75×10% + 88×20% + 79×40% + 85×15% + 90×15% = 7.5 + 17.6 + 31.6 + 12.75 + 13.5 = 82.95 → 称职
        assertThat(e.totalScore()).isEqualByComparingTo("82.95");
        assertThat(e.grade()).isEqualTo(Grade.COMPETENT);
        assertThatThrownBy(() -> fixture.as(orgDept, () -> evaluations.record(pz, new Evaluations.EvaluationForm(EvaluationKind.FINAL,
                LocalDate.of(2026, 2, 6), bd("88"), 1, 0, 0, 0, bd("85"), null, bd("90"), null, null))))
                .hasMessageContaining("已有期满考核结果");
        // a date still to come would count logs not yet due as missing: refused
        assertThatThrownBy(() -> fixture.as(orgDept, () -> evaluations.record(pl, new Evaluations.EvaluationForm(EvaluationKind.FINAL,
                LocalDate.now().plusDays(1), bd("95"), 10, 0, 0, 0, bd("95"), null, bd("95"), null, null))))
                .hasMessage("考核日期不能晚于今天");
        // 李 without logs: 0×10% + 95×20% + 100×40% + 95×15% + 95×15% = 0 + 19 + 40 + 14.25 + 14.25 = 87.50 → ranks first
        Evaluations.Evaluation el = fixture.as(orgDept, () -> evaluations.record(pl, new Evaluations.EvaluationForm(EvaluationKind.FINAL,
                LocalDate.of(2026, 2, 5), bd("95"), 10, 0, 0, 0, bd("95"), null, bd("95"), null, null)));
        assertThat(el.totalScore()).isEqualByComparingTo("87.50");
        assertThat(fixture.as(orgDept, () -> evaluations.ranking(pr.id(), EvaluationKind.FINAL)))
                .extracting(Evaluations.Evaluation::cadreId, Evaluations.Evaluation::rank).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(li, 1), org.assertj.core.groups.Tuple.tuple(zhang, 2));

        mvc.perform(get("/api/secondment/cadres/" + zhang + "/results").with(user(orgDept)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].gradeLabel").value("称职"))
                .andExpect(jsonPath("$[0].totalScore").value(82.95))
                .andExpect(jsonPath("$[0].rank").value(2))
                .andExpect(jsonPath("$[0].rankedOf").value(2));
        mvc.perform(get("/api/secondment/cadres/" + zhang + "/results").with(user(liaisonDeptY))).andExpect(status().isForbidden());
        ComplianceChecks.PromotionCheck check = fixture.as(orgDept, () -> checks.promotion(zhang,
                new ComplianceChecks.PromotionRequest(RankLevel.TOWNSHIP, RankGrade.DEPUTY, true, LocalDate.of(2026, 6, 1))));
        assertThat(check.secondments()).singleElement().satisfies(r -> {
            assertThat(r.gradeLabel()).isEqualTo("称职");
            assertThat(r.totalScore()).isEqualByComparingTo("82.95");
        });
    }

    // ---- alerts ----

    @Test
    void alertsFireOnTheRightDatesAndAreSentOnce() {
        var pr = programme("下派", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), 45);
        long zhang = reserveCadre("张", deptX, LocalDate.of(1990, 1, 1));
        long posting = postingOf(approve(candidate(pr.id(), zhang).id(), addPost(pr.id(), townA, "镇长助理").id()).id());
        fixture.as(cadreUser(zhang), () -> postings.writeLog(posting, new Postings.LogForm(LocalDate.of(2026, 3, 2), "日志")));

        assertThat(kinds(posting, "2026-03-09")).isEmpty();
        assertThat(kinds(posting, "2026-03-10")).containsExactly(AlertKind.LOG_OVERDUE);
        // a log dated after the "as of" day is not counted on that day
        assertThat(kinds(posting, "2026-01-09")).containsExactly(AlertKind.LOG_OVERDUE);
        fixture.as(cadreUser(zhang), () -> postings.writeLog(posting, new Postings.LogForm(LocalDate.of(2026, 5, 29), "日志")));
        assertThat(kinds(posting, "2026-05-30")).isEmpty();
        assertThat(kinds(posting, "2026-05-31")).containsExactly(AlertKind.ENDING_SOON);
        assertThat(kinds(posting, "2026-06-30")).containsExactly(AlertKind.LOG_OVERDUE, AlertKind.ENDING_SOON);
        assertThat(kinds(posting, "2026-07-01")).containsExactly(AlertKind.ENDED_WITHOUT_EVALUATION);

        // sent in-app once: to the cadre (ending) and to the organisation department (ending, not evaluated)
        alerts.notifyAll(LocalDate.of(2026, 6, 1));
        alerts.notifyAll(LocalDate.of(2026, 6, 1));
        alerts.notifyAll(LocalDate.of(2026, 7, 1));
        assertThat(jdbc.sql("select kind from notification where cadre_id = ? order by id").param(zhang).query(String.class).list())
                .containsExactly("SECONDMENT_ENDING");
        assertThat(jdbc.sql("select kind from notification where user_id = ? order by id").param(orgDept.id()).query(String.class).list())
                .containsExactly("SECONDMENT_ENDING", "SECONDMENT_NOT_EVALUATED");

        fixture.as(orgDept, () -> evaluations.record(posting, new Evaluations.EvaluationForm(EvaluationKind.FINAL,
                LocalDate.of(2026, 7, 2), bd("80"), 1, 1, 0, 0, bd("80"), null, bd("80"), null, null)));
        assertThat(kinds(posting, "2026-07-01")).containsExactly(AlertKind.ENDED_WITHOUT_EVALUATION); // as it was on that day
        assertThat(kinds(posting, "2026-07-02")).isEmpty();
    }

    List<AlertKind> kinds(long postingId, String asOf) {
        return fixture.as(orgDept, () -> alerts.list(LocalDate.parse(asOf), null, null)).stream()
                .filter(a -> a.postingId() == postingId).map(SecondmentAlerts.Alert::kind).toList();
    }

    // ---- statistics ----

    @Test
    void statisticsCountPromotionsWithinTwoYearsAfterTheEnd() {
        var pr = programme("2020年下派", LocalDate.of(2020, 3, 1), LocalDate.of(2021, 2, 28), 60);
        long soon = reserveCadre("早", deptX, LocalDate.of(1985, 1, 1));
        long late = reserveCadre("晚", deptX, LocalDate.of(1985, 1, 1));
        long never = reserveCadre("无", deptY, LocalDate.of(1985, 1, 1));
        for (long c : List.of(soon, late, never)) {
            jdbc.sql("update cadre_post_history set started_on = ? where cadre_id = ?").params(LocalDate.of(2012, 1, 1), c).update();
        }
        long postA = fixture.as(orgDept, () -> programmes.addPost(pr.id(), new Programmes.PostForm(townA, "镇长助理", null, 3))).id();
        for (long c : List.of(soon, late, never)) {
            approve(candidate(pr.id(), c).id(), postA);
        }
        // promoted to 乡科级副职 1 March 2023 (exactly two years after 28 Feb 2021 … plus one day: outside) and 28 Feb 2023 (inside)
        promote(soon, LocalDate.of(2023, 2, 28));
        promote(late, LocalDate.of(2023, 3, 1));
        long pSoon = jdbc.sql("select id from secondment_posting where cadre_id = ?").param(soon).query(Long.class).single();
        fixture.as(orgDept, () -> evaluations.record(pSoon, new Evaluations.EvaluationForm(EvaluationKind.FINAL,
                LocalDate.of(2021, 3, 5), bd("95"), 10, 0, 0, 0, bd("95"), null, bd("95"), null, null)));

        SecondmentStatistics.Report r = fixture.as(orgDept, () -> statistics.report(2020, 2020, Direction.DOWNWARD, LocalDate.of(2026, 1, 1)));
        List<SecondmentStatistics.Row> mine = r.rows().stream().filter(x -> x.sendingOrgId() == deptX || x.sendingOrgId() == deptY).toList();
        assertThat(mine).extracting(SecondmentStatistics.Row::sendingOrgId, SecondmentStatistics.Row::sent,
                        SecondmentStatistics.Row::completed, SecondmentStatistics.Row::promotedWithinTwoYears)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(deptX, 2L, 2L, 1L), org.assertj.core.groups.Tuple.tuple(deptY, 1L, 1L, 0L));
        // no logs: 0×10% + 95×20% + 100×40% + 95×15% + 95×15% = 87.50 → 称职
        assertThat(mine.get(0).competent()).isEqualTo(1);
        assertThat(mine.get(0).evaluated()).isEqualTo(1);
        assertThat(r.total().sent()).isEqualTo(3); // the county's scope holds only this test's postings
    }

    void promote(long cadreId, LocalDate on) {
        jdbc.sql("update cadre_post_history set ended_on = ? where cadre_id = ? and ended_on is null").params(on, cadreId).update();
        jdbc.sql("""
                insert into cadre_post_history (cadre_id, org_id, post, rank_level, rank_grade, leadership, started_on, note)
                select id, org_id, '副局长', 'TOWNSHIP', 'DEPUTY', true, ?, '职级变动' from cadre where id = ?""")
                .params(on, cadreId).update();
    }

    static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
