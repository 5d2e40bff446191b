package org.ganxun.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Writes to the roster check every organisation reference they set, and a refusal tells an outsider nothing. */
@IntegrationTest
class RosterScopeTest {

    @Autowired Fixture fixture;
    @Autowired Roster roster;

    @Test
    void anUpdateCannotPutACadreIntoAPartyBranchOfAnotherTownship() {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "党组织县" + tag, "COUNTY");
        long townA = fixture.org(county, "党组织甲镇" + tag, "TOWNSHIP");
        long townB = fixture.org(county, "党组织乙镇" + tag, "TOWNSHIP");
        long branchA = fixture.partyOrg(null, "甲镇机关党支部" + tag, "BRANCH", townA);
        long branchB = fixture.partyOrg(null, "乙镇机关党支部" + tag, "BRANCH", townB);
        long cadre = fixture.cadre("甲镇干部", townA);
        CurrentUser liaison = fixture.user("party_lia_" + tag, Role.UNIT_LIAISON, townA, null, null);

        CadreView v = fixture.as(liaison, () -> roster.get(cadre));
        assertThatThrownBy(() -> fixture.as(liaison, () -> roster.update(cadre, withParty(v, branchB))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(fixture.as(liaison, () -> roster.get(cadre)).partyOrgId()).isNull();

        assertThat(fixture.as(liaison, () -> roster.update(cadre, withParty(v, branchA))).partyOrgId()).isEqualTo(branchA);
    }

    @Test
    void aDuplicateCitizenIdOutsideTheWritersScopeSaysWhomToAskWithoutSayingWhere() {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "重号县" + tag, "COUNTY");
        long townA = fixture.org(county, "重号甲镇" + tag, "TOWNSHIP");
        long townB = fixture.org(county, "重号乙镇" + tag, "TOWNSHIP");
        String citizenId = Fixture.citizenId(LocalDate.of(1980, 5, 17), true);
        long inB = fixture.as(Fixture.systemAdmin(), () -> roster.create(Fixture.cadreForm("乙镇干部", townB, citizenId)).id());
        CurrentUser liaisonA = fixture.user("dup_lia_" + tag, Role.UNIT_LIAISON, townA, null, null);
        CurrentUser admin = fixture.user("dup_adm_" + tag, Role.ORG_DEPT_ADMIN, county, null, null);
        String masked = fixture.as(admin, () -> roster.get(inB)).citizenIdMasked();

        assertThatThrownBy(() -> fixture.as(liaisonA, () -> roster.create(Fixture.cadreForm("甲镇干部", townA, citizenId))))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("其他单位", "组织部").doesNotContain(masked, "乙镇", tag);
                });
        // whoever may see the existing record is told which number it is
        assertThatThrownBy(() -> fixture.as(admin, () -> roster.create(Fixture.cadreForm("甲镇干部", townA, citizenId))))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains(masked));
    }

    private static CadreForm withParty(CadreView v, long partyOrgId) {
        CadreForm f = Fixture.cadreForm(v.name(), v.orgId(), null);
        return new CadreForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), null, f.education(), f.politicalStatus(),
                f.joinedPartyOn(), f.orgId(), f.post(), f.rankLevel(), f.rankGrade(), f.leadership(), f.staffCategory(),
                f.enteredWorkOn(), f.phone(), f.reserveCadre(), partyOrgId, f.mobileMember(), f.status(), f.changedOn());
    }
}
