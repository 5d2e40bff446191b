package org.ganxun.exam;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import static org.ganxun.platform.security.Permission.EXAM_MANAGE;
import static org.ganxun.platform.security.Permission.SELF_SERVICE;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.security.Requires;
import org.ganxun.platform.web.Downloads;
import org.ganxun.platform.excel.Workbooks;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 题库与考试: the bank, exams and their results for managers (EXAM_MANAGE); taking exams for cadres (SELF_SERVICE). */
@RestController
@RequestMapping("/api/exams")
class ExamController {

    private final QuestionBank bank;
    private final Exams exams;
    private final Attempts attempts;
    private final ExamResults results;
    private final AuditLog audit;

    ExamController(QuestionBank bank, Exams exams, Attempts attempts, ExamResults results, AuditLog audit) {
        this.bank = bank;
        this.exams = exams;
        this.attempts = attempts;
        this.results = results;
        this.audit = audit;
    }

    record Option(String value, String label) {
    }

    @GetMapping("/kinds")
    @Requires(EXAM_MANAGE)
    Map<String, List<Option>> kinds() {
        return Map.of("kinds", Arrays.stream(QuestionKind.values()).map(k -> new Option(k.name(), k.label())).toList(),
                "purposes", Arrays.stream(ExamPurpose.values()).map(k -> new Option(k.name(), k.label())).toList());
    }

    // ---- the bank ----

    @GetMapping("/questions")
    @Requires(EXAM_MANAGE)
    QuestionBank.Page questions(@RequestParam(required = false) String category, @RequestParam(required = false) QuestionKind kind,
                                @RequestParam(required = false) Integer difficulty, @RequestParam(required = false) String q,
                                @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        return bank.page(category, kind, difficulty, q, page, size);
    }

    @GetMapping("/questions/categories")
    @Requires(EXAM_MANAGE)
    List<QuestionBank.CategoryCount> categories() {
        return bank.categories();
    }

    @PostMapping("/questions")
    @Requires(EXAM_MANAGE)
    QuestionBank.Question createQuestion(@Valid @RequestBody QuestionForm form) {
        return bank.create(form);
    }

    @PutMapping("/questions/{id}")
    @Requires(EXAM_MANAGE)
    QuestionBank.Question updateQuestion(@PathVariable long id, @Valid @RequestBody QuestionForm form) {
        return bank.update(id, form);
    }

    @PostMapping("/questions/{id}/retire")
    @Requires(EXAM_MANAGE)
    QuestionBank.Question retire(@PathVariable long id) {
        return bank.retire(id);
    }

    /** The sheet as the raw request body (.xlsx, .xls or .csv; at most the platform's import size), its name in the query. */
    @PostMapping(value = "/questions/import", consumes = MediaType.ALL_VALUE)
    @Requires(EXAM_MANAGE)
    QuestionBank.ImportResult importQuestions(@RequestParam(required = false) String name, HttpServletRequest req) throws IOException {
        return bank.importSheet(name, req.getInputStream());
    }

    // ---- exams ----

    @GetMapping
    @Requires(EXAM_MANAGE)
    List<Exams.Exam> list() {
        return exams.list();
    }

    @GetMapping("/{id}")
    @Requires(EXAM_MANAGE)
    Exams.Exam get(@PathVariable long id) {
        return exams.get(id);
    }

    @PostMapping
    @Requires(EXAM_MANAGE)
    Exams.Exam create(@Valid @RequestBody Exams.ExamForm form) {
        return exams.create(form);
    }

    @PutMapping("/{id}")
    @Requires(EXAM_MANAGE)
    Exams.Exam update(@PathVariable long id, @Valid @RequestBody Exams.ExamForm form) {
        return exams.update(id, form);
    }

    @PostMapping("/{id}/publish")
    @Requires(EXAM_MANAGE)
    Exams.Exam publish(@PathVariable long id) {
        return exams.publish(id);
    }

    @PostMapping("/{id}/close")
    @Requires(EXAM_MANAGE)
    Exams.Exam close(@PathVariable long id) {
        return exams.close(id);
    }

    @GetMapping("/{id}/results")
    @Requires(EXAM_MANAGE)
    ExamResults.ResultPage results(@PathVariable long id, @RequestParam(defaultValue = "1") int page,
                                   @RequestParam(defaultValue = "20") int size) {
        return results.resultPage(id, page, size);
    }

    @GetMapping("/{id}/units")
    @Requires(EXAM_MANAGE)
    List<ExamResults.UnitRow> units(@PathVariable long id) {
        return results.units(id);
    }

    @GetMapping("/{id}/analysis")
    @Requires(EXAM_MANAGE)
    List<ExamResults.QuestionRow> analysis(@PathVariable long id) {
        return results.analysis(id);
    }

    @GetMapping("/{id}/grading")
    @Requires(EXAM_MANAGE)
    List<ExamResults.Ungraded> ungraded(@PathVariable long id) {
        return results.ungraded(id);
    }

    record Grade(BigDecimal score) {
    }

    @PutMapping("/{id}/grading/{attemptId}/{questionId}")
    @Requires(EXAM_MANAGE)
    void grade(@PathVariable long id, @PathVariable long attemptId, @PathVariable long questionId, @RequestBody Grade g) {
        results.grade(id, attemptId, questionId, g == null ? null : g.score());
    }

    @GetMapping("/{id}/results.xlsx")
    @Requires(EXAM_MANAGE)
    ResponseEntity<byte[]> resultsExcel(@PathVariable long id) {
        Exams.Exam e = exams.get(id);
        List<ExamResults.Result> rows = results.results(id);
        audit.recordExport("ExamResult", id, "考试成绩：" + e.title(), AuditLog.filter("examId", id), rows.size());
        return excel(e.title() + "-成绩.xlsx", "成绩",
                List.of("姓名", "单位", "作答次数", "成绩", "是否合格", "状态", "交卷时间"), rows,
                r -> List.of(r.name(), r.orgName(), r.attempts(), n(r.score()), r.passed() == null ? "" : r.passed() ? "合格" : "不合格",
                        r.statusLabel(), r.submittedAt() == null ? "" : r.submittedAt().toLocalDateTime().toString().replace('T', ' ')),
                "成绩取" + ("LAST".equals(e.counts()) ? "最后一次" : "最高一次") + "已评分的作答；总分" + e.totalScore().stripTrailingZeros().toPlainString()
                        + "，及格分" + e.passScore().stripTrailingZeros().toPlainString());
    }

    @GetMapping("/{id}/analysis.xlsx")
    @Requires(EXAM_MANAGE)
    ResponseEntity<byte[]> analysisExcel(@PathVariable long id) {
        Exams.Exam e = exams.get(id);
        List<ExamResults.QuestionRow> rows = results.analysis(id);
        List<ExamResults.UnitRow> units = results.units(id);
        audit.recordExport("ExamResult", id, "考试分析：" + e.title(), AuditLog.filter("examId", id), rows.size() + units.size());
        List<List<Object>> data = new ArrayList<>();
        for (ExamResults.QuestionRow r : rows) {
            data.add(List.of(r.questionId(), r.kindLabel(), r.category(), r.difficultyLabel(), r.stem(), r.candidates(), r.right(),
                    n(r.difficulty()), n(r.discrimination()), r.reading()));
        }
        data.add(List.of());
        data.add(List.of("按单位"));
        data.add(List.of("单位", "应考人数", "参考人数", "已评分", "合格人数", "合格率(%)", "平均分"));
        for (ExamResults.UnitRow u : units) {
            data.add(List.of(u.orgName(), u.assigned(), u.took(), u.graded(), u.passed(), n(u.passRate()), n(u.average())));
        }
        data.add(List.of());
        data.add(List.of("难度=答对人数÷作答人数；区分度=高分组（前27%）答对率−低分组（后27%）答对率"));
        return Downloads.attachment(e.title() + "-分析.xlsx", Downloads.XLSX, Workbooks.tableBytes("试题分析",
                List.of("试题编号", "题型", "分类", "标注难度", "题干", "作答人数", "答对人数", "难度(答对率)", "区分度", "评价"), data));
    }

    // ---- candidates ----

    @GetMapping("/mine")
    @Requires(SELF_SERVICE)
    List<Attempts.MyExam> mine() {
        return attempts.mine();
    }

    /** The course's quiz for the player: the quiz (null when none), and whether the credited share is reached. */
    @GetMapping("/courses/{courseId}/quiz")
    @Requires(SELF_SERVICE)
    Attempts.CourseQuiz courseQuiz(@PathVariable long courseId) {
        return attempts.courseQuiz(courseId);
    }

    @PostMapping("/{id}/attempts")
    @Requires(SELF_SERVICE)
    Attempts.Started start(@PathVariable long id) {
        return attempts.start(id);
    }

    @GetMapping("/attempts/{attemptId}")
    @Requires(SELF_SERVICE)
    Attempts.Paper paper(@PathVariable long attemptId) {
        return attempts.paper(attemptId);
    }

    record AnswerBody(@Size(max = 2000, message = "答案不能超过{max}个字") String response) {
    }

    @PutMapping("/attempts/{attemptId}/answers/{questionId}")
    @Requires(SELF_SERVICE)
    void answer(@PathVariable long attemptId, @PathVariable long questionId, @Valid @RequestBody AnswerBody body) {
        attempts.answer(attemptId, questionId, body == null ? null : body.response());
    }

    record SubmitBody(Map<Long, @Size(max = 2000, message = "答案不能超过{max}个字") String> answers) {
    }

    @PostMapping("/attempts/{attemptId}/submit")
    @Requires(SELF_SERVICE)
    Attempts.Submitted submit(@PathVariable long attemptId, @Valid @RequestBody(required = false) SubmitBody body) {
        return attempts.submit(attemptId, body == null || body.answers() == null ? new HashMap<>() : body.answers());
    }

    // ---- helpers ----

    private static <T> ResponseEntity<byte[]> excel(String fileName, String sheet, List<String> head, List<T> rows,
                                                    Function<T, List<Object>> toRow, String footnote) {
        return Downloads.attachment(fileName, Downloads.XLSX, Workbooks.tableBytes(sheet, head, rows, toRow, footnote));
    }

    private static Object n(Object v) {
        return v == null ? "" : v;
    }

}
