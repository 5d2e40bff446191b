package org.ganxun.survey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Open answers: segmented with HanLP (portable, its dictionaries inside the jar), stop words and
 * survey filler words removed, keywords counted by the number of answers that mention them (a word said
 * twice in one answer counts once), and the answers that mention most of the top keywords shown as
 * representative. Identical answers ("无", "没有") are segmented once.
 * <p>
 * An answer is segmented once, when it is stored ({@link #words}, kept in {@code survey_answer_value.keywords});
 * the analysis reads the distinct answers with their stored words and only counts ({@link #fromStored}).
 * {@link #analyse} segments at analysis time: for surveys whose old answers are not segmented yet, and as the
 * reference the tests compare with. Both count and score through the same {@link #result}.
 */
@Component
class OpenAnswers {

    static final int KEYWORDS = 20;
    static final int REPRESENTATIVE = 3;
    /** Words that say nothing in a training survey. */
    private static final Set<String> FILLER = Set.of("培训", "希望", "建议", "没有", "问题", "方面", "工作", "进一步", "加强", "提高",
            "干部", "一些", "觉得", "认为", "可以", "需要", "比较", "目前", "开展", "进行", "增加", "有关", "相关", "内容",
            // modal and negating verbs: they carry the sentence, not its topic
            "不能", "不会", "无法", "难以", "能够", "应该", "应当", "来不及", "不够", "不足");

    /** Dictionary (double-array trie) segmentation with part-of-speech tags: many times faster than Viterbi, enough for keywords. */
    private final Segment segment = HanLP.newSegment("dat").enablePartOfSpeechTagging(true).enableOffset(false);

    /**
     * The distinct answers of the open questions, how many returns gave each, and the words stored with it (joined
     * with the unit separator, cheaper to read than an array).
     */
    static final String DISTINCT_ANSWERS = """
            select question, value, count(*), array_to_string(min(keywords), chr(31)), bool_or(keywords is null)
            from survey_answer_value where survey_id = :s and question = any(:open)
            group by question, value""";

    private final JdbcClient jdbc;

    OpenAnswers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Keyword(String word, long count) {
    }

    record Result(long answers, List<Keyword> keywords, List<String> representative) {
    }

    /** (question, answer text) pairs → per question keywords and representative answers, segmenting here. */
    Map<String, Result> analyse(List<Map.Entry<String, String>> answers) {
        Map<String, Map<String, Integer>> distinct = new LinkedHashMap<>();
        for (Map.Entry<String, String> a : answers) {
            distinct.computeIfAbsent(a.getKey(), k -> new HashMap<>()).merge(a.getValue().strip(), 1, Integer::sum);
        }
        Map<String, List<String>> words = new ConcurrentHashMap<>();
        distinct.values().stream().flatMap(m -> m.keySet().stream()).distinct().toList().parallelStream()
                .forEach(text -> words.put(text, words(text)));
        Map<String, Result> out = new LinkedHashMap<>();
        distinct.forEach((question, texts) -> out.put(question, result(texts, words)));
        return out;
    }

    /**
     * The same result from the words stored with each answer when it was submitted: one statement reads the
     * distinct answers with their counts and words, and {@link #result} counts and scores them exactly as
     * {@link #analyse} does. An answer stored without words (before the backfill) is segmented here.
     */
    Map<String, Result> fromStored(long surveyId, String[] questions) {
        Map<String, Map<String, Integer>> distinct = new LinkedHashMap<>();
        for (String q : questions) {
            distinct.put(q, new HashMap<>());
        }
        Map<String, List<String>> words = new HashMap<>();
        jdbc.sql(DISTINCT_ANSWERS).param("s", surveyId).param("open", questions).query(rs -> {
            String text = rs.getString(2).strip();
            distinct.get(rs.getString(1)).merge(text, rs.getInt(3), Integer::sum);
            String stored = rs.getBoolean(5) ? null : rs.getString(4);
            words.computeIfAbsent(text, t -> stored == null ? words(t)
                    : stored.isEmpty() ? List.of() : List.of(stored.split("\u001f")));
        });
        Map<String, Result> out = new LinkedHashMap<>();
        distinct.forEach((question, texts) -> {
            if (!texts.isEmpty()) {
                out.put(question, result(texts, words));
            }
        });
        return out;
    }

    /**
     * One question: keywords counted by the answers mentioning them (count, then the word), and the answers of 6
     * to 120 characters mentioning the most of the top keywords (their counts summed; then the most repeated).
     */
    private static Result result(Map<String, Integer> texts, Map<String, List<String>> words) {
        Map<String, Long> df = new HashMap<>();
        long total = 0;
        for (Map.Entry<String, Integer> t : texts.entrySet()) {
            total += t.getValue();
            for (String w : words.get(t.getKey())) {
                df.merge(w, (long) t.getValue(), Long::sum);
            }
        }
        List<Keyword> top = df.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(KEYWORDS).map(e -> new Keyword(e.getKey(), e.getValue())).toList();
        Map<String, Long> weight = new HashMap<>();
        top.forEach(k -> weight.put(k.word(), k.count()));
        // each answer scored once (not at every comparison of the sort)
        record Scored(String text, long score, int answers) {
        }
        List<String> representative = texts.entrySet().stream()
                .filter(t -> t.getKey().length() >= 6 && t.getKey().length() <= 120)
                .map(t -> {
                    long score = 0;
                    for (String w : words.get(t.getKey())) {
                        score += weight.getOrDefault(w, 0L);
                    }
                    return new Scored(t.getKey(), score, t.getValue());
                })
                .sorted(Comparator.comparingLong((Scored t) -> -t.score()).thenComparingInt(t -> -t.answers())
                        .thenComparing(Scored::text))
                .limit(REPRESENTATIVE).map(Scored::text).toList();
        return new Result(total, top, representative);
    }

    /** The distinct content words of one answer. */
    List<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (Term t : segment.seg(text)) {
            String w = t.word.strip();
            String nature = t.nature == null ? "" : t.nature.toString();
            if (w.length() < 2 || FILLER.contains(w) || CoreStopWordDictionary.contains(w)) {
                continue;
            }
            if (nature.startsWith("n") || nature.startsWith("v") || nature.startsWith("a") || nature.startsWith("g") || nature.equals("l")
                    || nature.equals("i")) {
                out.add(w);
            }
        }
        return new ArrayList<>(out);
    }
}
