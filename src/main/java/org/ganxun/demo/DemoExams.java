package org.ganxun.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.ganxun.exam.Attempts;
import org.ganxun.exam.ExamPurpose;
import org.ganxun.exam.ExamResults;
import org.ganxun.exam.Exams;
import org.ganxun.exam.QuestionBank;
import org.ganxun.exam.QuestionForm;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.security.RunAs;
import org.ganxun.platform.security.Unscoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo's 题库与考试: a bank of 24 questions of the 任前廉政法规知识测试 kind in the county's bank (account zzb), the
 * 2026 test published to the whole county, taken by {@code ganbu} and five other cadres through the platform's own
 * services (papers drawn per candidate, options shuffled); zzb has graded the short answers but the last candidate's,
 * which waits in 阅卷 (ganbu's result shows in the promotion check). Loaded once the application is ready, when the county has no exam yet.
 */
@Component
class DemoExams {

    private static final Logger log = LoggerFactory.getLogger(DemoExams.class);

    static final String TITLE = "2026年度任前廉政法规知识测试";

    private final QuestionBank bank;
    private final Exams exams;
    private final Attempts attempts;
    private final ExamResults results;
    private final JdbcClient jdbc;
    private final UserDetailsService users;
    private final boolean enabled;

    DemoExams(QuestionBank bank, Exams exams, Attempts attempts, ExamResults results, JdbcClient jdbc, UserDetailsService users,
              @Value("${ganxun.demo.enabled:false}") boolean enabled) {
        this.bank = bank;
        this.exams = exams;
        this.attempts = attempts;
        this.results = results;
        this.jdbc = jdbc;
        this.users = users;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onReady() {
        if (!enabled) {
            return;
        }
        try {
            loadIfMissing();
        } catch (RuntimeException e) {
            log.error("Could not load the demo's exam", e);
        }
    }

    /** {kind, stem, options "|"-separated, answer, difficulty, category, explanation}. */
    static final String[][] QUESTIONS = {
            {"单选题", "中央八项规定于（ ）由中央政治局会议审议通过。", "2012年12月4日|2013年1月1日|2012年11月15日|2013年6月18日", "A", "易", "廉政法规", "2012年12月4日中央政治局会议审议通过关于改进工作作风、密切联系群众的八项规定。"},
            {"单选题", "《中华人民共和国公职人员政务处分法》自（ ）起施行。", "2018年3月20日|2019年1月1日|2020年7月1日|2021年1月1日", "C", "中", "廉政法规", null},
            {"单选题", "下列不属于党纪处分种类的是（ ）。", "警告|留党察看|记过|开除党籍", "C", "易", "廉政法规", "记过是政务处分的种类。"},
            {"单选题", "政务处分的种类共有（ ）种。", "4|5|6|7", "C", "中", "廉政法规", "警告、记过、记大过、降级、撤职、开除。"},
            {"单选题", "留党察看处分，分为留党察看（ ）。", "半年、一年|一年、两年|两年、三年|一年、三年", "B", "中", "廉政法规", null},
            {"单选题", "受到开除党籍处分的，（ ）年内不得重新入党。", "三|五|十|终身", "B", "中", "廉政法规", null},
            {"单选题", "领导干部应当于每年（ ）前集中报告一次上一年度的个人有关事项。", "1月31日|3月31日|6月30日|12月31日", "A", "难", "廉政法规", null},
            {"单选题", "各级监察委员会是行使国家监察职能的（ ）机关。", "专责|专门|司法|行政", "A", "易", "廉政法规", null},
            {"单选题", "党员受到严重警告处分，（ ）内不得在党内提升职务。", "半年|一年|一年半|两年", "C", "难", "廉政法规", null},
            {"单选题", "党员受到警告处分，（ ）内不得在党内提升职务。", "半年|一年|一年半|两年", "B", "中", "廉政法规", null},
            {"多选题", "下列属于党的“六项纪律”的有（ ）。", "政治纪律|组织纪律|廉洁纪律|财务纪律|群众纪律", "ABCE", "易", "党纪", "六项纪律：政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。"},
            {"多选题", "党纪处分的种类包括（ ）。", "警告|严重警告|记大过|撤销党内职务|开除党籍", "ABDE", "中", "党纪", null},
            {"多选题", "“四风”是指（ ）。", "形式主义|官僚主义|享乐主义|奢靡之风|本位主义", "ABCD", "易", "党纪", null},
            {"多选题", "政务处分的种类包括（ ）。", "警告|记过|留党察看|降级|撤职|开除", "ABDEF", "中", "党纪", null},
            {"多选题", "领导干部应当报告的个人有关事项包括（ ）。", "本人婚姻变化情况|本人持有护照情况|子女与外国人通婚情况|配偶、共同生活的子女从业情况|本人体检结果", "ABCD", "难", "党纪", null},
            {"判断题", "党员领导干部可以接受管理和服务对象的宴请。", null, "错", "易", "廉洁自律", null},
            {"判断题", "违反中央八项规定精神的问题，党员领导干部应当带头纠正。", null, "对", "易", "廉洁自律", null},
            {"判断题", "收受可能影响公正执行公务的礼品礼金，属于违反廉洁纪律的行为。", null, "对", "易", "廉洁自律", null},
            {"判断题", "党员领导干部配偶经商办企业，不需要向组织报告。", null, "错", "中", "廉洁自律", null},
            {"判断题", "党员受到撤销党内职务处分，两年内不得在党内担任和向党外组织推荐担任与其原任职务相当或者高于其原任职务的职务。", null, "对", "难", "廉洁自律", null},
            {"填空题", "党纪处分的种类有：警告、严重警告、（ ）、留党察看、开除党籍。", null, "撤销党内职务", "中", "党纪", null},
            {"填空题", "中央八项规定是关于改进工作作风、密切联系（ ）的规定。", null, "群众", "易", "党纪", null},
            {"简答题", "简述党员领导干部任职前应当遵守的廉洁自律要求（至少写出三条）。", null, "要点：不收受礼品礼金；不违规经商办企业；按规定报告个人有关事项；管好配偶子女和身边工作人员；不利用职权为他人谋利。", "中", "作风建设", null},
            {"简答题", "结合本职工作，谈谈如何落实中央八项规定精神。", null, "要点：改进调查研究；精简会议文件；厉行勤俭节约；密切联系群众；结合实例。", "难", "作风建设", null}};

    synchronized void loadIfMissing() {
        Long countyOrg = jdbc.sql(Unscoped.because("demo data") + "select scope_org_id from account_name where username = 'zzb'")
                .query(Long.class).optional().orElse(null);
        if (countyOrg == null || exams.anyOwnedBy(countyOrg)) {
            return;
        }
        long started = System.currentTimeMillis();
        CurrentUser zzb = ((CurrentUser) users.loadUserByUsername("zzb")).withoutPassword();
        CurrentUser ganbu = ((CurrentUser) users.loadUserByUsername("ganbu")).withoutPassword();
        long examId = RunAs.as(zzb, () -> {
            for (String[] q : QUESTIONS) {
                bank.create(new QuestionForm(q[0], q[1], q[2] == null ? List.of() : List.of(q[2].split("\\|")), q[3], q[4], q[5], q[6]));
            }
            // 8 × 3 + 5 × 6 + 4 × 4 + 1 × 30 = 100 points
            Exams.Exam e = exams.create(new Exams.ExamForm(TITLE, ExamPurpose.PRE_APPOINTMENT, null, countyOrg, List.of(
                    new Exams.Line("廉政法规", null, 8, new BigDecimal("3")), new Exams.Line("党纪", null, 5, new BigDecimal("6")),
                    new Exams.Line("廉洁自律", null, 4, new BigDecimal("4")), new Exams.Line("作风建设", null, 1, new BigDecimal("30"))),
                    new BigDecimal("60"), 60, 2, "BEST", null, null));
            return exams.publish(e.id()).id();
        });
        Map<Long, QuestionBank.Question> questions = new HashMap<>();
        Function<Long, QuestionBank.Question> keys = id -> questions.computeIfAbsent(id, i -> RunAs.as(zzb, () -> bank.get(i)));
        List<CurrentUser> candidates = new ArrayList<>();
        candidates.add(ganbu);
        List<Map<String, Object>> others = jdbc.sql(Unscoped.because("demo data") + """
                        select c.id, c.name from cadre_card c join org_unit o on o.id = c.org_id join org_unit t on t.id = ?
                        where o.path like t.path || '%' and c.id <> ? order by c.id limit 5""")
                .params(countyOrg, ganbu.cadreId()).query().listOfRows();
        for (Map<String, Object> o : others) {
            long cadre = ((Number) o.get("id")).longValue();
            candidates.add(new CurrentUser(-cadre, "demo-cadre-" + cadre, (String) o.get("name"), null, Role.CADRE, null, null, cadre, true, false));
        }
        int[] skill = {9, 10, 7, 5, 8, 4}; // of ten questions, about how many each gets right
        List<long[]> toGrade = new ArrayList<>();
        final int last = candidates.size() - 1;
        for (int i = 0; i < candidates.size(); i++) {
            final int n = i;
            CurrentUser who = candidates.get(i);
            RunAs.as(who, () -> {
                long attempt = attempts.start(examId).attemptId();
                Attempts.Paper paper = attempts.paper(attempt);
                Map<Long, String> answers = new HashMap<>();
                int j = 0;
                for (Attempts.PaperQuestion q : paper.questions()) {
                    boolean right = (n * 7 + j++ * 3) % 10 < skill[n];
                    answers.put(q.questionId(), q.kind() == org.ganxun.exam.QuestionKind.SHORT
                            ? "一是严格遵守中央八项规定精神，不收受礼品礼金；二是按规定如实报告个人有关事项；三是管好家属和身边工作人员。"
                            : right ? rightAnswer(q, keys) : wrongAnswer(q, keys));
                }
                attempts.submit(attempt, answers);
                if (n != last) {
                    for (Attempts.PaperQuestion q : paper.questions()) {
                        if (q.kind() == org.ganxun.exam.QuestionKind.SHORT) {
                            toGrade.add(new long[] {attempt, q.questionId(), 14 + n * 3});
                        }
                    }
                }
                return null;
            });
        }
        // the short answers graded by the organisation department, but the last candidate's, which waits for a grader
        RunAs.as(zzb, () -> {
            for (long[] g : toGrade) {
                results.grade(examId, g[0], g[1], BigDecimal.valueOf(g[2]));
            }
            return null;
        });
        log.info("Loaded the demo's exam ({} candidates) in {} ms", candidates.size(), System.currentTimeMillis() - started);
    }

    /** The key of a question in the letters this candidate's paper shows (the bank read as its owner, zzb). */
    private static String rightAnswer(Attempts.PaperQuestion q, Function<Long, QuestionBank.Question> keys) {
        QuestionBank.Question question = keys.apply(q.questionId());
        String key = question.answer();
        switch (q.kind()) {
            case SINGLE, MULTIPLE -> {
                List<String> original = question.options();
                StringBuilder shown = new StringBuilder();
                for (char k : key.toCharArray()) {
                    shown.append((char) ('A' + q.options().indexOf(original.get(k - 'A'))));
                }
                return shown.toString();
            }
            case TRUE_FALSE -> {
                return key;
            }
            default -> {
                return key.split("/")[0];
            }
        }
    }

    private static String wrongAnswer(Attempts.PaperQuestion q, Function<Long, QuestionBank.Question> keys) {
        String right = rightAnswer(q, keys);
        return switch (q.kind()) {
            case TRUE_FALSE -> right.equals("T") ? "F" : "T";
            case SINGLE -> right.equals("A") ? "B" : "A";
            case MULTIPLE -> right.length() > 1 ? right.substring(1) : "A";
            default -> "不清楚";
        };
    }
}
