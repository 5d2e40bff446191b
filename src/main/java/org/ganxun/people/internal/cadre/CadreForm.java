package org.ganxun.people.internal.cadre;

import java.time.LocalDate;

import jakarta.validation.constraints.Size;
import org.ganxun.people.CadreStatus;
import org.ganxun.people.CodeTables;
import org.ganxun.people.Education;
import org.ganxun.people.Gender;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.web.PlainText;

/**
 * A cadre as entered by a clerk or read from a roster row. Gender and birth date may be left empty: they
 * then come from the citizen ID; if given, they must agree with it.
 * {@code changedOn} dates a change of unit, post or rank in the post history (default: today).
 * {@code version} is the cadre's version the editor started from: an update of a cadre someone else has
 * saved since is refused (409) instead of silently overwriting their change; null skips the check (imports).
 *
 * <p>The code-table fields ({@link CodeTables}): {@code politicalStatusCode} the GB/T 4762 code (which of the eight
 * democratic parties; when given, {@code politicalStatus} follows from it), {@code educationFullTime} and
 * {@code educationInService} GB/T 4658 codes (the 全日制/在职 lines of the 干部任免审批表), {@code rankTitle} the grade
 * beside the post (一级主任科员, 八级职员 …). {@code leadership} null means "not stated": it is derived from the post
 * ({@link Leadership}); {@code leadershipBasis} is the derivation the editor was shown (kept while it still holds).
 *
 * <p>The limits of the free-text fields are the record's constraints (Bean Validation): the API applies them to the
 * request body ({@code @Valid}), {@link CadreValidator} to every form, imported rows included.
 */
public record CadreForm(@Size(max = 30, message = "姓名最多{max}个字") String name, Gender gender,
                        @Size(max = 20, message = "民族最多{max}个字") String ethnicity,
                        LocalDate birthDate,
                        @Size(max = 40, message = "公民身份号码应为18位") String citizenId,
                        Education education, PoliticalStatus politicalStatus, LocalDate joinedPartyOn, @InScope(Ref.ORG) Long orgId,
                        @Size(max = 100, message = "职务不能超过{max}个字") @PlainText(message = "职务不能包含网页标记或脚本") String post,
                        RankLevel rankLevel, RankGrade rankGrade, Boolean leadership,
                        StaffCategory staffCategory, LocalDate enteredWorkOn,
                        @Size(max = 30, message = "联系电话最多{max}个字") String phone, Boolean reserveCadre,
                        @InScope(Ref.PARTY_ORG) Long partyOrgId, Boolean mobileMember, CadreStatus status, LocalDate changedOn,
                        Integer version,
                        @Size(max = 10, message = "政治面貌代码最多{max}位") String politicalStatusCode,
                        @Size(max = 10, message = "全日制学历代码最多{max}位") String educationFullTime,
                        @Size(max = 10, message = "在职学历代码最多{max}位") String educationInService,
                        @Size(max = 10, message = "职级代码最多{max}位") String rankTitle,
                        @Size(max = 120, message = "领导职务依据不能超过{max}个字") @PlainText(message = "领导职务依据不能包含网页标记或脚本") String leadershipBasis) {

    /** A form without the code-table fields. */
    public CadreForm(String name, Gender gender, String ethnicity, LocalDate birthDate, String citizenId,
                     Education education, PoliticalStatus politicalStatus, LocalDate joinedPartyOn, Long orgId,
                     String post, RankLevel rankLevel, RankGrade rankGrade, Boolean leadership,
                     StaffCategory staffCategory, LocalDate enteredWorkOn, String phone, Boolean reserveCadre,
                     Long partyOrgId, Boolean mobileMember, CadreStatus status, LocalDate changedOn, Integer version) {
        this(name, gender, ethnicity, birthDate, citizenId, education, politicalStatus, joinedPartyOn, orgId, post,
                rankLevel, rankGrade, leadership, staffCategory, enteredWorkOn, phone, reserveCadre, partyOrgId,
                mobileMember, status, changedOn, version, null, null, null, null, null);
    }

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

    /** This form with 是否领导职务 decided. */
    public CadreForm with(boolean leading, String basis) {
        return new CadreForm(name, gender, ethnicity, birthDate, citizenId, education, politicalStatus, joinedPartyOn, orgId,
                post, rankLevel, rankGrade, leading, staffCategory, enteredWorkOn, phone, reserveCadre, partyOrgId,
                mobileMember, status, changedOn, version, politicalStatusCode, educationFullTime, educationInService,
                rankTitle, basis);
    }

    public CadreForm withPhone(String phone) {
        return new CadreForm(name, gender, ethnicity, birthDate, citizenId, education, politicalStatus, joinedPartyOn, orgId,
                post, rankLevel, rankGrade, leadership, staffCategory, enteredWorkOn, phone, reserveCadre, partyOrgId,
                mobileMember, status, changedOn, version, politicalStatusCode, educationFullTime, educationInService,
                rankTitle, leadershipBasis);
    }

    public CadreForm withCitizenId(String citizenId) {
        return new CadreForm(name, gender, ethnicity, birthDate, citizenId, education, politicalStatus, joinedPartyOn, orgId,
                post, rankLevel, rankGrade, leadership, staffCategory, enteredWorkOn, phone, reserveCadre, partyOrgId,
                mobileMember, status, changedOn, version, politicalStatusCode, educationFullTime, educationInService,
                rankTitle, leadershipBasis);
    }

    /** This form with the code-table values checked and resolved ({@link CodeValues#resolve}). */
    public CadreForm withCodes(String ethnicity, PoliticalStatus politicalStatus, String politicalStatusCode,
                               Education education, String educationFullTime, String educationInService, RankLevel rankLevel,
                               RankGrade rankGrade, String rankTitle) {
        return new CadreForm(name, gender, ethnicity, birthDate, citizenId, education, politicalStatus, joinedPartyOn, orgId,
                post, rankLevel, rankGrade, leadership, staffCategory, enteredWorkOn, phone, reserveCadre, partyOrgId,
                mobileMember, status, changedOn, version, politicalStatusCode, educationFullTime, educationInService,
                rankTitle, leadershipBasis);
    }
}
