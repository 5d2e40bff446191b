package org.ganxun.survey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.deepoove.poi.XWPFTemplate;
import com.deepoove.poi.data.PictureType;
import com.deepoove.poi.data.Pictures;
import com.deepoove.poi.data.RowRenderData;
import com.deepoove.poi.data.Rows;
import com.deepoove.poi.data.TableRenderData;
import com.deepoove.poi.data.Tables;
import org.ganxun.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The survey report as a Word document, rendered with poi-tl from survey/report-template.docx in the
 * structure of a county's training-needs survey report: 一、调研的基本情况 (dates, scope, issued, returned,
 * forums), 二、调研发现 (a sentence of figures, a bar chart drawn server-side as a PNG, and a table per
 * question), 三、存在的问题 (problem questions in the report's own phrasing, and forum points), 四、意见和建议
 * (left for the author), 五、拟纳入年度培训计划的培训班 (the proposals). Everything is ordinary Word text,
 * editable after download.
 */
@Service
public class SurveyReport {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("M月d日");
    private static final String[] ORDINALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
            "十五", "十六", "十七", "十八", "十九", "二十"};

    private final Surveys surveys;
    private final SurveyReturns returns;
    private final SurveyAnalysis analysis;
    private final Forums forums;
    private final ClassProposals proposals;
    private final AuditLog audit;
    private final Clock clock;

    SurveyReport(Surveys surveys, SurveyReturns returns, SurveyAnalysis analysis, Forums forums, ClassProposals proposals, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.surveys = surveys;
        this.returns = returns;
        this.analysis = analysis;
        this.forums = forums;
        this.proposals = proposals;
        this.audit = audit;
    }

    public record Document(String fileName, byte[] content) {
    }

    @Transactional
    public Document render(long surveyId) {
        Surveys.Survey s = surveys.requireVisible(surveyId);
        SurveyReturns.Progress progress = returns.progress(surveyId);
        SurveyAnalysis.Analysis a = analysis.compute(s);
        List<Forums.Forum> fs = forums.of(surveyId);
        List<DraftClassProposal> ps = proposals.of(surveyId);
        Integer addressed = progress.issued() == null ? returns.addressed(s) : null;
        Map<String, Object> data = data(s, progress, addressed, a, fs, ps);
        byte[] content;
        try (InputStream in = template(); XWPFTemplate t = XWPFTemplate.compile(in).render(data)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.write(out);
            content = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.recordExport("Survey", s.id(), "调研报告：" + s.title(), AuditLog.filter("surveyId", s.id()), progress.returned());
        return new Document(title(s) + ".docx", content);
    }

    private static InputStream template() {
        InputStream in = SurveyReport.class.getResourceAsStream("/survey/report-template.docx");
        return in != null ? in : new java.io.ByteArrayInputStream(ReportTemplate.build());
    }

    static String title(Surveys.Survey s) {
        return s.title().endsWith("报告") ? s.title() : s.title().replaceFirst("(问卷|调查问卷)$", "") + (s.title().contains("调研") ? "报告" : "调研报告");
    }

    Map<String, Object> data(Surveys.Survey s, SurveyReturns.Progress p, Integer addressed, SurveyAnalysis.Analysis a,
                             List<Forums.Forum> fs, List<DraftClassProposal> ps) {
        Map<String, Object> d = new HashMap<>();
        d.put("title", title(s));
        int topics = (int) a.questions().stream().filter(q -> !SurveyModel.GROUP_QUESTIONS.contains(q.name())).count();
        d.put("intro", intro(s, p, addressed, fs, topics));

        // ---- 一、调研的基本情况
        d.put("overview", "本次调研共收回有效问卷" + p.returned() + "份，各调研对象的发放、回收情况如下表：");
        List<RowRenderData> rows = new ArrayList<>();
        rows.add(Rows.of("调研对象", "发放（份）", "回收（份）", "回收率").textBold().center().bgColor("D9E2F3").create());
        for (SurveyReturns.GroupProgress g : p.groups()) {
            rows.add(Rows.of(g.label(), g.issued() == null ? "—" : String.valueOf(g.issued()), String.valueOf(g.returned()),
                    g.rate() == null ? "—" : ClassProposals.fmt(g.rate()) + "%").center().create());
        }
        // without issued numbers the rate is the share of the cadres addressed, as the text says (占调研对象的…%)
        String totalRate = p.rate() != null ? ClassProposals.fmt(p.rate()) + "%"
                : p.addressedRate() != null ? ClassProposals.fmt(p.addressedRate()) + "%（占调研对象" + p.addressed() + "人）" : "—";
        rows.add(Rows.of("合计", p.issued() == null ? "—" : String.valueOf(p.issued()), String.valueOf(p.returned()), totalRate)
                .textBold().center().create());
        d.put("returnsTable", Tables.create(rows.toArray(new RowRenderData[0])));
        String lead = "从答卷人构成看";
        StringBuilder who = new StringBuilder(lead);
        for (var e : a.respondents().entrySet()) {
            List<SurveyAnalysis.GroupCount> known = e.getValue().stream().filter(g -> g.group() != null).toList();
            if (known.isEmpty()) {
                continue;
            }
            who.append(who.length() == lead.length() ? "，按" : "；按").append(e.getKey().label()).append("分：")
                    .append(groupsInProse(e.getValue()));
        }
        d.put("respondentSummary", who.length() == lead.length() ? "" : who.append("。").toString());
        List<Map<String, Object>> forumItems = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) {
            Forums.Forum f = fs.get(i);
            String groups = f.attendees().stream().map(x -> x.group() + x.count() + "人").collect(Collectors.joining("、"));
            String points = f.points().stream().map(Forums.Point::text).map(t -> t.replaceAll("[。；;]$", "")).collect(Collectors.joining("；"));
            forumItems.add(Map.of("heading", "（" + ORDINALS[Math.min(i, ORDINALS.length - 1)] + "）" + f.place() + "座谈会。",
                    "summary", DATE.format(f.heldOn()) + "在" + f.place() + "召开" + (f.attendeeCount() == 0 ? "" : "，参会" + f.attendeeCount() + "人")
                            + (groups.isEmpty() ? "" : "（" + groups + "）") + "。" + (points.isEmpty() ? "" : "座谈中反映：" + points + "。")));
        }
        d.put("forums", forumItems);

        // ---- 二、调研发现
        List<Map<String, Object>> findings = new ArrayList<>();
        int n = 0;
        for (SurveyAnalysis.QuestionResult q : a.questions()) {
            if (SurveyModel.GROUP_QUESTIONS.contains(q.name())) {
                continue;
            }
            Map<String, Object> f = new HashMap<>();
            f.put("heading", "（" + ORDINALS[Math.min(n++, ORDINALS.length - 1)] + "）" + topic(q.title()));
            f.put("sentence", sentence(q, fs));
            List<Charts.Bar> bars = bars(q);
            if (!bars.isEmpty()) {
                byte[] png = Charts.bars(bars, 720);
                int h = (int) Math.round(560.0 * (20 + bars.size() * 30) / 720);
                f.put("chart", Pictures.ofBytes(png, PictureType.PNG).size(560, h).create());
            }
            TableRenderData table = table(q);
            if (table != null) {
                f.put("table", table);
            }
            findings.add(f);
        }
        d.put("findings", findings);

        // ---- 三、存在的问题
        List<Map<String, Object>> problems = new ArrayList<>();
        for (SurveyAnalysis.QuestionResult q : a.questions()) {
            if (!isProblemQuestion(q)) {
                continue;
            }
            List<SurveyAnalysis.OptionCount> chosen = q.options().stream().filter(o -> o.count() > 0)
                    .sorted(Comparator.comparingLong(SurveyAnalysis.OptionCount::count).reversed()).toList();
            if (chosen.isEmpty()) {
                continue;
            }
            String text = "在收回的" + a.returns() + "份调查问卷中，针对“" + topic(q.title()) + "”的调查问题，分别有"
                    + chosen.stream().map(o -> o.count() + "人认为" + o.text()).collect(Collectors.joining("，")) + "。";
            String said = forumPoints(fs, q.name());
            problems.add(Map.of("text", text + (said.isEmpty() ? "" : "座谈时，调研对象也反映：" + said + "。")));
        }
        d.put("problems", problems);
        d.put("authorProblems", "【请撰稿人结合问卷和座谈情况，在此补充分析存在问题的原因。】");
        d.put("authorSuggestions", "【请撰稿人在此填写意见和建议，如：坚持按需施教、缺什么补什么，丰富培训内容和形式，加强学用结合，"
                + "扩大一般干部和村级班子成员的受训面等。】");
        d.put("proposalIntro", ps.isEmpty() ? "（尚未提出培训班建议，可在“培训计划建议”中生成。）"
                : "根据调研结果，建议在年度培训计划中安排以下培训班：");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            DraftClassProposal x = ps.get(i);
            items.add(Map.of("text", (i + 1) + ". " + x.topic() + "（培训对象：" + x.targetGroup().replaceFirst("^[^：]*：", "") + "）：" + x.rationale() + "。"));
        }
        d.put("proposals", items);
        d.put("organiser", s.orgName());
        d.put("date", DATE.format(LocalDate.now(clock)));
        return d;
    }

    /**
     * The opening paragraph, in the organiser's voice: why (the aim, when the description states one), who ran the
     * survey and when, for whom, how it was answered, and the figures - issued and returned with the return rate; or,
     * when nobody counted the questionnaires handed out, the people the target groups cover; or only the returns.
     * The description's words to the respondents (不记名, 请如实填写) are never quoted.
     */
    static String intro(Surveys.Survey s, SurveyReturns.Progress p, Integer addressed, List<Forums.Forum> fs, int topics) {
        StringBuilder sb = new StringBuilder();
        String aim = aim(s.purpose());
        if (aim != null) {
            sb.append(aim).append("，");
        }
        sb.append(s.orgName());
        if (s.startsOn() != null) {
            sb.append("于").append(DATE.format(s.startsOn()));
            if (s.endsOn() != null && s.endsOn().isAfter(s.startsOn())) {
                sb.append("至").append((s.endsOn().getYear() == s.startsOn().getYear() ? MONTH_DAY : DATE).format(s.endsOn()));
            }
        }
        sb.append("组织开展了").append(name(s));
        String whom = s.targets().stream().map(Surveys.Target::label).distinct().collect(Collectors.joining("、"));
        sb.append(whom.isEmpty() ? "" : "，调研对象为" + whom).append("。");

        long online = channel(p, SurveyReturns.Channel.ONLINE) + channel(p, SurveyReturns.Channel.APP);
        long paper = channel(p, SurveyReturns.Channel.PAPER);
        long imported = channel(p, SurveyReturns.Channel.IMPORT);
        List<String> ways = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        if (online > 0) {
            ways.add("网上填写");
            counts.add("网上填写" + online + "份");
        }
        if (paper > 0) {
            ways.add("纸质问卷");
            counts.add("纸质问卷" + paper + "份");
        }
        if (imported > 0) {
            ways.add("电子表格导入");
            counts.add("电子表格导入" + imported + "份");
        }
        sb.append("调研采取").append(s.anonymous() ? "不记名" : "记名").append("问卷方式");
        if (!ways.isEmpty()) {
            sb.append("，通过").append(String.join("与", ways)).append(ways.size() > 1 ? "相结合的方式" : "方式").append("收集答卷");
        }
        sb.append("。");

        String returned = "收回有效问卷" + p.returned() + "份" + (counts.size() > 1 ? "（其中" + String.join("、", counts) + "）" : "");
        if (p.issued() != null) {
            sb.append("共发放调查问卷").append(p.issued()).append("份，").append(returned);
            if (p.rate() != null) {
                sb.append("，回收率").append(ClassProposals.fmt(p.rate())).append("%");
            }
        } else if (addressed != null && addressed > 0) {
            sb.append("调研对象范围内共有在职干部").append(addressed).append("人，").append(returned)
                    .append("，占调研对象的").append(ClassProposals.fmt(SurveyReturns.rate(p.returned(), addressed))).append("%");
        } else {
            sb.append("共").append(returned);
        }
        if (!fs.isEmpty()) {
            sb.append("，并").append(fs.size() > 1 ? "分别" : "").append("在").append(fs.stream().map(Forums.Forum::place)
                    .collect(Collectors.joining("、"))).append("召开").append(fs.size()).append("场座谈会");
        }
        sb.append("。");
        if (topics > 0) {
            sb.append("调研内容涵盖").append(topics).append("个方面的问题。");
        }
        return sb.append("现将调研情况报告如下：").toString();
    }

    private static long channel(SurveyReturns.Progress p, SurveyReturns.Channel c) {
        return p.byChannel().getOrDefault(c.label, 0L);
    }

    /**
     * The aim of the survey when its description opens with one in the organiser's voice ("为……"), else null: the rest
     * of a description is addressed to the respondents (您, 请如实填写, 问卷不记名) and has no place in the report's prose.
     */
    static String aim(String purpose) {
        if (purpose == null) {
            return null;
        }
        String first = purpose.strip().split("[。！!；;？?\\n]", 2)[0].strip().replaceAll("[，,、：:\\s]+$", "");
        return first.startsWith("为") && first.length() > 3 && !first.matches(".*(您|你|请|填写|填答|不记名|匿名|如实).*") ? first : null;
    }

    /** The survey as the report names it: its title without 问卷 (2026年干部教育培训需求调研). */
    static String name(Surveys.Survey s) {
        String n = s.title().strip().replaceFirst("(调查问卷|问卷)$", "");
        return n.endsWith("调研") || n.endsWith("调查") ? n : n + "调研";
    }

    /** A question's title as the report quotes it: without the note to respondents in brackets (（最多选3项）) or the question mark. */
    static String topic(String title) {
        String t = title.strip().replaceAll("(（[^（）]*）|\\([^()]*\\))+$", "").strip().replaceAll("[？?]$", "");
        return t.isEmpty() ? title.strip() : t;
    }

    /** Groups named in the report's prose; a county's eighty units would bury the sentence (the table keeps them all). */
    static final int PROSE_GROUPS = 10;

    static String groupsInProse(List<SurveyAnalysis.GroupCount> groups) {
        String named = groups.stream().limit(PROSE_GROUPS)
                .map(g -> fullWidth(g.label()) + g.count() + "人（" + ClassProposals.fmt(g.share()) + "%）")
                .collect(Collectors.joining("、"));
        if (groups.size() <= PROSE_GROUPS) {
            return named;
        }
        List<SurveyAnalysis.GroupCount> rest = groups.subList(PROSE_GROUPS, groups.size());
        long people = rest.stream().mapToLong(SurveyAnalysis.GroupCount::count).sum();
        double share = rest.stream().mapToDouble(SurveyAnalysis.GroupCount::share).sum();
        return named + "，其余" + rest.size() + "个共" + people + "人（" + ClassProposals.fmt(share) + "%）";
    }

    /** A label in the report's punctuation: 村(社区)干部 as 村（社区）干部. */
    private static String fullWidth(String label) {
        return label.replace('(', '（').replace(')', '）');
    }

    private static boolean isProblemQuestion(SurveyAnalysis.QuestionResult q) {
        return (q.type().equals("checkbox") || q.type().equals("radiogroup"))
                && (q.name().startsWith("problem") || q.title().contains("问题") || q.title().contains("不足") || q.title().contains("有何意见"));
    }

    private static String forumPoints(List<Forums.Forum> fs, String question) {
        return fs.stream().flatMap(f -> f.points().stream()).filter(pt -> pt.topics() != null && pt.topics().contains(question))
                .map(pt -> pt.text().replaceAll("[。；;]$", "")).collect(Collectors.joining("；"));
    }

    private static String sentence(SurveyAnalysis.QuestionResult q, List<Forums.Forum> fs) {
        StringBuilder sb = new StringBuilder();
        switch (q.type()) {
            case "ranking" -> {
                sb.append("共").append(q.answered()).append("人作答。按排序计分（共").append(q.ranking().size())
                        .append("项，排第1位得").append(q.ranking().size()).append("分，依次递减至1分）合计，依次为：")
                        .append(q.ranking().stream().map(r -> r.text() + "（" + r.score() + "分，平均" + r.averageScore() + "分）")
                                .collect(Collectors.joining("、"))).append("。");
            }
            case "matrix" -> {
                sb.append("共").append(q.answered()).append("人作答。");
                for (SurveyAnalysis.MatrixRow r : q.rows()) {
                    sb.append("“").append(r.text()).append("”：").append(r.options().stream().filter(o -> o.count() > 0)
                            .map(o -> o.text() + o.count() + "人（" + ClassProposals.fmt(o.share()) + "%）").collect(Collectors.joining("，"))).append("；");
                }
                if (sb.charAt(sb.length() - 1) == '；') {
                    sb.setCharAt(sb.length() - 1, '。');
                }
            }
            case "comment", "text" -> {
                sb.append("共").append(q.answered()).append("人作答");
                // "mentioned most" only of words more than one person used; a few single answers are listed as such
                boolean repeated = q.keywords().stream().anyMatch(k -> k.count() > 1);
                if (!q.keywords().isEmpty()) {
                    sb.append(repeated ? "，提及较多的有：" : "，涉及：").append(q.keywords().stream()
                            .filter(k -> !repeated || k.count() > 1).limit(10)
                            .map(k -> k.word() + (repeated ? "（" + k.count() + "人）" : ""))
                            .collect(Collectors.joining("、")));
                }
                sb.append("。");
                if (!q.representative().isEmpty()) {
                    sb.append("代表性意见如：").append(q.representative().stream().map(t -> "“" + t + "”").collect(Collectors.joining("；"))).append("。");
                }
            }
            default -> {
                sb.append("在").append(q.answered()).append("份有效答卷中");
                List<SurveyAnalysis.OptionCount> sorted = q.options().stream().filter(o -> o.count() > 0)
                        .sorted(Comparator.comparingLong(SurveyAnalysis.OptionCount::count).reversed()).toList();
                sb.append(sorted.isEmpty() ? "，暂无选择" : "，" + sorted.stream()
                        .map(o -> (q.type().equals("rating") ? "打" + o.text() + "分" : "选择“" + o.text() + "”") + "的" + o.count() + "人，占"
                                + ClassProposals.fmt(o.share()) + "%")
                        .collect(Collectors.joining("；")));
                if (q.type().equals("checkbox")) {
                    sb.append("（本题可多选）");
                }
                if (q.average() != null) {
                    sb.append("，平均").append(q.average()).append("分");
                }
                sb.append("。");
            }
        }
        String said = forumPoints(fs, q.name());
        if (!said.isEmpty()) {
            sb.append("座谈中也有反映：").append(said).append("。");
        }
        return sb.toString();
    }

    private static List<Charts.Bar> bars(SurveyAnalysis.QuestionResult q) {
        if (q.type().equals("ranking")) {
            long max = q.ranking().stream().mapToLong(SurveyAnalysis.RankItem::score).max().orElse(0);
            return q.ranking().stream().map(r -> new Charts.Bar(r.text(), r.score(), max == 0 ? 0 : r.score() * 100.0 / max)).toList();
        }
        return q.options().stream().map(o -> new Charts.Bar(o.text(), o.count(), o.share())).toList();
    }

    /** The options with the total and the shares by rank level (or staff category when only one rank level answered). */
    private static TableRenderData table(SurveyAnalysis.QuestionResult q) {
        if (q.options().isEmpty() || q.crossTabs().isEmpty()) {
            return null;
        }
        SurveyAnalysis.CrossTab tab = q.crossTabs().stream().filter(t -> t.groups().stream()
                        .filter(g -> !SurveyAnalysis.NOT_GIVEN.equals(g.group())).count() >= 2)
                .findFirst().orElse(null);
        List<SurveyAnalysis.GroupColumn> groups = tab == null ? List.of() : tab.groups().stream().limit(6).toList();
        List<RowRenderData> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("选项", "人数", "比例"));
        groups.forEach(g -> head.add(fullWidth(g.label()) + "（" + g.answered() + "人）"));
        rows.add(Rows.of(head.toArray(new String[0])).textBold().center().bgColor("D9E2F3").create());
        for (int i = 0; i < q.options().size(); i++) {
            SurveyAnalysis.OptionCount o = q.options().get(i);
            List<String> cells = new ArrayList<>(List.of(o.text(), String.valueOf(o.count()), ClassProposals.fmt(o.share()) + "%"));
            for (SurveyAnalysis.GroupColumn g : groups) {
                cells.add(ClassProposals.fmt(g.options().get(i).share()) + "%");
            }
            rows.add(Rows.of(cells.toArray(new String[0])).center().create());
        }
        return Tables.create(rows.toArray(new RowRenderData[0]));
    }
}
