package org.ganxun.planning.internal.budget;

import jakarta.validation.Valid;
import org.ganxun.planning.ClassExpenses;
import org.ganxun.planning.EvaluationReport;
import org.ganxun.planning.PlanBudgets;

import static org.ganxun.platform.security.Permission.EXPENSE_MANAGE;
import static org.ganxun.platform.security.Permission.PLAN_MANAGE;
import static org.ganxun.platform.security.Permission.STATS_VIEW;


import java.util.List;

import org.ganxun.platform.security.Requires;
import org.ganxun.platform.web.Downloads;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/planning}: a class's expenses against the training-fee standard, a plan's budget versus spent with the
 * finance office's workbook, the fee standards, and the plan's evaluation report (its words, its figures, the .docx).
 */
@RestController
@RequestMapping("/api/planning")
class BudgetController {


    private final ClassExpenses expenses;
    private final PlanBudgets budgets;
    private final FeeStandards standards;
    private final EvaluationReport report;

    BudgetController(ClassExpenses expenses, PlanBudgets budgets, FeeStandards standards, EvaluationReport report) {
        this.expenses = expenses;
        this.budgets = budgets;
        this.standards = standards;
        this.report = report;
    }

    @GetMapping("/classes/{id}/expenses")
    @Requires({EXPENSE_MANAGE, PLAN_MANAGE, STATS_VIEW})
    ClassExpenses.Sheet sheet(@PathVariable long id) {
        return expenses.sheet(id);
    }

    @PostMapping("/classes/{id}/expenses")
    @Requires(EXPENSE_MANAGE)
    ClassExpenses.Expense add(@PathVariable long id, @Valid @RequestBody ClassExpenses.ExpenseForm form) {
        return expenses.add(id, form);
    }

    @DeleteMapping("/classes/{id}/expenses/{expenseId}")
    @Requires(EXPENSE_MANAGE)
    void delete(@PathVariable long id, @PathVariable long expenseId) {
        expenses.delete(id, expenseId);
    }

    @PutMapping("/classes/{id}/fee-profile")
    @Requires(EXPENSE_MANAGE)
    ClassExpenses.Sheet profile(@PathVariable long id, @RequestBody ClassExpenses.ProfileForm form) {
        return expenses.profile(id, form);
    }

    /** The fee standard governing classes approved by {@code orgId}. */
    @GetMapping("/fee-standard")
    @Requires({EXPENSE_MANAGE, PLAN_MANAGE, STATS_VIEW})
    FeeStandards.View standard(@RequestParam long orgId) {
        return standards.effectiveFor(orgId);
    }

    @PutMapping("/fee-standard/{orgId}")
    @Requires(PLAN_MANAGE)
    FeeStandards.View saveStandard(@PathVariable long orgId, @Valid @RequestBody FeeStandards.Form form) {
        return standards.save(orgId, form);
    }

    @GetMapping("/plans/{id}/budget")
    @Requires({PLAN_MANAGE, STATS_VIEW, EXPENSE_MANAGE})
    PlanBudgets.Budget budget(@PathVariable long id, @RequestParam(required = false) Integer year) {
        return budgets.of(id, year);
    }

    @GetMapping("/plans/{id}/funds")
    @Requires({PLAN_MANAGE, STATS_VIEW, EXPENSE_MANAGE})
    List<PlanBudgets.Fund> funds(@PathVariable long id) {
        return budgets.funds(id);
    }

    @PutMapping("/plans/{id}/funds/{year}")
    @Requires(PLAN_MANAGE)
    List<PlanBudgets.Fund> saveFund(@PathVariable long id, @PathVariable int year, @Valid @RequestBody PlanBudgets.FundForm form) {
        return budgets.saveFund(id, year, form);
    }

    @GetMapping("/plans/{id}/budget.xlsx")
    @Requires({PLAN_MANAGE, STATS_VIEW, EXPENSE_MANAGE})
    ResponseEntity<byte[]> budgetExcel(@PathVariable long id, @RequestParam(required = false) Integer year) {
        PlanBudgets.Workbook w = budgets.export(id, year);
        return Downloads.attachment(w.fileName(), Downloads.XLSX, w.content());
    }

    @GetMapping("/plans/{id}/report")
    @Requires({PLAN_MANAGE, STATS_VIEW})
    EvaluationReport.Report report(@PathVariable long id, @RequestParam int year,
                                   @RequestParam(required = false) EvaluationReport.Kind kind) {
        return report.report(id, year, kind);
    }

    @GetMapping("/plans/{id}/report/texts")
    @Requires({PLAN_MANAGE, STATS_VIEW})
    EvaluationReport.Texts texts(@PathVariable long id, @RequestParam int year) {
        return report.texts(id, year);
    }

    @PutMapping("/plans/{id}/report/texts")
    @Requires(PLAN_MANAGE)
    EvaluationReport.Texts saveTexts(@PathVariable long id, @RequestParam int year, @Valid @RequestBody EvaluationReport.Texts texts) {
        return report.saveTexts(id, year, texts);
    }

    @GetMapping("/plans/{id}/report.docx")
    @Requires({PLAN_MANAGE, STATS_VIEW})
    ResponseEntity<byte[]> reportDocx(@PathVariable long id, @RequestParam int year,
                                      @RequestParam(required = false) EvaluationReport.Kind kind) {
        EvaluationReport.Document d = report.render(id, year, kind);
        return Downloads.attachment(d.fileName(), Downloads.DOCX, d.content());
    }
}
