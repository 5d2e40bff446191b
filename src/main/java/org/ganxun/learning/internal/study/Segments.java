package org.ganxun.learning.internal.study;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a medium watched and credited, as whole seconds [start, end), merged and sorted. Stored as text
 * ("0-120,300-360"): a rewatched part adds nothing, a part watched after a skip ahead adds its own length.
 */
public record Segments(List<int[]> parts) {

    static final Segments NONE = new Segments(List.of());

    public Segments {
        parts = List.copyOf(parts);
    }

    public static Segments parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<int[]> out = new ArrayList<>();
        for (String p : text.split(",")) {
            String[] ab = p.split("-");
            out.add(new int[] {Integer.parseInt(ab[0]), Integer.parseInt(ab[1])});
        }
        return new Segments(out);
    }

    /** These segments with [start, end) added, merged with any it touches. */
    Segments add(int start, int end) {
        if (end <= start) {
            return this;
        }
        List<int[]> out = new ArrayList<>();
        int s = start, e = end;
        boolean placed = false;
        for (int[] p : parts) {
            if (p[1] < s) {
                out.add(p);
            } else if (p[0] > e) {
                if (!placed) {
                    out.add(new int[] {s, e});
                    placed = true;
                }
                out.add(p);
            } else {
                s = Math.min(s, p[0]);
                e = Math.max(e, p[1]);
            }
        }
        if (!placed) {
            out.add(new int[] {s, e});
        }
        return new Segments(out);
    }

    /** The union of both (idempotent: a part merged twice counts once). */
    Segments union(Segments other) {
        Segments out = this;
        for (int[] p : other.parts) {
            out = out.add(p[0], p[1]);
        }
        return out;
    }

    int total() {
        int t = 0;
        for (int[] p : parts) {
            t += p[1] - p[0];
        }
        return t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int[] p : parts) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(p[0]).append('-').append(p[1]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segments s && s.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
