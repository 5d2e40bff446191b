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
import org.springframework.stereotype.Component;

/**
 * Open answers: segmented with HanLP (portable, its dictionaries inside the jar), stop words and
 * survey filler words removed, keywords counted by the number of answers that mention them (a word said
 * twice in one answer counts once), and the answers that mention most of the top keywords shown as
 * representative. Identical answers ("无", "没有") are segmented once.
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
