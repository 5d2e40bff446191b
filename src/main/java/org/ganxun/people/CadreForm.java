package org.ganxun.people;

import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import java.time.LocalDate;

/**
 * A cadre as entered by a clerk or read from a roster row. Gender and birth date may be left empty: they
 * then come from the citizen ID; if given, they must agree with it.
 * {@code changedOn} dates a change of unit, post or rank in the post history (default: today).
 * {@code version} is the cadre's version the editor started from: an update of a cadre someone else has
 * saved since is refused (409) instead of silently overwriting their change; null skips the check (imports).
 */
public record CadreForm(String name, Gender gender, String ethnicity, LocalDate birthDate, String citizenId,
                        Education education, PoliticalStatus politicalStatus, LocalDate joinedPartyOn, @InScope(Ref.ORG) Long orgId,
                        String post, RankLevel rankLevel, RankGrade rankGrade, Boolean leadership,
                        StaffCategory staffCategory, LocalDate enteredWorkOn, String phone, Boolean reserveCadre,
                        @InScope(Ref.PARTY_ORG) Long partyOrgId, Boolean mobileMember, CadreStatus status, LocalDate changedOn,
                        Integer version) {

    /** A form without a version: nothing to compare (imports, new cadres). */
    public CadreForm(String name, Gender gender, String ethnicity, LocalDate birthDate, String citizenId,
                     Education education, PoliticalStatus politicalStatus, LocalDate joinedPartyOn, Long orgId,
                     String post, RankLevel rankLevel, RankGrade rankGrade, Boolean leadership,
                     StaffCategory staffCategory, LocalDate enteredWorkOn, String phone, Boolean reserveCadre,
                     Long partyOrgId, Boolean mobileMember, CadreStatus status, LocalDate changedOn) {
        this(name, gender, ethnicity, birthDate, citizenId, education, politicalStatus, joinedPartyOn, orgId, post,
                rankLevel, rankGrade, leadership, staffCategory, enteredWorkOn, phone, reserveCadre, partyOrgId,
                mobileMember, status, changedOn, null);
    }
}
