package org.ganxun.compliance.internal.ruleset;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.ganxun.archive.CreditSource;
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
        if (doc.conversions() != null && doc.conversions().onlineBands() != null) {
            for (int i = 0; i < doc.conversions().onlineBands().size(); i++) {
                RuleSet.OnlineBand b = doc.conversions().onlineBands().get(i);
                if (b == null || b.minMinutes() < 0 || b.hours() == null || b.hours().signum() < 0) {
                    p.add(new FieldProblem("conversions.onlineBands[" + i + "]", "网络课程折算第" + (i + 1) + "档：起点分钟数和学时不能为空或负数"));
                }
            }
        }
        // a cap without a source, or without a number, cannot be applied: every standing under this rule set would fail
        if (doc.caps() != null) {
            Set<CreditSource> capped = EnumSet.noneOf(CreditSource.class);
            for (int i = 0; i < doc.caps().size(); i++) {
                RuleSet.SourceCap c = doc.caps().get(i);
                String at = "第" + (i + 1) + "项单项上限";
                if (c == null || c.source() == null) {
                    p.add(new FieldProblem("caps[" + i + "].source", at + "：请选择学时来源"));
                } else if (!capped.add(c.source())) {
                    p.add(new FieldProblem("caps[" + i + "].source", at + "：“" + c.source().label() + "”已设置过上限"));
                }
                if (c != null && (c.maxHoursPerYear() == null || c.maxHoursPerYear().signum() < 0)) {
                    p.add(new FieldProblem("caps[" + i + "].maxHoursPerYear", at + "：请填写每年最多计入的学时（不小于0）"));
                }
            }
        }
        if (doc.carryOver() != null && doc.carryOver().maxHours() != null && doc.carryOver().maxHours().signum() < 0) {
            p.add(new FieldProblem("carryOver.maxHours", "结转上限不能为负数"));
        }
        RuleSet.AssessmentUse use = doc.assessmentUse();
        if (use != null && (use.barsExcellent() || use.barsPromotionThatYear())) {
            // every refusal it causes cites this text: a rule without a source cannot say why
            if (!StringUtils.hasText(use.sourceText())) {
                p.add(new FieldProblem("assessmentUse.sourceText", "请填写考核结果运用的依据（文件名称和条款）"));
            } else if (use.sourceText().length() > 300) {
                p.add(new FieldProblem("assessmentUse.sourceText", "考核结果运用的依据不能超过300个字"));
            }
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
            } else if ((r.hours() != null && r.hours().signum() < 0) || (r.days() != null && r.days().signum() < 0)) {
                p.add(new FieldProblem("requirements[" + i + "].days", at + "：学时和天数不能为负数"));
            }
            if (!StringUtils.hasText(r.source())) {
                p.add(new FieldProblem("requirements[" + i + "].source", at + "：请注明依据（文件名称和条款）"));
            }
            if (r.count() == null) {
                p.add(new FieldProblem("requirements[" + i + "].count", at + "：请设置计入范围"));
            } else if (r.count().sources() == null || r.count().sources().isEmpty()) {
                // what counts toward what is written out (issue 15 item 4): e.g. whether party study counts
                p.add(new FieldProblem("requirements[" + i + "].count.sources", at + "：请选择计入本要求的学时来源"
                        + "（如党员学习是否计入）"));
            }
            if (r.kind() == RequirementKind.CYCLE && (r.cycleYears() == null || r.cycleYears() < 1)) {
                p.add(new FieldProblem("requirements[" + i + "].cycleYears", at + "：周期年数须为正整数"));
            }
        }
        return p;
    }
}
