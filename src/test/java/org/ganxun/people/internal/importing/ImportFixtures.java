package org.ganxun.people.internal.importing;

import java.time.LocalDate;
import java.util.List;
import org.ganxun.support.TestWorkbooks;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.people.CitizenId;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Organisations, users, citizen IDs and real .xlsx bytes for the import tests; every name is unique per test. */
final class ImportFixtures {

    final String tag = UUID.randomUUID().toString().substring(0, 6);
    final long county;
    final long townA;
    final long townB;
    final long farmA;
    final long farmB;
    final long branchA;
    final CurrentUser admin;
    final CurrentUser countyAdmin;
    final CurrentUser townAUser;
    final String countyName;
    final String townAName;
    final String townBName;
    final String branchAName;

    ImportFixtures(JdbcClient jdbc, OrganizationTrees trees) {
        admin = user(jdbc, "sys" + tag, Role.SYSTEM_ADMIN, null);
        actAs(admin);
        countyName = "测试县" + tag;
        townAName = "甲镇" + tag;
        townBName = "乙镇" + tag;
        branchAName = "甲镇机关党支部" + tag;
        county = trees.create(Tree.ADMINISTRATIVE, new OrganizationTrees.NodeRequest(null, countyName, "COUNTY", null, 0, null)).id();
        townA = trees.create(Tree.ADMINISTRATIVE, new OrganizationTrees.NodeRequest(county, townAName, "TOWNSHIP", null, 1, null)).id();
        townB = trees.create(Tree.ADMINISTRATIVE, new OrganizationTrees.NodeRequest(county, townBName, "TOWNSHIP", null, 2, null)).id();
        // the same name under both townships: ambiguous for the county, unique for a township
        farmA = trees.create(Tree.ADMINISTRATIVE, new OrganizationTrees.NodeRequest(townA, "农业服务中心" + tag, "INSTITUTION", null, 1, null)).id();
        farmB = trees.create(Tree.ADMINISTRATIVE, new OrganizationTrees.NodeRequest(townB, "农业服务中心" + tag, "INSTITUTION", null, 1, null)).id();
        long committee = trees.create(Tree.PARTY, new OrganizationTrees.NodeRequest(null, "甲镇党委" + tag, "COMMITTEE", null, 0, townA)).id();
        branchA = trees.create(Tree.PARTY, new OrganizationTrees.NodeRequest(committee, branchAName, "BRANCH", null, 0, townA)).id();
        countyAdmin = user(jdbc, "cty" + tag, Role.ORG_DEPT_ADMIN, county);
        townAUser = user(jdbc, "twa" + tag, Role.UNIT_LIAISON, townA);
        SecurityContextHolder.clearContext();
    }

    static CurrentUser user(JdbcClient jdbc, String username, Role role, Long scopeOrgId) {
        long id = jdbc.sql("""
                insert into app_user (username, display_name, password_hash, role, scope_org_id)
                values (?, ?, '{noop}x', ?, ?) returning id""")
                .params(username, "测试" + username, role.name(), scopeOrgId).query(Long.class).single();
        return new CurrentUser(id, username, "测试" + username, "", role, scopeOrgId, null, null, true, false);
    }

    static void actAs(CurrentUser user) {
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(ctx);
    }

    /** A valid citizen ID born on that day, male or female, with a random region and sequence. */
    static String citizenId(LocalDate birth, boolean male) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int region = 110000 + r.nextInt(540000);
        int seq = r.nextInt(50, 499) * 2 + (male ? 1 : 0);
        String first17 = String.format("%06d%s%03d", region, birth.toString().replace("-", ""), seq);
        return first17 + CitizenId.checkChar(first17);
    }

    /** A valid ID with its check character replaced by a wrong one. */
    static String withWrongCheck(String id) {
        char right = id.charAt(17);
        return id.substring(0, 17) + (right == '0' ? '1' : '0');
    }

    static byte[] xlsx(List<List<Object>> rows) {
        return TestWorkbooks.xlsx("花名册", rows);
    }
}
