package org.ganxun.exam;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Draws a candidate's paper from the bank by the exam's blueprint, pure. The draw is a function of the exam, the
 * candidate and the attempt number only ({@link #seed}), so drawing again (a reload, a second node) gives the same
 * paper and the same option order; another candidate, or the same candidate's next attempt, gets another.
 *
 * <p>Each blueprint line takes {@code count} questions of its category (and difficulty, when it names one) that no
 * earlier line took; the paper lists them by kind (单选, 多选, 判断, 填空, 简答, as printed papers do), in drawn
 * order within a kind. The options of single and multiple choice questions are shuffled per candidate; the paper
 * keeps, for each, the original index of the option shown in each place, so answers are graded against the
 * original keys.
 */
public final class PaperDrawer {

    private PaperDrawer() {
    }

    /** One line of a blueprint: how many questions of which category and difficulty (null: any), at how many points. */
    public record Line(String category, Integer difficulty, int count, BigDecimal points) {
    }

    /** A question in the bank, as far as drawing needs it. */
    public record Candidate(long id, QuestionKind kind, String category, int difficulty, int options) {
    }

    /** A question on a paper: {@code order[i]} is the original index of the option shown in place i. */
    public record Item(long questionId, QuestionKind kind, BigDecimal points, int[] order) {
    }

    /** Lines that the bank cannot fill: the line's index and how many questions it has. */
    public static final class Shortfall extends RuntimeException {
        public final int line;
        public final int available;

        Shortfall(int line, int available) {
            super("blueprint line " + line + " has " + available + " questions");
            this.line = line;
            this.available = available;
        }
    }

    public static long seed(long examId, long cadreId, int attemptNo) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(
                    ("ganxun-exam:" + examId + ":" + cadreId + ":" + attemptNo).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Item> draw(List<Line> blueprint, List<Candidate> bank, long seed) {
        Random random = new Random(seed);
        List<Candidate> sorted = new ArrayList<>(bank);
        sorted.sort(Comparator.comparingLong(Candidate::id)); // the pool's order must not depend on the query's
        Set<Long> taken = new HashSet<>();
        List<Item> items = new ArrayList<>();
        for (int l = 0; l < blueprint.size(); l++) {
            Line line = blueprint.get(l);
            List<Candidate> pool = new ArrayList<>();
            for (Candidate c : sorted) {
                if (!taken.contains(c.id()) && c.category().equals(line.category())
                        && (line.difficulty() == null || line.difficulty() == c.difficulty())) {
                    pool.add(c);
                }
            }
            if (pool.size() < line.count()) {
                throw new Shortfall(l, pool.size());
            }
            Collections.shuffle(pool, random);
            for (Candidate c : pool.subList(0, line.count())) {
                taken.add(c.id());
                items.add(new Item(c.id(), c.kind(), line.points(), order(c, random)));
            }
        }
        List<Item> paper = new ArrayList<>(items);
        paper.sort(Comparator.comparingInt(i -> i.kind().ordinal())); // stable: drawn order within a kind
        return paper;
    }

    private static int[] order(Candidate c, Random random) {
        int n = c.kind().hasOptions() ? c.options() : 0;
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, random);
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The shown letters of a response ("AC" as shown) in the original letters, by the paper's order. */
    public static String toOriginal(String shown, int[] order) {
        if (shown == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (char c : Grading.letters(shown).toCharArray()) {
            int place = c - 'A';
            if (place >= 0 && place < order.length) {
                sb.append((char) ('A' + order[place]));
            }
        }
        return Grading.letters(sb.toString());
    }

    /** The original letters as shown on this paper. */
    public static String toShown(String original, int[] order) {
        if (original == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (char c : Grading.letters(original).toCharArray()) {
            for (int place = 0; place < order.length; place++) {
                if (order[place] == c - 'A') {
                    sb.append((char) ('A' + place));
                }
            }
        }
        return Grading.letters(sb.toString());
    }

    /** Counts by (category, difficulty), for the blueprint page. */
    public static Map<String, Long> counts(List<Candidate> bank) {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (Candidate c : bank) {
            m.merge(c.category() + "|" + c.difficulty(), 1L, Long::sum);
        }
        return m;
    }
}
