package org.ganxun.support;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.CadreStatus;
import org.ganxun.people.CitizenId;
import org.ganxun.people.Education;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.security.RunAs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Builds test data through the product's own services, each test with unique names, in the shared
 * database of the integration tests.
 */
@Component
public class Fixture {

    public static final String PASSWORD = "Test@2026pw";
    // the citizen-id counter: a random start (a reused test database keeps earlier runs' cadres), then one step per id
    private static final AtomicInteger SEQ = new AtomicInteger(ThreadLocalRandom.current().nextInt(0, 40_000));

    private final OrganizationTrees trees;
    private final Roster roster;
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    public Fixture(OrganizationTrees trees, Roster roster, JdbcClient jdbc, PasswordEncoder encoder) {
        this.trees = trees;
        this.roster = roster;
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    public static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    /**
     * A valid GB 11643 number, unique within the test run: the counter walks 500 sequence numbers in each of 80 region
     * codes, so the same birth date repeats no number before 40,000 ids (a random region with a wrapping counter did
     * repeat one within a run, and Roster refused the second cadre as a duplicate).
     */
    public static String citizenId(LocalDate birth, boolean male) {
        int n = SEQ.getAndIncrement() % 40_000;
        int seq = n % 500;
        int region = 110101 + n / 500;
        String body = region + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
                + String.format("%02d", seq % 100) + ((seq / 100) * 2 + (male ? 1 : 0));
        return body + CitizenId.checkChar(body);
    }

    public static CurrentUser systemAdmin() {
        return new CurrentUser(0, "test-admin", "测试管理员", "", Role.SYSTEM_ADMIN, null, null, null, true, false);
    }

    /** The audit administrator of the whole installation (not an account in the database). */
    public static CurrentUser auditAdmin() {
        return new CurrentUser(0, "test-auditor", "测试审计员", "", Role.AUDIT_ADMIN, null, null, null, true, false);
    }

    public <T> T as(CurrentUser user, Supplier<T> work) {
        return RunAs.as(user, work);
    }

    public long org(Long parentId, String name, String kind) {
        return as(systemAdmin(), () -> trees.create(Tree.ADMINISTRATIVE,
                new OrganizationTrees.NodeRequest(parentId, name, kind, null, 0, null)).id());
    }

    public long partyOrg(Long parentId, String name, String kind, Long orgId) {
        return as(systemAdmin(), () -> trees.create(Tree.PARTY,
                new OrganizationTrees.NodeRequest(parentId, name, kind, null, 0, orgId)).id());
    }

    public static CadreForm cadreForm(String name, long orgId, String citizenId) {
        return new CadreForm(name, null, "汉族", null, citizenId, Education.BACHELOR, PoliticalStatus.CPC_MEMBER,
                LocalDate.of(2005, 7, 1), orgId, "科员", RankLevel.STAFF, null, false, StaffCategory.CIVIL_SERVANT,
                LocalDate.of(2003, 8, 1), "13800000000", false, null, false, CadreStatus.ACTIVE, null);
    }

    public long cadre(String name, long orgId) {
        String id = citizenId(LocalDate.of(1980, 5, 17), true);
        return as(systemAdmin(), () -> roster.create(cadreForm(name, orgId, id)).id());
    }

    public long cadreInBranch(String name, long orgId, long partyOrgId) {
        String id = citizenId(LocalDate.of(1982, 3, 9), false);
        CadreForm f = cadreForm(name, orgId, id);
        CadreForm withBranch = new CadreForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), f.citizenId(), f.education(),
                f.politicalStatus(), f.joinedPartyOn(), f.orgId(), f.post(), f.rankLevel(), f.rankGrade(),
                f.leadership(), f.staffCategory(), f.enteredWorkOn(), f.phone(), f.reserveCadre(), partyOrgId, f.mobileMember(),
                f.status(), f.changedOn());
        return as(systemAdmin(), () -> roster.create(withBranch).id());
    }

    /** A real account; returns the principal as the server would build it. */
    public CurrentUser user(String username, Role role, Long scopeOrgId, Long scopePartyOrgId, Long cadreId) {
        long id = jdbc.sql("""
                insert into app_user (username, display_name, password_hash, role, scope_org_id, scope_party_org_id, cadre_id)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(username, username, encoder.encode(PASSWORD), role.name(), scopeOrgId, scopePartyOrgId, cadreId)
                .query(Long.class).single();
        return new CurrentUser(id, username, username, "", role, scopeOrgId, scopePartyOrgId, cadreId, true, false);
    }
}
