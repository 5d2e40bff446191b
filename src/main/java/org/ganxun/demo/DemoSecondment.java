package org.ganxun.demo;

import static org.ganxun.platform.security.RunAs.as;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.secondment.CandidateSource;
import org.ganxun.secondment.Direction;
import org.ganxun.secondment.EvaluationKind;
import org.ganxun.secondment.Evaluations;
import org.ganxun.secondment.ExpenseCategory;
import org.ganxun.secondment.Postings;
import org.ganxun.secondment.Programmes;
import org.ganxun.secondment.ReviewConclusion;
import org.ganxun.secondment.Selection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo secondment (挂职锻炼) on top of the loaded county, through the secondment module's own services, each
 * step signed in as the account whose job it is: 组织部 {@code zzb} sets up the programmes and posts, puts
 * reserve cadres forward (or, where a unit has too few, ones its leadership recommends), scores, ranks and selects them, comments on logs, books expenses and records the
 * final evaluations; 富驿镇's liaison {@code fuyi} recommends the demo cadre and refuses to release another
 * of his town's people (with a reason); the demo cadre {@code ganbu} writes his work logs.
 * <ul>
 * <li>This year's 上挂 programme (乡镇干部到县级部门挂职), started five months ago: six posts in county
 * departments, candidates from five townships, the top five selected, one refused by 富驿镇 and replaced by the
 * next in rank, the last two not selected; {@code ganbu} posted to 县农业农村局 with logs (some commented), a
 * mid-term review and two expenses; one rotation; a forum. The other secondees have no logs yet, so the
 * alerts page shows them overdue.</li>
 * <li>An earlier 下派 programme (县直部门年轻干部到乡镇挂职) that ended months ago, with four postings in
 * townships (one in 富驿镇) and their final evaluations (优秀 to 基本称职). Its logs were kept on paper, so
 * the programme does not weigh log completeness.</li>
 * </ul>
 * Dates are relative to today; every other choice is fixed.
 */
@Component
class DemoSecondment {

    static final String[] CURRENT_SENDERS = {"富驿镇", "金孔镇", "黄甸镇", "八角镇", "两河镇"};
    /** Receiving departments of this year's posts; the last one is left free for the rotation. */
    static final String[] CURRENT_POSTS = {"县农业农村局", "县发展和改革局", "县自然资源局", "县信访局", "县商务局", "县乡村振兴局"};
    static final String[] ENDED_SENDERS = {"县发展和改革局", "县财政局", "县农业农村局", "县住房和城乡建设局", "县水利局"};
    static final String[] ENDED_POSTS = {"富驿镇", "金孔镇", "玉龙镇", "鹅溪镇"};
    static final String REFUSAL = "该同志是镇应急管理和森林防火工作骨干，当前正值秋冬防火关键期，镇党委研究暂不放行，建议下一批次再行选派";

    private final JdbcClient jdbc;
    private final Programmes programmes;
    private final Selection selection;
    private final Postings postings;
    private final Evaluations evaluations;

    DemoSecondment(JdbcClient jdbc, Programmes programmes, Selection selection, Postings postings, Evaluations evaluations) {
        this.jdbc = jdbc;
        this.programmes = programmes;
        this.selection = selection;
        this.postings = postings;
        this.evaluations = evaluations;
    }

    /** What was created, with the ids the tests look at. */
    record Loaded(long currentProgrammeId, String currentProgrammeName, int currentPostings, long ganbuPostingId, int ganbuLogs,
                  long refusedCadreId, long endedProgrammeId, String endedProgrammeName, int endedEvaluations) {
    }

    Loaded load(CurrentUser zzb, CurrentUser fuyi, CurrentUser ganbu, long countyId, LocalDate today) {
        Map<String, Long> units = units(countyId);
        Random random = new Random(1949);
        Ended ended = endedProgramme(zzb, countyId, units, today, random);

        // this year's 上挂: township cadres to county departments, for a year from five months ago
        LocalDate starts = today.minusMonths(5).withDayOfMonth(1);
        String name = starts.getYear() + "年县乡双向挂职（乡镇干部到县级部门上挂）";
        long programme = as(zzb, () -> programmes.create(form(name, Direction.UPWARD, countyId, starts, starts.plusYears(1).minusDays(1),
                "从乡镇选派优秀年轻干部到县级部门挂职一年，熟悉县级部门工作流程和政策，提升统筹协调和推动发展的能力。",
                "72000", "14400", "18000", null, ids(units, CURRENT_SENDERS))).id());
        List<Long> posts = new ArrayList<>();
        for (String dept : CURRENT_POSTS) {
            posts.add(as(zzb, () -> programmes.addPost(programme, new Programmes.PostForm(units.get(dept), "局长助理（挂职）",
                    DUTIES.get(dept), 1)).id()));
        }

        // candidates: the demo cadre recommended by his town; reserve cadres of the five towns from the pool
        long ganbuCadre = ganbu.cadreId();
        long ganbuCandidate = as(fuyi, () -> selection.register(programme, new Selection.CandidateForm(ganbuCadre,
                CandidateSource.ORGANISATION, "富驿镇党委", "分管农业农村工作，熟悉乡村振兴项目，群众基础好")).id());
        List<Selection.CandidateForm> pool = new ArrayList<>();
        int[] perTown = {1, 2, 2, 1, 1};
        for (int i = 0; i < CURRENT_SENDERS.length; i++) {
            pool.addAll(putForward(zzb, programme, units, CURRENT_SENDERS[i], perTown[i], ganbuCadre, "党委"));
        }
        long refusedCadre = pool.get(0).cadreId(); // 富驿镇's
        List<Long> candidates = new ArrayList<>();
        candidates.add(ganbuCandidate);
        for (Selection.CandidateForm f : pool) {
            candidates.add(as(zzb, () -> selection.register(programme, f).id()));
        }
        List<Selection.Candidate> ranked = scoreAndRank(zzb, programme, candidates, random, new int[][]{{88, 91, 90}, {87, 89, 86}});

        // the top five are selected, one post each; 富驿镇 does not release its reserve cadre; the next in rank takes the post
        List<Long> postingOf = new ArrayList<>();
        int selected = Math.min(5, ranked.size());
        for (int i = 0; i < selected; i++) {
            postingOf.add(approve(zzb, ranked.get(i).id(), posts.get(i), null));
        }
        Selection.Candidate refused = ranked.stream().filter(c -> c.cadreId() == refusedCadre).findFirst().orElseThrow();
        as(fuyi, () -> selection.refuse(refused.id(), new Selection.ReasonForm(REFUSAL)));
        int freed = ranked.indexOf(refused);
        if (selected < ranked.size()) {
            postingOf.set(freed, approve(zzb, ranked.get(selected).id(), posts.get(freed), starts.plusMonths(1)));
            selected++;
        } else {
            postingOf.remove(freed);
        }
        for (int i = selected; i < ranked.size(); i++) {
            long id = ranked.get(i).id();
            as(zzb, () -> selection.reject(id, new Selection.ReasonForm("综合成绩未进入本批次选派名额，列入下一批次人选")));
        }
        long ganbuPosting = postingOf.get(0);

        // during the posting: the demo cadre's logs, 组织部's comments, a review, expenses, a rotation, a forum
        int logs = ganbuLogs(zzb, ganbu, ganbuPosting, starts, today);
        as(zzb, () -> postings.review(ganbuPosting, new Postings.ReviewForm(starts.plusMonths(3),
                "到岗到位，参与全县高标准农田建设项目和农村集体经济发展调研，日志记录及时，接收单位评价好", ReviewConclusion.GOOD)));
        as(zzb, () -> postings.addExpense(ganbuPosting, new Postings.ExpenseForm(ExpenseCategory.HOUSING, new BigDecimal("3000.00"),
                starts.plusDays(9), "挂职期间租房补贴（第一季度）")));
        as(zzb, () -> postings.addExpense(ganbuPosting, new Postings.ExpenseForm(ExpenseCategory.TRAVEL, new BigDecimal("860.00"),
                starts.plusMonths(2).plusDays(5), "赴绵阳参加农业农村工作培训差旅费")));
        long rotated = postingOf.get(2);
        as(zzb, () -> postings.rotate(rotated, new Postings.RotationForm(posts.get(posts.size() - 1), today.minusMonths(1).withDayOfMonth(1),
                "根据工作需要轮岗，参与乡村振兴项目库建设")));
        as(zzb, () -> programmes.addForum(programme, new Programmes.ForumForm("挂职干部工作座谈会", starts.plusMonths(2).plusDays(14),
                "县委组织部会议室", "挂职干部、接收单位分管领导、县委组织部干部科", List.of(
                new Programmes.ForumPoint(null, "挂职干部", "希望接收单位多安排参与重点项目的具体工作", "各接收单位已明确每人至少参与一个重点项目"),
                new Programmes.ForumPoint(null, "挂职干部", "往返乡镇和县城的交通补贴标准不够清楚", "县委组织部已印发保障经费标准")))));

        return new Loaded(programme, name, postingOf.size(), ganbuPosting, logs, refusedCadre, ended.programme(), ended.name(),
                ended.evaluations());
    }

    private record Ended(long programme, String name, int evaluations) {
    }

    /** The earlier 下派 programme: a year ending eight months ago or more, four postings, all evaluated at the end. */
    private Ended endedProgramme(CurrentUser zzb, long countyId, Map<String, Long> units, LocalDate today, Random random) {
        LocalDate starts = today.minusMonths(20).withDayOfMonth(1);
        LocalDate ends = starts.plusYears(1).minusDays(1);
        String name = starts.getYear() + "年县直部门年轻干部到乡镇挂职锻炼";
        long programme = as(zzb, () -> programmes.create(form(name, Direction.DOWNWARD, countyId, starts, ends,
                "选派县直部门优秀年轻干部到乡镇挂任镇长助理，在基层一线经受锻炼。工作日志以纸质台账报送，期满考核不计日志完整率。",
                "48000", "9600", "12000", BigDecimal.ZERO, ids(units, ENDED_SENDERS))).id());
        List<Long> posts = new ArrayList<>();
        for (String town : ENDED_POSTS) {
            posts.add(as(zzb, () -> programmes.addPost(programme, new Programmes.PostForm(units.get(town), "镇长助理（挂职）",
                    "协助分管乡村振兴、农村集体经济和基层治理工作", 1)).id()));
        }
        List<Long> candidates = new ArrayList<>();
        for (String dept : ENDED_SENDERS) {
            for (Selection.CandidateForm f : putForward(zzb, programme, units, dept, 1, -1, "党组")) {
                candidates.add(as(zzb, () -> selection.register(programme, f).id()));
            }
        }
        List<Selection.Candidate> ranked = scoreAndRank(zzb, programme, candidates, random, new int[0][]);
        List<Long> postingIds = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            long id = ranked.get(i).id();
            if (i < posts.size()) {
                postingIds.add(approve(zzb, id, posts.get(i), null));
            } else {
                as(zzb, () -> selection.reject(id, new Selection.ReasonForm("综合成绩未进入本批次选派名额")));
            }
        }
        // 期满考核 ten days after the end: duty report, ballots (优秀/称职/基本称职/不称职), interviews, verification
        int[][] results = {{88, 14, 12, 2, 0, 86, 88}, {94, 22, 6, 0, 0, 93, 95}, {85, 10, 15, 3, 0, 84, 86}, {72, 4, 14, 8, 2, 70, 72}};
        String[] comments = {"工作扎实，较好完成挂职任务", "敢于担当，推动村集体经济项目落地见效，表现突出", "能够完成挂职任务，基层工作经验有待积累",
                "到岗到位情况一般，群众工作方法有待改进"};
        for (int i = 0; i < postingIds.size(); i++) {
            long posting = postingIds.get(i);
            int[] r = results[i % results.length];
            String comment = comments[i % comments.length];
            as(zzb, () -> evaluations.record(posting, new Evaluations.EvaluationForm(EvaluationKind.FINAL, ends.plusDays(10),
                    BigDecimal.valueOf(r[0]), r[1], r[2], r[3], r[4], BigDecimal.valueOf(r[5]), "个别谈话接收乡镇干部12人",
                    BigDecimal.valueOf(r[6]), "经向接收乡镇党委和派出单位核实，无违规违纪问题", comment)));
        }
        return new Ended(programme, name, postingIds.size());
    }

    // ---------------------------------------------------------------- steps

    private static Programmes.ProgrammeForm form(String name, Direction direction, long organiser, LocalDate starts, LocalDate ends,
                                                 String description, String housing, String transport, String travel,
                                                 BigDecimal logWeight, List<Long> senders) {
        // without log completeness, its 10% goes to the duty report and the democratic appraisal
        boolean logs = logWeight == null;
        return new Programmes.ProgrammeForm(name, direction, organiser, starts, ends, description, new BigDecimal(housing),
                new BigDecimal(transport), new BigDecimal(travel), 40, 3, List.of(RankLevel.STAFF, RankLevel.TOWNSHIP), null, null, null,
                logWeight, logs ? null : BigDecimal.valueOf(25), logs ? null : BigDecimal.valueOf(45), null, null, null, null, null, 7,
                senders);
    }

    /**
     * The first {@code n} eligible cadres of a sending unit itself (not of its villages or institutions; but {@code except})
     * as the pool lists them (by name): its reserve cadres from the reserve pool; when it has too few, its youngest others,
     * recommended by the unit's leadership ({@code leadership}: 党委, 党组).
     */
    private List<Selection.CandidateForm> putForward(CurrentUser department, long programme, Map<String, Long> units, String unit,
                                                     int n, long except, String leadership) {
        List<Selection.CandidateForm> out = new ArrayList<>();
        for (boolean reserve : new boolean[]{true, false}) {
            if (out.size() < n) {
                as(department, () -> selection.eligible(programme, reserve, null, units.get(unit))).stream()
                        .filter(c -> c.eligible() && !c.alreadyCandidate() && c.cadreId() != except && c.reserveCadre() == reserve
                                && unit.equals(c.orgName()))
                        .sorted(reserve ? (a, b) -> 0 : Comparator.comparingInt(Selection.EligibleCadre::age))
                        .limit(n - out.size())
                        .forEach(c -> out.add(reserve ? new Selection.CandidateForm(c.cadreId(), CandidateSource.RESERVE_POOL, null, null)
                                : new Selection.CandidateForm(c.cadreId(), CandidateSource.ORGANISATION, unit + leadership, null)));
            }
        }
        return out;
    }

    /** Written exam, interview and recommendation scores (the given ones first, then drawn), and the ranking. */
    private List<Selection.Candidate> scoreAndRank(CurrentUser department, long programme, List<Long> candidates, Random random,
                                                   int[][] fixed) {
        return as(department, () -> {
            for (int i = 0; i < candidates.size(); i++) {
                int[] s = i < fixed.length ? fixed[i] : new int[]{70 + random.nextInt(16), 70 + random.nextInt(16), 72 + random.nextInt(14)};
                selection.score(candidates.get(i), new Selection.ScoreForm(BigDecimal.valueOf(s[0]), BigDecimal.valueOf(s[1]),
                        BigDecimal.valueOf(s[2])));
            }
            return selection.candidates(programme);
        });
    }

    /** 组织部 selects the candidate for the post; returns the posting. */
    private long approve(CurrentUser department, long candidate, long post, LocalDate startsOn) {
        return as(department, () -> selection.approve(candidate, new Selection.ApproveForm(post, startsOn, null)).postingId());
    }

    /** The demo cadre's logs about every fortnight, the last two days ago; 组织部 comments on every other one. */
    private int ganbuLogs(CurrentUser department, CurrentUser cadre, long posting, LocalDate starts, LocalDate today) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = starts.plusDays(4); d.isBefore(today.minusDays(9)); d = d.plusDays(14)) {
            days.add(d);
        }
        days.add(today.minusDays(2));
        for (int i = 0; i < days.size(); i++) {
            LocalDate on = days.get(i);
            String content = LOGS[i % LOGS.length];
            long log = as(cadre, () -> postings.writeLog(posting, new Postings.LogForm(on, content)).id());
            if (i % 2 == 0 && i < days.size() - 1) {
                String comment = COMMENTS[(i / 2) % COMMENTS.length];
                as(department, () -> postings.comment(log, new Postings.CommentForm(comment)));
            }
        }
        return days.size();
    }

    // ---------------------------------------------------------------- data

    /** The county's units by name (its departments and townships are direct children of the county). */
    private Map<String, Long> units(long countyId) {
        return jdbc.sql("select name, id from org_unit where parent_id = ?").param(countyId)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    private static List<Long> ids(Map<String, Long> units, String[] names) {
        List<Long> out = new ArrayList<>();
        for (String n : names) {
            out.add(units.get(n));
        }
        return out;
    }

    private static final Map<String, String> DUTIES = Map.of(
            "县农业农村局", "协助做好高标准农田建设、农村集体经济发展和农业项目管理",
            "县发展和改革局", "协助做好重点项目谋划储备和项目申报",
            "县自然资源局", "协助做好国土空间规划和农村宅基地管理",
            "县信访局", "协助做好来信来访接待和矛盾纠纷排查化解",
            "县商务局", "协助做好招商引资项目跟踪服务和电商进农村工作",
            "县乡村振兴局", "协助做好乡村振兴项目库建设和衔接资金项目管理");

    private static final String[] LOGS = {
            "到县农业农村局报到，与局领导班子见面，学习局内工作制度和挂职期间工作安排。",
            "参加全县高标准农田建设项目推进会，梳理今年项目清单和进度，整理会议纪要。",
            "随局分管领导到富驿镇、金孔镇查看高标准农田项目现场，记录施工进度和群众反映的灌溉问题。",
            "参与起草全县农村集体经济发展情况调研提纲，联系五个乡镇收集基础数据。",
            "参加局党组理论学习中心组学习，交流基层推动乡村振兴的体会。",
            "协助审核农业项目资金拨付资料，学习项目资金管理办法，发现两处资料不全并督促补齐。",
            "到黄甸镇调研柑橘产业，走访种植大户三户，了解销售渠道和技术需求。",
            "参加秋季农业生产和秸秆综合利用工作部署会，负责会后情况汇总。",
            "完成农村集体经济调研报告初稿，提出盘活闲置资产、发展订单农业等四条建议。",
            "协助接待市农业农村局检查组，汇报高标准农田建设项目进展。",
            "参与冬春农田水利建设方案讨论，结合乡镇工作经验提出渠系配套意见。",
            "整理挂职以来工作情况，准备向派出单位和接收单位汇报。"};

    private static final String[] COMMENTS = {
            "到岗迅速，尽快熟悉业务，继续保持。", "现场记录细致，问题要跟踪到底。", "调研扎实，数据要核实准确。",
            "发现问题及时，体现了基层工作经验。", "报告建议有针对性，请结合局内意见修改完善。", "工作主动，能够发挥乡镇工作经验。"};
}
