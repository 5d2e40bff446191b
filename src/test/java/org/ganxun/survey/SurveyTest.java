package org.ganxun.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.idev.excel.FastExcel;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Browserless;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A training-needs survey end to end: twelve questionnaires whose every count is known in advance, entered
 * online, on paper and from a 问卷星-style Excel export, analysed identically; a named survey answered once
 * per person; the Word report read back with POI.
 */
@IntegrationTest
class SurveyTest {

    @Autowired Fixture fixture;
    @Autowired Surveys surveys;
    @Autowired SurveyReturns returns;
    @Autowired SurveyImport imports;
    @Autowired SurveyAnalysis analysis;
    @Autowired SurveyReport report;
    @Autowired Forums forums;
    @Autowired ClassProposals proposals;
    @Autowired OpenAnswers openAnswers;
    @Autowired SurveyKeywordBackfill backfill;
    @Autowired JsonMapper json;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    long county;
    long township;
    CurrentUser zzb;

    static final String MODEL = """
            {"pages": [{"name": "p1", "elements": [
              {"type": "radiogroup", "name": "rank_level", "title": "您的职级", "isRequired": true,
               "choices": [{"value": "COUNTY", "text": "县处级"}, {"value": "TOWNSHIP", "text": "乡科级"}, {"value": "STAFF", "text": "科员及以下"}]},
              {"type": "checkbox", "name": "problem_current", "title": "您对目前培训有何意见？", "isRequired": true, "maxSelectedChoices": 3,
               "ganxunTopic": true,
               "choices": [{"value": "monotonous", "text": "内容单一"}, {"value": "disconnected", "text": "学用脱节"},
                           {"value": "few", "text": "培训机会少"}, {"value": "outdated", "text": "方法陈旧"}]},
              {"type": "rating", "name": "satisfaction", "title": "总体满意度", "rateMin": 1, "rateMax": 5},
              {"type": "ranking", "name": "ability_rank", "title": "能力排序", "choices": [{"value": "a", "text": "政策理解能力"},
               {"value": "b", "text": "群众工作能力"}, {"value": "c", "text": "依法办事能力"}]},
              {"type": "matrix", "name": "effect", "title": "培训效果", "columns": [{"value": "good", "text": "好"}, {"value": "poor", "text": "差"}],
               "rows": [{"value": "theory", "text": "理论素养"}, {"value": "skill", "text": "业务能力"}]},
              {"type": "radiogroup", "name": "time_conflict", "title": "工作忙时是否影响参训", "choices": [{"value": "yes", "text": "经常影响"}, {"value": "no", "text": "不影响"}]},
              {"type": "comment", "name": "conflict_detail", "title": "影响参训的原因", "visibleIf": "{time_conflict} = 'yes'"},
              {"type": "comment", "name": "suggestions", "title": "意见和建议"}
            ]}]}""";

    /**
     * The twelve questionnaires. rank: 7 科员及以下, 4 乡科级, 1 县处级. Problems: 内容单一 5, 学用脱节 8, 培训机会少 3,
     * 方法陈旧 0. Satisfaction 5,4,4,3,5,2,4,4,3,5,4,1 (sum 44). Ranking: 5 × a>b>c, 5 × b>a>c, 2 × c>b>a.
     */
    static final List<Row> ROWS = List.of(
            new Row("STAFF", List.of("monotonous", "disconnected"), 5, List.of("a", "b", "c"), "good", "good", "yes", "村里事情多走不开", "希望多安排乡村振兴的现场教学"),
            new Row("STAFF", List.of("disconnected"), 4, List.of("a", "b", "c"), "good", "poor", "no", null, "希望增加案例教学"),
            new Row("STAFF", List.of("disconnected", "few"), 4, List.of("a", "b", "c"), "poor", "poor", "no", null, "培训机会太少，希望多给一般干部机会"),
            new Row("STAFF", List.of("monotonous"), 3, List.of("b", "a", "c"), "good", "good", "yes", "征地拆迁任务重", "多讲基层治理案例"),
            new Row("STAFF", List.of("disconnected"), 5, List.of("b", "a", "c"), "good", "good", "no", null, "希望现场教学多一些"),
            new Row("STAFF", List.of("few"), 2, List.of("c", "b", "a"), "poor", "good", "no", null, "一般干部很少有培训机会"),
            new Row("STAFF", List.of("monotonous", "disconnected", "few"), 4, List.of("b", "a", "c"), "good", "poor", "yes", "农忙季节走不开", "案例教学和现场教学结合"),
            new Row("TOWNSHIP", List.of("disconnected"), 4, List.of("a", "b", "c"), "good", "good", "no", null, "乡村振兴政策解读"),
            new Row("TOWNSHIP", List.of("monotonous"), 3, List.of("a", "b", "c"), "good", "good", "no", null, "增加法律法规培训"),
            new Row("TOWNSHIP", List.of("disconnected"), 5, List.of("b", "a", "c"), "poor", "good", "no", null, "多组织外出考察学习"),
            new Row("TOWNSHIP", List.of("monotonous", "disconnected"), 4, List.of("b", "a", "c"), "good", "good", "yes", "工学矛盾突出", "培训时间安排在农闲"),
            new Row("COUNTY", List.of("disconnected"), 1, List.of("c", "b", "a"), "good", "poor", "no", null, "内容要贴近基层实际"));

    record Row(String rank, List<String> problems, int satisfaction, List<String> ranking, String theory, String skill, String conflict,
               String detail, String suggestion) {
    }

    ObjectNode answers(Row r) {
        ObjectNode a = json.createObjectNode();
        a.put("rank_level", r.rank());
        var p = a.putArray("problem_current");
        r.problems().forEach(p::add);
        a.put("satisfaction", r.satisfaction());
        var k = a.putArray("ability_rank");
        r.ranking().forEach(k::add);
        a.putObject("effect").put("theory", r.theory()).put("skill", r.skill());
        a.put("time_conflict", r.conflict());
        if (r.detail() != null) {
            a.put("conflict_detail", r.detail());
        }
        a.put("suggestions", r.suggestion());
        return a;
    }

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("调研县"), "COUNTY");
        township = fixture.org(county, Fixture.unique("调研镇"), "TOWNSHIP");
        zzb = fixture.user(Fixture.unique("zzb"), Role.ORG_DEPT_ADMIN, county, null, null);
    }

    Surveys.Survey openSurvey(boolean anonymous, Integer issued) {
        return fixture.as(zzb, () -> {
            Surveys.Survey s = surveys.create(new Surveys.SurveyRequest("乡镇村干部培训需求调研", "为了解干部培训需求", null, anonymous,
                    LocalDate.of(2026, 6, 9), LocalDate.now().plusDays(14), json.readTree(MODEL)));
            surveys.replaceTargets(s.id(), List.of(new Surveys.TargetRequest("乡镇机关干部", township, null, null, issued)));
            return surveys.open(s.id());
        });
    }

    @Test
    void theSurveyListShowsSurveysInTheUsersScopeOnly() {
        Surveys.Survey s = openSurvey(true, 15);
        assertThat(fixture.as(zzb, () -> surveys.list())).extracting(Surveys.Survey::id).contains(s.id());
        long otherCounty = fixture.org(null, Fixture.unique("他县"), "COUNTY");
        var outsider = fixture.user(Fixture.unique("zzb2"), Role.ORG_DEPT_ADMIN, otherCounty, null, null);
        assertThat(fixture.as(outsider, () -> surveys.list())).extracting(Surveys.Survey::id).doesNotContain(s.id());
        assertThat(fixture.as(Fixture.systemAdmin(), () -> surveys.list())).extracting(Surveys.Survey::id).contains(s.id());
    }

    @Test
    void knownCountsAndSharesToTheDecimal() {
        Surveys.Survey s = openSurvey(true, 15);
        long target = s.targets().get(0).id();
        fixture.as(zzb, () -> {
            ROWS.forEach(r -> returns.enterPaper(s.id(), target, answers(r), null));
            return null;
        });
        SurveyAnalysis.Analysis a = fixture.as(zzb, () -> analysis.analyse(s.id()));
        assertThat(a.returns()).isEqualTo(12);

        var rank = question(a, "rank_level");
        assertThat(rank.answered()).isEqualTo(12);
        assertThat(option(rank, "STAFF")).isEqualTo(new SurveyAnalysis.OptionCount("STAFF", "科员及以下", 7, 58.3));
        assertThat(option(rank, "TOWNSHIP")).isEqualTo(new SurveyAnalysis.OptionCount("TOWNSHIP", "乡科级", 4, 33.3));
        assertThat(option(rank, "COUNTY")).isEqualTo(new SurveyAnalysis.OptionCount("COUNTY", "县处级", 1, 8.3));

        var problems = question(a, "problem_current");
        assertThat(option(problems, "monotonous").count()).isEqualTo(5);
        assertThat(option(problems, "monotonous").share()).isEqualTo(41.7);   // 5 / 12
        assertThat(option(problems, "disconnected").share()).isEqualTo(75.0); // 9 / 12
        assertThat(option(problems, "disconnected").count()).isEqualTo(9);
        assertThat(option(problems, "few").share()).isEqualTo(25.0);          // 3 / 12
        assertThat(option(problems, "outdated").share()).isEqualTo(0.0);

        // cross-tab by rank level: 学用脱节 among 科员及以下 = 5 of 7 = 71.4%; among 乡科级 = 3 of 4 = 75.0%
        var byRank = problems.crossTabs().stream().filter(t -> t.dimension() == SurveyAnalysis.Dimension.RANK_LEVEL).findFirst().orElseThrow();
        var staff = byRank.groups().stream().filter(g -> g.group().equals("STAFF")).findFirst().orElseThrow();
        assertThat(staff.label()).isEqualTo("科员及以下");
        assertThat(staff.answered()).isEqualTo(7);
        assertThat(staff.options().stream().filter(o -> o.value().equals("disconnected")).findFirst().orElseThrow().share()).isEqualTo(71.4);
        var twp = byRank.groups().stream().filter(g -> g.group().equals("TOWNSHIP")).findFirst().orElseThrow();
        assertThat(twp.options().stream().filter(o -> o.value().equals("disconnected")).findFirst().orElseThrow().share()).isEqualTo(75.0);

        // rating: mean 44 / 12 = 3.67; 4 points given 5 times = 41.7%
        var sat = question(a, "satisfaction");
        assertThat(sat.average()).isEqualTo(3.67);
        assertThat(option(sat, "4")).isEqualTo(new SurveyAnalysis.OptionCount("4", "4", 5, 41.7));

        // Borda with 3 options (3, 2, 1 points): b = 5×2 + 5×3 + 2×2 = 29; a = 5×3 + 5×2 + 2×1 = 27; c = 5 + 5 + 2×3 = 16
        var ranking = question(a, "ability_rank").ranking();
        assertThat(ranking).extracting(SurveyAnalysis.RankItem::value).containsExactly("b", "a", "c");
        assertThat(ranking).extracting(SurveyAnalysis.RankItem::score).containsExactly(29L, 27L, 16L);
        assertThat(ranking.get(0).averageScore()).isEqualTo(2.42); // 29 / 12
        assertThat(ranking.get(2).firstPlace()).isEqualTo(2);

        // matrix: 理论素养 好 9 of 12 = 75.0%, 业务能力 差 4 of 12 = 33.3%
        var effect = question(a, "effect");
        assertThat(effect.rows().get(0).options().get(0)).isEqualTo(new SurveyAnalysis.OptionCount("good", "好", 9, 75.0));
        assertThat(effect.rows().get(1).options().get(1)).isEqualTo(new SurveyAnalysis.OptionCount("poor", "差", 4, 33.3));

        // skip logic: the reason was asked only of the 4 who answered 经常影响
        assertThat(question(a, "conflict_detail").answered()).isEqualTo(4);
        // open answers: 现场教学 and 案例教学 are among the keywords (3 answers each mention them)
        var sugg = question(a, "suggestions");
        assertThat(sugg.answered()).isEqualTo(12);
        assertThat(sugg.keywords()).extracting(OpenAnswers.Keyword::word).isNotEmpty();
        assertThat(sugg.representative()).isNotEmpty();

        // issued 15, returned 12: 80.0%
        SurveyReturns.Progress p = fixture.as(zzb, () -> returns.progress(s.id()));
        assertThat(p.issued()).isEqualTo(15);
        assertThat(p.returned()).isEqualTo(12);
        assertThat(p.rate()).isEqualTo(80.0);
        assertThat(p.groups().get(0).rate()).isEqualTo(80.0);
    }

    @Test
    void onlinePaperAndExcelGiveTheSameAnalysis() throws Exception {
        // online: each respondent is a phone of its own (its own device cookie)
        Surveys.Survey online = openSurvey(true, null);
        for (Row r : ROWS) {
            Browserless phone = new Browserless(port);
            // the public link's secret is long enough that guessing it is hopeless (120 random bits, Surveys.token)
            assertThat(java.util.Base64.getUrlDecoder().decode(online.publicToken())).hasSizeGreaterThanOrEqualTo(15);
            assertThat(phone.get("/api/public/surveys/" + online.publicToken()).statusCode()).isEqualTo(200);
            HttpResponse<String> res = phone.postJson("/api/public/surveys/" + online.publicToken() + "/returns", answers(r).toString());
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            if (r == ROWS.get(0)) {
                // the same phone again: refused
                HttpResponse<String> again = phone.postJson("/api/public/surveys/" + online.publicToken() + "/returns", answers(ROWS.get(1)).toString());
                assertThat(again.statusCode()).isEqualTo(409);
                assertThat(json.readTree(again.body()).get("message").asString()).contains("本设备已提交过该问卷");
            }
        }
        // paper
        Surveys.Survey paper = openSurvey(true, null);
        fixture.as(zzb, () -> {
            ROWS.forEach(r -> returns.enterPaper(paper.id(), null, answers(r), null));
            return null;
        });
        // the returns list is paged on the server: 12 returns, 5 a page, the third page holds the last 2 (the oldest
        // first: the first page starts with the first one entered); filtering by channel counts only that channel
        SurveyReturns.ReturnPage third = fixture.as(zzb, () -> returns.list(paper.id(), null, null, false, 3, 5));
        assertThat(third.total()).isEqualTo(ROWS.size());
        assertThat(third.rows()).hasSize(ROWS.size() - 10);
        SurveyReturns.ReturnPage oldest = fixture.as(zzb, () -> returns.list(paper.id(), null, null, true, 1, 5));
        assertThat(oldest.rows()).hasSize(5);
        assertThat(oldest.rows().get(0).id()).isLessThan(oldest.rows().get(1).id());
        assertThat(third.rows().get(third.rows().size() - 1).id()).isEqualTo(oldest.rows().get(0).id());
        assertThat(fixture.as(zzb, () -> returns.list(paper.id(), SurveyReturns.Channel.ONLINE, null, false, 1, 20)).total()).isZero();
        assertThat(fixture.as(zzb, () -> returns.list(online.id(), SurveyReturns.Channel.ONLINE, null, false, 1, 20)).total())
                .isEqualTo(ROWS.size());
        // Excel as 问卷星 exports it: numbered titles, extra columns, multiple choice one column per option (1/0),
        // ranking joined with ┋, matrix one column per row, single choice by its text
        Surveys.Survey excel = openSurvey(true, null);
        List<List<String>> head = new ArrayList<>();
        for (String h : List.of("序号", "提交答卷时间", "来自IP", "1、您的职级", "2、您对目前培训有何意见？(内容单一)", "2、您对目前培训有何意见？(学用脱节)",
                "2、您对目前培训有何意见？(培训机会少)", "2、您对目前培训有何意见？(方法陈旧)", "3、总体满意度", "4、能力排序", "5、培训效果—理论素养",
                "5、培训效果—业务能力", "6、工作忙时是否影响参训", "7、影响参训的原因", "8、意见和建议")) {
            head.add(List.of(h));
        }
        Map<String, String> rankText = Map.of("STAFF", "科员及以下", "TOWNSHIP", "乡科级", "COUNTY", "县处级");
        Map<String, String> abilityText = Map.of("a", "政策理解能力", "b", "群众工作能力", "c", "依法办事能力");
        List<List<Object>> data = new ArrayList<>();
        int n = 0;
        for (Row r : ROWS) {
            List<Object> row = new ArrayList<>(List.of(String.valueOf(++n), "2026/6/10 9:00:00", "10.0.0." + n, rankText.get(r.rank())));
            for (String p : List.of("monotonous", "disconnected", "few", "outdated")) {
                row.add(r.problems().contains(p) ? "1" : "0");
            }
            row.add(String.valueOf(r.satisfaction()));
            row.add(String.join("┋", r.ranking().stream().map(abilityText::get).toList()));
            row.add(r.theory().equals("good") ? "好" : "差");
            row.add(r.skill().equals("good") ? "好" : "差");
            row.add(r.conflict().equals("yes") ? "经常影响" : "不影响");
            row.add(r.detail() == null ? "(跳过)" : r.detail());
            row.add(r.suggestion());
            data.add(row);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        FastExcel.write(file).head(head).sheet("Sheet1").doWrite(data);
        SurveyImport.Result result = fixture.as(zzb, () -> imports.importFile(excel.id(), null, file.toByteArray()));
        assertThat(result.errors()).isEmpty();
        assertThat(result.imported()).isEqualTo(12);
        assertThat(result.ignoredColumns()).containsExactly("序号", "提交答卷时间", "来自IP");

        var a1 = fixture.as(zzb, () -> analysis.analyse(online.id()));
        var a2 = fixture.as(zzb, () -> analysis.analyse(paper.id()));
        var a3 = fixture.as(zzb, () -> analysis.analyse(excel.id()));
        assertThat(a1.returns()).isEqualTo(12);
        assertThat(a2.questions()).isEqualTo(a1.questions());
        assertThat(a3.questions()).isEqualTo(a1.questions());
        assertThat(a3.respondents()).isEqualTo(a1.respondents());

        // every channel stored the same facts for the analysis: each value carries its return's respondent group,
        // and each open answer its keywords, segmented when it was stored
        List<Long> ids = List.of(online.id(), paper.id(), excel.id());
        assertThat(jdbc.sql("""
                select count(*) from survey_answer_value v join survey_return r on r.id = v.return_id
                    join survey_respondent_group g on g.id = v.group_id
                where v.survey_id in (:ids) and (g.rank_level is distinct from r.rank_level or g.staff_category is distinct from r.staff_category
                    or g.township is distinct from r.township or g.age_band is distinct from r.age_band)""")
                .param("ids", ids).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from survey_answer_value where survey_id in (:ids)").param("ids", ids).query(Long.class).single())
                .isEqualTo(3 * jdbc.sql("select count(*) from survey_answer_value where survey_id = ?").param(online.id()).query(Long.class).single());
        for (long id : ids) {
            assertThat(jdbc.sql("""
                    select string_agg(array_to_string(keywords, ' '), '|' order by value) from survey_answer_value
                    where survey_id = ? and question = 'suggestions' and value = '希望增加案例教学'""")
                    .param(id).query(String.class).single()).isEqualTo(String.join(" ", openAnswers.words("希望增加案例教学")));
            assertThat(jdbc.sql("""
                    select count(*) from survey_answer_value where survey_id = ? and question in ('suggestions', 'conflict_detail') and keywords is null""")
                    .param(id).query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from survey_answer_value where survey_id = ? and question not in ('suggestions', 'conflict_detail') and keywords is not null")
                    .param(id).query(Long.class).single()).isZero();
        }
    }

    @Test
    void storedKeywordsGiveWhatSegmentingAtAnalysisGaveAndOlderAnswersAreBackfilled() {
        Surveys.Survey s = openSurvey(true, null);
        fixture.as(zzb, () -> {
            ROWS.forEach(r -> returns.enterPaper(s.id(), null, answers(r), null));
            return null;
        });
        var stored = fixture.as(zzb, () -> analysis.analyse(s.id()));
        // the reference: the same answers segmented at analysis time, as the analysis did before keywords were stored
        var texts = jdbc.sql("select question, value from survey_answer_value where survey_id = ? and question in ('suggestions', 'conflict_detail')")
                .param(s.id()).query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list();
        var reference = openAnswers.analyse(texts);
        for (String q : List.of("suggestions", "conflict_detail")) {
            var result = stored.questions().stream().filter(x -> x.name().equals(q)).findFirst().orElseThrow();
            assertThat(result.keywords()).isNotEmpty().isEqualTo(reference.get(q).keywords());
            assertThat(result.representative()).isNotEmpty().isEqualTo(reference.get(q).representative());
        }
        var suggestions = stored.questions().stream().filter(x -> x.name().equals("suggestions")).findFirst().orElseThrow();
        assertThat(suggestions.answered()).isEqualTo(12);
        assertThat(stored.questions().stream().filter(x -> x.name().equals("conflict_detail")).findFirst().orElseThrow().answered()).isEqualTo(4);

        // answers stored before keywords were kept (as migration V51 leaves them): analysed alike, then backfilled once
        jdbc.sql("update survey_answer_value set keywords = null where survey_id = ? and keywords is not null").param(s.id()).update();
        jdbc.sql("update survey set keywords_ready = false where id = ?").param(s.id()).update();
        assertThat(fixture.as(zzb, () -> analysis.analyse(s.id())).questions()).isEqualTo(stored.questions());
        assertThat(backfill.backfill(s.id())).isEqualTo(16);
        assertThat(jdbc.sql("select keywords_ready from survey where id = ?").param(s.id()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from survey_answer_value where survey_id = ? and question in ('suggestions', 'conflict_detail') and keywords is null")
                .param(s.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select array_to_string(keywords, ' ') from survey_answer_value where survey_id = ? and value = '希望增加案例教学'")
                .param(s.id()).query(String.class).single()).isEqualTo(String.join(" ", openAnswers.words("希望增加案例教学")));
        assertThat(fixture.as(zzb, () -> analysis.analyse(s.id())).questions()).isEqualTo(stored.questions());
        assertThat(backfill.backfill(s.id())).isZero();
    }

    @Test
    void excelJoinedWithTheBrokenBarAndErrorsByRowAndColumn() {
        Surveys.Survey s = openSurvey(true, null);
        List<List<String>> head = List.of(List.of("您的职级"), List.of("您对目前培训有何意见？"), List.of("总体满意度"));
        List<List<Object>> rows = List.of(
                List.of("科员及以下", "内容单一┋学用脱节", "4"),
                List.of("乡科级", "内容单一┋学用脱节┋培训机会少┋方法陈旧", "5"),
                List.of("处长", "学用脱节", "9"));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        FastExcel.write(file).head(head).sheet("Sheet1").doWrite(rows);
        SurveyImport.Result r = fixture.as(zzb, () -> imports.importFile(s.id(), null, file.toByteArray()));
        assertThat(r.imported()).isZero();
        assertThat(r.errors()).extracting(SurveyImport.CellError::row, SurveyImport.CellError::column)
                .contains(org.assertj.core.groups.Tuple.tuple(3, "您对目前培训有何意见？"), org.assertj.core.groups.Tuple.tuple(4, "您的职级"));
        assertThat(r.errors().stream().filter(e -> e.row() == 3).findFirst().orElseThrow().reason()).contains("最多选3项");
        assertThat(jdbc.sql("select count(*) from survey_return where survey_id = ?").param(s.id()).query(Long.class).single()).isZero();

        ByteArrayOutputStream good = new ByteArrayOutputStream();
        FastExcel.write(good).head(head).sheet("Sheet1").doWrite(List.of(List.of("科员及以下", "内容单一┋学用脱节", "4")));
        SurveyImport.Result ok = fixture.as(zzb, () -> imports.importFile(s.id(), null, good.toByteArray()));
        assertThat(ok.imported()).isEqualTo(1);
        var a = fixture.as(zzb, () -> analysis.analyse(s.id()));
        assertThat(option(question(a, "problem_current"), "disconnected").count()).isEqualTo(1);
    }

    @Test
    void aPaperFormsGroupMayNameA2019Grade() {
        // 《公务员职务与职级并行规定》第十九条: 四级主任科员 and 一级科员 are grades a clerk copies from the form; they
        // are read through the roster's code table (issue 15) instead of being refused; a grade that does not exist is
        Surveys.Survey s = openSurvey(true, null);
        for (String grade : List.of("四级主任科员", "一级科员", "二级科员")) {
            SurveyReturns.Receipt r = fixture.as(zzb, () -> returns.enterPaper(s.id(), null, answers(ROWS.get(0)),
                    new SurveyReturns.Group(grade, null, null, null)));
            assertThat(r.message()).startsWith("已录入");
        }
        assertThatThrownBy(() -> fixture.as(zzb, () -> returns.enterPaper(s.id(), null, answers(ROWS.get(0)),
                new SurveyReturns.Group("五级主任科员", null, null, null)))).hasMessageContaining("职级“五级主任科员”无效");
    }

    @Test
    void theServerChecksEveryAnswer() {
        Surveys.Survey s = openSurvey(true, null);
        ObjectNode tooMany = answers(ROWS.get(0));
        tooMany.putArray("problem_current").add("monotonous").add("disconnected").add("few").add("outdated");
        assertThatThrownBy(() -> fixture.as(zzb, () -> returns.enterPaper(s.id(), null, tooMany, null)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("第2题“您对目前培训有何意见？”最多选3项，实际选了4项");
        ObjectNode missing = answers(ROWS.get(0));
        missing.remove("rank_level");
        assertThatThrownBy(() -> fixture.as(zzb, () -> returns.enterPaper(s.id(), null, missing, null)))
                .hasMessageContaining("第1题“您的职级”为必答题");
        ObjectNode wrong = answers(ROWS.get(0));
        wrong.put("rank_level", "MINISTER");
        assertThatThrownBy(() -> fixture.as(zzb, () -> returns.enterPaper(s.id(), null, wrong, null)))
                .hasMessageContaining("不是它的选项");
        ObjectNode unknown = answers(ROWS.get(0));
        unknown.put("hack", "1");
        assertThatThrownBy(() -> fixture.as(zzb, () -> returns.enterPaper(s.id(), null, unknown, null)))
                .hasMessageContaining("问卷里没有的题目");
        // an answer to a question hidden by skip logic is dropped, not stored
        ObjectNode hidden = answers(ROWS.get(1));
        hidden.put("conflict_detail", "不该出现");
        long id = fixture.as(zzb, () -> returns.enterPaper(s.id(), null, hidden, null)).returnId();
        assertThat(jdbc.sql("select count(*) from survey_answer_value where return_id = ? and question = 'conflict_detail'").param(id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aNamedSurveyIsAnsweredOncePerPersonAndNonRespondentsAreReminded() throws Exception {
        long a = fixture.cadre("张晓明", township);
        long b = fixture.cadre("李建国", township);
        CurrentUser ua = fixture.user(Fixture.unique("ganbu"), Role.CADRE, township, null, a);
        Surveys.Survey s = openSurvey(false, null);
        assertThat(fixture.as(ua, () -> returns.mine())).extracting(SurveyReturns.MySurvey::id, SurveyReturns.MySurvey::answered)
                .contains(org.assertj.core.groups.Tuple.tuple(s.id(), false));

        Browserless phone = new Browserless(port);
        assertThat(phone.login(ua.username(), Fixture.PASSWORD).statusCode()).isEqualTo(200);
        HttpResponse<String> first = phone.postJson("/api/surveys/answer/" + s.publicToken(), answers(ROWS.get(0)).toString());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        HttpResponse<String> second = phone.postJson("/api/surveys/answer/" + s.publicToken(), answers(ROWS.get(1)).toString());
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json.readTree(second.body()).get("message").asString()).isEqualTo("您已提交过本问卷，每人只能提交一次");
        // the anonymous link does not take answers to a named survey
        Browserless stranger = new Browserless(port);
        assertThat(stranger.postJson("/api/public/surveys/" + s.publicToken() + "/returns", answers(ROWS.get(2)).toString()).statusCode())
                .isEqualTo(401);

        // the return carries the cadre's group facts; issued = the 2 cadres of the township, returned 1: 50.0%
        assertThat(jdbc.sql("select rank_level from survey_return where survey_id = ?").param(s.id()).query(String.class).single())
                .isEqualTo(RankLevel.STAFF.name()); // the questionnaire's answer (科员及以下) wins over the record
        SurveyReturns.Progress p = fixture.as(zzb, () -> returns.progress(s.id()));
        assertThat(p.issued()).isEqualTo(2);
        assertThat(p.rate()).isEqualTo(50.0);
        // the reminder reaches only the one who has not answered, once a day
        assertThat(fixture.as(zzb, () -> returns.remind(s.id()))).isEqualTo(1);
        assertThat(fixture.as(zzb, () -> returns.remind(s.id()))).isZero();
        assertThat(jdbc.sql("select count(*) from notification where cadre_id = ? and kind = 'SURVEY_REMINDER'").param(b).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theWordReportFollowsTheSeedReportAndOpensInPoi() throws Exception {
        Surveys.Survey s = openSurvey(true, 15);
        fixture.as(zzb, () -> {
            ROWS.forEach(r -> returns.enterPaper(s.id(), s.targets().get(0).id(), answers(r), null));
            forums.create(s.id(), new Forums.ForumRequest("篱笆镇", LocalDate.of(2026, 6, 12),
                    List.of(new Forums.Attendee("乡镇机关干部", 6), new Forums.Attendee("村两委成员", 4)), null,
                    List.of(new Forums.Point("副科级以下干部近几年没有被派出学习培训过", List.of("problem_current")))));
            forums.create(s.id(), new Forums.ForumRequest("许疃镇", LocalDate.of(2026, 6, 13), List.of(), null, List.of()));
            return proposals.draw(s.id(), null);
        });
        SurveyReport.Document d = fixture.as(zzb, () -> report.render(s.id()));
        assertThat(d.fileName()).isEqualTo("乡镇村干部培训需求调研报告.docx");
        // downloading report.docx is an audited export: the survey and how many returns it reports on
        assertThat(jdbc.sql("""
                select after_data ->> 'rows' from audit_log where action = 'EXPORT' and entity_type = 'Survey' and entity_id = ?""")
                .param(String.valueOf(s.id())).query(String.class).list()).containsExactly("12");
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(d.content()))) {
            String text = String.join("\n", doc.getParagraphs().stream().map(XWPFParagraph::getText).toList());
            assertThat(text).contains("乡镇村干部培训需求调研报告")
                    .contains("共发放调查问卷15份，收回有效问卷12份，回收率80.0%，并分别在篱笆镇、许疃镇召开2场座谈会")
                    .doesNotContain("若干")
                    .contains("一、调研的基本情况").contains("二、调研发现").contains("三、干部教育培训工作存在的问题").contains("四、意见和建议")
                    .contains("在收回的12份调查问卷中，针对“您对目前培训有何意见”的调查问题，分别有9人认为学用脱节，5人认为内容单一，3人认为培训机会少")
                    .contains("座谈时，调研对象也反映：副科级以下干部近几年没有被派出学习培训过")
                    .contains("按职级分：科员及以下7人（58.3%）、乡科级4人（33.3%）、县处级1人（8.3%）")
                    .contains("选择“学用脱节”的9人，占75.0%；选择“内容单一”的5人，占41.7%")
                    .contains("群众工作能力（29分")
                    // open answers: "mentioned most" lists only words several people used; single mentions are just named
                    .contains("共12人作答，提及较多的有：教学（4人）、案例（3人）")
                    .doesNotContainPattern("提及较多的有：[^。]*（1人）")
                    .contains("共4人作答，涉及：")
                    .contains("【请撰稿人")
                    .contains("学用脱节专题培训班")
                    .doesNotContain("{{");
            assertThat(doc.getAllPictures()).isNotEmpty();
            XWPFTable returnsTable = doc.getTables().get(0);
            assertThat(returnsTable.getRow(1).getCell(0).getText()).isEqualTo("乡镇机关干部");
            assertThat(returnsTable.getRow(1).getCell(3).getText()).isEqualTo("80.0%");
        }
        // the proposal for the plan names the topic, the group that asked most, and the figures
        List<DraftClassProposal> ps = fixture.as(zzb, () -> proposals.list(s.id()));
        DraftClassProposal top = ps.get(0);
        assertThat(top.topic()).isEqualTo("学用脱节专题培训班");
        assertThat(top.demandCount()).isEqualTo(9);
        assertThat(top.demandShare()).isEqualByComparingTo("75.0");
        assertThat(top.targetGroup()).isEqualTo("职级：科员及以下"); // 5 of 7 = 71.4% (乡科级 has only 4 answers, below the minimum of 5)
    }

    /**
     * The survey as the demo runs it: anonymous, for all cadres of a township with no count of questionnaires handed
     * out, a description that ends with words to the respondents, returns online and on paper, and respondents from
     * the roster - among them village cadres, who have no rank level.
     */
    static final String NEEDS_MODEL = """
            {"pages": [{"name": "p1", "elements": [
              {"type": "checkbox", "name": "content_wanted", "title": "您最希望参加哪些内容的培训？（最多选3项）", "isRequired": true,
               "maxSelectedChoices": 3, "ganxunTopic": true,
               "choices": [{"value": "rural", "text": "乡村振兴与农业技术"}, {"value": "law", "text": "法律法规"}]},
              {"type": "rating", "name": "satisfaction", "title": "您对近年参加的培训总体满意度打分（1分最低，5分最高）", "rateMin": 1, "rateMax": 5},
              {"type": "comment", "name": "suggestions", "title": "您对改进干部教育培训工作有什么意见和建议？"}
            ]}]}""";

    @Test
    void theReportDescribesTheSurveyInTheOrganisersVoiceWithRealCountsAndNamesCadresWithoutRank() throws Exception {
        for (int i = 0; i < 20; i++) {
            fixture.cadre("王" + "甲乙丙丁戊己庚辛壬癸".charAt(i % 10) + (i < 10 ? "明" : "华"), township);
        }
        LocalDate from = LocalDate.now().minusDays(2);
        LocalDate to = LocalDate.now().plusDays(12);
        String dates = java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日").format(from) + "至"
                + java.time.format.DateTimeFormatter.ofPattern(from.getYear() == to.getYear() ? "M月d日" : "yyyy年M月d日").format(to);
        Surveys.Survey s = fixture.as(zzb, () -> {
            Surveys.Survey x = surveys.create(new Surveys.SurveyRequest("2026年干部教育培训需求调研问卷",
                    "为科学制定下一年度干部教育培训计划，了解全县干部的培训需求和对现有培训的意见建议。问卷不记名，请如实填写。", null, true,
                    from, to, json.readTree(NEEDS_MODEL)));
            surveys.replaceTargets(x.id(), List.of(new Surveys.TargetRequest("全镇干部", township, null, null, null)));
            return surveys.open(x.id());
        });
        long target = s.targets().get(0).id();
        String twp = "篱笆镇";
        List<SurveyReturns.Group> paper = List.of(
                new SurveyReturns.Group("STAFF", "CIVIL_SERVANT", twp, "A36_45"), new SurveyReturns.Group("STAFF", "CIVIL_SERVANT", twp, "A35"),
                new SurveyReturns.Group("STAFF", "PUBLIC_INSTITUTION", twp, "A46_55"), new SurveyReturns.Group("TOWNSHIP", "CIVIL_SERVANT", twp, "A46_55"),
                new SurveyReturns.Group(null, "VILLAGE_CADRE", twp, "A46_55"), new SurveyReturns.Group(null, "VILLAGE_CADRE", twp, "A56"),
                new SurveyReturns.Group(null, "VILLAGE_CADRE", twp, "A36_45"), new SurveyReturns.Group(null, "STATE_ENTERPRISE", twp, "A35"),
                new SurveyReturns.Group(null, null, twp, null));
        fixture.as(zzb, () -> {
            for (int i = 0; i < paper.size(); i++) {
                ObjectNode a = json.createObjectNode();
                a.putArray("content_wanted").add(i % 3 == 0 ? "law" : "rural");
                a.put("satisfaction", 3 + i % 3);
                returns.enterPaper(s.id(), target, a, paper.get(i));
            }
            return null;
        });
        for (int i = 0; i < 3; i++) {
            ObjectNode a = json.createObjectNode();
            a.putArray("content_wanted").add("rural");
            a.put("suggestions", "多安排现场教学");
            returns.submitAnonymous(s.publicToken(), target, a, new SurveyReturns.Client("device-" + s.id() + "-" + i, "10.0.0." + i, "test"));
        }

        // the page's cross-tab and the report name the group alike: village cadres and other ungraded staff are not 未填写
        var byRank = question(fixture.as(zzb, () -> analysis.analyse(s.id())), "content_wanted").crossTabs().stream()
                .filter(t -> t.dimension() == SurveyAnalysis.Dimension.RANK_LEVEL).findFirst().orElseThrow();
        assertThat(byRank.groups()).extracting(SurveyAnalysis.GroupColumn::label, SurveyAnalysis.GroupColumn::answered)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("科员及以下", 3L), org.assertj.core.groups.Tuple.tuple("村（社区）干部", 3L),
                        org.assertj.core.groups.Tuple.tuple("未填写", 4L), org.assertj.core.groups.Tuple.tuple("乡科级", 1L),
                        org.assertj.core.groups.Tuple.tuple("无职级人员", 1L));

        SurveyReport.Document d = fixture.as(zzb, () -> report.render(s.id()));
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(d.content()))) {
            List<String> paragraphs = doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
            String text = String.join("\n", paragraphs);
            assertThat(paragraphs.get(1)).isEqualTo("为科学制定下一年度干部教育培训计划，了解全县干部的培训需求和对现有培训的意见建议，"
                    + s.orgName() + "于" + dates + "组织开展了2026年干部教育培训需求调研，调研对象为全镇干部。"
                    + "调研采取不记名问卷方式，通过网上填写与纸质问卷相结合的方式收集答卷。"
                    + "调研对象范围内共有在职干部20人，收回有效问卷12份（其中网上填写3份、纸质问卷9份），占调研对象的60.0%。"
                    + "调研内容涵盖3个方面的问题。现将调研情况报告如下：");
            assertThat(text).doesNotContain("若干").doesNotContain("请如实填写").doesNotContain("问卷不记名")
                    .contains("按职级分：科员及以下3人（25.0%）、村（社区）干部3人（25.0%）、乡科级1人（8.3%）、无职级人员1人（8.3%）、未填写4人（33.3%）；"
                            + "按人员类别分：公务员3人（25.0%）、村（社区）干部3人（25.0%）")
                    .doesNotContain("(").doesNotContain("），按").doesNotContain("VILLAGE").doesNotContain("UNGRADED");
            // the findings quote the question without its note to the respondents; a rating reads as points given
            assertThat(paragraphs).contains("（一）您最希望参加哪些内容的培训", "（二）您对近年参加的培训总体满意度打分");
            assertThat(text).contains("在9份有效答卷中，打3分的3人，占33.3%");
            // the returns table gives the same figure as the text (it used to show "—"): 12 of the 20 addressed = 60.0 %
            XWPFTable returnsTable = doc.getTables().get(0);
            var total = returnsTable.getRow(returnsTable.getNumberOfRows() - 1);
            assertThat(total.getCell(0).getText()).isEqualTo("合计");
            assertThat(total.getCell(3).getText()).isEqualTo("60.0%（占调研对象20人）");
        }
        // and so does the survey's page
        SurveyReturns.Progress p = fixture.as(zzb, () -> returns.progress(s.id()));
        assertThat(p.rate()).isNull();
        assertThat(p.addressed()).isEqualTo(20);
        assertThat(p.addressedRate()).isEqualTo(60.0);
    }

    /**
     * The question bank's 乡镇 question ships with a placeholder option: the bank offers the jurisdiction's real
     * townships instead, and a survey that still carries the placeholder is not published.
     */
    @Test
    void theTownshipQuestionOffersRealTownshipsAndAPlaceholderIsNotPublished() throws Exception {
        long second = fixture.org(county, Fixture.unique("二镇"), "TOWNSHIP");
        long village = fixture.org(township, Fixture.unique("一村"), "VILLAGE");
        org.ganxun.support.ApiSession api = new org.ganxun.support.ApiSession(port);
        api.login(zzb.username(), Fixture.PASSWORD);
        JsonNode bank = api.getJson("/api/surveys/question-bank");
        JsonNode townshipQuestion = null;
        for (JsonNode b : bank) {
            if (b.get("element").get("name").asString().equals("township")) {
                townshipQuestion = b.get("element");
            }
        }
        List<String> offered = new ArrayList<>();
        townshipQuestion.get("choices").forEach(c -> offered.add(c.asString()));
        String first = jdbc.sql("select name from organization where id = ?").param(township).query(String.class).single();
        String other = jdbc.sql("select name from organization where id = ?").param(second).query(String.class).single();
        assertThat(offered).as("no village, no placeholder").containsExactlyInAnyOrder(first, other);
        assertThat(village).isPositive();

        // a survey designed with the bank's placeholder option
        String model = """
                {"pages": [{"name": "p1", "elements": [
                  {"type": "dropdown", "name": "township", "title": "您所在的乡镇（单位）", "isRequired": true,
                   "choices": ["（请设计者改为本地乡镇名称）"]},
                  {"type": "comment", "name": "suggestions", "title": "意见和建议"}]}]}""";
        Surveys.Survey draft = fixture.as(zzb, () -> {
            Surveys.Survey x = surveys.create(new Surveys.SurveyRequest("占位选项调研", "了解需求", null, true,
                    LocalDate.now(), LocalDate.now().plusDays(7), json.readTree(model)));
            return surveys.replaceTargets(x.id(), List.of(new Surveys.TargetRequest("全镇干部", township, null, null, 10)));
        });
        var refused = api.send("POST", "/api/surveys/" + draft.id() + "/open", "{}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(api.parse(refused).get("message").asString())
                .isEqualTo("第1题“您所在的乡镇（单位）”的选项“（请设计者改为本地乡镇名称）”是题库的占位文字，请在设计器中改为本地的实际选项（如本县各乡镇名称）后再发布");
        assertThat(fixture.as(zzb, () -> surveys.get(draft.id())).status()).isEqualTo(Surveys.Status.DRAFT);
    }

    static SurveyAnalysis.QuestionResult question(SurveyAnalysis.Analysis a, String name) {
        return a.questions().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
    }

    static SurveyAnalysis.OptionCount option(SurveyAnalysis.QuestionResult q, String value) {
        return q.options().stream().filter(o -> o.value().equals(value)).findFirst().orElseThrow();
    }
}
