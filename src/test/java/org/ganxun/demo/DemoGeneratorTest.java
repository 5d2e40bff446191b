package org.ganxun.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.ganxun.org.OrgKind;
import org.ganxun.org.PartyOrgKind;
import org.ganxun.people.CitizenId;
import org.ganxun.people.Gender;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.junit.jupiter.api.Test;

/** The generator alone, without a database: deterministic, valid, and shaped like the seed county. */
class DemoGeneratorTest {

    private final DemoJurisdiction demo = DemoGenerator.generate();

    @Test
    void isTheSameEveryTime() throws Exception {
        DemoJurisdiction again = DemoGenerator.generate();
        assertThat(again).isEqualTo(demo);
        assertThat(checksum(again)).isEqualTo(checksum(demo));
    }

    @Test
    void citizenIdsAreValidUniqueAndAgreeWithBirthDateAndGender() {
        Set<String> seen = new HashSet<>();
        for (DemoJurisdiction.Cadre c : demo.cadres()) {
            CitizenId.Result r = CitizenId.parse(c.citizenId(), LocalDate.of(2026, 12, 7));
            assertThat(r.ok()).as(c.citizenId() + ": " + r.error()).isTrue();
            assertThat(c.citizenId()).startsWith(DemoGenerator.REGION);
            assertThat(r.id().orElseThrow().birthDate()).isEqualTo(c.birthDate());
            assertThat(r.id().orElseThrow().gender()).isEqualTo(c.gender());
            assertThat(seen.add(c.citizenId())).as("duplicate " + c.citizenId()).isTrue();
            assertThat(c.birthDate().getYear()).isBetween(1966, 2001);
            assertThat(c.phone()).matches("1\\d{10}");
        }
        assertThat(demo.cadres().size()).isBetween(3000, 4500);
    }

    @Test
    void hasTheCountysUnits() {
        Map<OrgKind, Long> kinds = demo.orgs().stream().collect(Collectors.groupingBy(DemoJurisdiction.Org::kind, Collectors.counting()));
        assertThat(kinds.get(OrgKind.COUNTY)).isEqualTo(1);
        assertThat(kinds.get(OrgKind.TOWNSHIP)).isEqualTo(36);
        assertThat(kinds.get(OrgKind.PARK)).isEqualTo(1);
        assertThat(kinds.get(OrgKind.VILLAGE)).isEqualTo(460);
        assertThat(kinds.get(OrgKind.COMMUNITY)).isEqualTo(45);
        assertThat(demo.orgs().get(0).name()).isEqualTo("盐亭县");
        List<String> names = demo.orgs().stream().map(DemoJurisdiction.Org::name).toList();
        assertThat(names).contains("县委组织部", "县委党校", "县教育局", "富驿镇", "大兴回族乡", "林山乡", "盐亭经济开发区");
        // parents come first
        for (DemoJurisdiction.Org o : demo.orgs()) {
            if (o.parent() != null) {
                assertThat(o.parent()).isLessThan(o.index());
            }
        }
    }

    @Test
    void noTwoUnitsOrPartyOrganisationsUnderOneParentShareAName() {
        // imports name a unit by its path: two siblings of one name could never be told apart
        assertThat(demo.orgs().stream().map(o -> o.parent() + "/" + o.name()))
                .doesNotHaveDuplicates();
        assertThat(demo.partyOrgs().stream().map(o -> o.parent() + "/" + o.name()))
                .doesNotHaveDuplicates();
    }

    @Test
    void partyTreeLinksEveryNodeToAUnit() {
        Map<PartyOrgKind, Long> kinds = demo.partyOrgs().stream()
                .collect(Collectors.groupingBy(DemoJurisdiction.PartyOrg::kind, Collectors.counting()));
        assertThat(kinds.get(PartyOrgKind.COMMITTEE) + kinds.get(PartyOrgKind.WORKING_COMMITTEE)).isEqualTo(44); // 县委 + 43
        assertThat(kinds.get(PartyOrgKind.GENERAL_BRANCH)).isEqualTo(47);
        assertThat(kinds.get(PartyOrgKind.BRANCH)).isGreaterThan(300);
        for (DemoJurisdiction.PartyOrg p : demo.partyOrgs()) {
            assertThat(p.org()).isBetween(0, demo.orgs().size() - 1);
            if (p.parent() != null) {
                assertThat(p.parent()).isLessThan(p.index());
            }
        }
        // every village and community has its own branch (or general branch)
        Set<Integer> withParty = demo.partyOrgs().stream().map(DemoJurisdiction.PartyOrg::org).collect(Collectors.toSet());
        demo.orgs().stream().filter(o -> o.kind() == OrgKind.VILLAGE || o.kind() == OrgKind.COMMUNITY)
                .forEach(o -> assertThat(withParty).contains(o.index()));
    }

    @Test
    void partyMembersHaveABranchAndJoinedAtEighteenOrLater() {
        long members = 0;
        for (DemoJurisdiction.Cadre c : demo.cadres()) {
            if (c.politicalStatus().partyMember()) {
                members++;
                assertThat(c.partyOrg()).isNotNull();
                assertThat(c.joinedPartyOn()).isNotNull();
                assertThat(Period.between(c.birthDate(), c.joinedPartyOn()).getYears()).isGreaterThanOrEqualTo(18);
                assertThat(c.joinedPartyOn()).isBeforeOrEqualTo(DemoGenerator.REFERENCE_DATE);
                // the branch sits in the person's unit
                assertThat(demo.partyOrgs().get(c.partyOrg()).org()).isIn(c.org(), 0);
            } else {
                assertThat(c.partyOrg()).isNull();
                assertThat(c.mobileMember()).isFalse();
            }
        }
        assertThat(members).isGreaterThan(demo.cadres().size() / 2);
    }

    @Test
    void townshipLevelLeadersMatchTheSeedReport() {
        List<DemoJurisdiction.Cadre> leaders = demo.cadres().stream().filter(c -> c.rankLevel() == RankLevel.TOWNSHIP).toList();
        LocalDate on = DemoGenerator.REFERENCE_DATE;
        assertThat(leaders).hasSize(607);
        assertThat(count(leaders, c -> c.rankGrade() == RankGrade.PRINCIPAL)).isEqualTo(232);
        assertThat(count(leaders, c -> c.rankGrade() == RankGrade.DEPUTY)).isEqualTo(375);
        assertThat(count(leaders, c -> c.gender() == Gender.FEMALE)).isEqualTo(84);
        assertThat(count(leaders, c -> !c.ethnicity().equals("汉族"))).isEqualTo(10);
        assertThat(count(leaders, c -> !c.politicalStatus().partyMember())).isEqualTo(25);
        assertThat(count(leaders, c -> c.education().atLeastAssociate())).isEqualTo(603);
        assertThat(count(leaders, c -> Period.between(c.birthDate(), on).getYears() < 35)).isEqualTo(89);
        assertThat(count(leaders, c -> Period.between(c.birthDate(), on).getYears() >= 45)).isEqualTo(317);
        assertThat(count(demo.cadres(), c -> c.rankLevel() == RankLevel.COUNTY)).isBetween(10L, 20L);
    }

    @Test
    void villageCadresAndHistoryLookRight() {
        List<DemoJurisdiction.Cadre> village = demo.cadres().stream()
                .filter(c -> c.staffCategory() == StaffCategory.VILLAGE_CADRE).toList();
        assertThat(village).allMatch(c -> c.rankLevel() == null);
        long villageMembers = count(village, c -> c.politicalStatus().partyMember());
        long mobile = count(village, DemoJurisdiction.Cadre::mobileMember);
        assertThat((double) mobile / villageMembers).isBetween(0.05, 0.15);
        long reserve = count(demo.cadres(), DemoJurisdiction.Cadre::reserveCadre);
        assertThat((double) reserve / demo.cadres().size()).isBetween(0.03, 0.08);
        long women = count(demo.cadres(), c -> c.gender() == Gender.FEMALE);
        assertThat((double) women / demo.cadres().size()).isBetween(0.2, 0.45);
        assertThat(count(demo.cadres(), c -> c.ethnicity().equals("回族"))).isGreaterThan(10);
        assertThat(count(demo.cadres(), c -> c.politicalStatus() == PoliticalStatus.CPC_PROBATIONARY)).isGreaterThan(0);

        // every cadre has exactly one open period, and it is the current post
        Map<Integer, List<DemoJurisdiction.Post>> byCadre = demo.posts().stream()
                .collect(Collectors.groupingBy(DemoJurisdiction.Post::cadre));
        assertThat(byCadre).hasSize(demo.cadres().size());
        for (DemoJurisdiction.Cadre c : demo.cadres()) {
            List<DemoJurisdiction.Post> open = byCadre.get(c.index()).stream().filter(p -> p.endedOn() == null).toList();
            assertThat(open).hasSize(1);
            assertThat(open.get(0).post()).isEqualTo(c.post());
            assertThat(open.get(0).org()).isEqualTo(c.org());
        }
        // some 正科 were promoted from 副科 within the last five years
        LocalDate fiveYearsAgo = DemoGenerator.REFERENCE_DATE.minusYears(5);
        long promoted = demo.posts().stream().filter(p -> p.rankLevel() == RankLevel.TOWNSHIP && p.rankGrade() == RankGrade.DEPUTY
                && p.endedOn() != null && !p.endedOn().isBefore(fiveYearsAgo)).count();
        assertThat(promoted).isGreaterThan(30);
    }

    @Test
    void hasOneAccountPerRole() {
        assertThat(demo.accounts()).extracting(DemoJurisdiction.Account::username)
                .containsExactly("admin", "anquan", "shenji", "zzb", "dangxiao", "fuyi", "zhibu", "ganbu");
        DemoJurisdiction.Account zhibu = account("zhibu");
        assertThat(demo.partyOrgs().get(zhibu.scopePartyOrg()).kind()).isEqualTo(PartyOrgKind.BRANCH);
        DemoJurisdiction.Account ganbu = account("ganbu");
        assertThat(demo.orgs().get(demo.cadres().get(ganbu.cadre()).org()).name()).isEqualTo("富驿镇");
    }

    private DemoJurisdiction.Account account(String username) {
        return demo.accounts().stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow();
    }

    private static long count(List<DemoJurisdiction.Cadre> list, Predicate<DemoJurisdiction.Cadre> p) {
        return list.stream().filter(p).count();
    }

    static String checksum(DemoJurisdiction d) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Object row : List.of(d.orgs(), d.partyOrgs(), d.cadres(), d.posts(), d.accounts())) {
            md.update(row.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
