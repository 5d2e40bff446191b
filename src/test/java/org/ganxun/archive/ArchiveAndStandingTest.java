package org.ganxun.archive;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.archive.internal.GroupStudies;
import org.ganxun.compliance.internal.standing.ComplianceChecks;
import org.ganxun.compliance.internal.ComplianceDashboard;
import org.ganxun.compliance.internal.ruleset.NationalRules;
import org.ganxun.compliance.internal.ruleset.RuleDocument;
import org.ganxun.compliance.internal.ruleset.RuleSetStore;
import org.ganxun.compliance.internal.standing.Standing;
import org.ganxun.compliance.internal.standing.StandingRecompute;
import org.ganxun.compliance.internal.standing.StandingService;
import org.ganxun.compliance.internal.standing.StandingStatus;
import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ArchiveAndStandingTest {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes();

    @Autowired Fixture fixture;
    @Autowired ArchiveEntries entries;
    @Autowired GroupStudies groupStudies;
    @Autowired StandingService standings;
    @Autowired ComplianceChecks checks;
    @Autowired ComplianceDashboard dashboard;
    @Autowired StandingRecompute recompute;
    @Autowired RuleSetStore rules;
    @Autowired Roster roster;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.test.web.servlet.MockMvc mvc;
    @Autowired org.ganxun.compliance.internal.standing.StandingReminders reminders;

    long county;
    long townA;
    long townB;
    long cadreA;
    long cadreB;
    CurrentUser countyAdmin;
    CurrentUser townAdminA;
    CurrentUser liaisonB;

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("档案县"), "COUNTY");
        townA = fixture.org(county, Fixture.unique("档甲镇"), "TOWNSHIP");
        townB = fixture.org(county, Fixture.unique("档乙镇"), "TOWNSHIP");
        cadreA = townshipLeader("甲科长", townA);
        cadreB = townshipLeader("乙科长", townB);
        countyAdmin = fixture.user(Fixture.unique("cty"), Role.ORG_DEPT_ADMIN, county, null, null);
        townAdminA = fixture.user(Fixture.unique("twa"), Role.ORG_DEPT_ADMIN, townA, null, null);
        liaisonB = fixture.user(Fixture.unique("lib"), Role.UNIT_LIAISON, townB, null, null);
    }

    private long townshipLeader(String name, long org) {
        String cid = Fixture.citizenId(LocalDate.of(1980, 4, 4), true);
        CadreForm f = Fixture.cadreForm(name, org, cid);
        CadreForm leader = new CadreForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), f.citizenId(), f.education(),
                f.politicalStatus(), f.joinedPartyOn(), org, "副镇长", RankLevel.TOWNSHIP, RankGrade.DEPUTY, true,
                f.staffCategory(), f.enteredWorkOn(), f.phone(), f.reserveCadre(), null, false, f.status(), LocalDate.of(2020, 1, 1));
        return fixture.as(Fixture.systemAdmin(), () -> roster.create(leader).id());
    }

    private static ArchiveEntries.EntryRequest entry(long cadreId, String title, String quantity, QuantityUnit unit, LocalDate on) {
        return new ArchiveEntries.EntryRequest(cadreId, CreditSource.EXTERNAL_TRAINING, null, title, "省委党校", on.minusDays(4), on, on,
                new BigDecimal(quantity), unit, null, Delivery.CONCENTRATED, true, true, TrainingType.THEMATIC, "结业证书");
    }

    @Test
    void approvalOfReportedHoursEnforcesTheApproversDataScope() {
        LocalDate on = LocalDate.now().withDayOfYear(1).plusDays(10);
        ArchiveEntry reported = fixture.as(liaisonB, () -> entries.report(entry(cadreB, "乡村振兴专题培训班", "5", QuantityUnit.DAYS, on),
                new ArchiveEntries.Attachment("证书.pdf", "application/pdf", PDF)));
        assertThat(reported.status()).isEqualTo(EntryStatus.PENDING);
        assertThat(reported.hours()).isEqualByComparingTo("40"); // 5 days x 8 学时, national default conversion
        assertThat(reported.conversionNote()).contains("5天").contains("8学时");

        // the other township's administrator may not decide it: 403 and nothing changes
        assertThatThrownBy(() -> fixture.as(townAdminA, () -> entries.approve(reported.id())))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(fixture.as(townAdminA, () -> entries.pending())).noneMatch(e -> e.id() == reported.id());
        assertThat(entries.get(reported.id()).status()).isEqualTo(EntryStatus.PENDING);
        // a liaison may report but not approve
        assertThatThrownBy(() -> fixture.as(liaisonB, () -> entries.approve(reported.id()))).isInstanceOf(BusinessException.class);

        // the reviewer sees who reported it by name, not by login
        jdbc.sql("update app_user set display_name = '乙镇专管员' where username = ?").param(liaisonB.username()).update();
        assertThat(fixture.as(countyAdmin, () -> entries.pending())).filteredOn(e -> e.id() == reported.id())
                .singleElement().satisfies(e -> assertThat(e.recordedByName()).isEqualTo("乙镇专管员"));

        ArchiveEntry approved = fixture.as(countyAdmin, () -> entries.approve(reported.id()));
        assertThat(approved.status()).isEqualTo(EntryStatus.APPROVED);
        assertThat(approved.approvedBy()).isEqualTo(countyAdmin.username());
        assertThatThrownBy(() -> fixture.as(countyAdmin, () -> entries.approve(reported.id())))
                .isInstanceOf(BusinessException.class).hasMessageContaining("已审核");

        // only this person's stored standing is recomputed, after the commit
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                "select counted_hours from cadre_standing where cadre_id = ? and code = 'TOWNSHIP_YEARLY'")
                .param(cadreB).query(BigDecimal.class).optional()).hasValueSatisfying(h -> assertThat(h).isEqualByComparingTo("40")));
    }

    @Test
    void aReportNeedsEvidenceOfAnAcceptedTypeAndARejectionNeedsAReason() {
        LocalDate on = LocalDate.now().minusDays(3);
        assertThatThrownBy(() -> fixture.as(liaisonB, () -> entries.report(entry(cadreB, "无证明", "8", QuantityUnit.HOURS, on), null)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("证明材料");
        assertThatThrownBy(() -> fixture.as(liaisonB, () -> entries.report(entry(cadreB, "伪装文件", "8", QuantityUnit.HOURS, on),
                new ArchiveEntries.Attachment("x.pdf", "application/pdf", "MZ not a pdf".getBytes()))))
                .isInstanceOf(BusinessException.class).hasMessageContaining("PDF");
        // a liaison cannot report for someone outside their unit
        assertThatThrownBy(() -> fixture.as(liaisonB, () -> entries.report(entry(cadreA, "越权申报", "8", QuantityUnit.HOURS, on),
                new ArchiveEntries.Attachment("c.pdf", "application/pdf", PDF))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));

        ArchiveEntry r = fixture.as(liaisonB, () -> entries.report(entry(cadreB, "待驳回", "8", QuantityUnit.HOURS, on),
                new ArchiveEntries.Attachment("c.pdf", "application/pdf", PDF)));
        assertThatThrownBy(() -> fixture.as(countyAdmin, () -> entries.reject(r.id(), " "))).hasMessageContaining("理由");
        ArchiveEntry rejected = fixture.as(countyAdmin, () -> entries.reject(r.id(), "证书与本人不符"));
        assertThat(rejected.status()).isEqualTo(EntryStatus.REJECTED);
        assertThat(rejected.rejectReason()).isEqualTo("证书与本人不符");
        assertThat(fixture.as(countyAdmin, () -> entries.attachment(r.id())).content()).isEqualTo(PDF);
    }

    @Test
    void groupStudyAttendanceCreditsEachAttendeeOnce() {
        LocalDate on = LocalDate.now().minusDays(1);
        GroupStudies.Session s = fixture.as(countyAdmin, () -> groupStudies.record(new GroupStudies.SessionRequest(townA, null,
                GroupStudies.Kind.CENTRAL_GROUP, "学习全会精神", on, new BigDecimal("3"), true, null, List.of(cadreA, cadreA, cadreB))));
        assertThat(s.attendees()).isEqualTo(2);
        // crediting the same session again does not add hours
        fixture.as(countyAdmin, () -> entries.credit(new ArchiveEntries.EntryRequest(cadreA, CreditSource.GROUP_STUDY, "GS-" + s.id(),
                "重复", null, on, on, on, new BigDecimal("3"), QuantityUnit.HOURS, null, Delivery.CONCENTRATED, true, false, null, null), "test"));
        assertThat(jdbc.sql("select count(*) from archive_entry where cadre_id = ? and source_ref = ?")
                .params(cadreA, "GS-" + s.id()).query(Long.class).single()).isEqualTo(1);
        // a township administrator cannot list the other township's people as attendees
        assertThatThrownBy(() -> fixture.as(townAdminA, () -> groupStudies.record(new GroupStudies.SessionRequest(townA, null,
                GroupStudies.Kind.CENTRAL_GROUP, "越权", on, new BigDecimal("3"), true, null, List.of(cadreA, cadreB)))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    /** A typing slip in the quantity is refused with a reason, not a server error from the column's size, and stores nothing. */
    @Test
    void absurdHoursAreRefusedWithAReason() {
        LocalDate on = LocalDate.now().minusDays(1);
        assertThatThrownBy(() -> fixture.as(countyAdmin, () -> entries.record(new ArchiveEntries.EntryRequest(cadreA,
                CreditSource.EXTERNAL_TRAINING, null, "多打了几位", null, on, on, on, new BigDecimal("99999"), QuantityUnit.DAYS,
                null, Delivery.CONCENTRATED, true, true, null, null))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains("超过单条记录上限"));
        assertThatThrownBy(() -> fixture.as(countyAdmin, () -> groupStudies.record(new GroupStudies.SessionRequest(townA, null,
                GroupStudies.Kind.CENTRAL_GROUP, "学时多打一位", on, new BigDecimal("123456"), true, null, List.of(cadreA)))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains("不能超过24学时"));
        assertThat(jdbc.sql("select count(*) from archive_entry where cadre_id = ?").param(cadreA).query(Long.class).single()).isZero();
    }

    private String ruleSetsAs(CurrentUser u) {
        try {
            return mvc.perform(get("/api/compliance/rule-sets").with(user(u)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void standingRecomputeAndDashboardAgreeWithTheScope() throws Exception {
        LocalDate on = LocalDate.now().minusDays(2);
        fixture.as(countyAdmin, () -> entries.record(entry(cadreA, "年度轮训", "90", QuantityUnit.HOURS, on)));
        fixture.as(countyAdmin, () -> entries.record(entry(cadreB, "短训", "30", QuantityUnit.HOURS, on)));

        StandingService.PersonStanding a = fixture.as(countyAdmin, () -> standings.of(cadreA, LocalDate.now()));
        Standing yearly = a.standings().stream().filter(s -> s.code().equals("TOWNSHIP_YEARLY")).findFirst().orElseThrow();
        assertThat(yearly.status()).isEqualTo(StandingStatus.MET);
        assertThat(yearly.ruleSetName()).isEqualTo("全国默认规则");

        StandingRecompute.Result r = recompute.recomputeAll(LocalDate.now());
        assertThat(r.people()).isGreaterThanOrEqualTo(2);
        ComplianceDashboard.Page forA = fixture.as(townAdminA, () -> dashboard.page(null, "TOWNSHIP_YEARLY", null, null, null, 1, 50));
        assertThat(forA.rows()).extracting(ComplianceDashboard.Row::cadreId).containsExactly(cadreA);
        ComplianceDashboard.Page shortInCounty = fixture.as(countyAdmin, () -> dashboard.page(county, "TOWNSHIP_YEARLY", "SHORT", null, null, 1, 50));
        assertThat(shortInCounty.rows()).extracting(ComplianceDashboard.Row::cadreId).containsExactly(cadreB);
        assertThat(shortInCounty.rows().get(0).missingHours()).isEqualByComparingTo("60");
        assertThat(shortInCounty.total()).isEqualTo(1);
        assertThat(shortInCounty.summary()).anySatisfy(s -> {
            assertThat(s.code()).isEqualTo("TOWNSHIP_YEARLY");
            assertThat(s.met()).isEqualTo(1);
            assertThat(s.shortCount()).isEqualTo(1);
        });

        // the dashboard's other filters: hours missing narrows the rows, not the summary; rank level and leading post
        ComplianceDashboard.Page atLeast61 = fixture.as(countyAdmin, () -> dashboard.page(new ComplianceDashboard.Query(county,
                "TOWNSHIP_YEARLY", null, null, null, null, null, new BigDecimal("61"), null), 1, 50));
        assertThat(atLeast61.rows()).isEmpty();
        // the number of rows counts the narrowed rows too (the page's total, from the cards' statement)
        assertThat(atLeast61.total()).isZero();
        assertThat(atLeast61.summary()).anySatisfy(s -> assertThat(s.total()).isEqualTo(2));
        ComplianceDashboard.Page atLeast60 = fixture.as(countyAdmin, () -> dashboard.page(new ComplianceDashboard.Query(county,
                "TOWNSHIP_YEARLY", null, null, RankLevel.TOWNSHIP, null, true, new BigDecimal("60"), "name"), 1, 50));
        assertThat(atLeast60.rows()).extracting(ComplianceDashboard.Row::cadreId).containsExactly(cadreB);
        assertThat(atLeast60.total()).isEqualTo(1);
        ComplianceDashboard.Page staffOnly = fixture.as(countyAdmin, () -> dashboard.page(new ComplianceDashboard.Query(county,
                null, null, null, RankLevel.STAFF, null, null, null, null), 1, 50));
        assertThat(staffOnly.rows()).isEmpty();
    }

    @Test
    void thoseShortBeforeYearEndAreRemindedOncePerMonth() throws Exception {
        fixture.as(countyAdmin, () -> entries.record(entry(cadreA, "年度轮训", "95", QuantityUnit.HOURS, LocalDate.now().minusDays(2))));
        recompute.recomputeAll(LocalDate.now());
        int first = fixture.as(countyAdmin, () -> reminders.remindInScope());
        assertThat(first).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from notification where cadre_id = ? and kind = 'TRAINING_REMINDER'")
                .param(cadreB).query(Long.class).single()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from notification where cadre_id = ? and kind = 'TRAINING_REMINDER' and body like '%乡科级%'")
                .param(cadreA).query(Long.class).single()).isZero(); // met: not reminded of the yearly rule
        assertThat(jdbc.sql("select count(*) from sms_outbox where dedup_key like ?").param("sms:reminder:%:" + cadreB + ":%")
                .query(Long.class).single()).isGreaterThanOrEqualTo(1);
        assertThat(fixture.as(countyAdmin, () -> reminders.remindInScope())).isZero();
        // a township administrator reminds only their own people
        assertThat(fixture.as(townAdminA, () -> reminders.remindInScope())).isZero();
    }

    @Test
    void aCountyRuleSetVersionGovernsItsPeopleFromItsStartDate() throws Exception {
        LocalDate start = LocalDate.now().minusDays(1);
        var national = NationalRules.defaults();
        var reqs = national.requirements().stream().map(q -> q.code().equals("TOWNSHIP_YEARLY")
                ? new org.ganxun.compliance.internal.ruleset.Requirement(q.code(), q.title(), q.kind(), new BigDecimal("20"), null, q.rankLevels(),
                q.rankGrades(), q.staffCategories(), q.leadersOnly(), q.partyMembersOnly(), q.count(), q.cycleYears(), q.cycleStartYear(),
                q.leadMonths(), q.graceMonths(), q.triggersFrom(), "某县干部教育培训实施办法", "乡科级每年不少于20学时", "L") : q).toList();
        fixture.as(countyAdmin, () -> rules.saveVersion(county, "某县规则", start,
                new RuleDocument(reqs, national.conversions(), List.of(), national.carryOver(), national.assessmentUse()), "试行"));
        fixture.as(countyAdmin, () -> entries.record(entry(cadreB, "短训", "25", QuantityUnit.HOURS, LocalDate.now().minusDays(1))));
        Standing before = fixture.as(countyAdmin, () -> standings.of(cadreB, start.minusDays(1))).standings().stream()
                .filter(s -> s.code().equals("TOWNSHIP_YEARLY")).findFirst().orElseThrow();
        Standing after = fixture.as(countyAdmin, () -> standings.of(cadreB, LocalDate.now())).standings().stream()
                .filter(s -> s.code().equals("TOWNSHIP_YEARLY")).findFirst().orElseThrow();
        assertThat(before.requiredHours()).isEqualByComparingTo("90");
        assertThat(after.requiredHours()).isEqualByComparingTo("20");
        assertThat(after.ruleSetName()).isEqualTo("某县规则");
        assertThat(after.sourceStatus()).isEqualTo("L");
        assertThat(after.status()).isEqualTo(StandingStatus.MET);
        // another township's administrator cannot publish rules for the county
        assertThatThrownBy(() -> fixture.as(townAdminA, () -> rules.saveVersion(county, "越权", LocalDate.now().plusDays(5),
                new RuleDocument(reqs, national.conversions(), List.of(), national.carryOver(), national.assessmentUse()), null)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));

        // the rule list shows a township the rules above it, and nobody another county's rules
        long otherCounty = fixture.org(null, Fixture.unique("别县"), "COUNTY");
        String otherName = Fixture.unique("别县规则");
        fixture.as(Fixture.systemAdmin(), () -> rules.saveVersion(otherCounty, otherName, start,
                new RuleDocument(reqs, national.conversions(), List.of(), national.carryOver(), national.assessmentUse()), null));
        for (CurrentUser u : List.of(townAdminA, countyAdmin)) {
            assertThat(ruleSetsAs(u)).contains("某县规则", national.name()).doesNotContain(otherName);
        }
        assertThat(ruleSetsAs(Fixture.systemAdmin())).contains("某县规则", otherName);
        // the national rules' note tells a clerk which regulations they come from, not a developer's file
        assertThat(ruleSetsAs(countyAdmin)).contains("依据《干部教育培训工作条例》").doesNotContain("RULES.md");
    }

    @Test
    void appraisalAndPromotionChecksSayWhy() {
        ComplianceChecks.AppraisalCheck appraisal = fixture.as(countyAdmin, () -> checks.appraisal(cadreB, LocalDate.now().getYear()));
        assertThat(appraisal.eligibleForExcellent()).isFalse();
        assertThat(appraisal.reasons()).extracting(org.ganxun.platform.rules.Decision.Reason::code).contains("TOWNSHIP_YEARLY");
        assertThat(appraisal.reasons().get(0).source()).isNotBlank();

        ComplianceChecks.PromotionCheck promotion = fixture.as(countyAdmin, () -> checks.promotion(cadreB,
                new ComplianceChecks.PromotionRequest(RankLevel.COUNTY, RankGrade.DEPUTY, true, LocalDate.now())));
        assertThat(promotion.complete()).isFalse();
        assertThat(promotion.unmet()).extracting(org.ganxun.platform.rules.Decision.Reason::code).contains("LEADER_CYCLE", "APPOINTMENT_COUNTY");
        assertThat(promotion.conclusion()).contains("1年内");
        assertThatThrownBy(() -> fixture.as(townAdminA, () -> checks.appraisal(cadreB, 2026)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    /** Next year's appraisal cannot be judged yet: it used to show this year's shortfalls under next year's name. */
    @Test
    void anAppraisalOfAYearNotBegunIsRefused() {
        int next = LocalDate.now().getYear() + 1;
        assertThatThrownBy(() -> fixture.as(countyAdmin, () -> checks.appraisal(cadreB, next)))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(next + "年度尚未开始");
                });
    }

    // ---------------------------------------------------------------- issue 15: rule fidelity

    private static Standing standingOf(StandingService.PersonStanding ps, String code) {
        return ps.standings().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
    }

    private org.ganxun.compliance.internal.ruleset.RuleSet countyRules(long org, String name, LocalDate from, String hoursPerDay, String townshipHours) {
        var national = NationalRules.defaults();
        var reqs = national.requirements().stream().map(q -> !q.code().equals("TOWNSHIP_YEARLY") || townshipHours == null ? q
                : new org.ganxun.compliance.internal.ruleset.Requirement(q.code(), q.title(), q.kind(), new BigDecimal(townshipHours), q.days(),
                q.rankLevels(), q.rankGrades(), q.staffCategories(), q.leadersOnly(), q.partyMembersOnly(), q.count(), q.cycleYears(),
                q.cycleStartYear(), q.leadMonths(), q.graceMonths(), q.triggersFrom(), name + "实施办法", "乡科级每年不少于" + townshipHours + "学时",
                "L")).toList();
        var c = national.conversions();
        var conversions = new org.ganxun.compliance.internal.ruleset.RuleSet.Conversions(new BigDecimal(hoursPerDay), c.onlineBands(), c.onlineTestBonus(),
                c.teachingMultiplier(), "1天脱产培训按" + hoursPerDay + "学时计");
        return fixture.as(Fixture.systemAdmin(), () -> rules.saveVersion(org, name, from,
                new RuleDocument(reqs, conversions, List.of(), national.carryOver(), national.assessmentUse()), null));
    }

    /**
     * 条例第十四条 "每年…不少于12天或者90学时": a county that counts a day as 6 学时 records 12 days as 72 学时 and keeps the
     * 12 days: the yearly rule is met by the days. 8 days (48 学时) for the other township's cadre: short of
     * 12 - 8 = 4 days or 90 - 48 = 42 学时, on the page, the dashboard and in the reminder.
     */
    @Test
    void twelveDaysAtSixHoursADayMeetTheYearlyRuleAndAShortfallNamesDaysAndHours() throws Exception {
        countyRules(county, "六学时县规则", LocalDate.now().minusDays(30), "6", null);
        LocalDate on = LocalDate.now().minusDays(2);
        ArchiveEntry twelve = fixture.as(countyAdmin, () -> entries.record(new ArchiveEntries.EntryRequest(cadreA,
                CreditSource.EXTERNAL_TRAINING, null, "市委党校专题班", "市委党校", on.minusDays(11), on, on, new BigDecimal("12"),
                QuantityUnit.DAYS, null, Delivery.CONCENTRATED, true, true, TrainingType.THEMATIC, "结业证书")));
        assertThat(twelve.hours()).isEqualByComparingTo("72");
        assertThat(twelve.days()).isEqualByComparingTo("12");
        fixture.as(countyAdmin, () -> entries.record(new ArchiveEntries.EntryRequest(cadreB, CreditSource.EXTERNAL_TRAINING, null,
                "县委党校轮训", "县委党校", on.minusDays(7), on, on, new BigDecimal("48"), QuantityUnit.HOURS, null, Delivery.CONCENTRATED,
                true, true, TrainingType.ROTATION, "结业证书", new BigDecimal("8"))));

        Standing a = standingOf(fixture.as(countyAdmin, () -> standings.of(cadreA, LocalDate.now())), "TOWNSHIP_YEARLY");
        assertThat(a.status()).isEqualTo(StandingStatus.MET);
        assertThat(a.countedHours()).isEqualByComparingTo("72");
        assertThat(a.countedDays()).isEqualByComparingTo("12");
        Standing b = standingOf(fixture.as(countyAdmin, () -> standings.of(cadreB, LocalDate.now())), "TOWNSHIP_YEARLY");
        assertThat(b.shortfall()).isEqualTo("4天或42学时");
        assertThat(b.explanation()).contains("尚差4天或42学时");

        recompute.recomputeAll(LocalDate.now());
        ComplianceDashboard.Page page = fixture.as(countyAdmin, () -> dashboard.page(county, "TOWNSHIP_YEARLY", null, null, null, 1, 50));
        assertThat(page.rows()).filteredOn(r -> r.cadreId() == cadreB).singleElement()
                .satisfies(r -> assertThat(r.shortfall()).isEqualTo("4天或42学时"));
        assertThat(page.rows()).filteredOn(r -> r.cadreId() == cadreA).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("MET"));
        fixture.as(countyAdmin, () -> reminders.remindInScope());
        assertThat(jdbc.sql("select body from notification where cadre_id = ? and kind = 'TRAINING_REMINDER' and body like '%乡科级%'")
                .param(cadreB).query(String.class).list()).singleElement().asString().contains("尚差4天或42学时");
    }

    /** Days are refused with a reason where they cannot be: online learning, more days than the dates hold, a typing slip. */
    @Test
    void impossibleDaysAreRefusedWithAReason() throws Exception {
        LocalDate on = LocalDate.now().minusDays(1);
        assertThatThrownBy(() -> fixture.as(countyAdmin, () -> entries.record(new ArchiveEntries.EntryRequest(cadreA,
                CreditSource.ONLINE_COURSE, null, "网络课程", null, on, on, on, new BigDecimal("3"), QuantityUnit.HOURS, null,
                Delivery.ONLINE, false, false, null, null, new BigDecimal("1")))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains("网络培训不登记培训天数"));
        assertThatThrownBy(() -> fixture.as(countyAdmin, () -> entries.record(new ArchiveEntries.EntryRequest(cadreA,
                CreditSource.EXTERNAL_TRAINING, null, "三天的班", null, on.minusDays(2), on, on, new BigDecimal("24"), QuantityUnit.HOURS,
                null, Delivery.CONCENTRATED, true, true, null, null, new BigDecimal("5")))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains("多于开始至结束日期的3天"));
        assertThatThrownBy(() -> fixture.as(countyAdmin, () -> entries.record(new ArchiveEntries.EntryRequest(cadreA,
                CreditSource.EXTERNAL_TRAINING, null, "天数多打", null, null, on, on, new BigDecimal("24"), QuantityUnit.HOURS,
                null, Delivery.CONCENTRATED, true, true, null, null, new BigDecimal("99999")))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains("超过单条记录上限400天"));
        // the days come through the API's JSON too
        String body = "{\"cadreId\":" + cadreA + ",\"source\":\"EXTERNAL_TRAINING\",\"title\":\"两天的班\",\"startedOn\":\""
                + on.minusDays(1) + "\",\"endedOn\":\"" + on + "\",\"quantity\":16,\"quantityUnit\":\"HOURS\","
                + "\"delivery\":\"CONCENTRATED\",\"fullTime\":true,\"days\":2}";
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/archive/entries").with(user(countyAdmin))
                        .with(org.ganxun.support.RealCsrf.token())
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.days").value(2));
        assertThat(jdbc.sql("select count(*) from archive_entry where cadre_id = ?").param(cadreA).query(Long.class).single()).isEqualTo(1);
    }

    /**
     * 条例第十四条 (one year after promotion): the promotion check's conclusion gives the deadline its requirement row
     * shows. cadreB, a 乡科级 deputy with nothing credited, proposed for 县处级 today: 0 of 550 学时 in the 5 years
     * before, so the five-year rule and the appointment training are both due one year from today.
     */
    @Test
    void thePromotionChecksConclusionGivesTheDeadlineOfItsRows() {
        LocalDate today = LocalDate.now();
        ComplianceChecks.PromotionCheck check = fixture.as(countyAdmin, () -> checks.promotion(cadreB,
                new ComplianceChecks.PromotionRequest(RankLevel.COUNTY, RankGrade.DEPUTY, true, today)));
        Standing cycle = check.requirements().stream().filter(s -> s.code().equals("LEADER_CYCLE")).findFirst().orElseThrow();
        assertThat(cycle.deadline()).isEqualTo(today.plusYears(1));
        String due = today.plusYears(1).getYear() + "年" + today.plusYears(1).getMonthValue() + "月" + today.plusYears(1).getDayOfMonth() + "日";
        assertThat(cycle.explanation()).contains("须于" + due + "前完成").contains("第十四条");
        assertThat(check.conclusion()).contains(cycle.title() + "尚差90天或550学时，须于" + due + "前完成（提任后1年内）");
        for (Standing s : check.requirements()) {
            assertThat(check.conclusion()).contains(s.title() + "尚差" + s.shortfall() + "，须于");
        }
    }

    /**
     * Item 3 (the rules of the day): cadreB was in another county's township until 2025-07-01 (post history), then
     * moved to this county. That county asks 40 学时 a year of 乡科级, this one 20 (both from 2024-01-01): as of
     * 2025-06-30 the other county's 40 govern, as of today this county's 20.
     */
    @Test
    void aStandingAsOfAPastDateUsesTheRulesOfTheUnitThePersonWasIn() {
        long otherCounty = fixture.org(null, Fixture.unique("原县"), "COUNTY");
        long otherTown = fixture.org(otherCounty, Fixture.unique("原镇"), "TOWNSHIP");
        String otherName = Fixture.unique("原县规则");
        countyRules(otherCounty, otherName, LocalDate.of(2024, 1, 1), "8", "40");
        countyRules(county, "本县规则", LocalDate.of(2024, 1, 1), "8", "20");
        jdbc.sql("update cadre_post_history set started_on = '2025-07-01' where cadre_id = ?").param(cadreB).update();
        jdbc.sql("""
                insert into cadre_post_history (cadre_id, org_id, post, rank_level, rank_grade, leadership, started_on, ended_on)
                values (?, ?, '副镇长', 'TOWNSHIP', 'DEPUTY', true, '2020-01-01', '2025-07-01')""").params(cadreB, otherTown).update();
        StandingService.PersonStanding then = fixture.as(countyAdmin, () -> standings.of(cadreB, LocalDate.of(2025, 6, 30)));
        assertThat(then.ruleSetName()).isEqualTo(otherName);
        assertThat(standingOf(then, "TOWNSHIP_YEARLY").requiredHours()).isEqualByComparingTo("40");
        StandingService.PersonStanding now = fixture.as(countyAdmin, () -> standings.of(cadreB, LocalDate.now()));
        assertThat(now.ruleSetName()).isEqualTo("本县规则");
        assertThat(standingOf(now, "TOWNSHIP_YEARLY").requiredHours()).isEqualByComparingTo("20");
    }

    /**
     * Item 4: a 主题党日 is party study (PARTY_STUDY), a 中心组学习 group study. cadreA, a party member: the 主题党日's
     * 4 学时 count toward the party members' 32 学时 (《党员教育管理工作条例》第二十条), not toward the 乡科级 90
     * (条例第十四条), and the explanation says so; the 中心组学习's 3 学时 count toward both.
     */
    @Test
    void partyStudyIsItsOwnSourceAndCountsOnlyWhereTheRulesSay() {
        jdbc.sql("update cadre set political_status = 'CPC_MEMBER' where id = ?").param(cadreA).update();
        LocalDate on = LocalDate.now().minusDays(1);
        GroupStudies.Session partyDay = fixture.as(countyAdmin, () -> groupStudies.record(new GroupStudies.SessionRequest(townA, null,
                GroupStudies.Kind.PARTY_DAY, "重温入党誓词", on, new BigDecimal("4"), true, null, List.of(cadreA))));
        GroupStudies.Session central = fixture.as(countyAdmin, () -> groupStudies.record(new GroupStudies.SessionRequest(townA, null,
                GroupStudies.Kind.CENTRAL_GROUP, "学习全会精神", on, new BigDecimal("3"), true, null, List.of(cadreA))));
        assertThat(partyDay.attendees()).isEqualTo(1);
        assertThat(jdbc.sql("select source from archive_entry where cadre_id = ? and source_ref = ?").params(cadreA, "GS-" + partyDay.id())
                .query(String.class).single()).isEqualTo("PARTY_STUDY");
        assertThat(jdbc.sql("select source from archive_entry where cadre_id = ? and source_ref = ?").params(cadreA, "GS-" + central.id())
                .query(String.class).single()).isEqualTo("GROUP_STUDY");
        StandingService.PersonStanding ps = fixture.as(countyAdmin, () -> standings.of(cadreA, LocalDate.now()));
        assertThat(ps.standings()).extracting(Standing::code).contains("PARTY_YEARLY");
        Standing township = standingOf(ps, "TOWNSHIP_YEARLY");
        assertThat(township.countedHours()).isEqualByComparingTo("3");
        assertThat(township.explanation()).contains("本要求不计入：党员学习4学时");
        assertThat(standingOf(ps, "PARTY_YEARLY").countedHours()).isEqualByComparingTo("7");
    }

    /**
     * 条例第十四条 (one year after promotion) in the stored standing, the dashboard and the reminder: cadreA was promoted
     * to 县处级 eleven months ago with nothing credited (0 of 550 学时 in the 5 years before), so the five-year rule is
     * due one year after the promotion, about a month from now, not at the cycle's end; the reminder (deadlines
     * within two months) names that date and both measures.
     */
    @Test
    void theDeadlineOneYearAfterAPromotionIsTheOneTheDashboardAndTheReminderUse() throws Exception {
        LocalDate promoted = LocalDate.now().minusMonths(11);
        LocalDate due = promoted.plusMonths(12);
        jdbc.sql("update cadre_post_history set ended_on = ? where cadre_id = ?").params(promoted, cadreA).update();
        jdbc.sql("""
                insert into cadre_post_history (cadre_id, org_id, post, rank_level, rank_grade, leadership, started_on)
                values (?, ?, '副县长', 'COUNTY', 'DEPUTY', true, ?)""").params(cadreA, townA, promoted).update();
        recompute.recomputeAll(LocalDate.now());
        ComplianceDashboard.Page page = fixture.as(countyAdmin, () -> dashboard.page(county, "LEADER_CYCLE", null, null, null, 1, 50));
        assertThat(page.rows()).singleElement().satisfies(r -> {
            assertThat(r.cadreId()).isEqualTo(cadreA);
            assertThat(r.deadline()).isEqualTo(due);
            assertThat(r.shortfall()).isEqualTo("90天或550学时");
        });
        fixture.as(countyAdmin, () -> reminders.remindInScope());
        String when = (due.getYear() == LocalDate.now().getYear() ? "" : due.getYear() + "年") + due.getMonthValue() + "月"
                + due.getDayOfMonth() + "日前完成";
        assertThat(jdbc.sql("select body from notification where cadre_id = ? and kind = 'TRAINING_REMINDER' and body like '%每5年%'")
                .param(cadreA).query(String.class).list()).singleElement().asString().contains("尚差90天或550学时，请于" + when);
    }
}
