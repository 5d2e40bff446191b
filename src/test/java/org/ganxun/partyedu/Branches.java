package org.ganxun.partyedu;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;

/**
 * A small county for party-education tests: a township with two villages, a township party committee with
 * a branch in each village, a secretary for each branch, and helpers to register members.
 */
public final class Branches {

    public final Fixture fixture;
    public final long county;
    public final long township;
    public final long villageA;
    public final long villageB;
    public final long committee;
    public final long branchA;
    public final long branchB;
    public final CurrentUser secretaryA;
    public final CurrentUser secretaryB;
    public final String name;

    public Branches(Fixture fixture) {
        this.fixture = fixture;
        this.name = Fixture.unique("");
        county = fixture.org(null, "测试县" + name, "COUNTY");
        township = fixture.org(county, "测试镇" + name, "TOWNSHIP");
        villageA = fixture.org(township, "甲村" + name, "VILLAGE");
        villageB = fixture.org(township, "乙村" + name, "VILLAGE");
        committee = fixture.partyOrg(null, "测试镇党委" + name, "COMMITTEE", township);
        branchA = fixture.partyOrg(committee, "甲村党支部" + name, "BRANCH", villageA);
        branchB = fixture.partyOrg(committee, "乙村党支部" + name, "BRANCH", villageB);
        secretaryA = fixture.user(Fixture.unique("zbA"), Role.BRANCH_SECRETARY, null, branchA, null);
        secretaryB = fixture.user(Fixture.unique("zbB"), Role.BRANCH_SECRETARY, null, branchB, null);
    }

    public static Members.MemberForm form(String name, long branch, MemberCategory category, String phone) {
        return new Members.MemberForm(name, Fixture.citizenId(LocalDate.of(1975, 4, 12), true), LocalDate.of(2001, 7, 1), false,
                branch, phone, category, List.of(), false, null, null, null, false, null, null, null, null, null, null, null);
    }

    public static Members.MemberForm mobileForm(String name, long branch, String phone, LocalDate awaySince, LocalDate lastContact,
                                         boolean transferred) {
        return new Members.MemberForm(name, Fixture.citizenId(LocalDate.of(1990, 9, 3), false), LocalDate.of(2015, 6, 20), false,
                branch, phone, MemberCategory.MIGRANT_WORKER, List.of("青年农民工群"), true, "浙江省宁波市", "某电子厂", awaySince,
                transferred, "王支委", "13900001111", lastContact, lastContact == null ? null : ContactVia.WECHAT, null, null, null);
    }

    public long member(Members members, Members.MemberForm f) {
        return fixture.as(Fixture.systemAdmin(), () -> members.create(f).id());
    }
}
