package org.ganxun.people;

import org.ganxun.platform.web.MaskedPhone;
import tools.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;

/**
 * A cadre as lists and the profile page show it: labels resolved, citizen ID masked. {@code personNo} is the
 * 人员编号 ({@link PersonNo}); the code fields hold standard codes ({@link CodeTables}), their labels beside them;
 * {@code leadershipBasis} says how 是否领导职务 was derived from the post (null: stated by a file or a clerk).
 */
public record CadreView(long id, String name, Gender gender, String genderLabel, String ethnicity, LocalDate birthDate,
                        int age, String citizenIdMasked, Education education, String educationLabel,
                        PoliticalStatus politicalStatus, String politicalStatusLabel, LocalDate joinedPartyOn,
                        long orgId, String orgName, String post, RankLevel rankLevel, String rankLevelLabel,
                        RankGrade rankGrade, String rankGradeLabel, boolean leadership, StaffCategory staffCategory,
                        String staffCategoryLabel, LocalDate enteredWorkOn, @JsonSerialize(using = MaskedPhone.class) String phone, boolean reserveCadre,
                        Long partyOrgId, String partyOrgName, boolean mobileMember, CadreStatus status,
                        String statusLabel, int version, String personNo, String politicalStatusCode,
                        String educationFullTime, String educationFullTimeLabel, String educationInService,
                        String educationInServiceLabel, String rankTitle, String rankTitleLabel, String leadershipBasis) {
}
