package org.ganxun.people;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ganxun.platform.excel.CellText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The national code tables (GB/T 4762 政治面貌, GB/T 3304 民族, GB/T 4658 学历) and the grades beside posts, as the
 * migration seeds them in {@code code_item}: loaded once, then read from memory. {@link #find} accepts a value in any
 * form people write it: the standard code, the name, the short name, a synonym; spaces, full-width characters,
 * hints in brackets ("一级主任科员（乡科级正职）") and Arabic numerals for Chinese ones ("4级主任科员") do not matter.
 */
@Component
public class CodeTables {

    private final JdbcClient jdbc;
    private volatile Loaded loaded;

    CodeTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Loaded(Map<CodeSet, List<CodeItem>> items, Map<CodeSet, Map<String, CodeItem>> byKey,
                          Map<CodeSet, Map<String, CodeItem>> byCode) {
    }

    /** The items of a set, in the standard's order. */
    public List<CodeItem> items(CodeSet set) {
        return load().items().getOrDefault(set, List.of());
    }

    /** The item a cell or form field names, in any of its written forms; empty if none (or the text is blank). */
    public Optional<CodeItem> find(CodeSet set, String text) {
        String k = key(text);
        if (k == null || k.isEmpty()) {
            return Optional.empty();
        }
        Map<String, CodeItem> m = load().byKey().getOrDefault(set, Map.of());
        CodeItem i = m.get(k);
        if (i == null) {
            String bare = stripHints(k);
            if (!bare.equals(k)) {
                i = m.get(bare);
            }
        }
        return Optional.ofNullable(i);
    }

    /** The item with this standard code; empty for null or an unknown code. */
    public Optional<CodeItem> byCode(CodeSet set, String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(load().byCode().getOrDefault(set, Map.of()).get(code));
    }

    /** The label of a stored code, or null. */
    public String label(CodeSet set, String code) {
        return byCode(set, code).map(CodeItem::label).orElse(null);
    }

    /** The code an enum constant stands for when only one item maps to it (中共党员 → 01); null otherwise (民主党派). */
    public String soleCode(CodeSet set, Enum<?> value) {
        if (value == null) {
            return null;
        }
        String found = null;
        for (CodeItem i : items(set)) {
            if (value.name().equals(i.mapsTo())) {
                if (found != null) {
                    return null;
                }
                found = i.code();
            }
        }
        return found;
    }

    /** A few of the set's labels, for messages that say what may be written. */
    public String examples(CodeSet set, int max) {
        List<String> l = items(set).stream().map(CodeItem::label).distinct().toList();
        return String.join("、", l.subList(0, Math.min(max, l.size()))) + (l.size() > max ? " 等" : "");
    }

    private Loaded load() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (this) {
                l = loaded;
                if (l == null) {
                    l = read();
                    loaded = l;
                }
            }
        }
        return l;
    }

    private Loaded read() {
        Map<CodeSet, List<CodeItem>> items = new EnumMap<>(CodeSet.class);
        jdbc.sql("""
                select code_set, code, name, short_name, synonyms, maps_to, rank_grade, sort_order
                from code_item order by code_set, sort_order, code""")
                .query(rs -> {
                    CodeSet set;
                    try {
                        set = CodeSet.valueOf(rs.getString(1));
                    } catch (IllegalArgumentException e) {
                        return; // a set this version does not know
                    }
                    String[] syn = (String[]) rs.getArray(5).getArray();
                    items.computeIfAbsent(set, s -> new ArrayList<>()).add(new CodeItem(set, rs.getString(2), rs.getString(3),
                            rs.getString(4), List.of(syn), rs.getString(6), rs.getString(7), rs.getInt(8)));
                });
        Map<CodeSet, Map<String, CodeItem>> byKey = new EnumMap<>(CodeSet.class);
        Map<CodeSet, Map<String, CodeItem>> byCode = new EnumMap<>(CodeSet.class);
        for (Map.Entry<CodeSet, List<CodeItem>> e : items.entrySet()) {
            Map<String, CodeItem> keys = new HashMap<>();
            Map<String, CodeItem> codes = new HashMap<>();
            for (CodeItem i : e.getValue()) {
                codes.put(i.code(), i);
                // names first, so that no synonym shadows another item's own name
                keys.putIfAbsent(key(i.code()), i);
                keys.putIfAbsent(key(i.name()), i);
            }
            for (CodeItem i : e.getValue()) {
                if (i.shortName() != null) {
                    keys.putIfAbsent(key(i.shortName()), i);
                }
                for (String s : i.synonyms()) {
                    keys.putIfAbsent(key(s), i);
                }
            }
            e.setValue(Collections.unmodifiableList(e.getValue()));
            byKey.put(e.getKey(), keys);
            byCode.put(e.getKey(), codes);
        }
        return new Loaded(items, byKey, byCode);
    }

    private static final String[] NUMERALS = {"十三", "十二", "十一", "十", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    private static final String[] DIGITS = {"13", "12", "11", "10", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    /** Spaces and full-width forms away; inside words, Arabic numerals as Chinese ones (4级 → 四级). */
    static String key(String text) {
        if (text == null) {
            return null;
        }
        String t = CellText.squeeze(CellText.normalize(text));
        if (t.isEmpty() || t.chars().allMatch(Character::isDigit) || t.chars().allMatch(c -> c < 128)) {
            return t.toUpperCase();
        }
        for (int i = 0; i < DIGITS.length; i++) {
            t = t.replace(DIGITS[i], NUMERALS[i]);
        }
        return t;
    }

    /** Without hints in brackets: "一级主任科员(乡科级正职)" → "一级主任科员". */
    private static String stripHints(String key) {
        return key.replaceAll("[(\\[【][^)\\]】]*[)\\]】]", "").strip();
    }

    /** For tests and messages: the labels of a set joined. */
    public String labels(CodeSet set) {
        return String.join("、", items(set).stream().map(CodeItem::label).distinct().toList());
    }
}
