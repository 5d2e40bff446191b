package org.ganxun.secondment.internal;

import jakarta.validation.Valid;
import org.ganxun.platform.web.Option;

import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import org.ganxun.platform.security.SignedIn;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.platform.excel.Workbooks;
import java.util.function.Function;

import org.ganxun.audit.AuditLog;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
import org.ganxun.platform.web.Downloads;
import org.ganxun.secondment.CandidateSource;
import org.ganxun.secondment.Direction;
import org.ganxun.secondment.EvaluationKind;
import org.ganxun.secondment.Evaluations;
import org.ganxun.secondment.ExpenseCategory;
import org.ganxun.secondment.Postings;
import org.ganxun.secondment.Programmes;
import org.ganxun.secondment.ReviewConclusion;
import org.ganxun.secondment.SecondmentResults;
import org.ganxun.secondment.Selection;
import org.ganxun.secondment.internal.alert.AlertKind;
import org.ganxun.secondment.internal.alert.SecondmentAlerts;
import org.ganxun.secondment.internal.evaluation.Ballots;
import org.ganxun.secondment.internal.evaluation.EvaluationScoring;
import org.ganxun.secondment.internal.evaluation.Grade;
import org.ganxun.secondment.internal.selection.CandidateStatus;
import org.ganxun.secondment.internal.selection.SelectionScoring;
import org.springframework.format.annotation.DateTimeFormat;
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

/** The secondment API ({@code /api/secondment}); see docs/api.md. Data scope is enforced by the services. */
@RestController
@RequestMapping("/api/secondment")
class SecondmentController {

    private final Programmes programmes;
    private final Selection selection;
    private final Postings postings;
    private final Evaluations evaluations;
    private final SecondmentAlerts alerts;
    private final SecondmentStatistics statistics;
    private final SecondmentResults results;
    private final Roster roster;
    private final AuditLog audit;
    private final Clock clock;

    SecondmentController(Programmes programmes, Selection selection, Postings postings, Evaluations evaluations,
                         SecondmentAlerts alerts, SecondmentStatistics statistics, SecondmentResults results, Roster roster,
                         AuditLog audit, Clock clock) {
        this.clock = clock;
        this.audit = audit;
        this.programmes = programmes;
        this.selection = selection;
        this.postings = postings;
        this.evaluations = evaluations;
        this.alerts = alerts;
        this.statistics = statistics;
        this.results = results;
        this.roster = roster;
    }

    @GetMapping("/dictionaries")
    @SignedIn("code lists for selects, nothing personal")
    Map<String, Object> dictionaries() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("direction", Option.of(Direction.values(), Direction::label));
        m.put("source", Option.of(CandidateSource.values(), CandidateSource::label));
        m.put("candidateStatus", Option.of(CandidateStatus.values(), CandidateStatus::label));
        m.put("expenseCategory", Option.of(ExpenseCategory.values(), ExpenseCategory::label));
        m.put("grade", Option.of(Grade.values(), Grade::label));
        m.put("evaluationKind", Option.of(EvaluationKind.values(), EvaluationKind::label));
        m.put("reviewConclusion", Option.of(ReviewConclusion.values(), ReviewConclusion::label));
        m.put("alertKind", Option.of(AlertKind.values(), AlertKind::label));
        m.put("rankLevel", Option.of(RankLevel.values(), RankLevel::label));
        m.put("tieBreakRule", SelectionScoring.TIE_BREAK_RULE);
        m.put("ballotScoreRule", Ballots.SCORE_RULE);
        m.put("evaluationRankRule", EvaluationScoring.RANK_RULE);
        return m;
    }

    // ---- programmes, posts, budget, forums ----

    @GetMapping("/programmes")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT, SELF_SERVICE})
    List<Programmes.ProgrammeView> programmes(@RequestParam(required = false) Integer year,
                                              @RequestParam(required = false) Direction direction,
                                              @RequestParam(required = false) String name) {
        return programmes.list(year, direction, name);
    }

    @GetMapping("/programmes/{id}")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT, SELF_SERVICE})
    Programmes.ProgrammeView programme(@PathVariable long id) {
        return programmes.get(id);
    }

    @PostMapping("/programmes")
    @Requires(SECONDMENT_ADMIN)
    Programmes.ProgrammeView create(@Valid @RequestBody Programmes.ProgrammeForm form) {
        return programmes.create(form);
    }

    @PutMapping("/programmes/{id}")
    @Requires(SECONDMENT_ADMIN)
    Programmes.ProgrammeView update(@PathVariable long id, @Valid @RequestBody Programmes.ProgrammeForm form) {
        return programmes.update(id, form);
    }

    @PostMapping("/programmes/{id}/posts")
    @Requires(SECONDMENT_ADMIN)
    Programmes.PostView addPost(@PathVariable long id, @Valid @RequestBody Programmes.PostForm form) {
        return programmes.addPost(id, form);
    }

    @PutMapping("/posts/{id}")
    @Requires(SECONDMENT_ADMIN)
    Programmes.PostView updatePost(@PathVariable long id, @Valid @RequestBody Programmes.PostForm form) {
        return programmes.updatePost(id, form);
    }

    @DeleteMapping("/posts/{id}")
    @Requires(SECONDMENT_ADMIN)
    ResponseEntity<Void> deletePost(@PathVariable long id) {
        programmes.deletePost(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/programmes/{id}/budget")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    List<Programmes.BudgetLine> budget(@PathVariable long id) {
        return programmes.budget(id);
    }

    @GetMapping("/programmes/{id}/forums")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT, SELF_SERVICE})
    List<Programmes.Forum> forums(@PathVariable long id) {
        return programmes.forums(id);
    }

    @PostMapping("/programmes/{id}/forums")
    @Requires(SECONDMENT_ADMIN)
    Programmes.Forum addForum(@PathVariable long id, @Valid @RequestBody Programmes.ForumForm form) {
        return programmes.addForum(id, form);
    }

    // ---- selection ----

    @GetMapping("/programmes/{id}/eligible")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    Map<String, Object> eligible(@PathVariable long id, @RequestParam(defaultValue = "true") boolean reserveOnly,
                                 @RequestParam(required = false) String name, @RequestParam(required = false) Long orgId,
                                 @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        // the eligibility rules run on the server over the pool; the browser gets a page of it, not a county's cadres
        List<Selection.EligibleCadre> all = selection.eligible(id, reserveOnly, name, orgId);
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 500);
        int from = (int) Math.min((long) (pg - 1) * sz, all.size());
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("rows", all.subList(from, Math.min(from + sz, all.size())));
        out.put("total", all.size());
        out.put("page", pg);
        out.put("size", sz);
        return out;
    }

    @GetMapping("/programmes/{id}/candidates")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT, SELF_SERVICE})
    List<Selection.Candidate> candidates(@PathVariable long id) {
        return selection.candidates(id);
    }

    @GetMapping("/programmes/{id}/candidates.xlsx")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    ResponseEntity<byte[]> candidatesExcel(@PathVariable long id) {
        Programmes.ProgrammeView pr = programmes.get(id);
        List<Selection.Candidate> candidates = selection.candidates(id);
        audit.recordExport("SecondmentCandidate", id, "挂职人选排名：" + pr.name(), AuditLog.filter("programmeId", id),
                candidates.size());
        return excel(pr.name() + "-人选排名.xlsx", "人选排名",
                List.of("排名", "姓名", "性别", "年龄", "派出单位", "职务", "职级", "产生途径", "推荐人", "笔试", "面试", "推荐", "综合成绩", "状态",
                        "挂职岗位", "不放行理由"),
                candidates, c -> List.of(c.rank() == null ? "" : c.rank(), c.name(), c.genderLabel(), n(c.age()),
                        c.sendingOrgName(), s(c.post()), s(c.rankLabel()), c.sourceLabel(), c.recommendedBy(), n(c.writtenScore()),
                        n(c.interviewScore()), n(c.recommendationScore()), n(c.composite()), c.statusLabel(),
                        c.postTitle() == null ? "" : c.receivingOrgName() + "·" + c.postTitle(), s(c.refusalReason())),
                "排名规则：" + SelectionScoring.TIE_BREAK_RULE);
    }

    @PostMapping("/programmes/{id}/candidates")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT, SELF_SERVICE})
    Selection.Candidate register(@PathVariable long id, @Valid @RequestBody Selection.CandidateForm form) {
        return selection.register(id, form);
    }

    @PutMapping("/candidates/{id}/scores")
    @Requires(SECONDMENT_ADMIN)
    Selection.Candidate score(@PathVariable long id, @RequestBody Selection.ScoreForm form) {
        return selection.score(id, form);
    }

    @PostMapping("/candidates/{id}/approve")
    @Requires(SECONDMENT_ADMIN)
    Selection.Candidate approve(@PathVariable long id, @RequestBody Selection.ApproveForm form) {
        return selection.approve(id, form);
    }

    @PostMapping("/candidates/{id}/reject")
    @Requires(SECONDMENT_ADMIN)
    Selection.Candidate reject(@PathVariable long id, @Valid @RequestBody(required = false) Selection.ReasonForm form) {
        return selection.reject(id, form);
    }

    @PostMapping("/candidates/{id}/refuse")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    Selection.Candidate refuse(@PathVariable long id, @Valid @RequestBody Selection.ReasonForm form) {
        return selection.refuse(id, form);
    }

    @GetMapping("/refusals")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    Selection.RefusalReport refusals(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long programmeId) {
        return selection.refusals(year, programmeId);
    }

    @GetMapping("/refusals.xlsx")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    ResponseEntity<byte[]> refusalsExcel(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long programmeId) {
        List<Selection.Refusal> refusals = selection.refusals(year, programmeId).rows();
        audit.recordExport("SecondmentCandidate", null, "派出单位不放行情况", AuditLog.filter("year", year, "programmeId", programmeId),
                refusals.size());
        return excel("派出单位不放行情况.xlsx", "不放行情况",
                List.of("派出单位", "姓名", "挂职批次", "年度", "方向", "不放行理由", "登记人", "登记时间"),
                refusals, r -> List.of(r.sendingOrgName(), r.cadreName(), r.programmeName(),
                        r.year(), r.directionLabel(), r.reason(), s(r.refusedBy()), MINUTE.format(r.refusedAt())), null);
    }

    // ---- postings ----

    @GetMapping("/postings")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT, SELF_SERVICE})
    Postings.PostingPage postings(@RequestParam(required = false) Long programmeId, @RequestParam(required = false) String name,
                                  @RequestParam(required = false) Boolean includeCancelled, @RequestParam(required = false) String sort,
                                  @RequestParam(defaultValue = "false") boolean ascending,
                                  @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        return postings.page(programmeId, name, includeCancelled, sort, ascending, page, size);
    }

    @GetMapping("/postings/{id}")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT, SELF_SERVICE})
    Postings.Detail posting(@PathVariable long id) {
        return postings.detail(id);
    }

    @GetMapping("/postings/{id}/logs")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT, SELF_SERVICE})
    Postings.LogPage logs(@PathVariable long id, @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        return postings.logs(id, page, size);
    }

    @PostMapping("/postings/{id}/logs")
    @Requires(SELF_SERVICE)
    Postings.LogEntry writeLog(@PathVariable long id, @Valid @RequestBody Postings.LogForm form) {
        return postings.writeLog(id, form);
    }

    @PostMapping("/logs/{id}/comment")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    Postings.LogEntry comment(@PathVariable long id, @Valid @RequestBody Postings.CommentForm form) {
        return postings.comment(id, form);
    }

    @PostMapping("/postings/{id}/rotations")
    @Requires(SECONDMENT_ADMIN)
    Postings.Detail rotate(@PathVariable long id, @Valid @RequestBody Postings.RotationForm form) {
        return postings.rotate(id, form);
    }

    @PostMapping("/postings/{id}/reviews")
    @Requires(SECONDMENT_ADMIN)
    Postings.Review review(@PathVariable long id, @Valid @RequestBody Postings.ReviewForm form) {
        return postings.review(id, form);
    }

    @GetMapping("/postings/{id}/expenses")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    List<Postings.Expense> expenses(@PathVariable long id) {
        return postings.expenses(id);
    }

    @PostMapping("/postings/{id}/expenses")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    Postings.ExpenseResult addExpense(@PathVariable long id, @Valid @RequestBody Postings.ExpenseForm form) {
        return postings.addExpense(id, form);
    }

    // ---- evaluation ----

    @GetMapping("/postings/{id}/evaluations")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT, SELF_SERVICE})
    List<Evaluations.Evaluation> postingEvaluations(@PathVariable long id) {
        return evaluations.ofPosting(id);
    }

    @PostMapping("/postings/{id}/evaluations")
    @Requires(SECONDMENT_ADMIN)
    Evaluations.Evaluation evaluate(@PathVariable long id, @Valid @RequestBody Evaluations.EvaluationForm form) {
        return evaluations.record(id, form);
    }

    @GetMapping("/programmes/{id}/evaluations")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    List<Evaluations.Evaluation> ranking(@PathVariable long id, @RequestParam(required = false) EvaluationKind kind) {
        return evaluations.ranking(id, kind);
    }

    @GetMapping("/programmes/{id}/evaluations.xlsx")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    ResponseEntity<byte[]> rankingExcel(@PathVariable long id) {
        Programmes.ProgrammeView pr = programmes.get(id);
        List<Evaluations.Evaluation> ranking = evaluations.ranking(id, EvaluationKind.FINAL);
        audit.recordExport("SecondmentEvaluation", id, "挂职期满考核排名：" + pr.name(), AuditLog.filter("programmeId", id),
                ranking.size());
        return excel(pr.name() + "-期满考核排名.xlsx", "期满考核",
                List.of("排名", "姓名", "接收单位", "挂职职位", "考核日期", "应写日志", "实写日志", "日志得分", "述职得分", "优秀票", "称职票",
                        "基本称职票", "不称职票", "优秀率", "称职及以上率", "民主测评得分", "个别谈话得分", "调查核实得分", "综合得分", "等次"),
                ranking, e -> List.of(e.rank(), e.cadreName(), e.receivingOrgName(), e.postTitle(),
                        e.evaluatedOn().toString(), e.expectedLogs(), e.writtenLogs(), e.logScore(), e.dutyReportScore(),
                        e.ballotsExcellent(), e.ballotsCompetent(), e.ballotsBasic(), e.ballotsIncompetent(), Workbooks.percent(e.excellentShare()),
                        Workbooks.percent(e.favourableShare()), e.appraisalScore(), e.interviewScore(), e.verificationScore(), e.totalScore(),
                        e.gradeLabel()),
                "排名规则：" + EvaluationScoring.RANK_RULE);
    }

    // ---- alerts ----

    @GetMapping("/alerts")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT, SELF_SERVICE})
    List<SecondmentAlerts.Alert> alerts(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                        @RequestParam(required = false) AlertKind kind,
                                        @RequestParam(required = false) Long programmeId) {
        return alerts.list(asOf == null ? LocalDate.now(clock) : asOf, kind, programmeId);
    }

    @PostMapping("/alerts/notify")
    @Requires(SYSTEM_OPERATE)
    Map<String, Integer> notifyAlerts() {
        return Map.of("sent", alerts.notifyAll(LocalDate.now(clock)));
    }

    // ---- statistics and results ----

    @GetMapping("/statistics")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    SecondmentStatistics.Report statistics(@RequestParam(required = false) Integer fromYear, @RequestParam(required = false) Integer toYear,
                                           @RequestParam(required = false) Direction direction,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return statistics.report(fromYear, toYear, direction, asOf);
    }

    @GetMapping("/statistics.xlsx")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT})
    ResponseEntity<byte[]> statisticsExcel(@RequestParam(required = false) Integer fromYear, @RequestParam(required = false) Integer toYear,
                                           @RequestParam(required = false) Direction direction,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        SecondmentStatistics.Report r = statistics.report(fromYear, toYear, direction, asOf);
        List<SecondmentStatistics.Row> rows = new ArrayList<>(r.rows());
        audit.recordExport("SecondmentStatistics", null, "挂职锻炼统计", AuditLog.filter("fromYear", fromYear, "toYear", toYear,
                "direction", direction, "asOf", r.asOf()), r.rows().size());
        rows.add(r.total());
        return excel("挂职锻炼统计.xlsx", "挂职锻炼统计",
                List.of("年度", "挂职方向", "派出单位", "选派人数", "期满人数", "已考核", "优秀", "称职", "基本称职", "不称职", "期满后两年内提拔"),
                rows, x -> List.of(x.year() == null ? "" : x.year(), x.directionLabel(), s(x.sendingOrgName()), x.sent(), x.completed(),
                        x.evaluated(), x.excellent(), x.competent(), x.basic(), x.incompetent(), x.promotedWithinTwoYears()),
                "统计日期：" + r.asOf());
    }

    @GetMapping("/cadres/{id}/results")
    @Requires({SECONDMENT_ADMIN, SECONDMENT_UNIT, SELF_SERVICE, COMPLIANCE_VIEW})
    List<SecondmentResults.Result> cadreResults(@PathVariable long id) {
        roster.get(id); // the same read rule as the cadre's record
        return results.of(id);
    }

    // ---- helpers ----

    /** Times in exports as clerks write them, on the users' clock (GanxunApplication.useUsersTimeZone), not UTC ISO. */
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private static <T> ResponseEntity<byte[]> excel(String fileName, String sheet, List<String> head, List<T> rows,
                                                    Function<T, List<Object>> toRow, String footnote) {
        return Downloads.attachment(fileName, Downloads.XLSX, Workbooks.tableBytes(sheet, head, rows, toRow, footnote));
    }

    /** A number stays a number in the sheet (sortable, summable), as in the evaluations export; none is a blank cell. */
    private static Object n(Object v) {
        return v == null ? "" : v;
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }
}
