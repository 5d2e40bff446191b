package org.ganxun.training.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Near-duplicate detection for Chinese class titles and topics without a segmenter: text is reduced to
 * its distinctive core (generic class words such as 专题培训班 / 研讨班, years and 第N期 removed, punctuation
 * and spaces dropped), cut into overlapping character bigrams, and two texts are compared by the cosine of
 * their bigram count vectors. Short Chinese titles are mostly two-character words, so bigrams catch shared
 * words without a dictionary. The thresholds and why are in {@link #DUPLICATE_TITLE} and its tests.
 */
public final class TextSimilarity {

    /**
     * Titles at or above this are flagged. Worked examples (see TextSimilarityTest): 学习贯彻党的二十大精神
     * 专题培训班 vs …专题研讨班 → 1.00 (same core); 全面推进乡村振兴专题培训班 vs 乡村振兴专题培训班 → 0.65 and
     * 学习贯彻党的二十大精神 vs 学习贯彻党的二十届三中全会精神 → 0.68 (different content, not flagged);
     * 乡村振兴专题培训班 vs 学习贯彻党的二十大精神专题培训班 → 0.00.
     */
    public static final double DUPLICATE_TITLE = 0.7;
    /** Topic lists at or above this are flagged even when the titles differ (same syllabus, new name). */
    public static final double DUPLICATE_TOPICS = 0.8;

    private static final Pattern YEAR = Pattern.compile("(19|20)\\d{2}年度?|[0-9０-９]{4}");
    private static final Pattern PERIOD = Pattern.compile("第[0-9一二三四五六七八九十百]+(期|批|次)");
    private static final Pattern NOT_TEXT = Pattern.compile("[^\\p{IsHan}\\p{IsLatin}0-9]");
    private static final List<String> GENERIC = List.of(
            "专题培训班", "专题研讨班", "专题轮训班", "培训示范班", "专题进修班", "培训班", "研讨班", "轮训班",
            "进修班", "示范班", "专题班", "学习班", "读书班", "专题", "培训", "研讨", "轮训");

    private TextSimilarity() {
    }

    /** The distinctive part of a class title; the whole cleaned title if nothing distinctive is left. */
    public static String core(String title) {
        if (title == null) {
            return "";
        }
        String t = NOT_TEXT.matcher(PERIOD.matcher(YEAR.matcher(title).replaceAll("")).replaceAll("")).replaceAll("");
        String c = t;
        for (String g : GENERIC) {
            c = c.replace(g, "");
        }
        return c.isEmpty() ? t : c;
    }

    /** Cosine similarity of the bigram vectors of two class titles, after {@link #core}. */
    public static double titles(String a, String b) {
        return cosine(bigrams(core(a)), bigrams(core(b)));
    }

    /** Cosine similarity of two topic lists (each topic cleaned and cut into bigrams); 0 when either is empty. */
    public static double topics(List<String> a, List<String> b) {
        Map<String, Integer> va = new HashMap<>();
        Map<String, Integer> vb = new HashMap<>();
        a.forEach(t -> bigrams(NOT_TEXT.matcher(t).replaceAll("")).forEach((k, v) -> va.merge(k, v, Integer::sum)));
        b.forEach(t -> bigrams(NOT_TEXT.matcher(t).replaceAll("")).forEach((k, v) -> vb.merge(k, v, Integer::sum)));
        return cosine(va, vb);
    }

    static Map<String, Integer> bigrams(String s) {
        Map<String, Integer> m = new HashMap<>();
        if (s.length() == 1) {
            m.put(s, 1);
        }
        for (int i = 0; i + 1 < s.length(); i++) {
            m.merge(s.substring(i, i + 2), 1, Integer::sum);
        }
        return m;
    }

    static double cosine(Map<String, Integer> a, Map<String, Integer> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double dot = 0;
        for (var e : a.entrySet()) {
            Integer o = b.get(e.getKey());
            if (o != null) {
                dot += (double) e.getValue() * o;
            }
        }
        return dot / (norm(a) * norm(b));
    }

    private static double norm(Map<String, Integer> v) {
        double s = 0;
        for (int x : v.values()) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
