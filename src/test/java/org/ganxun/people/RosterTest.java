package org.ganxun.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.internal.cadre.PostHistoryEntry;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class RosterTest {

    @Autowired Roster roster;
    @Autowired CadreSearch search;
    @Autowired Fixture fixture;
    /** The test's own reads of what was stored (its user stays signed in): past the ScopeGuard. */
    JdbcClient jdbc;

    @Autowired
    void unguarded(org.ganxun.support.Unguarded unguarded) {
        this.jdbc = unguarded.jdbc();
    }

    long town;
    long otherTown;

    @BeforeEach
    void setUp() {
        long county = fixture.org(null, Fixture.unique("花名册县"), "COUNTY");
        town = fixture.org(county, Fixture.unique("花镇"), "TOWNSHIP");
        otherTown = fixture.org(county, Fixture.unique("名镇"), "TOWNSHIP");
    }

    private <T> T admin(java.util.function.Supplier<T> s) {
        return fixture.as(Fixture.systemAdmin(), s);
    }

    @Test
    void storesTheCitizenIdEncryptedShowsItMaskedAndFindsItByExactValue() {
        String cid = Fixture.citizenId(LocalDate.of(1976, 3, 12), true);
        CadreView v = admin(() -> roster.create(Fixture.cadreForm("钱加密", town, cid)));
        assertThat(v.citizenIdMasked()).isEqualTo(cid.substring(0, 6) + "********" + cid.substring(14));
        assertThat(v.birthDate()).isEqualTo(LocalDate.of(1976, 3, 12));
        assertThat(v.gender()).isEqualTo(Gender.MALE);
        String stored = jdbc.sql("select row_to_json(c)::text from cadre c where id = ?").param(v.id()).query(String.class).single();
        assertThat(stored).doesNotContain(cid).doesNotContain(cid.substring(6, 14));

        CadreQuery byId = new CadreQuery(null, cid.toLowerCase(), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        CadreSearch.Page found = admin(() -> search.page(byId, 1, 20));
        assertThat(found.rows()).extracting(CadreView::id).containsExactly(v.id());
    }

    /** The edit dialog: the code tables and 是否领导职务 as the dialog sends them (issue 15 items 5 and 6). */
    @Test
    void theDialogsCodesAndADerivedLeadershipThatAClerkCorrects() {
        String cid = Fixture.citizenId(LocalDate.of(1979, 9, 9), true);
        CadreForm f = Fixture.cadreForm("郑代码", town, cid);
        // not stated: derived from the post, with the basis; 九三学社社员 by its code; 蒙古 read as 蒙古族
        CadreForm sent = new CadreForm(f.name(), null, "蒙古", null, cid, null, null, null, town, "副镇长", null, null, null,
                f.staffCategory(), null, null, null, null, null, null, null, null, "10", "31", "21", "Z09", null);
        CadreView v = admin(() -> roster.create(sent));
        assertThat(v.leadership()).isTrue();
        assertThat(v.leadershipBasis()).isEqualTo("按职务“副镇长”中的“镇长”推定为领导职务");
        assertThat(v.politicalStatus()).isEqualTo(PoliticalStatus.DEMOCRATIC_PARTY);
        assertThat(v.politicalStatusLabel()).isEqualTo("九三学社社员");
        assertThat(v.ethnicity()).isEqualTo("蒙古族");
        assertThat(v.education()).isEqualTo(Education.BACHELOR); // the higher of 大学专科毕业 and 大学本科毕业
        assertThat(v.rankLevel()).isEqualTo(RankLevel.TOWNSHIP); // 三级主任科员: 乡科级副职
        assertThat(v.rankGrade()).isEqualTo(RankGrade.DEPUTY);
        assertThat(v.personNo()).isEqualTo(PersonNo.of(v.id()));

        // the post changes, leadership still not stated: derived again
        CadreForm moved = new CadreForm(f.name(), null, "蒙古族", null, "", v.education(), v.politicalStatus(), null, town,
                "科员", v.rankLevel(), v.rankGrade(), null, f.staffCategory(), null, null, null, null, null, null, null,
                v.version(), null, "31", "21", "Z09", v.leadershipBasis());
        CadreView after = admin(() -> roster.update(v.id(), moved));
        assertThat(after.leadership()).isFalse();
        assertThat(after.leadershipBasis()).isEqualTo("职务“科员”中没有领导职务的称谓，推定为非领导职务");
        assertThat(after.politicalStatusCode()).isEqualTo("10"); // the status alone (民主党派) keeps the party

        // the clerk states it: stored as stated, no basis
        CadreForm stated = new CadreForm(f.name(), null, "蒙古族", null, "", v.education(), v.politicalStatus(), null, town,
                "科员", v.rankLevel(), v.rankGrade(), true, f.staffCategory(), null, null, null, null, null, null, null,
                after.version(), "10", "31", "21", "Z09", null);
        CadreView corrected = admin(() -> roster.update(v.id(), stated));
        assertThat(corrected.leadership()).isTrue();
        assertThat(corrected.leadershipBasis()).isNull();
        assertThat(jdbc.sql("select leadership from cadre_post_history where cadre_id = ? and ended_on is null")
                .param(v.id()).query(Boolean.class).single()).isTrue();

        // not a GB/T 3304 name, not a code: refused, naming the field
        CadreForm bad = new CadreForm(f.name(), null, "火星", null, "", null, null, null, town, "科员", null, null, true,
                f.staffCategory(), null, null, null, null, null, null, null, null, "99", null, null, "Z99", null);
        assertThatThrownBy(() -> admin(() -> roster.update(v.id(), bad)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.problems())
                        .extracting(BusinessException.FieldProblem::field).containsExactly("ethnicity", "politicalStatus", "rankTitle"));
    }

    @Test
    void refusesAGenderOrBirthDateThatDisagreesWithTheId() {
        String cid = Fixture.citizenId(LocalDate.of(1985, 6, 1), false);
        CadreForm f = Fixture.cadreForm("孙不符", town, cid);
        CadreForm wrong = new CadreForm(f.name(), Gender.MALE, f.ethnicity(), LocalDate.of(1985, 7, 1), f.citizenId(),
                f.education(), f.politicalStatus(), f.joinedPartyOn(), f.orgId(), f.post(), f.rankLevel(), f.rankGrade(),
                f.leadership(), f.staffCategory(), f.enteredWorkOn(), f.phone(), f.reserveCadre(), f.partyOrgId(),
                f.mobileMember(), f.status(), f.changedOn());
        assertThatThrownBy(() -> admin(() -> roster.create(wrong)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.problems())
                        .extracting(BusinessException.FieldProblem::field).contains("gender", "birthDate"));
    }

    @Test
    void anUpdateWithoutTheCitizenIdKeepsTheStoredOne() {
        String cid = Fixture.citizenId(LocalDate.of(1983, 2, 14), false);
        CadreView v = admin(() -> roster.create(Fixture.cadreForm("何留号", town, cid)));
        CadreForm f = Fixture.cadreForm("何留号", town, null);
        CadreForm edited = new CadreForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), "", f.education(), f.politicalStatus(),
                f.joinedPartyOn(), f.orgId(), "副主任", f.rankLevel(), f.rankGrade(), f.leadership(), f.staffCategory(),
                f.enteredWorkOn(), f.phone(), f.reserveCadre(), f.partyOrgId(), f.mobileMember(), f.status(), f.changedOn());
        CadreView after = admin(() -> roster.update(v.id(), edited));
        assertThat(after.post()).isEqualTo("副主任");
        assertThat(after.citizenIdMasked()).isEqualTo(v.citizenIdMasked());
        assertThat(after.gender()).isEqualTo(Gender.FEMALE);
        assertThat(admin(() -> roster.idByCitizenId(cid))).isEqualTo(v.id());
    }

    @Test
    void storesAPhoneNumberWrittenWithSpacesOrDashesInOneForm() {
        CadreForm f = Fixture.cadreForm("郑电话", town, Fixture.citizenId(LocalDate.of(1982, 3, 3), true));
        CadreView v = admin(() -> roster.create(withPhone(f, "+86 138-0000 4444")));
        assertThat(v.phone()).isEqualTo("13800004444");
        CadreView after = admin(() -> roster.update(v.id(), withPhone(f, "０８１６ １２３４５６７")));
        assertThat(after.phone()).isEqualTo("0816-1234567");
        assertThatThrownBy(() -> admin(() -> roster.update(v.id(), withPhone(f, "138 0000 444"))))
                .isInstanceOf(BusinessException.class).hasMessageContaining("联系电话");
    }

    private static CadreForm withPhone(CadreForm f, String phone) {
        return new CadreForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), f.citizenId(), f.education(),
                f.politicalStatus(), f.joinedPartyOn(), f.orgId(), f.post(), f.rankLevel(), f.rankGrade(), f.leadership(),
                f.staffCategory(), f.enteredWorkOn(), phone, f.reserveCadre(), f.partyOrgId(), f.mobileMember(), f.status(),
                f.changedOn());
    }

    @Test
    void refusesASecondCadreWithTheSameId() {
        String cid = Fixture.citizenId(LocalDate.of(1979, 1, 1), true);
        admin(() -> roster.create(Fixture.cadreForm("周重复", town, cid)));
        assertThatThrownBy(() -> admin(() -> roster.create(Fixture.cadreForm("吴重复", otherTown, cid))))
                .isInstanceOf(BusinessException.class).hasMessageContaining("已在花名册中");
    }

    @Test
    void keepsPostAndRankChangesAsDatedHistory() {
        String cid = Fixture.citizenId(LocalDate.of(1978, 9, 9), true);
        CadreView v = admin(() -> roster.create(Fixture.cadreForm("郑晋升", town, cid)));
        CadreForm f = Fixture.cadreForm("郑晋升", otherTown, cid);
        CadreForm promoted = new CadreForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), f.citizenId(), f.education(),
                f.politicalStatus(), f.joinedPartyOn(), otherTown, "副镇长", RankLevel.TOWNSHIP, RankGrade.DEPUTY, true,
                f.staffCategory(), f.enteredWorkOn(), f.phone(), f.reserveCadre(), f.partyOrgId(), f.mobileMember(),
                f.status(), LocalDate.of(2025, 12, 20));
        CadreView after = admin(() -> roster.update(v.id(), promoted));
        assertThat(after.rankLevelLabel()).isEqualTo("乡科级");
        assertThat(after.version()).isEqualTo(v.version() + 1);

        List<PostHistoryEntry> h = admin(() -> roster.history(v.id()));
        assertThat(h).hasSize(2);
        assertThat(h.get(0).post()).isEqualTo("副镇长");
        assertThat(h.get(0).startedOn()).isEqualTo(LocalDate.of(2025, 12, 20));
        assertThat(h.get(0).endedOn()).isNull();
        assertThat(h.get(0).note()).isEqualTo("职级变动");
        assertThat(h.get(1).post()).isEqualTo("科员");
        assertThat(h.get(1).endedOn()).isEqualTo(LocalDate.of(2025, 12, 20));

        var audit = jdbc.sql("""
                select before_data ->> 'post' as b, after_data ->> 'post' as a from audit_log
                where entity_type = 'Cadre' and entity_id = ? and action = 'UPDATE'""")
                .param(String.valueOf(v.id())).query().singleRow();
        assertThat(audit.get("b")).isEqualTo("科员");
        assertThat(audit.get("a")).isEqualTo("副镇长");
    }

    /** The form of {@code f} with another post, dated {@code on}, edited from {@code version}. */
    private static CadreForm moved(CadreForm f, String post, LocalDate on, Integer version) {
        return new CadreForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), f.citizenId(), f.education(),
                f.politicalStatus(), f.joinedPartyOn(), f.orgId(), post, f.rankLevel(), f.rankGrade(), f.leadership(),
                f.staffCategory(), f.enteredWorkOn(), f.phone(), f.reserveCadre(), f.partyOrgId(), f.mobileMember(),
                f.status(), on, version);
    }

    @Test
    void refusesToOverwriteAChangeSavedBySomeoneElseSinceTheEditorOpenedTheCadre() {
        String cid = Fixture.citizenId(LocalDate.of(1981, 4, 2), true);
        CadreView v = admin(() -> roster.create(Fixture.cadreForm("林并发", town, cid)));
        CadreForm f = Fixture.cadreForm("林并发", town, cid);
        // two clerks open version 1; the first saves
        CadreView first = admin(() -> roster.update(v.id(), moved(f, "副主任", null, v.version())));
        assertThat(first.version()).isEqualTo(v.version() + 1);

        assertThatThrownBy(() -> admin(() -> roster.update(v.id(), moved(f, "主任", null, v.version()))))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("已被他人修改");
                });
        CadreView stored = admin(() -> roster.get(v.id()));
        assertThat(stored.post()).isEqualTo("副主任");
        assertThat(stored.version()).isEqualTo(first.version());
        assertThat(admin(() -> roster.history(v.id()))).hasSize(2);

        // from the version now stored, the second clerk's save goes through
        assertThat(admin(() -> roster.update(v.id(), moved(f, "主任", null, first.version()))).post()).isEqualTo("主任");
    }

    @Test
    void aChangeDateMustNotPrecedeTheCurrentPeriodNorLieInTheFuture() {
        String cid = Fixture.citizenId(LocalDate.of(1977, 10, 8), false);
        CadreView v = admin(() -> roster.create(Fixture.cadreForm("黄日期", town, cid)));
        CadreForm f = Fixture.cadreForm("黄日期", town, cid);
        LocalDate opened = admin(() -> roster.history(v.id())).get(0).startedOn(); // 参加工作时间 2003-08-01

        for (LocalDate wrong : List.of(opened.minusDays(1), LocalDate.now().plusDays(1))) {
            assertThatThrownBy(() -> admin(() -> roster.update(v.id(), moved(f, "副主任", wrong, null))))
                    .isInstanceOfSatisfying(BusinessException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.problems()).extracting(BusinessException.FieldProblem::field).containsExactly("changedOn");
                    });
        }
        CadreView stored = admin(() -> roster.get(v.id()));
        assertThat(stored.post()).isEqualTo("科员");
        assertThat(stored.version()).isEqualTo(v.version());
        assertThat(admin(() -> roster.history(v.id()))).singleElement()
                .satisfies(h -> assertThat(h.endedOn()).isNull());
    }

    @Test
    void aSecondChangeOnTheDayTheCurrentPeriodBeganCorrectsThatPeriod() {
        String cid = Fixture.citizenId(LocalDate.of(1984, 1, 30), true);
        CadreView v = admin(() -> roster.create(Fixture.cadreForm("谢更正", town, cid)));
        CadreForm f = Fixture.cadreForm("谢更正", town, cid);
        LocalDate on = LocalDate.of(2024, 5, 6);
        admin(() -> roster.update(v.id(), moved(f, "副主任", on, null)));
        admin(() -> roster.update(v.id(), moved(f, "主任", on, null))); // the clerk got the post wrong

        List<PostHistoryEntry> h = admin(() -> roster.history(v.id()));
        assertThat(h).extracting(PostHistoryEntry::post).containsExactly("主任", "科员");
        assertThat(h.get(0).startedOn()).isEqualTo(on);
        assertThat(h.get(0).endedOn()).isNull();
        assertThat(h.get(1).endedOn()).isEqualTo(on);
        assertThat(h).noneMatch(p -> p.endedOn() != null && !p.endedOn().isAfter(p.startedOn()));
    }

    @Test
    void sortsRankLevelsAndEducationInTheirOwnOrderAndUnitsInTreeOrder() {
        record Person(String name, RankLevel rank, Education education) {
        }
        List<Person> people = List.of(new Person("甲科员", RankLevel.STAFF, Education.BELOW_HIGH_SCHOOL),
                new Person("乙县处", RankLevel.COUNTY, Education.MASTER), new Person("丙乡科", RankLevel.TOWNSHIP, Education.BACHELOR));
        int day = 1;
        for (Person p : people) {
            String cid = Fixture.citizenId(LocalDate.of(1980, 2, day++), true);
            admin(() -> roster.create(new CadreForm(p.name(), null, null, null, cid, p.education(), PoliticalStatus.MASSES, null,
                    town, "科员", p.rank(), null, false, StaffCategory.CIVIL_SERVANT, null, null, false, null, false, null, null)));
        }
        java.util.function.Function<String, List<String>> sorted = sort -> admin(() -> search.page(new CadreQuery(null, null,
                town, null, null, null, null, null, null, null, null, null, null, null, null, null, null, sort), 1, 20))
                .rows().stream().map(CadreView::name).toList();
        assertThat(sorted.apply("rankLevel,asc")).containsExactly("乙县处", "丙乡科", "甲科员"); // 县处级 › 乡科级 › 科员及以下
        assertThat(sorted.apply("rankLevel,desc")).containsExactly("甲科员", "丙乡科", "乙县处");
        assertThat(sorted.apply("education,asc")).containsExactly("乙县处", "丙乡科", "甲科员"); // 硕士 › 本科 › 初中及以下

        // units in tree order: a path's ids compare as numbers, so /1/2/ comes before /1/10/
        assertThat(jdbc.sql("select tree_path_key('/1/2/') < tree_path_key('/1/10/') and tree_path_key('/1/10/') < tree_path_key('/1/10/3/')")
                .query(Boolean.class).single()).isTrue();
        long laterTown = fixture.org(fixture.org(null, Fixture.unique("排序县"), "COUNTY"), Fixture.unique("后镇"), "TOWNSHIP");
        long earlierTown = jdbc.sql("select parent_id from organization where id = ?").param(laterTown).query(Long.class).single();
        fixture.cadre("丁县直", earlierTown);
        fixture.cadre("戊镇上", laterTown);
        List<String> byUnit = admin(() -> search.page(new CadreQuery(null, null, earlierTown, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null), 1, 20)).rows().stream().map(CadreView::name).toList();
        assertThat(byUnit).containsExactly("丁县直", "戊镇上");
    }

    @Test
    void filtersBySubtreeAgeAndSortsOnTheServer() {
        String old = Fixture.citizenId(LocalDate.now().minusYears(50).minusDays(3), true);
        String young = Fixture.citizenId(LocalDate.now().minusYears(30), false);
        admin(() -> roster.create(new CadreForm("冯年长", null, null, null, old, Education.ASSOCIATE, PoliticalStatus.MASSES, null,
                town, "科员", RankLevel.STAFF, null, false, StaffCategory.PUBLIC_INSTITUTION, null, null, false, null, false, null, null)));
        admin(() -> roster.create(new CadreForm("陈年轻", null, null, null, young, Education.MASTER, PoliticalStatus.MASSES, null,
                town, "科员", RankLevel.STAFF, null, false, StaffCategory.PUBLIC_INSTITUTION, null, null, false, null, false, null, null)));
        CadreQuery q = new CadreQuery(null, null, town, null, null, null, null, null, null, null, null, null, null, null,
                30, 50, null, "age,desc");
        List<CadreView> rows = admin(() -> search.page(q, 1, 20)).rows();
        assertThat(rows).extracting(CadreView::name).containsExactly("冯年长", "陈年轻");
        assertThat(rows.get(0).age()).isEqualTo(50);
        assertThat(rows.get(1).age()).isEqualTo(30);
        CadreQuery over45 = new CadreQuery(null, null, town, null, null, null, null, null, null, null, null, null, null, null,
                45, null, null, null);
        assertThat(admin(() -> search.page(over45, 1, 20)).rows()).extracting(CadreView::name).containsExactly("冯年长");
        assertThatThrownBy(() -> admin(() -> search.page(new CadreQuery(null, null, town, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, "citizen_id_enc"), 1, 20)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.problems())
                        .extracting(BusinessException.FieldProblem::field).containsExactly("sort"));
    }
}
