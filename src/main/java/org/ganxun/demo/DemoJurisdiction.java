package org.ganxun.demo;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.org.OrgKind;
import org.ganxun.org.PartyOrgKind;
import org.ganxun.people.Education;
import org.ganxun.people.Gender;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.Role;

/**
 * The generated demo county as plain values, before it gets database ids. References between rows are
 * indexes into the lists; parents always come before their children.
 */
public record DemoJurisdiction(List<Org> orgs, List<PartyOrg> partyOrgs, List<Cadre> cadres, List<Post> posts,
                               List<Account> accounts) {

    public record Org(int index, Integer parent, String name, OrgKind kind, String code, int sortOrder) {
    }

    public record PartyOrg(int index, Integer parent, String name, PartyOrgKind kind, int org, int sortOrder,
                           String secretaryName, String contactPhone) {
    }

    public record Cadre(int index, String name, Gender gender, String ethnicity, LocalDate birthDate, String citizenId,
                        Education education, PoliticalStatus politicalStatus, LocalDate joinedPartyOn, int org,
                        String post, RankLevel rankLevel, RankGrade rankGrade, boolean leadership,
                        StaffCategory staffCategory, LocalDate enteredWorkOn, String phone, boolean reserveCadre,
                        Integer partyOrg, boolean mobileMember) {
    }

    /** One period of a cadre's post and rank; the current one has no end. */
    public record Post(int cadre, int org, String post, RankLevel rankLevel, RankGrade rankGrade, boolean leadership,
                       LocalDate startedOn, LocalDate endedOn, String note) {
    }

    public record Account(String username, String displayName, Role role, Integer scopeOrg, Integer scopePartyOrg,
                          Integer cadre) {
    }
}
