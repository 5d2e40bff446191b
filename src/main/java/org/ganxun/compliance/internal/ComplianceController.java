package org.ganxun.compliance.internal;

import jakarta.validation.Valid;
import org.ganxun.compliance.internal.ruleset.RuleDocument;
import org.ganxun.compliance.internal.ruleset.RuleSet;
import org.ganxun.compliance.internal.ruleset.RuleSetStore;
import org.ganxun.compliance.internal.standing.ComplianceChecks;
import org.ganxun.compliance.internal.standing.StandingRecompute;
import org.ganxun.compliance.internal.standing.StandingReminders;
import org.ganxun.compliance.internal.standing.StandingService;
import org.ganxun.compliance.internal.standing.StandingStatus;
import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import org.ganxun.platform.excel.Workbooks;

import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import org.ganxun.platform.security.SignedIn;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.Downloads;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/compliance")
class ComplianceController {

    private final StandingService standings;
    private final ComplianceChecks checks;
    private final ComplianceDashboard dashboard;
    private final RuleSetStore rules;
    private final StandingRecompute recompute;
    private final ArchiveDocument document;
    private final StandingReminders reminders;
    private final OrganizationTrees trees;
    private final CurrentScope scopes;
    private final AuditLog audit;
    private final Clock clock;

    ComplianceController(StandingService standings, ComplianceChecks checks, ComplianceDashboard dashboard,
                         RuleSetStore rules, StandingRecompute recompute, ArchiveDocument document, StandingReminders reminders,
                         OrganizationTrees trees, CurrentScope scopes, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.audit = audit;
        this.trees = trees;
        this.scopes = scopes;
        this.document = document;
        this.reminders = reminders;
        this.standings = standings;
        this.checks = checks;
        this.dashboard = dashboard;
        this.rules = rules;
        this.recompute = recompute;
    }

    record RuleSetRequest(@InScope(Ref.ORG) Long jurisdictionOrgId, @Size(max = 100, message = "规则名称最多{max}个字") @PlainText(message = "规则名称不能包含网页标记或脚本") String name, LocalDate validFrom, @Valid RuleDocument document, @Size(max = 500, message = "说明最多{max}个字") @PlainText(message = "说明不能包含网页标记或脚本") String note) {
    }

    record RuleSetView(RuleSet ruleSet, String jurisdictionName) {
    }

    @GetMapping("/cadres/{id}/standing")
    @Requires({SELF_SERVICE, COMPLIANCE_VIEW})
    StandingService.PersonStanding standing(@PathVariable long id,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return standings.of(id, asOf == null ? LocalDate.now(clock) : asOf);
    }

    @GetMapping("/cadres/{id}/archive.pdf")
    @Requires({SELF_SERVICE, COMPLIANCE_VIEW})
    ResponseEntity<byte[]> archivePdf(@PathVariable long id) {
        return Downloads.attachment("学习档案.pdf", MediaType.APPLICATION_PDF, document.pdf(id, LocalDate.now(clock)));
    }

    @GetMapping("/cadres/{id}/archive.xlsx")
    @Requires({SELF_SERVICE, COMPLIANCE_VIEW})
    ResponseEntity<byte[]> archiveExcel(@PathVariable long id) {
        return Downloads.attachment("学习档案.xlsx", Downloads.XLSX, document.excel(id, LocalDate.now(clock)));
    }

    @GetMapping("/cadres/{id}/appraisal")
    @Requires(COMPLIANCE_VIEW)
    ComplianceChecks.AppraisalCheck appraisal(@PathVariable long id, @RequestParam(required = false) Integer year) {
        return checks.appraisal(id, year == null ? LocalDate.now(clock).getYear() : year);
    }

    @PostMapping("/cadres/{id}/promotion-check")
    @Requires(COMPLIANCE_VIEW)
    ComplianceChecks.PromotionCheck promotion(@PathVariable long id, @RequestBody ComplianceChecks.PromotionRequest req) {
        return checks.promotion(id, req);
    }

    /** Filters of the dashboard and its export, bound from the query string. */
    record DashboardParams(Long orgId, String code, String status, String name, RankLevel rankLevel, StaffCategory staffCategory,
                           Boolean leadership, BigDecimal minMissing, String sort) {

        ComplianceDashboard.Query query() {
            return new ComplianceDashboard.Query(orgId, code, status, name, rankLevel, staffCategory, leadership, minMissing, sort);
        }
    }

    @GetMapping("/dashboard")
    @Requires(COMPLIANCE_VIEW)
    ComplianceDashboard.Page dashboard(DashboardParams params, @RequestParam(defaultValue = "1") int page,
                                       @RequestParam(defaultValue = "20") int size) {
        return dashboard.page(params.query(), page, size);
    }

    @GetMapping("/dashboard.xlsx")
    @Requires(COMPLIANCE_VIEW)
    ResponseEntity<byte[]> dashboardExcel(DashboardParams params) {
        List<String> head = List.of("姓名", "单位", "职务", "要求", "状态", "要求学时", "已计学时", "尚差学时", "要求天数", "已计天数", "尚差",
                "截止日期", "计算日期");
        List<List<Object>> data = new ArrayList<>();
        List<ComplianceDashboard.Row> rows = dashboard.all(params.query());
        audit.recordExport("ComplianceStanding", null, "学时达标情况", params, rows.size());
        for (ComplianceDashboard.Row r : rows) {
            data.add(List.of(r.name(), r.orgName(), r.post() == null ? "" : r.post(), r.title(), StandingStatus.valueOf(r.status()).label(),
                    r.requiredHours(), r.countedHours(), r.missingHours(), r.requiredDays() == null ? "" : r.requiredDays(),
                    r.countedDays() == null ? "" : r.countedDays(), r.shortfall() == null ? "" : r.shortfall(),
                    r.deadline() == null ? "" : r.deadline().toString(), r.asOf().toString()));
        }
        return Downloads.attachment("学时达标情况.xlsx", Downloads.XLSX, Workbooks.tableBytes("学时达标情况", head, data));
    }

    /**
     * The national rules, the rules of the jurisdictions above the user (they govern the user's people) and
     * those within the user's scope; not those of other counties or townships.
     */
    @GetMapping("/rule-sets")
    @Requires({RULES_MANAGE, COMPLIANCE_VIEW})
    List<RuleSetView> ruleSets() {
        DataScope scope = scopes.current();
        return rules.all().stream()
                .filter(s -> visible(scope, s.jurisdictionPath()))
                .map(s -> new RuleSetView(s.ruleSet(), s.jurisdictionName() == null ? "全国" : s.jurisdictionName())).toList();
    }

    private static boolean visible(DataScope scope, String jurisdictionPath) {
        return jurisdictionPath == null || scope.coversOrgPath(jurisdictionPath)
                || (scope.orgPath() != null && scope.orgPath().startsWith(jurisdictionPath));
    }

    @PostMapping("/rule-sets")
    @Requires(RULES_MANAGE)
    RuleSet saveRuleSet(@Valid @RequestBody RuleSetRequest req) {
        return rules.saveVersion(req.jurisdictionOrgId(), req.name(), req.validFrom(), req.document(), req.note());
    }

    @PostMapping("/reminders")
    @Requires(COMPLIANCE_REMIND)
    java.util.Map<String, Integer> remind(@RequestParam(required = false) Long orgId) {
        return java.util.Map.of("sent", reminders.remindInScope(orgId));
    }

    /** Labels the rule pages and the dashboard need: requirement kinds, standing statuses, source statuses. */
    @GetMapping("/dictionaries")
    @SignedIn("code lists for selects, nothing personal")
    java.util.Map<String, Object> dictionaries() {
        return java.util.Map.of(
                "requirementKind", List.of(
                        java.util.Map.of("value", "YEARLY", "label", "年度学时"),
                        java.util.Map.of("value", "CYCLE", "label", "周期学时（如5年）"),
                        java.util.Map.of("value", "AFTER_PROMOTION", "label", "提任前后培训"),
                        java.util.Map.of("value", "AFTER_ENTRY", "label", "入职后培训")),
                "standingStatus", java.util.Arrays.stream(StandingStatus.values())
                        .map(v -> java.util.Map.of("value", v.name(), "label", v.label())).toList(),
                "sourceStatus", List.of(
                        java.util.Map.of("value", "V", "label", "已核对原文"),
                        java.util.Map.of("value", "S", "label", "见于二手资料"),
                        java.util.Map.of("value", "L", "label", "地方规定")));
    }

    /**
     * The rule set governing people of a unit on a date (its own, the nearest above it, or the national
     * defaults): what a new version for that unit is copied from.
     */
    @GetMapping("/rule-sets/governing")
    @Requires({RULES_MANAGE, COMPLIANCE_VIEW, SELF_SERVICE})
    RuleSetView governing(@RequestParam long orgId,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on) {
        String path = trees.requireVisible(Tree.ADMINISTRATIVE, orgId).path();
        LocalDate d = on == null ? LocalDate.now(clock) : on;
        List<RuleSetStore.Stored> all = rules.all();
        RuleSet r = RuleSetStore.governing(all, path, d)
                .orElseThrow(() -> new org.ganxun.platform.web.BusinessException(404, "没有适用于" + d + "的学时规则", List.of()));
        String name = all.stream().filter(s -> s.ruleSet().id() == r.id()).findFirst().map(RuleSetStore.Stored::jurisdictionName)
                .orElse(null);
        return new RuleSetView(r, name == null ? "全国" : name);
    }

    @PostMapping("/recompute")
    @Requires(SYSTEM_OPERATE)
    StandingRecompute.Result recompute() throws SQLException, IOException {
        return recompute.recomputeAll(LocalDate.now(clock));
    }
}
