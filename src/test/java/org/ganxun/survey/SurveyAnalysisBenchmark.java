package org.ganxun.survey;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Analysis of a survey with 30 questions and 50,000 returns (10 single choice, 8 multiple choice, 4 rating,
 * 3 ranking, 2 matrix, 3 open), beside a same-run baseline of one SQL GROUP BY over the answer values.
 * The data are loaded by COPY as the product stores them: each value with its return's respondent group, each open
 * answer with its keywords segmented at load time (the time that takes is reported as the cost at submission).
 * Every timed analysis is computed from the tables (there is no cache). The keywords and representative answers
 * read from the stored words are checked equal to segmenting the texts at analysis time.
 * Run: ./mvnw -Pbench -Dskip.web=true test -Dtest=SurveyAnalysisBenchmark
 */
@IntegrationTest
@Tag("benchmark")
class SurveyAnalysisBenchmark {

    static final int RETURNS = 50_000;
    static final String[] FRAGMENTS = {"希望多安排现场教学", "增加案例分析", "乡村振兴政策解读", "基层治理能力", "法律法规知识", "信访矛盾化解",
            "应急处置演练", "网络培训课程太多", "工学矛盾突出", "培训时间安排在农闲", "多组织外出考察", "讲课要贴近实际", "村级财务管理",
            "招商引资实务", "土地流转政策", "环境保护督察", "党建业务知识", "群众工作方法", "数字政务操作", "公文写作能力",
            "安全生产监管", "防汛抗旱知识", "产业发展规划", "一般干部机会太少", "老师讲得太理论", "希望分层分类培训", "培训内容单一",
            "学用脱节明显", "考核要更严格", "多给村干部机会", "心理健康辅导", "廉政警示教育", "调查研究方法", "统计业务培训",
            "社会保障政策", "民族宗教政策", "网络舆情应对", "电商直播技能", "人居环境整治", "集体经济发展"};

    @Autowired Fixture fixture;
    @Autowired Surveys surveys;
    @Autowired SurveyAnalysis analysis;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired JsonMapper json;
    @Autowired OpenAnswers openAnswers;
    @Autowired SurveyReturns surveyReturns;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void analysisOf50000Returns() throws Exception {
        long county = fixture.org(null, Fixture.unique("基准县"), "COUNTY");
        var zzb = fixture.user(Fixture.unique("bench"), Role.ORG_DEPT_ADMIN, county, null, null);
        ObjectNode model = json.createObjectNode();
        ArrayNode elements = model.putArray("pages").addObject().put("name", "p1").putArray("elements");
        List<String[]> kinds = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            String type = i <= 10 ? "radiogroup" : i <= 18 ? "checkbox" : i <= 22 ? "rating" : i <= 25 ? "ranking" : i <= 27 ? "matrix" : "comment";
            ObjectNode q = elements.addObject().put("type", type).put("name", "q" + i).put("title", "第" + i + "题");
            int options = type.equals("checkbox") ? 8 : 5;
            if (!type.equals("rating") && !type.equals("comment") && !type.equals("matrix")) {
                ArrayNode ch = q.putArray("choices");
                for (int o = 1; o <= options; o++) {
                    ch.addObject().put("value", "o" + o).put("text", "选项" + o);
                }
            }
            if (type.equals("checkbox")) {
                q.put("maxSelectedChoices", 3);
            }
            if (type.equals("matrix")) {
                q.putArray("rows").add("r1").add("r2").add("r3");
                q.putArray("columns").add("好").add("一般").add("差");
            }
            kinds.add(new String[]{type, "q" + i});
        }
        long surveyId = fixture.as(zzb, () -> surveys.create(new Surveys.SurveyRequest("基准调研", null, null, true, LocalDate.now(),
                null, model)).id());

        // ---- data: returns and their values by COPY (the raw JSON is not read by the analysis: stored as {})
        Random r = new Random(42);
        String[] ranks = {"COUNTY", "TOWNSHIP", "STAFF", null};
        String[] staff = {"CIVIL_SERVANT", "PUBLIC_INSTITUTION", "VILLAGE_CADRE", "CIVIL_SERVANT_EQUIVALENT"};
        String[] ages = {"A35", "A36_45", "A46_55", "A56"};
        long t0 = System.nanoTime();
        StringBuilder sb = new StringBuilder();
        // each return's respondent group, as SurveyReturns.insert stores it with every value
        java.util.Map<String, Integer> groupIds = new java.util.HashMap<>();
        List<Integer> groupOf = new ArrayList<>();
        for (int i = 0; i < RETURNS; i++) {
            String rank = ranks[r.nextInt(4)], st = staff[r.nextInt(4)], town = "乡镇" + (r.nextInt(19) + 1), age = ages[r.nextInt(4)];
            groupOf.add(groupIds.computeIfAbsent(rank + "|" + st + "|" + town + "|" + age, k -> surveyReturns.groupId(rank, st, town, age)));
            sb.append(surveyId).append("\tPAPER\t").append(nullable(rank)).append('\t').append(st).append('\t')
                    .append(town).append('\t').append(age).append("\t{}\n");
        }
        copy("COPY survey_return (survey_id, channel, rank_level, staff_category, township, age_band, answers) FROM STDIN", sb);
        List<Long> ids = jdbc.sql("select id from survey_return where survey_id = ? order by id").param(surveyId).query(Long.class).list();
        sb.setLength(0);
        long values = 0;
        long segmentNanos = 0;
        int segmented = 0;
        for (int ri = 0; ri < ids.size(); ri++) {
            long id = ids.get(ri);
            group = groupOf.get(ri);
            for (String[] k : kinds) {
                String type = k[0], q = k[1];
                switch (type) {
                    case "radiogroup" -> values += row(sb, id, surveyId, q, "o" + (1 + skew(r, 5)), null);
                    case "checkbox" -> {
                        int n = 1 + r.nextInt(3);
                        java.util.Set<Integer> picked = new java.util.TreeSet<>();
                        while (picked.size() < n) {
                            picked.add(1 + skew(r, 8));
                        }
                        boolean first = true;
                        for (int p : picked) {
                            values += row(sb, id, surveyId, q, "o" + p, null, first);
                            first = false;
                        }
                    }
                    case "rating" -> values += row(sb, id, surveyId, q, String.valueOf(1 + skew(r, 5)), null);
                    case "ranking" -> {
                        List<Integer> order = new ArrayList<>(List.of(1, 2, 3, 4, 5));
                        java.util.Collections.shuffle(order, r);
                        for (int p = 0; p < 5; p++) {
                            values += row(sb, id, surveyId, q, "o" + order.get(p), p + 1, p == 0);
                        }
                    }
                    case "matrix" -> {
                        for (String row : List.of("r1", "r2", "r3")) {
                            values += row(sb, id, surveyId, q + "." + row, List.of("好", "一般", "差").get(skew(r, 3)), null);
                        }
                    }
                    default -> {
                        if (r.nextInt(10) < 6) {
                            String text = FRAGMENTS[r.nextInt(FRAGMENTS.length)] + "，" + FRAGMENTS[r.nextInt(FRAGMENTS.length)]
                                    + "，" + FRAGMENTS[r.nextInt(FRAGMENTS.length)];
                            // segmented once per answer, as SurveyReturns.insertValues does when a return is stored
                            long s0 = System.nanoTime();
                            List<String> words = openAnswers.words(text);
                            segmentNanos += System.nanoTime() - s0;
                            segmented++;
                            values += row(sb, id, surveyId, q, text, null, true, words);
                        }
                    }
                }
            }
            if (sb.length() > 8_000_000) {
                copy(COPY_VALUES, sb);
                sb.setLength(0);
            }
        }
        copy(COPY_VALUES, sb);
        jdbc.sql("analyze survey_answer_value").update();
        jdbc.sql("analyze survey_return").update();
        jdbc.sql("analyze survey_respondent_group").update();
        double load = (System.nanoTime() - t0) / 1e9;

        Surveys.Survey s = fixture.as(zzb, () -> surveys.get(surveyId));
        analysis.compute(s); // warm-up (HanLP dictionaries, JIT, plans)
        double[] full = new double[5];
        double[] base = new double[5];
        SurveyAnalysis.Analysis a = null;
        for (int i = 0; i < full.length; i++) {
            long b0 = System.nanoTime();
            int groups = jdbc.sql("select question, value, count(*) from survey_answer_value where survey_id = ? group by question, value")
                    .param(surveyId).query((rs, n) -> rs.getLong(3)).list().size();
            base[i] = (System.nanoTime() - b0) / 1e6;
            long f0 = System.nanoTime();
            a = analysis.compute(s);
            full[i] = (System.nanoTime() - f0) / 1e6;
            if (groups == 0) {
                throw new AssertionError("no groups");
            }
        }
        // the old path, for comparison: read the open answers' texts and segment them at analysis time
        long h0 = System.nanoTime();
        var texts = jdbc.sql("select question, value from survey_answer_value where survey_id = ? and question in ('q28', 'q29', 'q30')")
                .param(surveyId).query((rs, n) -> java.util.Map.entry(rs.getString(1), rs.getString(2))).list();
        var inMemory = openAnswers.analyse(texts);
        double hanlp = (System.nanoTime() - h0) / 1e6;
        String[] open = {"q28", "q29", "q30"};
        double[] stored = new double[3];
        for (int i = 0; i < 3; i++) {
            long k0 = System.nanoTime();
            tx.executeWithoutResult(st -> { // as the analysis runs it: its own transaction with the analysis's work_mem
                jdbc.sql("set local work_mem = '256MB'").update();
                openAnswers.fromStored(surveyId, open);
            });
            stored[i] = (System.nanoTime() - k0) / 1e6;
        }
        java.util.Arrays.sort(stored);
        // the stored keywords give exactly what segmenting at analysis time gave (counts, order, representative answers)
        var fromStored = openAnswers.fromStored(surveyId, open);
        for (String q : open) {
            if (!inMemory.get(q).equals(fromStored.get(q))) {
                throw new AssertionError(q + ": stored keywords " + fromStored.get(q) + " differ from in-memory " + inMemory.get(q));
            }
        }
        // the plans of the statements, in a transaction with the analysis's work_mem
        String[] choice = java.util.stream.IntStream.rangeClosed(1, 22).mapToObj(i -> "q" + i).toArray(String[]::new);
        String[] choiceOrOpen = java.util.stream.Stream.concat(java.util.Arrays.stream(choice), java.util.Arrays.stream(open)).toArray(String[]::new);
        explain("choice counts and cross-tabs (SurveyAnalysis.CHOICE_COUNTS)", SurveyAnalysis.CHOICE_COUNTS,
                java.util.Map.of("s", surveyId, "choice", choice));
        explain("ranking and matrix counts (SurveyAnalysis.OTHER_COUNTS)", SurveyAnalysis.OTHER_COUNTS,
                java.util.Map.of("s", surveyId, "choiceOrOpen", choiceOrOpen));
        explain("distinct open answers with their words (OpenAnswers.DISTINCT_ANSWERS)", OpenAnswers.DISTINCT_ANSWERS,
                java.util.Map.of("s", surveyId, "open", open));
        explain("baseline", "select question, value, count(*) from survey_answer_value where survey_id = :s group by question, value",
                java.util.Map.of("s", surveyId));
        java.util.Arrays.sort(full);
        java.util.Arrays.sort(base);
        long keywords = a.questions().stream().mapToLong(q -> q.keywords().size()).sum();
        String report = String.format("""
                SurveyAnalysisBenchmark: %d returns, 30 questions, %d answer values (loaded in %.1f s)
                  full analysis, uncached (counts, cross-tabs by 4 dimensions, Borda, matrix, keywords):  median %.0f ms (min %.0f, max %.0f)
                  baseline: one GROUP BY (question, value) over the values:                        median %.0f ms (min %.0f, max %.0f)
                  keywords found: %d; returns counted: %d
                  open answers alone (OpenAnswers.fromStored, 3 runs): median %.0f ms (min %.0f, max %.0f)
                  for comparison, the old path: reading the %d open answers and segmenting them then: %.0f ms
                  segmentation when storing: %d open answers, %.1f µs each (%.2f s in all, paid once, at submission)
                  load average at the end: %s""",
                RETURNS, values, load, full[2], full[0], full[4], base[2], base[0], base[4], keywords, a.returns(),
                stored[1], stored[0], stored[2], texts.size(), hanlp, segmented, segmentNanos / 1e3 / segmented, segmentNanos / 1e9,
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
        System.out.println(report);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "survey-analysis-benchmark.txt"), report, StandardCharsets.UTF_8);
    }

    static final String COPY_VALUES = "COPY survey_answer_value (return_id, survey_id, question, value, rank, first, group_id, keywords) FROM STDIN";
    private int group;

    private void explain(String title, String sql, java.util.Map<String, Object> params) {
        tx.executeWithoutResult(st -> {
            jdbc.sql("set local work_mem = '256MB'").update();
            var spec = jdbc.sql("explain (analyze, buffers) " + sql);
            params.forEach(spec::param);
            System.out.println("EXPLAIN " + title + "\n" + String.join("\n", spec.query(String.class).list()));
        });
    }

    /** A skewed pick in [0, n): lower options more often, so counts differ. */
    private static int skew(Random r, int n) {
        return Math.min(n - 1, (int) Math.floor(Math.abs(r.nextGaussian()) * n / 2.5));
    }

    private int row(StringBuilder sb, long id, long survey, String q, String v, Integer rank) {
        return row(sb, id, survey, q, v, rank, true);
    }

    private int row(StringBuilder sb, long id, long survey, String q, String v, Integer rank, boolean first) {
        return row(sb, id, survey, q, v, rank, first, null);
    }

    private int row(StringBuilder sb, long id, long survey, String q, String v, Integer rank, boolean first, List<String> keywords) {
        sb.append(id).append('\t').append(survey).append('\t').append(q).append('\t').append(v).append('\t')
                .append(rank == null ? "\\N" : rank.toString()).append('\t').append(first ? 't' : 'f').append('\t').append(group).append('\t')
                .append(keywords == null ? "\\N" : "{" + String.join(",", keywords.stream().map(w -> "\"" + w + "\"").toList()) + "}").append('\n');
        return 1;
    }

    private static String nullable(String s) {
        return s == null ? "\\N" : s;
    }

    private void copy(String sql, StringBuilder sb) throws Exception {
        try (var con = dataSource.getConnection()) {
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            con.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new java.io.ByteArrayInputStream(bytes));
        }
    }
}
