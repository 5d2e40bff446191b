package org.ganxun.partyedu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.partyedu.internal.mobileclassroom.MobileClassroom;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The mobile classroom's coverage grid, for a user who sees everything and for a township's user. */
@IntegrationTest
class CoverageTest {

    @Autowired Fixture fixture;
    @Autowired MobileClassroom classroom;

    @Test
    void listsEveryVillageOfATownshipWithinTheScope() {
        long county = fixture.org(null, Fixture.unique("覆盖县"), "COUNTY");
        long town = fixture.org(county, Fixture.unique("覆盖镇"), "TOWNSHIP");
        fixture.org(town, Fixture.unique("甲村"), "VILLAGE");
        fixture.org(town, Fixture.unique("乙社区"), "COMMUNITY");
        long otherTown = fixture.org(county, Fixture.unique("别镇"), "TOWNSHIP");
        fixture.org(otherTown, Fixture.unique("丙村"), "VILLAGE");
        int year = LocalDate.now().getYear();

        List<MobileClassroom.TownshipCoverage> all = fixture.as(Fixture.systemAdmin(), () -> classroom.coverage(year));
        MobileClassroom.TownshipCoverage t = all.stream().filter(c -> c.orgId() == town).findFirst().orElseThrow();
        assertThat(t.villages()).isEqualTo(2);
        assertThat(t.reached()).isZero();

        CurrentUser townUser = fixture.user(Fixture.unique("cov"), Role.UNIT_LIAISON, town, null, null);
        List<MobileClassroom.TownshipCoverage> mine = fixture.as(townUser, () -> classroom.coverage(year));
        assertThat(mine).extracting(MobileClassroom.TownshipCoverage::orgId).contains(town).doesNotContain(otherTown);
    }
}
