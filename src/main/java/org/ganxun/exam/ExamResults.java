package org.ganxun.exam;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An exam's results for its managers: per candidate (the counted attempt by the exam's rule: best or last), per
 * unit, per question ({@link ItemAnalysis}); and manual grading of short answers. Candidates are those of the
 * manager's scope: a county sees its own cadres' attempts, not another county's.
 */
@Service
public class ExamResults {

    private final JdbcClient jdbc;
    private final CurrentScope scopes;
    private final Exams exams;
    private final Attempts attempts;
    private final AuditLog audit;

    ExamResults(JdbcClient jdbc, CurrentScope scopes, Exams exams, Attempts attempts, AuditLog audit) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.exams = exams;
        this.attempts = attempts;
        this.audit = audit;
    }

    public record Result(long cadreId, String name, String orgName, long orgId, int attempts, Long attemptId, BigDecimal score,
                         Boolean passed, String status, String statusLabel, OffsetDateTime submittedAt) {
    }

    private record AttemptRow(long id, long cadreId, String name, long orgId, String orgName, int no, String status, BigDecimal score,
                              Boolean passed, OffsetDateTime submittedAt) {
    }

    private List<AttemptRow> attemptRows(long examId) {
        DataScope scope = scopes.current();
        return jdbc.sql("""
                        select a.id, a.cadre_id, c.name, o.id, o.name, a.attempt_no, a.status, a.score, a.passed, a.submitted_at
                        from exam_attempt a join cadre_card c on c.id = a.cadre_id join org_unit o on o.id = c.org_id
                        where a.exam_id = :exam and """ + scope.orgCondition("o.path") + " order by o.path, c.name, a.attempt_no")
                .params(exams.params(scope, "exam", examId))
                .query((rs, i) -> new AttemptRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getInt(6),
                        rs.getString(7), rs.getBigDecimal(8), (Boolean) rs.getObject(9), rs.getObject(10, OffsetDateTime.class)))
                .list();
    }

    /** A page of {@link #results}, in the same order ({@code total} candidates in all). */
    public record ResultPage(List<Result> rows, long total, int page, int size) {
    }

    /**
     * A page of the candidates' results for the results tab: an exam of the whole county has thousands of
     * candidates, and the browser gets 20. The counted attempt is chosen in Java over the exam's attempt rows (one
     * query), so the page is a slice of {@link #results}.
     */
    public ResultPage resultPage(long examId, int page, int size) {
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 200);
        List<Result> all = results(examId);
        int from = (int) Math.min((long) (pg - 1) * sz, all.size());
        return new ResultPage(List.copyOf(all.subList(from, Math.min(from + sz, all.size()))), all.size(), pg, sz);
    }

    /** One row per candidate: their counted attempt (best or last graded), else their latest. */
    public List<Result> results(long examId) {
        Exams.Exam e = exams.get(examId);
        attempts.settleExpiredOfExam(examId);
        Map<Long, List<AttemptRow>> byCadre = new LinkedHashMap<>();
        for (AttemptRow r : attemptRows(examId)) {
            byCadre.computeIfAbsent(r.cadreId(), k -> new ArrayList<>()).add(r);
        }
        List<Result> out = new ArrayList<>();
        for (List<AttemptRow> rows : byCadre.values()) {
            AttemptRow pick = counted(rows, e.counts());
            AttemptRow shown = pick != null ? pick : rows.get(rows.size() - 1);
            out.add(new Result(shown.cadreId(), shown.name(), shown.orgName(), shown.orgId(), rows.size(), shown.id(), shown.score(),
                    shown.passed(), shown.status(), label(shown.status()), shown.submittedAt()));
        }
        return out;
    }

    private static AttemptRow counted(List<AttemptRow> rows, String counts) {
        AttemptRow pick = null;
        for (AttemptRow r : rows) {
            if (!"GRADED".equals(r.status())) {
                continue;
            }
            if (pick == null || "LAST".equals(counts) || r.score().compareTo(pick.score()) > 0) {
                pick = r;
            }
        }
        return pick;
    }

    static String label(String status) {
        return switch (status) {
            case "IN_PROGRESS" -> "作答中";
            case "SUBMITTED" -> "待阅卷";
            case "GRADED" -> "已评分";
            default -> status;
        };
    }

    public record UnitRow(long orgId, String orgName, int assigned, int took, int graded, int passed, BigDecimal passRate,
                          BigDecimal average) {
    }

    /** Per unit of the candidates: how many cadres the exam was for, took it, passed; the mean counted score. */
    public List<UnitRow> units(long examId) {
        Exams.Exam e = exams.get(examId);
        DataScope scope = scopes.current();
        Map<Long, int[]> assigned = new HashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        jdbc.sql(Unscoped.countsOnly() + """
                        select co.id, co.name, count(c.id) from cadre_card c join org_unit co on co.id = c.org_id
                        join exam e on e.id = :exam join org_unit t on t.id = e.target_org_id
                        where""" + Exams.CANDIDATE + " and " + scope.orgCondition("co.path") + " group by co.id, co.name, co.path order by co.path")
                .params(exams.params(scope, "exam", e.id()))
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                    assigned.put(rs.getLong(1), new int[] {rs.getInt(3)});
                });
        Map<Long, List<Result>> byOrg = new HashMap<>();
        for (Result r : results(examId)) {
            byOrg.computeIfAbsent(r.orgId(), k -> new ArrayList<>()).add(r);
            names.putIfAbsent(r.orgId(), r.orgName());
        }
        List<UnitRow> out = new ArrayList<>();
        for (Map.Entry<Long, String> n : names.entrySet()) {
            List<Result> rs = byOrg.getOrDefault(n.getKey(), List.of());
            int graded = 0, passed = 0;
            BigDecimal sum = BigDecimal.ZERO;
            for (Result r : rs) {
                if ("GRADED".equals(r.status())) {
                    graded++;
                    sum = sum.add(r.score());
                    if (Boolean.TRUE.equals(r.passed())) {
                        passed++;
                    }
                }
            }
            int a = assigned.getOrDefault(n.getKey(), new int[] {0})[0];
            if (a == 0 && rs.isEmpty()) {
                continue;
            }
            out.add(new UnitRow(n.getKey(), n.getValue(), a, rs.size(), graded, passed,
                    graded == 0 ? null : BigDecimal.valueOf(passed * 100L).divide(BigDecimal.valueOf(graded), 1, RoundingMode.HALF_UP),
                    graded == 0 ? null : sum.divide(BigDecimal.valueOf(graded), 2, RoundingMode.HALF_UP)));
        }
        return out;
    }

    public record QuestionRow(long questionId, String kindLabel, String category, String difficultyLabel, String stem, int candidates,
                              int right, Double difficulty, Double discrimination, String reading) {
    }

    /** Difficulty and discrimination of each question, over the counted graded attempts of the candidates in scope. */
    public List<QuestionRow> analysis(long examId) {
        Exams.Exam e = exams.get(examId);
        List<Result> results = results(examId);
        List<Long> counted = results.stream().filter(r -> "GRADED".equals(r.status())).map(Result::attemptId).toList();
        Map<Long, ItemAnalysis.Sheet> sheets = new LinkedHashMap<>();
        Map<Long, Double> totals = new HashMap<>();
        results.stream().filter(r -> "GRADED".equals(r.status())).forEach(r -> totals.put(r.attemptId(), r.score().doubleValue()));
        if (!counted.isEmpty()) {
            jdbc.sql(Unscoped.ofChecked("attempt", "ExamResults.results") + "select attempt_id, question_id, correct from exam_answer where attempt_id = any(?)")
                    .param(org.ganxun.platform.db.SqlArrays.of("bigint", counted.toArray()))
                    .query(rs -> {
                        long a = rs.getLong(1);
                        sheets.computeIfAbsent(a, k -> new ItemAnalysis.Sheet(k, totals.get(k), new HashMap<>()))
                                .right().put(rs.getLong(2), Boolean.TRUE.equals(rs.getObject(3)));
                    });
        }
        List<ItemAnalysis.Item> items = ItemAnalysis.analyse(new ArrayList<>(sheets.values()));
        Map<Long, QuestionBank.Question> qs = new HashMap<>();
        if (!items.isEmpty()) {
            jdbc.sql(QuestionBank.SELECT + " where q.id = any(?)")
                    .param(org.ganxun.platform.db.SqlArrays.of("bigint", items.stream().map(ItemAnalysis.Item::questionId).toArray()))
                    .query((rs, i) -> QuestionBank.row(rs)).list().forEach(q -> qs.put(q.id(), q));
        }
        List<QuestionRow> out = new ArrayList<>();
        for (ItemAnalysis.Item i : items) {
            QuestionBank.Question q = qs.get(i.questionId());
            out.add(new QuestionRow(i.questionId(), q.kindLabel(), q.category(), q.difficultyLabel(), QuestionBank.abbreviate(q.stem()),
                    i.candidates(), i.right(), i.difficulty(), i.discrimination(), reading(i.discrimination())));
        }
        return out;
    }

    /** Ebel's reading of a discrimination index. */
    static String reading(Double d) {
        if (d == null) {
            return "";
        }
        return d >= 0.40 ? "很好" : d >= 0.30 ? "良好" : d >= 0.20 ? "尚可，需修改" : "较差，应淘汰或修改";
    }

    // ---- manual grading ----

    public record Ungraded(long attemptId, long questionId, String stem, String reference, String response, BigDecimal maxScore) {
    }

    /**
     * Short answers waiting for a grader, without the candidate's name (graded blind, as paper exams seal names). The
     * candidates are those of the grader's scope.
     */
    public List<Ungraded> ungraded(long examId) {
        exams.get(examId);
        attempts.settleExpiredOfExam(examId);
        DataScope scope = scopes.current();
        return jdbc.sql("""
                        select x.attempt_id, x.question_id, q.stem, q.answer, x.response, x.max_score
                        from exam_answer x join exam_attempt a on a.id = x.attempt_id join exam_question q on q.id = x.question_id
                        join cadre_card c on c.id = a.cadre_id join org_unit o on o.id = c.org_id
                        where a.exam_id = :exam and a.status = 'SUBMITTED' and q.kind = 'SHORT' and x.score is null and """
                        + scope.orgCondition("o.path") + " order by x.question_id, x.attempt_id limit 500")
                .params(exams.params(scope, "exam", examId))
                .query((rs, i) -> new Ungraded(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getBigDecimal(6))).list();
    }

    /** A grader's score for a short answer: 0 to the question's points, in steps of 0.5. */
    public void grade(long examId, long attemptId, long questionId, BigDecimal score) {
        exams.get(examId);
        DataScope scope = scopes.current();
        BigDecimal max = jdbc.sql("""
                        select x.max_score from exam_answer x join exam_attempt a on a.id = x.attempt_id
                        join exam_question q on q.id = x.question_id join cadre_card c on c.id = a.cadre_id join org_unit o on o.id = c.org_id
                        where a.exam_id = :exam and a.id = :attempt and x.question_id = :question and q.kind = 'SHORT'
                          and a.status = 'SUBMITTED' and """ + scope.orgCondition("o.path"))
                .params(exams.params(scope, "exam", examId, "attempt", attemptId, "question", questionId))
                .query(BigDecimal.class).optional().orElseThrow(() -> BusinessException.notFound("待阅试题"));
        if (score == null || score.signum() < 0 || score.compareTo(max) > 0
                || score.multiply(BigDecimal.valueOf(2)).stripTrailingZeros().scale() > 0) {
            throw new BusinessException("得分应在0到" + max.stripTrailingZeros().toPlainString() + "分之间，以0.5分为单位",
                    List.of(new FieldProblem("score", "分值不在范围内")));
        }
        jdbc.sql("update exam_answer set score = ?, correct = ?, graded_by = ?, graded_at = now() where attempt_id = ? and question_id = ?")
                .params(score, score.compareTo(max) == 0, CurrentUsers.require().username(), attemptId, questionId).update();
        audit.record("SCORE", "ExamAnswer", attemptId + "-" + questionId, "阅卷：考试" + examId + "，答卷" + attemptId + "，得分" + score.stripTrailingZeros().toPlainString(),
                null, Map.of("attemptId", attemptId, "questionId", questionId, "score", score));
        attempts.settle(attemptId, null);
    }
}
