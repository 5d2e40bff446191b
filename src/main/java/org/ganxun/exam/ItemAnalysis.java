package org.ganxun.exam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Item analysis of an exam, pure (classical test theory, as 教育测量 textbooks give it):
 * <ul>
 * <li><b>difficulty</b> P = the share of the candidates who had the question and answered it fully right (a higher P is
 *     an easier question);</li>
 * <li><b>discrimination</b> D = P(upper group) − P(lower group), the groups being the 27 % of candidates with the
 *     highest and the 27 % with the lowest total scores (Kelley's 27 %; k = round(0.27 × N), at least 1; ties broken by
 *     the attempt's id so the split is reproducible). With papers drawn per candidate, each group's P counts only
 *     its members whose paper had the question; D is left empty when a group had none, or with fewer than 2
 *     candidates. Ebel's reading: D ≥ 0.40 very good, 0.30–0.39 good, 0.20–0.29 fair, below 0.20 poor.</li>
 * </ul>
 */
public final class ItemAnalysis {

    private ItemAnalysis() {
    }

    /** One candidate's counted attempt: its total score and, per question on the paper, whether it was fully right. */
    public record Sheet(long attemptId, double total, Map<Long, Boolean> right) {
    }

    public record Item(long questionId, int candidates, int right, Double difficulty, Double discrimination) {
    }

    public static int groupSize(int n) {
        return Math.max(1, (int) Math.round(0.27 * n));
    }

    public static List<Item> analyse(List<Sheet> sheets) {
        List<Sheet> ranked = new ArrayList<>(sheets);
        ranked.sort(Comparator.comparingDouble(Sheet::total).reversed().thenComparingLong(Sheet::attemptId));
        int n = ranked.size();
        int k = groupSize(n);
        List<Sheet> upper = n < 2 ? List.of() : ranked.subList(0, k);
        List<Sheet> lower = n < 2 ? List.of() : ranked.subList(n - k, n);
        Map<Long, int[]> counts = new LinkedHashMap<>();
        for (Sheet s : ranked) {
            s.right().forEach((q, ok) -> {
                int[] c = counts.computeIfAbsent(q, x -> new int[2]);
                c[0]++;
                if (Boolean.TRUE.equals(ok)) {
                    c[1]++;
                }
            });
        }
        List<Item> items = new ArrayList<>();
        for (Map.Entry<Long, int[]> e : counts.entrySet()) {
            long q = e.getKey();
            int had = e.getValue()[0], right = e.getValue()[1];
            Double pu = share(upper, q), pl = share(lower, q);
            Double d = pu == null || pl == null ? null : round(pu - pl);
            items.add(new Item(q, had, right, had == 0 ? null : round((double) right / had), d));
        }
        items.sort(Comparator.comparingLong(Item::questionId));
        return items;
    }

    private static Double share(List<Sheet> group, long q) {
        int had = 0, right = 0;
        for (Sheet s : group) {
            Boolean ok = s.right().get(q);
            if (ok != null || s.right().containsKey(q)) {
                had++;
                if (Boolean.TRUE.equals(ok)) {
                    right++;
                }
            }
        }
        return had == 0 ? null : (double) right / had;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
