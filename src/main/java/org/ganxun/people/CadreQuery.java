package org.ganxun.people;

/**
 * Roster filters; every one is optional. {@code orgId} means that unit and everything under it;
 * {@code citizenId} is an exact match on the full number; {@code sort} is a field name, optionally
 * followed by {@code ,desc}.
 */
public record CadreQuery(String name, String citizenId, Long orgId, Long partyOrgId, RankLevel rankLevel,
                         RankGrade rankGrade, StaffCategory staffCategory, Gender gender, Education education,
                         PoliticalStatus politicalStatus, Boolean partyMember, Boolean reserveCadre,
                         Boolean mobileMember, Boolean leadership, Integer ageFrom, Integer ageTo, CadreStatus status,
                         String sort) {

    public static CadreQuery all() {
        return new CadreQuery(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }
}
