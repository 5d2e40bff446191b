package org.ganxun.exam;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.learning.CourseCompletions;
import org.ganxun.learning.Courses;
import org.ganxun.learning.QuizGate;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A candidate's side of an exam: the exams open to them, starting an attempt (its paper drawn and stored), saving
 * answers while the server's deadline has not passed (plus {@link #GRACE_SECONDS} for the network), submitting.
 * The deadline is the server's: started + the time limit, or the exam's close if earlier; the browser's clock and
 * any "time left" it sends are never read. An attempt left open past its deadline is submitted with the answers
 * saved before it, the next time anyone looks at it.
 *
 * <p>Also the {@link QuizGate} for course completion: a course with a published quiz completes only when the
 * learner's counted attempt has passed.
 */
@Service
public class Attempts implements QuizGate {

    private static final Logger log = LoggerFactory.getLogger(Attempts.class);

    /** Seconds after the deadline an answer is still taken: one sent just before it, delayed by a slow network. */
    public static final int GRACE_SECONDS = 30;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Exams exams;
    private final QuizCache quizCache;
    private final CourseCompletions completions;
    private final Courses courses;
    private final TransactionTemplate tx;
    private volatile Clock clock;

    Attempts(JdbcClient jdbc, JsonMapper json, Exams exams, QuizCache quizCache, @Lazy CourseCompletions completions,
             @Lazy Courses courses, PlatformTransactionManager transactions, Clock clock) {
        this.clock = clock;
        this.courses = courses;
        this.jdbc = jdbc;
        this.json = json;
        this.exams = exams;
        this.quizCache = quizCache;
        this.completions = completions;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Tests that need a stopped clock set their own (and put the application's back after). */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A question on a stored paper: {@code q} question, {@code o} original option indexes in shown order, {@code p} points. */
    record PaperItem(long q, int[] o, BigDecimal p) {
    }

    public record MyExam(long id, String title, String purposeLabel, String courseTitle, int questionCount, BigDecimal totalScore,
                         BigDecimal passScore, int timeLimitMinutes, int maxAttempts, int attemptsUsed, String counts,
                         OffsetDateTime opensAt, OffsetDateTime closesAt, boolean open, Long attemptInProgress,
                         BigDecimal score, Boolean passed, boolean awaitingGrading) {
    }

    private record Target(long examId, String status, OffsetDateTime opensAt, OffsetDateTime closesAt, int minutes, int maxAttempts,
                          String title, Long courseId) {
    }

    /** The published exams whose target unit's subtree holds the signed-in cadre, with their own attempts. */
    public List<MyExam> mine() {
        CurrentUser me = CurrentUsers.require();
        long cadre = cadreOf(me);
        settleExpired(cadre);
        OffsetDateTime now = now();
        List<Long> ids = jdbc.sql(Unscoped.own() + """
                        select e.id from exam e join org_unit t on t.id = e.target_org_id, cadre_card c join org_unit co on co.id = c.org_id
                        where c.id = ? and e.status = 'PUBLISHED' and""" + Exams.CANDIDATE + """
                        order by e.published_at desc, e.id desc limit 200""")
                .param(cadre).query(Long.class).list();
        List<MyExam> out = new ArrayList<>();
        for (long id : ids) {
            out.add(myExam(id, cadre, now));
        }
        return out;
    }

    private MyExam myExam(long id, long cadre, OffsetDateTime now) {
        Exams.Exam e = jdbc.sql(Unscoped.countsOnly() + """
                        select e.*, t.name as target_name, c.title as course_title, 0 as candidates, 0 as pending
                        from exam e join org_unit t on t.id = e.target_org_id left join course_card c on c.id = e.course_id where e.id = ?""")
                .param(id).query((rs, i) -> exams.row(rs)).single();
        Counted counted = counted(id, cadre, e.counts());
        Long inProgress = jdbc.sql(Unscoped.own() + "select id from exam_attempt where exam_id = ? and cadre_id = ? and status = 'IN_PROGRESS'")
                .params(id, cadre).query(Long.class).optional().orElse(null);
        boolean open = (e.opensAt() == null || !now.isBefore(e.opensAt())) && (e.closesAt() == null || now.isBefore(e.closesAt()));
        return new MyExam(id, e.title(), e.purposeLabel(), e.courseTitle(), e.questionCount(), e.totalScore(), e.passScore(),
                e.timeLimitMinutes(), e.maxAttempts(), counted.used, e.counts(), e.opensAt(), e.closesAt(), open, inProgress,
                counted.score, counted.passed, counted.awaiting);
    }

    /**
     * A course's quiz as its learner sees it in the player: {@code quiz} null when the course has none open to them;
     * {@code shareReached} whether their credited time has reached the completion share, which the quiz waits for.
     */
    public record CourseQuiz(MyExam quiz, boolean shareReached, int creditedSeconds, int neededSeconds) {
    }

    /** The published quiz of a course open to the signed-in learner (404 for a course not open to them). */
    public CourseQuiz courseQuiz(long courseId) {
        CurrentUser me = CurrentUsers.require();
        long cadre = cadreOf(me);
        Courses.Course course = courses.open(courseId);
        settleExpired(cadre);
        Long id = jdbc.sql(Unscoped.own() + """
                        select e.id from exam e join org_unit t on t.id = e.target_org_id, cadre_card c join org_unit co on co.id = c.org_id
                        where e.course_id = ? and c.id = ? and e.status = 'PUBLISHED' and""" + Exams.CANDIDATE)
                .params(courseId, cadre).query(Long.class).optional().orElse(null);
        Courses.Progress p = course.progress();
        int credited = p == null ? 0 : p.creditedSeconds(), needed = p == null ? 0 : p.neededSeconds();
        return new CourseQuiz(id == null ? null : myExam(id, cadre, now()), shareReached(course), credited, needed);
    }

    /** Whether the learner's credited time on the course has reached its completion share (a quiz waits for it). */
    private static boolean shareReached(Courses.Course course) {
        Courses.Progress p = course.progress();
        return p != null && (p.completedAt() != null || (p.neededSeconds() > 0 && p.creditedSeconds() >= p.neededSeconds()));
    }

    private record Counted(int used, BigDecimal score, Boolean passed, boolean awaiting) {
    }

    /** The counted result of a cadre's attempts: the best or the last graded one (the exam's rule). */
    private Counted counted(long examId, long cadre, String counts) {
        record A(String status, BigDecimal score, Boolean passed) {
        }
        List<A> as = jdbc.sql(Unscoped.own() + "select status, score, passed from exam_attempt where exam_id = ? and cadre_id = ? order by attempt_no")
                .params(examId, cadre).query((rs, i) -> new A(rs.getString(1), rs.getBigDecimal(2), (Boolean) rs.getObject(3))).list();
        A pick = null;
        boolean awaiting = false;
        for (A a : as) {
            if ("SUBMITTED".equals(a.status())) {
                awaiting = true;
            }
            if (!"GRADED".equals(a.status())) {
                continue;
            }
            if (pick == null || "LAST".equals(counts) || a.score().compareTo(pick.score()) > 0) {
                pick = a;
            }
        }
        return new Counted(as.size(), pick == null ? null : pick.score(), pick == null ? null : pick.passed(), awaiting);
    }

    public record Started(long attemptId) {
    }

    /**
     * Starts an attempt, or returns the one in progress (a reload, another device: the same paper). The paper is
     * drawn by {@link PaperDrawer} from the exam, the cadre and the attempt number, and stored with the attempt.
     */
    public Started start(long examId) {
        CurrentUser me = CurrentUsers.require();
        long cadre = cadreOf(me);
        Target t = openTarget(examId, cadre);
        settleExpired(cadre);
        Long current = jdbc.sql(Unscoped.own() + "select id from exam_attempt where exam_id = ? and cadre_id = ? and status = 'IN_PROGRESS'")
                .params(examId, cadre).query(Long.class).optional().orElse(null);
        if (current != null) {
            return new Started(current);
        }
        OffsetDateTime now = now();
        if (t.opensAt() != null && now.isBefore(t.opensAt())) {
            throw new BusinessException("考试尚未开始");
        }
        if (t.closesAt() != null && !now.isBefore(t.closesAt())) {
            throw new BusinessException("考试已结束");
        }
        if (t.courseId() != null && !shareReached(courses.open(t.courseId()))) {
            // a course's quiz is taken once the course is studied (issue 16: the learner takes it in the player then)
            throw BusinessException.conflict("请先学习本课程，有效学习时间达到要求后再参加测验");
        }
        int used = jdbc.sql(Unscoped.own() + "select count(*) from exam_attempt where exam_id = ? and cadre_id = ?").params(examId, cadre)
                .query(Integer.class).single();
        if (used >= t.maxAttempts()) {
            throw BusinessException.conflict("已用完全部" + t.maxAttempts() + "次作答机会");
        }
        Exams.Exam exam = jdbc.sql(Unscoped.countsOnly() + """
                        select e.*, t.name as target_name, null as course_title, 0 as candidates, 0 as pending
                        from exam e join org_unit t on t.id = e.target_org_id where e.id = ?""")
                .param(examId).query((rs, i) -> exams.row(rs)).single();
        int attemptNo = used + 1;
        List<PaperDrawer.Item> items;
        try {
            items = PaperDrawer.draw(Exams.drawLines(exam), exams.bank(examId), PaperDrawer.seed(examId, cadre, attemptNo));
        } catch (PaperDrawer.Shortfall s) {
            throw new BusinessException("题库题目不足，无法组卷，请联系考试组织单位");
        }
        List<PaperItem> paper = items.stream().map(i -> new PaperItem(i.questionId(), i.order(), i.points())).toList();
        OffsetDateTime deadline = now.plusMinutes(t.minutes());
        if (t.closesAt() != null && t.closesAt().isBefore(deadline)) {
            deadline = t.closesAt();
        }
        final OffsetDateTime due = deadline;
        Long id = tx.execute(s -> {
            Long a = jdbc.sql("""
                            insert into exam_attempt (exam_id, cadre_id, attempt_no, paper, started_at, deadline_at)
                            values (?, ?, ?, ?::jsonb, ?, ?) on conflict (exam_id, cadre_id, attempt_no) do nothing returning id""")
                    .params(examId, cadre, attemptNo, json.writeValueAsString(paper), now, due).query(Long.class).optional().orElse(null);
            if (a == null) {
                return null; // started at the same moment from another device
            }
            // the paper's answer rows in one statement (one per question made 2,000 candidates starting at once wait)
            jdbc.sql("insert into exam_answer (attempt_id, question_id, max_score) select ?, v.q, v.p from unnest(?, ?) as v(q, p)")
                    .params(a, org.ganxun.platform.db.SqlArrays.of("bigint", paper.stream().map(PaperItem::q).toArray(Long[]::new)),
                            org.ganxun.platform.db.SqlArrays.of("numeric", paper.stream().map(PaperItem::p).toArray(BigDecimal[]::new)))
                    .update();
            return a;
        });
        if (id == null) {
            return start(examId);
        }
        return new Started(id);
    }

    public record PaperQuestion(int no, long questionId, QuestionKind kind, String kindLabel, String stem, List<String> options,
                                int blanks, BigDecimal points, String response, BigDecimal score, Boolean correct) {
    }

    public record Paper(long attemptId, long examId, String title, int attemptNo, String status, long remainingSeconds,
                        OffsetDateTime deadlineAt, BigDecimal totalScore, BigDecimal passScore, BigDecimal score, Boolean passed,
                        List<PaperQuestion> questions) {
    }

    /** The candidate's paper, options in their shown order and answers in shown letters. */
    public Paper paper(long attemptId) {
        Own a = own(attemptId);
        if ("IN_PROGRESS".equals(a.status) && expired(a)) {
            settle(attemptId, a.deadline);
            a = own(attemptId);
        }
        final Own at = a;
        List<PaperItem> items = items(a.paper);
        Map<Long, Object[]> answers = new HashMap<>();
        jdbc.sql(Unscoped.ofChecked("attempt", "Attempts.own") + "select question_id, response, score, correct from exam_answer where attempt_id = ?")
                .param(attemptId).query(rs -> {
                    answers.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getBigDecimal(3), rs.getObject(4)});
                });
        Map<Long, QuestionBank.Question> questions = questions(items);
        boolean done = !"IN_PROGRESS".equals(a.status);
        List<PaperQuestion> out = new ArrayList<>();
        int no = 0;
        for (PaperItem i : items) {
            QuestionBank.Question q = questions.get(i.q());
            Object[] ans = answers.getOrDefault(i.q(), new Object[3]);
            List<String> shown = new ArrayList<>();
            for (int k : i.o()) {
                shown.add(q.options().get(k));
            }
            if (q.kind() == QuestionKind.TRUE_FALSE) {
                shown = List.of("对", "错");
            }
            String response = (String) ans[0];
            if (q.kind().hasOptions()) {
                response = PaperDrawer.toShown(response, i.o());
            }
            int blanks = q.kind() == QuestionKind.FILL ? Grading.blanks(q.answer()).size() : 0;
            out.add(new PaperQuestion(++no, q.id(), q.kind(), q.kind().label(), q.stem(), shown, blanks, i.p(), response,
                    done ? (BigDecimal) ans[1] : null, done ? (Boolean) ans[2] : null));
        }
        long remaining = done ? 0 : Math.max(0, Duration.between(clock.instant(), at.deadline.toInstant()).toSeconds());
        return new Paper(attemptId, a.examId, a.title, a.attemptNo, a.status, remaining, a.deadline, a.total, a.pass,
                done ? a.score : null, done ? a.passed : null, out);
    }

    /** Saves one answer (shown letters for choices, 对/错 or T/F, blanks "|"-separated, text). Refused after the deadline. */
    public void answer(long attemptId, long questionId, String shown) {
        Own a = own(attemptId);
        if (!"IN_PROGRESS".equals(a.status)) {
            throw BusinessException.conflict("本次考试已交卷，答案不能再修改");
        }
        if (expired(a)) {
            settle(attemptId, a.deadline);
            throw BusinessException.conflict("考试时间已到，答案未保存；已按截止前保存的答案交卷");
        }
        save(a, questionId, shown);
    }

    public record Submitted(long attemptId, String status, BigDecimal score, Boolean passed, String message) {
    }

    /**
     * Hands the paper in, with the answers not yet saved ({@code answers}: question id → shown answer). After the
     * deadline and its grace the answers sent now are refused and the paper is graded on those saved before.
     */
    public Submitted submit(long attemptId, Map<Long, String> answers) {
        Own a = own(attemptId);
        if (!"IN_PROGRESS".equals(a.status)) {
            if (a.submittedAt != null && a.deadline.isEqual(a.submittedAt)) {
                // handed in by the server at its deadline (a refused late answer, or anyone looking): what the player sends now is late
                return new Submitted(attemptId, a.status, a.score, a.passed, "已超过考试时间，交卷时的答案未计入，按截止前保存的答案评分");
            }
            throw BusinessException.conflict("本次考试已交卷");
        }
        String message = null;
        OffsetDateTime at = now();
        if (expired(a)) {
            message = "已超过考试时间，交卷时的答案未计入，按截止前保存的答案评分";
            at = a.deadline;
        } else if (answers != null) {
            if (answers.size() > Exams.MAX_QUESTIONS) {
                throw new BusinessException("答案数量超出试卷题数");
            }
            saveAll(a, answers);
        }
        settle(attemptId, at);
        Own after = own(attemptId);
        if (message == null) {
            message = "GRADED".equals(after.status) ? "已交卷" : "已交卷，简答题待阅卷后公布成绩";
        }
        return new Submitted(attemptId, after.status, after.score, after.passed, message);
    }

    private void save(Own a, long questionId, String shown) {
        PaperItem item = items(a.paper).stream().filter(i -> i.q() == questionId).findFirst()
                .orElseThrow(() -> new BusinessException("该题不在本试卷中", List.of(new FieldProblem("questionId", "不在本试卷中"))));
        QuestionKind kind = QuestionKind.valueOf(jdbc.sql("select kind from exam_question where id = ?").param(questionId).query(String.class).single());
        String response = clean(kind, shown, item.o());
        jdbc.sql("update exam_answer set response = ?, answered_at = ? where attempt_id = ? and question_id = ?")
                .params(response, now(), a.id, questionId).update();
    }

    /**
     * Saves the answers handed in with the paper: each checked as {@link #save} checks it (nothing is written when one
     * is refused), then written in one statement. The paper is parsed once and the questions' kinds read in one query
     * (one query and one update per answer made a 50-question paper cost a hundred round trips).
     */
    private void saveAll(Own a, Map<Long, String> answers) {
        if (answers.isEmpty()) {
            return;
        }
        Map<Long, PaperItem> onPaper = new HashMap<>();
        for (PaperItem i : items(a.paper)) {
            onPaper.put(i.q(), i);
        }
        for (Long q : answers.keySet()) {
            if (q == null || !onPaper.containsKey(q)) {
                throw new BusinessException("该题不在本试卷中", List.of(new FieldProblem("questionId", "不在本试卷中")));
            }
        }
        Map<Long, QuestionKind> kinds = new HashMap<>();
        jdbc.sql("select id, kind from exam_question where id = any(?)")
                .param(org.ganxun.platform.db.SqlArrays.of("bigint", answers.keySet().toArray(Long[]::new)))
                .query(rs -> {
                    kinds.put(rs.getLong(1), QuestionKind.valueOf(rs.getString(2)));
                });
        Long[] ids = new Long[answers.size()];
        String[] responses = new String[answers.size()];
        int n = 0;
        for (Map.Entry<Long, String> e : answers.entrySet()) {
            ids[n] = e.getKey();
            responses[n++] = clean(kinds.get(e.getKey()), e.getValue(), onPaper.get(e.getKey()).o());
        }
        jdbc.sql("""
                        update exam_answer x set response = v.response, answered_at = ?
                        from unnest(?, ?) as v(question_id, response) where x.attempt_id = ? and x.question_id = v.question_id""")
                .params(now(), org.ganxun.platform.db.SqlArrays.of("bigint", ids), org.ganxun.platform.db.SqlArrays.of("text", responses), a.id)
                .update();
    }

    /** An answer in the original keys, or a refusal with the reason. */
    static String clean(QuestionKind kind, String shown, int[] order) {
        if (shown == null || shown.isBlank()) {
            return null;
        }
        if (shown.indexOf('\u0000') >= 0) {
            throw new BusinessException("答案含有非法字符", List.of(new FieldProblem("response", "含有非法字符")));
        }
        switch (kind) {
            case SINGLE, MULTIPLE -> {
                String s = shown.replaceAll("[,，、\\s]", "").toUpperCase();
                if (!s.matches("[A-F]{1,6}") || s.chars().anyMatch(c -> c - 'A' >= order.length)
                        || (kind == QuestionKind.SINGLE && Grading.letters(s).length() != 1)) {
                    throw new BusinessException("请选择题目中的选项", List.of(new FieldProblem("response", "不是本题的选项")));
                }
                return PaperDrawer.toOriginal(s, order);
            }
            case TRUE_FALSE -> {
                String tf = QuestionForms.trueFalse(shown);
                if (tf == null) {
                    throw new BusinessException("判断题请选择“对”或“错”", List.of(new FieldProblem("response", "应为对或错")));
                }
                return tf;
            }
            default -> {
                String t = QuestionForms.text(shown);
                int max = kind == QuestionKind.SHORT ? 2000 : 1000;
                if (t != null && t.length() > max) {
                    throw new BusinessException("答案不能超过" + max + "个字", List.of(new FieldProblem("response", "答案过长")));
                }
                if (kind == QuestionKind.FILL && t != null && Grading.blanks(t).size() > QuestionForms.MAX_BLANKS) {
                    throw new BusinessException("填空数量超出本题", List.of(new FieldProblem("response", "填空过多")));
                }
                return t;
            }
        }
    }

    // ---- grading and settling ----

    /**
     * Grades what can be graded automatically and sets the attempt's status: GRADED with its score when no short
     * answer waits for a grader, SUBMITTED otherwise. Called at submission, at an expired attempt, after each manual
     * grade. A passed quiz may complete its course.
     */
    void settle(long attemptId, OffsetDateTime submittedAt) {
        record Row(long q, String response, BigDecimal max, BigDecimal score, QuestionKind kind, String key) {
        }
        Object[] done = tx.execute(s -> {
            jdbc.sql("update exam_attempt set submitted_at = ?, status = 'SUBMITTED' where id = ? and status = 'IN_PROGRESS'")
                    .params(submittedAt, attemptId).update();
            List<Row> rows = jdbc.sql(Unscoped.ofChecked("attempt", "its caller") + """
                            select x.question_id, x.response, x.max_score, x.score, q.kind, q.answer
                            from exam_answer x join exam_question q on q.id = x.question_id where x.attempt_id = ? for update of x""")
                    .param(attemptId).query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                            QuestionKind.valueOf(rs.getString(5)), rs.getString(6))).list();
            BigDecimal auto = BigDecimal.ZERO, total = BigDecimal.ZERO;
            boolean pending = false;
            // the marks, written in one statement below
            List<Long> markedIds = new ArrayList<>();
            List<BigDecimal> markedScores = new ArrayList<>();
            List<Boolean> markedCorrect = new ArrayList<>();
            for (Row r : rows) {
                if (r.kind() == QuestionKind.SHORT) {
                    if (r.response() == null && r.score() == null) {
                        // an empty short answer has nothing to grade
                        markedIds.add(r.q());
                        markedScores.add(BigDecimal.ZERO);
                        markedCorrect.add(false);
                    } else if (r.score() == null) {
                        pending = true;
                    } else {
                        total = total.add(r.score());
                    }
                    continue;
                }
                Grading.Mark m = Grading.mark(r.kind(), r.key(), r.response(), r.max());
                markedIds.add(r.q());
                markedScores.add(m.score());
                markedCorrect.add(m.correct());
                auto = auto.add(m.score());
                total = total.add(m.score());
            }
            if (!markedIds.isEmpty()) {
                jdbc.sql("""
                                update exam_answer x set score = v.score, correct = v.correct
                                from unnest(?, ?, ?) as v(question_id, score, correct) where x.attempt_id = ? and x.question_id = v.question_id""")
                        .params(org.ganxun.platform.db.SqlArrays.of("bigint", markedIds.toArray(Long[]::new)),
                                org.ganxun.platform.db.SqlArrays.of("numeric", markedScores.toArray(BigDecimal[]::new)),
                                org.ganxun.platform.db.SqlArrays.of("bool", markedCorrect.toArray(Boolean[]::new)), attemptId)
                        .update();
            }
            if (pending) {
                jdbc.sql("update exam_attempt set auto_score = ?, status = 'SUBMITTED' where id = ?").params(auto, attemptId).update();
                return null;
            }
            Object[] e = jdbc.sql(Unscoped.ofChecked("attempt", "its caller") + """
                            select e.pass_score, e.course_id, a.cadre_id from exam_attempt a join exam e on e.id = a.exam_id where a.id = ?""")
                    .param(attemptId).query((rs, i) -> new Object[] {rs.getBigDecimal(1), rs.getObject(2), rs.getLong(3)}).single();
            boolean passed = total.compareTo((BigDecimal) e[0]) >= 0;
            jdbc.sql("update exam_attempt set auto_score = ?, score = ?, passed = ?, status = 'GRADED' where id = ?")
                    .params(auto, total, passed, attemptId).update();
            return passed && e[1] != null ? new Object[] {e[2], e[1]} : null;
        });
        if (done != null) {
            try {
                completions.completeIfDue((Long) done[0], ((Number) done[1]).longValue());
            } catch (RuntimeException ex) {
                log.warn("Completing course {} for cadre {} after its quiz failed", done[1], done[0], ex);
            }
        }
    }

    /** Submits the cadre's attempts whose deadline and grace have passed. */
    private void settleExpired(long cadre) {
        OffsetDateTime cutoff = now().minusSeconds(GRACE_SECONDS);
        List<Object[]> late = jdbc.sql(Unscoped.own() + "select id, deadline_at from exam_attempt where cadre_id = ? and status = 'IN_PROGRESS' and deadline_at < ?")
                .params(cadre, cutoff).query((rs, i) -> new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class)}).list();
        for (Object[] l : late) {
            settle((Long) l[0], (OffsetDateTime) l[1]);
        }
    }

    /** Submits an exam's attempts whose deadline and grace have passed (before results are read). */
    void settleExpiredOfExam(long examId) {
        OffsetDateTime cutoff = now().minusSeconds(GRACE_SECONDS);
        List<Object[]> late = jdbc.sql(Unscoped.because("attempts of an exam the caller manages, handed in at their deadline; nothing of them is returned")
                        + "select id, deadline_at from exam_attempt where exam_id = ? and status = 'IN_PROGRESS' and deadline_at < ?")
                .params(examId, cutoff).query((rs, i) -> new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class)}).list();
        for (Object[] l : late) {
            settle((Long) l[0], (OffsetDateTime) l[1]);
        }
    }

    private boolean expired(Own a) {
        return clock.instant().isAfter(a.deadline.toInstant().plusSeconds(GRACE_SECONDS));
    }

    // ---- quiz gate ----

    @Override
    public boolean passedOrNone(long cadreId, long courseId) {
        if (!quizCache.hasQuiz(courseId)) {
            return true;
        }
        record Q(long id, String counts) {
        }
        Q q = jdbc.sql("select id, counts from exam where course_id = ? and status = 'PUBLISHED'").param(courseId)
                .query((rs, i) -> new Q(rs.getLong(1), rs.getString(2))).optional().orElse(null);
        if (q == null) {
            return true;
        }
        return Boolean.TRUE.equals(counted(q.id(), cadreId, q.counts()).passed());
    }

    @Override
    public boolean passedQuiz(long cadreId, long courseId) {
        record Q(long id, String counts) {
        }
        Q q = jdbc.sql("select id, counts from exam where course_id = ? and status <> 'DRAFT'").param(courseId)
                .query((rs, i) -> new Q(rs.getLong(1), rs.getString(2))).optional().orElse(null);
        return q != null && Boolean.TRUE.equals(counted(q.id(), cadreId, q.counts()).passed());
    }

    // ---- helpers ----

    private static final class Own {
        long id, examId;
        int attemptNo;
        String status, paper, title;
        OffsetDateTime deadline, submittedAt;
        BigDecimal score, total, pass;
        Boolean passed;
    }

    /** The signed-in cadre's own attempt, else 404. */
    private Own own(long attemptId) {
        long cadre = cadreOf(CurrentUsers.require());
        return jdbc.sql(Unscoped.own() + """
                        select a.id, a.exam_id, a.attempt_no, a.status, a.paper::text, e.title, a.deadline_at, a.score, e.total_score,
                               e.pass_score, a.passed, a.submitted_at
                        from exam_attempt a join exam e on e.id = a.exam_id where a.id = ? and a.cadre_id = ?""")
                .params(attemptId, cadre).query((rs, i) -> {
                    Own o = new Own();
                    o.id = rs.getLong(1);
                    o.examId = rs.getLong(2);
                    o.attemptNo = rs.getInt(3);
                    o.status = rs.getString(4);
                    o.paper = rs.getString(5);
                    o.title = rs.getString(6);
                    o.deadline = rs.getObject(7, OffsetDateTime.class);
                    o.score = rs.getBigDecimal(8);
                    o.total = rs.getBigDecimal(9);
                    o.pass = rs.getBigDecimal(10);
                    o.passed = (Boolean) rs.getObject(11);
                    o.submittedAt = rs.getObject(12, OffsetDateTime.class);
                    return o;
                }).optional().orElseThrow(() -> BusinessException.notFound("考试记录"));
    }

    private Target openTarget(long examId, long cadre) {
        return jdbc.sql(Unscoped.own() + """
                        select e.id, e.status, e.opens_at, e.closes_at, e.time_limit_minutes, e.max_attempts, e.title, e.course_id
                        from exam e join org_unit t on t.id = e.target_org_id, cadre_card c join org_unit co on co.id = c.org_id
                        where e.id = ? and c.id = ? and e.status = 'PUBLISHED' and""" + Exams.CANDIDATE)
                .params(examId, cadre)
                .query((rs, i) -> new Target(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class), rs.getInt(5), rs.getInt(6), rs.getString(7), (Long) rs.getObject(8)))
                .optional().orElseThrow(() -> BusinessException.notFound("考试"));
    }

    List<PaperItem> items(String paper) {
        return json.readValue(paper, new TypeReference<List<PaperItem>>() { });
    }

    Map<Long, QuestionBank.Question> questions(List<PaperItem> items) {
        Long[] ids = items.stream().map(PaperItem::q).toArray(Long[]::new);
        Map<Long, QuestionBank.Question> m = new HashMap<>();
        jdbc.sql(QuestionBank.SELECT + " where q.id = any(?)").param(org.ganxun.platform.db.SqlArrays.of("bigint", ids)).query((rs, i) -> QuestionBank.row(rs)).list()
                .forEach(q -> m.put(q.id(), q));
        return m;
    }

    static long cadreOf(CurrentUser me) {
        if (me.cadreId() == null) {
            throw new BusinessException(403, "本账号未关联干部信息，无法参加考试", List.of());
        }
        return me.cadreId();
    }

    static String shownAnswer(QuestionBank.Question q, int[] order) {
        return q.kind().hasOptions() ? PaperDrawer.toShown(q.answer(), order) : q.answer();
    }

    static List<Integer> list(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }
}
