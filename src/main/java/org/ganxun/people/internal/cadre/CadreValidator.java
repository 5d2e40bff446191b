package org.ganxun.people.internal.cadre;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.Validator;
import jakarta.validation.Validation;
import jakarta.validation.ConstraintViolation;
import org.ganxun.people.CitizenId;
import org.ganxun.platform.web.BusinessException.FieldProblem;

/**
 * Checks a {@link CadreForm}. Problems name the field by its property (as every API error does), and their
 * messages by its Chinese title, so the same messages serve the edit dialog and the import error report (which
 * finds the column by the property: {@code RosterColumn.ofProperty}). Organisation scope is checked by the caller.
 */
public final class CadreValidator {

    /** The form's own constraints (CadreForm's annotations), for the rows of an import as for the API's bodies. */
    private static final Validator CONSTRAINTS = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Pattern PHONE = Pattern.compile("^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?)$");
    private static final Pattern NAME = Pattern.compile("^[\\p{IsHan}·•A-Za-z ]{2,30}$");

    private CadreValidator() {
    }

    /** Problems found, as of the users' day {@code today}; the parsed citizen ID is returned through {@code out[0]} when valid. */
    public static List<FieldProblem> validate(CadreForm f, CitizenId[] out, LocalDate today) {
        List<FieldProblem> p = new ArrayList<>();
        if (f.name() == null || f.name().isBlank()) {
            p.add(new FieldProblem("name", "姓名不能为空"));
        } else if (!NAME.matcher(f.name().strip()).matches()) {
            p.add(new FieldProblem("name", "姓名“" + f.name() + "”含有不应出现的字符或长度不对"));
        }
        CitizenId.Result id = CitizenId.parse(f.citizenId(), today);
        if (!id.ok()) {
            p.add(new FieldProblem("citizenId", id.error()));
        } else {
            CitizenId cid = id.id().get();
            out[0] = cid;
            if (f.gender() != null && f.gender() != cid.gender()) {
                p.add(new FieldProblem("gender", "性别“" + f.gender().label() + "”与公民身份号码（" + cid.gender().label() + "）不一致"));
            }
            if (f.birthDate() != null && !sameBirth(f.birthDate(), cid.birthDate())) {
                p.add(new FieldProblem("birthDate", "出生日期" + f.birthDate() + "与公民身份号码（" + cid.birthDate() + "）不一致"));
            }
        }
        if (f.orgId() == null) {
            p.add(new FieldProblem("orgId", "单位不能为空"));
        }
        if (f.staffCategory() == null) {
            p.add(new FieldProblem("staffCategory", "人员类别不能为空"));
        }
        if (f.politicalStatus() == null) {
            p.add(new FieldProblem("politicalStatus", "政治面貌不能为空"));
        }
        LocalDate birth = out[0] != null ? out[0].birthDate() : f.birthDate();
        if (f.joinedPartyOn() != null) {
            if (f.joinedPartyOn().isAfter(today)) {
                p.add(new FieldProblem("joinedPartyOn", "入党时间不能晚于今天"));
            } else if (birth != null && f.joinedPartyOn().isBefore(birth.plusYears(18))) {
                p.add(new FieldProblem("joinedPartyOn", "入党时间早于年满18周岁"));
            }
            if (f.politicalStatus() != null && !f.politicalStatus().partyMember()) {
                p.add(new FieldProblem("joinedPartyOn", "政治面貌为“" + f.politicalStatus().label() + "”却填写了入党时间"));
            }
        }
        if (f.enteredWorkOn() != null) {
            if (f.enteredWorkOn().isAfter(today)) {
                p.add(new FieldProblem("enteredWorkOn", "参加工作时间不能晚于今天"));
            } else if (birth != null && f.enteredWorkOn().isBefore(birth.plusYears(14))) {
                p.add(new FieldProblem("enteredWorkOn", "参加工作时间早于年满14周岁"));
            }
        }
        String phone = PhoneNumber.normalize(f.phone());
        if (phone != null && !PHONE.matcher(phone).matches()) {
            p.add(new FieldProblem("phone", "联系电话“" + f.phone() + "”格式不正确（手机11位或固话区号-号码）"));
        }
        if (f.rankGrade() != null && f.rankLevel() == null) {
            p.add(new FieldProblem("rankLevel", "填写了正副职却没有职级层次"));
        }
        if (Boolean.TRUE.equals(f.mobileMember()) && (f.politicalStatus() == null || !f.politicalStatus().partyMember())) {
            p.add(new FieldProblem("mobileMember", "非党员不能标记为流动党员"));
        }
        for (ConstraintViolation<CadreForm> v : CONSTRAINTS.validate(f)) { // the post's length and text, …
            String field = v.getPropertyPath().toString();
            // a field the checks above found wrong already (a name too long for its pattern) is named once
            if (p.stream().noneMatch(q -> q.field().equals(field))) {
                p.add(new FieldProblem(field, v.getMessage()));
            }
        }
        return p;
    }

    /** A date written as year and month only (1975.03) is stored as the 1st; it agrees with any day of that month. */
    private static boolean sameBirth(LocalDate given, LocalDate fromId) {
        if (given.equals(fromId)) {
            return true;
        }
        return given.getDayOfMonth() == 1 && given.getYear() == fromId.getYear() && given.getMonth() == fromId.getMonth();
    }
}
