package org.ganxun.compliance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.util.StringUtils;

/** Checks an edited rule set before it is published. */
final class RuleSetValidator {

    private RuleSetValidator() {
    }

    static List<FieldProblem> validate(String name, LocalDate validFrom, RuleDocument doc) {
        List<FieldProblem> p = new ArrayList<>();
        if (!StringUtils.hasText(name)) {
            p.add(new FieldProblem("name", "请填写规则名称"));
        }
        if (validFrom == null) {
            p.add(new FieldProblem("validFrom", "请填写生效日期"));
        }
        if (doc == null || doc.requirements() == null) {
            p.add(new FieldProblem("requirements", "规则内容为空"));
            return p;
        }
        if (doc.conversions() == null || doc.conversions().hoursPerDay() == null || doc.conversions().hoursPerDay().signum() <= 0) {
            p.add(new FieldProblem("conversions.hoursPerDay", "每天折算学时须大于0"));
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < doc.requirements().size(); i++) {
            Requirement r = doc.requirements().get(i);
            String at = "第" + (i + 1) + "条要求";
            if (!StringUtils.hasText(r.code()) || !codes.add(r.code())) {
                p.add(new FieldProblem("requirements[" + i + "].code", at + "：编码为空或重复"));
            }
            if (!StringUtils.hasText(r.title())) {
                p.add(new FieldProblem("requirements[" + i + "].title", at + "：请填写名称"));
            }
            if (r.kind() == null) {
                p.add(new FieldProblem("requirements[" + i + "].kind", at + "：请选择类型"));
            }
            if ((r.hours() == null || r.hours().signum() <= 0) && (r.days() == null || r.days().signum() <= 0)) {
                p.add(new FieldProblem("requirements[" + i + "].hours", at + "：学时或天数须大于0"));
            }
            if (!StringUtils.hasText(r.source())) {
                p.add(new FieldProblem("requirements[" + i + "].source", at + "：请注明依据（文件名称和条款）"));
            }
            if (r.count() == null) {
                p.add(new FieldProblem("requirements[" + i + "].count", at + "：请设置计入范围"));
            }
            if (r.kind() == RequirementKind.CYCLE && (r.cycleYears() == null || r.cycleYears() < 1)) {
                p.add(new FieldProblem("requirements[" + i + "].cycleYears", at + "：周期年数须为正整数"));
            }
        }
        return p;
    }
}
