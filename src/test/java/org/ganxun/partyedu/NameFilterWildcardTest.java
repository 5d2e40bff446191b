package org.ganxun.partyedu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code %} and {@code _} typed into a name filter are characters to find, not wildcards matching every row. */
@IntegrationTest
class NameFilterWildcardTest {

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired Members members;

    @Test
    void percentAndUnderscoreInTheMemberAndRosterNameFiltersMatchOnlyThemselves() {
        Branches b = new Branches(fixture);
        b.member(members, Branches.form("王百分%", b.branchA, MemberCategory.OTHER, null));
        b.member(members, Branches.form("李下划_线", b.branchA, MemberCategory.OTHER, null));
        b.member(members, Branches.form("张反斜\\杠", b.branchA, MemberCategory.OTHER, null));
        b.member(members, Branches.form("赵普通", b.branchA, MemberCategory.OTHER, null));
        String admin = Fixture.unique("like");
        fixture.user(admin, Role.ORG_DEPT_ADMIN, b.county, null, null);
        ApiSession s = new ApiSession(port);
        assertThat(s.login(admin, Fixture.PASSWORD).status()).isEqualTo(200);

        String branch = "&partyOrgId=" + b.branchA;
        assertThat(names(s.getJson("/api/partyedu/members?size=50&name=" + ApiSession.q("%") + branch))).containsExactly("王百分%");
        assertThat(names(s.getJson("/api/partyedu/members?size=50&name=" + ApiSession.q("_") + branch))).containsExactly("李下划_线");
        assertThat(names(s.getJson("/api/partyedu/members?size=50&name=" + ApiSession.q("\\") + branch))).containsExactly("张反斜\\杠");
        assertThat(names(s.getJson("/api/partyedu/members?size=50&name=" + ApiSession.q("普通") + branch))).containsExactly("赵普通");

        // cadre names cannot hold % or _ at all: those filters find nobody instead of everybody
        fixture.cadre("孙百分", b.township);
        fixture.cadre("周下划线", b.township);
        String under = "&orgId=" + b.township;
        assertThat(names(s.getJson("/api/cadres?size=50&name=" + ApiSession.q("百分") + under))).containsExactly("孙百分");
        assertThat(names(s.getJson("/api/cadres?size=50&name=" + ApiSession.q("%") + under))).isEmpty();
        assertThat(names(s.getJson("/api/cadres?size=50&name=" + ApiSession.q("_") + under))).isEmpty();
        assertThat(names(s.getJson("/api/cadres?size=50&name=" + ApiSession.q("\\") + under))).isEmpty();
    }

    private static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("rows").forEach(r -> out.add(r.get("name").asString()));
        return out;
    }
}
