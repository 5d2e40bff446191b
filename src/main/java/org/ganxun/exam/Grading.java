package org.ganxun.exam;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Automatic grading, pure. Keys and responses are in the question's original option letters (a shuffled paper is
 * translated back before it gets here), so a candidate's paper order never changes the grade.
 *
 * <p>The rules, as exam offices state them in their 考试说明:
 * <ul>
 * <li>单选题, 判断题: full points for the key, nothing otherwise.</li>
 * <li>多选题: full points only for exactly the keyed options; one missing or one wrong gets nothing
 *     (“多选、少选、错选均不得分”).</li>
 * <li>填空题: the points are shared equally by the blanks (rounded to 0.01, the last blank taking the remainder so
 *     that all blanks right make exactly the points); a blank is right when it matches the key or one of its
 *     alternatives ("/"-separated) after width, case and white space are ignored.</li>
 * <li>简答题: graded by a person ({@link #mark} answers null).</li>
 * </ul>
 */
public final class Grading {

    private Grading() {
    }

    /** A graded answer: the points earned and whether it was fully right. */
    public record Mark(BigDecimal score, boolean correct) {
    }

    public static Mark mark(QuestionKind kind, String key, String response, BigDecimal points) {
        return switch (kind) {
            case SINGLE, TRUE_FALSE -> all(points, key != null && key.equals(letters(response)));
            case MULTIPLE -> all(points, key != null && letters(key).equals(letters(response)) && !letters(response).isEmpty());
            case FILL -> fill(key, response, points);
            case SHORT -> null;
        };
    }

    private static Mark all(BigDecimal points, boolean right) {
        return new Mark(right ? points : BigDecimal.ZERO.setScale(2), right);
    }

    /** Option letters as a sorted set without repeats: "ca a" → "AC"; true/false answers pass through. */
    static String letters(String response) {
        if (response == null) {
            return "";
        }
        String r = response.strip().toUpperCase();
        if (r.equals("T") || r.equals("F")) {
            return r;
        }
        TreeSet<Character> set = new TreeSet<>();
        for (char c : r.toCharArray()) {
            if (c >= 'A' && c <= 'F') {
                set.add(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        set.forEach(sb::append);
        return sb.toString();
    }

    private static Mark fill(String key, String response, BigDecimal points) {
        List<String> keys = blanks(key);
        List<String> given = blanks(response);
        int n = keys.size();
        if (n == 0) {
            return all(points, false);
        }
        BigDecimal share = points.divide(BigDecimal.valueOf(n), 2, RoundingMode.DOWN);
        BigDecimal score = BigDecimal.ZERO.setScale(2);
        int right = 0;
        for (int i = 0; i < n; i++) {
            String g = i < given.size() ? normal(given.get(i)) : "";
            boolean ok = false;
            for (String alt : keys.get(i).split("/")) {
                if (!g.isEmpty() && normal(alt).equals(g)) {
                    ok = true;
                }
            }
            if (ok) {
                right++;
                score = score.add(i == n - 1 ? points.subtract(share.multiply(BigDecimal.valueOf(n - 1))) : share);
            }
        }
        return new Mark(score.setScale(2, RoundingMode.HALF_UP), right == n);
    }

    /** The blanks of a fill-in key or response: "|"-separated (full-width "｜" too). */
    static List<String> blanks(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String b : text.replace('｜', '|').split("\\|", -1)) {
            out.add(b.strip());
        }
        return out;
    }

    /** Full-width letters and digits as half-width, case and all white space ignored. */
    static String normal(String s) {
        return Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKC).replaceAll("\\s+", "").toLowerCase();
    }
}
