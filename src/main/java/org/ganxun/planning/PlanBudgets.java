package org.ganxun.planning;

import org.ganxun.planning.internal.budget.FeeCaps;
import org.ganxun.planning.internal.budget.FeeStandards;
import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.idev.excel.ExcelWriter;
import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.platform.excel.Workbooks;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.training.TrainingClassView;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Budget versus spent for a plan: the classes approved in the plan's jurisdiction in a year of the plan (or all its
 * years so far), each with its planned budget (the class's 预算), what was spent by category, per head and per 学时, and
 * its over-cap warnings; totals per provider (the training institution, else the filing unit) and for the plan; and the
 * same as a workbook for the finance office. The reader sees the classes their scope files or approves, as for a
 * class's own spending ({@link ClassExpenses}).
 */
@Service
public class PlanBudgets {

    private final JdbcClient jdbc;
    private final TrainingPlans plans;
    private final TrainingClasses classes;
    private final ClassExpenses expenses;
    private final DataScopes scopes;
    private final AuditLog audit;
    private final Clock clock;

    PlanBudgets(JdbcClient jdbc, TrainingPlans plans, TrainingClasses classes, ClassExpenses expenses, DataScopes scopes, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.plans = plans;
        this.classes = classes;
        this.expenses = expenses;
        this.scopes = scopes;
        this.audit = audit;
    }

    public record ClassLine(long classId, String className, String providerName, int year, String statusLabel, int trainees,
                            BigDecimal classHours, BigDecimal budget, BigDecimal spent, BigDecimal balance, BigDecimal perCapita,
                            BigDecimal perHour, Map<ExpenseCategory, BigDecimal> byCategory, int warningCount, List<String> warnings) {
    }

    public record ProviderLine(String providerName, int classes, int trainees, BigDecimal budget, BigDecimal spent, BigDecimal balance,
                               BigDecimal perCapita, int warningCount) {
    }

    public record Budget(long planId, String planTitle, Integer year, int fromYear, int toYear, int classes, int trainees,
                         BigDecimal classHours, BigDecimal budget, BigDecimal spent, BigDecimal balance, BigDecimal perCapita,
                         BigDecimal perHour, Map<ExpenseCategory, BigDecimal> byCategory, int warningCount, List<ProviderLine> providers,
                         List<ClassLine> rows, BigDecimal fund, BigDecimal fundBalance, BigDecimal fundUsedPercent, List<Fund> funds) {
    }

    /** A year's special fund (专项资金) of the plan. */
    public record Fund(int year, BigDecimal amount, String note, String updatedBy) {
    }

    public record FundForm(BigDecimal amount, @Size(max = 500, message = "备注最多{max}个字") @PlainText(message = "备注不能包含网页标记或脚本") String note) {
    }

    /** The plan's special funds by year (readers of the plan). */
    @Transactional(readOnly = true)
    public List<Fund> funds(long planId) {
        plans.get(planId);
        return fundsOf(planId, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private List<Fund> fundsOf(long planId, int from, int to) {
        return jdbc.sql("select year, amount, note, updated_by from plan_fund where plan_id = ? and year between ? and ? order by year")
                .params(planId, from, to).query((rs, i) -> new Fund(rs.getInt(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4))).list();
    }

    /**
     * Sets a year's special fund (an organisation department covering the plan's jurisdiction); an empty amount removes it.
     * Hostile input: a negative amount, above 100,000,000 元 or with more than two decimals, markup in the note → 400.
     */
    @Transactional
    public List<Fund> saveFund(long planId, int year, FundForm f) {
        TrainingPlans.PlanView plan = plans.get(planId);
        if (!org.ganxun.platform.security.CurrentUsers.require().can(org.ganxun.platform.security.Permission.PLAN_MANAGE)
                || !scopes.current().coversOrgPath(plan.jurisdictionPath())) {
            throw new BusinessException(403, "只能由规划所属单位的组织部门安排专项资金", List.of());
        }
        if (year < plan.startYear() || year > plan.endYear()) {
            throw new BusinessException("年度应在规划期" + plan.startYear() + "年至" + plan.endYear() + "年之内",
                    List.of(new BusinessException.FieldProblem("year", "年度应在规划期之内")));
        }
        List<BusinessException.FieldProblem> problems = new ArrayList<>();
        BigDecimal amount = f == null ? null : f.amount();
        org.ganxun.platform.web.Bounds.money(problems, "amount", "专项资金", amount);
        if (amount != null && amount.stripTrailingZeros().scale() > 2) {
            problems.add(new BusinessException.FieldProblem("amount", "专项资金最多两位小数（到分）"));
        }
        String note = FeeStandards.clean(problems, "note", "说明", f == null ? null : f.note(), 500);
        org.ganxun.platform.web.Bounds.check(problems);
        List<Fund> before = fundsOf(planId, year, year);
        if (amount == null) {
            jdbc.sql("delete from plan_fund where plan_id = ? and year = ?").params(planId, year).update();
        } else {
            jdbc.sql("""
                    insert into plan_fund (plan_id, year, amount, note, updated_by) values (?, ?, ?, ?, ?)
                    on conflict (plan_id, year) do update set amount = excluded.amount, note = excluded.note,
                      updated_by = excluded.updated_by, updated_at = now()""")
                    .params(planId, year, amount, note, org.ganxun.platform.security.CurrentUsers.require().username()).update();
        }
        List<Fund> after = fundsOf(planId, year, year);
        audit.record(before.isEmpty() ? "CREATE" : amount == null ? "DELETE" : "UPDATE", "PlanFund", planId + ":" + year,
                "培训专项资金：" + plan.title() + "（" + year + "年）" + (amount == null ? "取消" : amount.toPlainString() + "元"), before, after);
        return fundsOf(planId, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** The plan's budget for {@code year}, or for every year of the plan up to this one when null. */
    @Transactional(readOnly = true)
    public Budget of(long planId, Integer year) {
        TrainingPlans.PlanView plan = plans.get(planId);
        int thisYear = Year.now(clock).getValue();
        int from = year != null ? year : plan.startYear();
        int to = year != null ? year : Math.min(plan.endYear(), Math.max(plan.startYear(), thisYear));
        return between(plan, year, from, to);
    }

    /** The plan's budget over the years {@code from} to {@code to}. */
    Budget between(TrainingPlans.PlanView plan, Integer year, int from, int to) {
        if (from < plan.startYear() || to > plan.endYear() || from > to) {
            throw new BusinessException("年度应在规划期" + plan.startYear() + "年至" + plan.endYear() + "年之内");
        }
        List<ClassExpenses.Sheet> sheets = new ArrayList<>();
        Map<Long, String> status = new HashMap<>();
        for (long id : classIds(plan.jurisdictionPath(), from, to)) {
            TrainingClassView c = classes.get(id);
            status.put(id, c.statusLabel());
            sheets.add(expenses.sheet(expenses.facts(c), expenses.expenses(id), false));
        }
        Map<ExpenseCategory, BigDecimal> cats = FeeCaps.emptyTotals();
        List<ClassLine> rows = new ArrayList<>();
        Map<String, List<ClassExpenses.Sheet>> byProvider = new LinkedHashMap<>();
        BigDecimal budget = BigDecimal.ZERO, spent = BigDecimal.ZERO, hours = BigDecimal.ZERO;
        int trainees = 0, warnings = 0;
        for (ClassExpenses.Sheet s : sheets) {
            Map<ExpenseCategory, BigDecimal> m = FeeCaps.emptyTotals();
            s.byCategory().forEach(t -> m.put(t.category(), t.amount()));
            m.forEach((k, v) -> cats.merge(k, v, BigDecimal::add));
            rows.add(new ClassLine(s.classId(), s.className(), provider(s), s.year(), status.get(s.classId()), s.trainees(), s.classHours(), s.budget(),
                    s.spent(), s.balance(), s.perCapita(), s.perHour(), m, s.warnings().size(),
                    s.warnings().stream().map(FeeCaps.Warning::message).toList()));
            byProvider.computeIfAbsent(provider(s), k -> new ArrayList<>()).add(s);
            budget = budget.add(nz(s.budget()));
            spent = spent.add(s.spent());
            hours = hours.add(nz(s.classHours()));
            trainees += s.trainees();
            warnings += s.warnings().size();
        }
        List<ProviderLine> providers = new ArrayList<>();
        byProvider.forEach((name, list) -> {
            BigDecimal b = list.stream().map(x -> nz(x.budget())).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal sp = list.stream().map(ClassExpenses.Sheet::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
            int t = list.stream().mapToInt(ClassExpenses.Sheet::trainees).sum();
            providers.add(new ProviderLine(name, list.size(), t, b, sp, b.subtract(sp), FeeCaps.per(sp, BigDecimal.valueOf(t)),
                    list.stream().mapToInt(x -> x.warnings().size()).sum()));
        });
        // the special fund of the period against everything its approved classes spent (a year without a fund counts nothing)
        List<Fund> funds = fundsOf(plan.id(), from, to);
        BigDecimal fund = funds.isEmpty() ? null : funds.stream().map(Fund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal used = fund == null || fund.signum() == 0 ? null
                : spent.multiply(BigDecimal.valueOf(100)).divide(fund, 1, java.math.RoundingMode.HALF_UP);
        return new Budget(plan.id(), plan.title(), year, from, to, rows.size(), trainees, hours, budget, spent, budget.subtract(spent),
                FeeCaps.per(spent, BigDecimal.valueOf(trainees)), FeeCaps.per(spent, hours), cats, warnings, providers, rows,
                fund, fund == null ? null : fund.subtract(spent), used, funds);
    }

    private static String provider(ClassExpenses.Sheet s) {
        return s.providerName() != null ? s.providerName() : s.filerOrgName();
    }

    static BigDecimal nz(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }

    /** The plan's classes in the years asked that the reader's scope files or approves (not drafts, not cancelled). */
    List<Long> classIds(String jurisdictionPath, int from, int to) {
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>(scope.sqlParameters());
        params.put("jp", jurisdictionPath + "%");
        params.put("from", from);
        params.put("to", to);
        String visible = scope.all() ? scope.decidedHere() + "true"
                : DataScope.moduleCondition("(fo.path like :scopeOrgPath or jo.path like :scopeOrgPath)");
        return jdbc.sql("""
                select tc.id from class_card tc
                  join org_unit jo on jo.id = tc.jurisdiction_org_id join org_unit fo on fo.id = tc.filer_org_id
                 where jo.path like :jp and tc.plan_year between :from and :to
                   and tc.status in ('APPROVED','IN_PROGRESS','COMPLETED') and\s""" + visible + " order by tc.starts_on, tc.id")
                .params(params).query(Long.class).list();
    }

    public record Workbook(String fileName, byte[] content) {
    }

    /** The finance office's workbook: per class, per provider, and every expense line. Audited as an export. */
    @Transactional
    public Workbook export(long planId, Integer year) {
        Budget b = of(planId, year);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> catTitles = new ArrayList<>();
        for (ExpenseCategory c : ExpenseCategory.values()) {
            catTitles.add(c.label() + "（元）");
        }
        int lines = 0;
        try (ExcelWriter w = Workbooks.open(out)) {
            List<String> head = new ArrayList<>(List.of("年度", "班次", "培训机构（办班单位）", "状态", "参训人数", "学时", "预算（元）", "实际支出（元）", "结余（元）"));
            head.addAll(catTitles);
            head.addAll(List.of("人均（元）", "每学时（元）", "超标提示"));
            List<List<Object>> rows = new ArrayList<>();
            for (ClassLine l : b.rows()) {
                List<Object> r = new ArrayList<>(List.of(l.year(), l.className(), l.providerName(), l.statusLabel(), l.trainees(), n(l.classHours()),
                        n(l.budget()), l.spent(), n(l.balance())));
                for (ExpenseCategory c : ExpenseCategory.values()) {
                    r.add(l.byCategory().get(c));
                }
                r.addAll(List.of(n(l.perCapita()), n(l.perHour()), String.join("；", l.warnings())));
                rows.add(r);
            }
            List<Object> total = new ArrayList<>(List.of("合计", b.classes() + "个班次", "", "", b.trainees(), b.classHours(), b.budget(), b.spent(), b.balance()));
            for (ExpenseCategory c : ExpenseCategory.values()) {
                total.add(b.byCategory().get(c));
            }
            total.addAll(List.of(n(b.perCapita()), n(b.perHour()), b.warningCount() == 0 ? "" : b.warningCount() + "项超标提示"));
            rows.add(total);
            w.write(rows, Workbooks.sheet(0, "班次经费", head));
            List<List<Object>> prov = new ArrayList<>();
            for (ProviderLine p : b.providers()) {
                prov.add(List.of(p.providerName(), p.classes(), p.trainees(), p.budget(), p.spent(), p.balance(), n(p.perCapita()), p.warningCount()));
            }
            w.write(prov, Workbooks.sheet(1, "按培训机构", List.of("培训机构（办班单位）", "班次数", "参训人数", "预算（元）", "实际支出（元）", "结余（元）", "人均（元）", "超标提示")));
            List<List<Object>> detail = new ArrayList<>();
            for (ClassLine l : b.rows()) {
                for (ClassExpenses.Expense e : expenses.expenses(l.classId())) {
                    detail.add(List.of(l.className(), e.spentOn().toString(), e.categoryLabel(), e.amount(), s(e.lecturerName()),
                            e.lecturerTitleLabel() == null ? "" : e.lecturerTitleLabel(), n(e.hours()), n(e.perHour()), s(e.note())));
                    lines++;
                }
            }
            w.write(detail, Workbooks.sheet(2, "支出明细", List.of("班次", "支出日期", "类别", "金额（元）", "授课教师", "职称", "学时", "每学时（元）", "备注")));
        }
        String title = b.planTitle() + (year == null ? "" : year + "年度") + "培训经费支出";
        audit.recordExport("ClassExpense", planId, title, AuditLog.filter("planId", planId, "year", year), lines);
        return new Workbook(title + ".xlsx", out.toByteArray());
    }

    private static Object n(Object v) {
        return v == null ? "" : v;
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }
}
