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
 * the analysis counts the stored words in SQL ({@link #fromStored}). {@link #analyse} computes the same result
 * in memory from the texts: for surveys whose old answers are not segmented yet, and as the reference the tests
 * compare with.
 */
@Component
class OpenAnswers {

    static final int KEYWORDS = 20;
    static final int REPRESENTATIVE = 3;
    /** Words that say nothing in a training survey. */
    private static final Set<String> FILLER = Set.of("培训", "希望", "建议", "没有", "问题", "方面", "工作", "进一步", "加强", "提高",
            "干部", "一些", "觉得", "认为", "可以", "需要", "比较", "目前", "开展", "进行", "增加", "有关", "相关", "内容");

    /** Dictionary (double-array trie) segmentation with part-of-speech tags: many times faster than Viterbi, enough for keywords. */
    private final Segment segment = HanLP.newSegment("dat").enablePartOfSpeechTagging(true).enableOffset(false);

    private final JdbcClient jdbc;

    OpenAnswers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Keyword(String word, long count) {
    }

    record Result(long answers, List<Keyword> keywords, List<String> representative) {
    }

    /** (question, answer text) pairs → per question keywords and representative answers. */
    Map<String, Result> analyse(List<Map.Entry<String, String>> answers) {
        Map<String, Map<String, Integer>> distinct = new LinkedHashMap<>();
        for (Map.Entry<String, String> a : answers) {
            distinct.computeIfAbsent(a.getKey(), k -> new HashMap<>()).merge(a.getValue().strip(), 1, Integer::sum);
        }
        Map<String, List<String>> words = new ConcurrentHashMap<>();
        distinct.values().stream().flatMap(m -> m.keySet().stream()).distinct().toList().parallelStream()
                .forEach(text -> words.put(text, words(text)));
        Map<String, Result> out = new LinkedHashMap<>();
        distinct.forEach((question, texts) -> {
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
            List<String> representative = texts.keySet().stream()
                    .filter(t -> t.length() >= 6 && t.length() <= 120)
                    .sorted(Comparator.comparingLong((String t) -> -words.get(t).stream().mapToLong(w -> weight.getOrDefault(w, 0L)).sum())
                            .thenComparing(t -> -texts.get(t)).thenComparing(Comparator.naturalOrder()))
                    .limit(REPRESENTATIVE).toList();
            out.put(question, new Result(total, top, representative));
        });
        return out;
    }

    /**
     * The same result as {@link #analyse} from the keywords stored with the answers: SQL counts the answers
     * mentioning each word and scores the distinct answers by the top words; the candidates come back with their
     * ties (rank with ties) and the exact order (count, then the word; score, then repeats, then the text) is
     * applied here, as {@link #analyse} does.
     */
    Map<String, Result> fromStored(long surveyId, String[] questions) {
        record Count(String question, String word, long count) {
        }
        Map<String, List<Count>> candidates = new LinkedHashMap<>();
        jdbc.sql("""
                select question, word, n from (
                    select v.question, w.word, count(*) as n, rank() over (partition by v.question order by count(*) desc) as r
                    from survey_answer_value v cross join lateral unnest(v.keywords) as w(word)
                    where v.survey_id = :s and v.question = any(:open)
                    group by v.question, w.word) t
                where r <= :k""")
                .param("s", surveyId).param("open", questions).param("k", KEYWORDS)
                .query((rs, i) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3))).list()
                .forEach(c -> candidates.computeIfAbsent(c.question(), q -> new ArrayList<>()).add(c));
        Map<String, List<Keyword>> top = new HashMap<>();
        List<String> tq = new ArrayList<>();
        List<String> tw = new ArrayList<>();
        List<Long> tn = new ArrayList<>();
        candidates.forEach((question, cs) -> {
            List<Keyword> k = cs.stream().sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::word))
                    .limit(KEYWORDS).map(c -> new Keyword(c.word(), c.count())).toList();
            top.put(question, k);
            k.forEach(w -> {
                tq.add(question);
                tw.add(w.word());
                tn.add(w.count());
            });
        });
        record Text(String question, String text, long answers, long score, long total) {
        }
        Map<String, Long> totals = new HashMap<>();
        Map<String, List<Text>> texts = new HashMap<>();
        // representative: an answer of 6 to 120 UTF-16 chars (String.length, as analyse filters); char_length counts
        // code points, so only an answer of 3 to 5 or 61 to 120 code points needs its supplementary characters counted
        jdbc.sql("""
                with top as (select * from unnest(cast(:tq as text[]), cast(:tw as text[]), cast(:tn as bigint[])) as t(question, word, weight)),
                answer as (
                    select question, value, min(keywords) as keywords, count(*) as n
                    from survey_answer_value where survey_id = :s and question = any(:open)
                    group by question, value),
                scored as (
                    select a.question, a.value, a.n, sum(a.n) over (partition by a.question) as total,
                           (select coalesce(sum(t.weight), 0) from top t where t.question = a.question and t.word = any(a.keywords)) as score,
                           case when char_length(a.value) between 6 and 60 then true
                                when char_length(a.value) < 3 or char_length(a.value) > 120 then false
                                else char_length(a.value) + char_length(regexp_replace(a.value, '[^\\U00010000-\\U0010FFFF]', '', 'g'))
                                     between 6 and 120 end as eligible
                    from answer a),
                ranked as (
                    select question, value, n, total, score, eligible,
                           rank() over (partition by question, eligible order by score desc, n desc) as r
                    from scored)
                select question, value, n, score, total, eligible and r <= :k from ranked where (eligible and r <= :k) or r = 1""")
                .param("s", surveyId).param("open", questions).param("k", REPRESENTATIVE)
                .param("tq", tq.toArray(new String[0])).param("tw", tw.toArray(new String[0])).param("tn", tn.toArray(new Long[0]))
                .query((rs, i) -> {
                    totals.put(rs.getString(1), rs.getLong(5));
                    if (rs.getBoolean(6)) {
                        texts.computeIfAbsent(rs.getString(1), q -> new ArrayList<>())
                                .add(new Text(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                    }
                    return 1;
                }).list();
        Map<String, Result> out = new LinkedHashMap<>();
        for (String question : questions) {
            if (!totals.containsKey(question)) {
                continue; // no answers: no result, as analyse
            }
            List<String> representative = texts.getOrDefault(question, List.of()).stream()
                    .sorted(Comparator.comparingLong((Text t) -> -t.score()).thenComparingLong(t -> -t.answers()).thenComparing(Text::text))
                    .limit(REPRESENTATIVE).map(Text::text).toList();
            out.put(question, new Result(totals.get(question), top.getOrDefault(question, List.of()), representative));
        }
        return out;
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
