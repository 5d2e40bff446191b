package org.ganxun.classroom;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.training.ClassStatus;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Completion rules as data with their source (table completion_rule): the national default for leave
 * (above 1/7 of the class's 学时 → 退学, 《干部教育培训工作条例》第十五条) and the local rule for absence
 * (above 1/10 → no certificate, seed report 002). A class may set its own share; the default stays.
 */
@Service
public class CompletionRules {

    public static final String LEAVE_SHARE = "LEAVE_SHARE";
    public static final String ABSENCE_SHARE = "ABSENCE_SHARE";

    private final JdbcClient jdbc;
    private final Classroom classroom;
    private final AuditLog audit;

    CompletionRules(JdbcClient jdbc, Classroom classroom, AuditLog audit) {
        this.jdbc = jdbc;
        this.classroom = classroom;
        this.audit = audit;
    }

    /** A share rule: exceeded when hours / total is above numerator / denominator (exactly equal is allowed). */
    public record Rule(String code, String title, int numerator, int denominator, CompletionOutcome outcome, String source,
                       boolean classSpecific) {

        /** hours × denominator > total × numerator, in exact decimals. */
        public boolean exceeded(BigDecimal hours, BigDecimal total) {
            return hours.multiply(BigDecimal.valueOf(denominator)).compareTo(total.multiply(BigDecimal.valueOf(numerator))) > 0;
        }

        public String shareText() {
            return numerator + "/" + denominator;
        }
    }

    public record RuleForm(@Size(max = 30, message = "规则代码最多{max}个字") String code, Integer numerator, Integer denominator, @Size(max = 300, message = "依据最多{max}个字") @PlainText(message = "依据不能包含网页标记或脚本") String source) {
    }

    @Transactional(readOnly = true)
    public List<Rule> of(long classId) {
        classroom.requireVisible(classId);
        return effective(classId);
    }

    List<Rule> effective(long classId) {
        Map<String, Rule> out = new LinkedHashMap<>();
        jdbc.sql("""
                select code, title, numerator, denominator, outcome, source, class_id is not null from completion_rule
                where class_id is null or class_id = ? order by class_id nulls first, code""")
                .param(classId)
                .query((rs, i) -> new Rule(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        CompletionOutcome.valueOf(rs.getString(5)), rs.getString(6), rs.getBoolean(7)))
                .list().forEach(r -> out.put(r.code(), r));
        List<Rule> rules = new ArrayList<>(out.values());
        rules.sort((a, b) -> a.code().equals(LEAVE_SHARE) ? -1 : b.code().equals(LEAVE_SHARE) ? 1 : a.code().compareTo(b.code()));
        return rules;
    }

    /** Sets a class's own share for a rule (the title and outcome stay those of the default). */
    @Transactional
    public List<Rule> set(long classId, RuleForm form) {
        TrainingClasses.Row row = classroom.requireManager(classId, true);
        if (row.status() == ClassStatus.COMPLETED) {
            throw BusinessException.conflict("班次已结业，结业规则不能再修改");
        }
        Rule def = effective(classId).stream().filter(r -> r.code().equals(form.code())).findFirst()
                .orElseThrow(() -> BusinessException.notFound("结业规则"));
        if (form.numerator() == null || form.denominator() == null || form.numerator() < 0 || form.denominator() <= 0
                || form.numerator() > form.denominator()) {
            throw new BusinessException("比例须为不大于1的分数，如1/10");
        }
        if (LEAVE_SHARE.equals(form.code()) && form.numerator() * 7 > form.denominator()) {
            throw new BusinessException("请假比例不能宽于《干部教育培训工作条例》第十五条规定的七分之一");
        }
        String source = StringUtils.hasText(form.source()) ? form.source().strip() : def.source();
        List<Rule> before = effective(classId);
        jdbc.sql("""
                insert into completion_rule (class_id, code, title, numerator, denominator, outcome, source, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (class_id, code) where class_id is not null do update set numerator = excluded.numerator,
                    denominator = excluded.denominator, source = excluded.source, updated_by = excluded.updated_by, updated_at = now()""")
                .params(classId, def.code(), def.title(), form.numerator(), form.denominator(), def.outcome().name(), source,
                        CurrentUsers.require().username())
                .update();
        List<Rule> after = effective(classId);
        audit.record("SET_COMPLETION_RULE", "TrainingClass", classId, "结业规则：" + row.name() + "，" + def.title() + " → "
                + form.numerator() + "/" + form.denominator() + "（依据：" + source + "）", before, after);
        return after;
    }
}
