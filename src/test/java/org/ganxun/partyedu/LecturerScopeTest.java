package org.ganxun.partyedu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ganxun.partyedu.internal.mobileclassroom.MobileClassroom;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The lecturer pool is shared for use; a lecturer is changed only by the department that added them or one above. */
@IntegrationTest
class LecturerScopeTest {

    @Autowired Fixture fixture;
    @Autowired MobileClassroom classroom;

    @Test
    void anotherTownshipUsesButCannotChangeALecturer() {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "讲师县" + tag, "COUNTY");
        long townA = fixture.org(county, "讲师甲镇" + tag, "TOWNSHIP");
        long townB = fixture.org(county, "讲师乙镇" + tag, "TOWNSHIP");
        CurrentUser adminA = fixture.user("lec_a_" + tag, Role.ORG_DEPT_ADMIN, townA, null, null);
        CurrentUser adminB = fixture.user("lec_b_" + tag, Role.ORG_DEPT_ADMIN, townB, null, null);
        CurrentUser countyAdmin = fixture.user("lec_c_" + tag, Role.ORG_DEPT_ADMIN, county, null, null);
        MobileClassroom.LecturerRequest req = new MobileClassroom.LecturerRequest("乙镇宣讲员" + tag, "讲师", "乙镇", null, "乡村振兴", true);
        long id = fixture.as(adminB, () -> classroom.saveLecturer(null, req)).id();

        assertThat(fixture.as(adminA, () -> classroom.lecturers(true))).anyMatch(l -> l.id() == id);
        MobileClassroom.LecturerRequest change = new MobileClassroom.LecturerRequest("改名" + tag, null, null, null, null, false);
        assertThatThrownBy(() -> fixture.as(adminA, () -> classroom.saveLecturer(id, change)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(fixture.as(adminB, () -> classroom.saveLecturer(id, req)).name()).isEqualTo("乙镇宣讲员" + tag);
        assertThat(fixture.as(countyAdmin, () -> classroom.saveLecturer(id, change)).active()).isFalse();
    }
}
