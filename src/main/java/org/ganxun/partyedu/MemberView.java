package org.ganxun.partyedu;

import org.ganxun.platform.web.MaskedPhone;
import tools.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.List;

/**
 * A party member as the API shows them: cadres who are party members and members who are not cadres,
 * in one shape. The citizen ID is only ever the masked form.
 */
public record MemberView(long id, Long cadreId, boolean cadre, String name, String gender, String genderLabel,
                         LocalDate birthDate, String citizenIdMasked, LocalDate joinedPartyOn, boolean probationary,
                         Long partyOrgId, String partyOrgName, @JsonSerialize(using = MaskedPhone.class) String phone, MemberCategory category, String categoryLabel,
                         List<String> groups, boolean mobile, String awayPlace, String awayEmployer, LocalDate awaySince,
                         boolean membershipTransferred, String contactPerson, @JsonSerialize(using = MaskedPhone.class) String contactPersonPhone,
                         LocalDate lastContactOn, ContactVia lastContactVia, String lastContactViaLabel, String note,
                         int version) {
}
