package org.ganxun.survey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    private static final String[] ORDINALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
            "十五", "十六", "十七", "十八", "十九", "二十"};

    private final Surveys surveys;
    private final SurveyReturns returns;
    private final SurveyAnalysis analysis;
    private final Forums forums;
    private final ClassProposals proposals;
    private final AuditLog audit;

    SurveyReport(Surveys surveys, SurveyReturns returns, SurveyAnalysis analysis, Forums forums, ClassProposals proposals, AuditLog audit) {
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
        Map<String, Object> data = data(s, progress, a, fs, ps);
        byte[] content;
        try (InputStream in = template(); XWPFTemplate t = XWPFTemplate.compile(in).render(data)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.write(out);
            content = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record("EXPORT", "Survey", s.id(), "下载调研报告：" + s.title(), null, null);
        return new Document(title(s) + ".docx", content);
    }

    private static InputStream template() {
        InputStream in = SurveyReport.class.getResourceAsStream("/survey/report-template.docx");
        return in != null ? in : new java.io.ByteArrayInputStream(ReportTemplate.build());
    }

    static String title(Surveys.Survey s) {
        return s.title().endsWith("报告") ? s.title() : s.title().replaceFirst("(问卷|调查问卷)$", "") + (s.title().contains("调研") ? "报告" : "调研报告");
    }

    Map<String, Object> data(Surveys.Survey s, SurveyReturns.Progress p, SurveyAnalysis.Analysis a, List<Forums.Forum> fs,
                             List<DraftClassProposal> ps) {
        Map<String, Object> d = new HashMap<>();
        d.put("title", title(s));
        // ---- intro, as the seed report opens
        StringBuilder intro = new StringBuilder();
        if (s.purpose() != null && !s.purpose().isBlank()) {
            intro.append(s.purpose().strip().replaceAll("[。，,.]$", "")).append("，");
        }
        intro.append(s.orgName()).append("组织开展了").append(s.title().replaceFirst("(问卷|调查问卷)$", "")).append("。");
        if (s.startsOn() != null) {
            intro.append("调研于").append(DATE.format(s.startsOn())).append("开始");
            if (s.endsOn() != null) {
                intro.append("，").append(DATE.format(s.endsOn())).append("结束");
            }
            intro.append("，");
        }
        String scope = s.targets().stream().map(Surveys.Target::orgName).distinct().collect(Collectors.joining("、"));
        intro.append("在").append(scope.isEmpty() ? s.orgName() : scope).append("共发放调查问卷")
                .append(p.issued() == null ? "若干" : p.issued()).append("份，收回").append(p.returned()).append("份");
        if (p.rate() != null) {
            intro.append("（回收率").append(ClassProposals.fmt(p.rate())).append("%）");
        }
        if (!fs.isEmpty()) {
            intro.append("，分别在").append(fs.stream().map(Forums.Forum::place).collect(Collectors.joining("、")))
                    .append("召开").append(fs.size()).append("场座谈会");
        }
        intro.append("。被调查对象包括").append(s.targets().stream().map(Surveys.Target::label).collect(Collectors.joining("、"))).append("。");
        intro.append("调研内容涵盖").append(a.questions().size()).append("个方面的问题。形成调研报告，具体如下：");
        d.put("intro", intro.toString());

        // ---- 一、调研的基本情况
        String channels = p.byChannel().entrySet().stream().map(e -> e.getKey() + e.getValue() + "份").collect(Collectors.joining("、"));
        d.put("overview", "本次调研共收回问卷" + p.returned() + "份" + (channels.isEmpty() ? "" : "（" + channels + "）")
                + "。各调研对象的发放、回收情况如下表：");
        List<RowRenderData> rows = new ArrayList<>();
        rows.add(Rows.of("调研对象", "发放（份）", "回收（份）", "回收率").textBold().center().bgColor("D9E2F3").create());
        for (SurveyReturns.GroupProgress g : p.groups()) {
            rows.add(Rows.of(g.label(), g.issued() == null ? "—" : String.valueOf(g.issued()), String.valueOf(g.returned()),
                    g.rate() == null ? "—" : ClassProposals.fmt(g.rate()) + "%").center().create());
        }
        rows.add(Rows.of("合计", p.issued() == null ? "—" : String.valueOf(p.issued()), String.valueOf(p.returned()),
                p.rate() == null ? "—" : ClassProposals.fmt(p.rate()) + "%").textBold().center().create());
        d.put("returnsTable", Tables.create(rows.toArray(new RowRenderData[0])));
        StringBuilder who = new StringBuilder("从答卷人构成看");
        for (var e : a.respondents().entrySet()) {
            List<SurveyAnalysis.GroupCount> known = e.getValue().stream().filter(g -> g.group() != null).toList();
            if (known.isEmpty()) {
                continue;
            }
            who.append("，按").append(e.getKey().label()).append("分：").append(e.getValue().stream()
                    .map(g -> g.label() + g.count() + "人（" + ClassProposals.fmt(g.share()) + "%）").collect(Collectors.joining("、")));
        }
        d.put("respondentSummary", who.append("。").toString());
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
            f.put("heading", "（" + ORDINALS[Math.min(n++, ORDINALS.length - 1)] + "）" + q.title().replaceAll("[？?]$", ""));
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
            String text = "在收回的" + a.returns() + "份调查问卷中，针对“" + q.title().replaceAll("[？?]$", "") + "”的调查问题，分别有"
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
            items.add(Map.of("text", (i + 1) + ". " + x.topic() + "（培训对象：" + x.targetGroup() + "）：" + x.rationale() + "。"));
        }
        d.put("proposals", items);
        d.put("organiser", s.orgName());
        d.put("date", DATE.format(LocalDate.now()));
        return d;
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
                if (!q.keywords().isEmpty()) {
                    sb.append("，提及较多的有：").append(q.keywords().stream().limit(10).map(k -> k.word() + "（" + k.count() + "人）")
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
                        .map(o -> "选择“" + o.text() + "”的" + o.count() + "人，占" + ClassProposals.fmt(o.share()) + "%")
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
        groups.forEach(g -> head.add(g.label() + "（" + g.answered() + "人）"));
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
