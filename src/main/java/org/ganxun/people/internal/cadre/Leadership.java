package org.ganxun.people.internal.cadre;

import java.util.List;

/**
 * Whether a person holds a leading post (领导职务), which decides the rules for leaders (任职培训, the leaders'
 * statistics). A file column 是否领导职务 or a clerk states it; when nobody did, it is derived from the post's title
 * and the derivation is kept ({@code leadership_basis}) so that the roster shows it and a clerk can correct it.
 *
 * <p>The titles: a post that heads or deputises for a body (书记, 镇长, 乡长, 局长, 主任, 部长, 主席 …, and their 副
 * forms, which contain them), and the members of a leading group (党委委员, 党组成员). Not leading though they contain
 * such a word: the grades (主任科员, 调研员, 巡视员: 《公务员职务与职级并行规定》 sets grades apart from leading
 * posts), the professional titles 主任医师/主任护师/主任药师/主任技师 …, and 书记员 (a court clerk).
 */
public final class Leadership {

    /** Titles of leading posts; the first one found in the post is named in the basis. */
    static final List<String> LEADING = List.of("书记", "县长", "区长", "市长", "镇长", "乡长", "局长", "主任", "部长",
            "厅长", "处长", "科长", "主席", "党委委员", "党工委委员", "纪委委员", "党组成员", "所长", "站长", "院长", "校长", "馆长", "队长", "行长", "庭长",
            "检察长", "政委", "秘书长", "组长", "董事长", "总经理", "社长", "台长", "村长", "总工程师", "总会计师", "总经济师");

    /** Words that contain a leading title but name a grade or a profession; removed before looking. */
    static final List<String> NOT_LEADING = List.of("主任科员", "主任医师", "主任护师", "主任药师", "主任技师", "主任编辑",
            "主任记者", "主任播音员", "主任会计师", "书记员", "调研员", "巡视员");

    private Leadership() {
    }

    /** A derivation: the value and the sentence that says how it was reached. */
    public record Derived(boolean leading, String basis) {
    }

    /** Derives from the post's title (see the class comment). */
    public static Derived derive(String post) {
        String p = post == null ? "" : post.strip();
        if (p.isEmpty()) {
            return new Derived(false, "未填写职务，推定为非领导职务");
        }
        String rest = p;
        for (String n : NOT_LEADING) {
            rest = rest.replace(n, "\u0000");
        }
        String found = null;
        int at = Integer.MAX_VALUE;
        for (String t : LEADING) {
            int i = rest.indexOf(t);
            if (i >= 0 && i < at) {
                at = i;
                found = t;
            }
        }
        if (found != null) {
            return new Derived(true, "按职务“" + shorten(p) + "”中的“" + found + "”推定为领导职务");
        }
        return new Derived(false, "职务“" + shorten(p) + "”中没有领导职务的称谓，推定为非领导职务");
    }

    private static String shorten(String post) {
        return post.length() <= 40 ? post : post.substring(0, 39) + "…";
    }

    /**
     * The value to store and its basis. Stated ({@code leadership} not null) it is stored as stated, with no basis,
     * unless it only repeats the stored derivation ({@code keptBasis}: what the roster had and would derive again from
     * this post, as an exported file brings back): then the derivation stays shown. Not stated: derived.
     */
    public static Derived resolve(Boolean leadership, String keptBasis, String post) {
        if (leadership == null) {
            return derive(post);
        }
        if (keptBasis != null) {
            Derived d = derive(post);
            if (d.leading() == leadership && d.basis().equals(keptBasis)) {
                return d;
            }
        }
        return new Derived(leadership, null);
    }

    /** The form with 是否领导职务 decided ({@link #resolve}). */
    public static CadreForm apply(CadreForm f) {
        Derived d = resolve(f.leadership(), f.leadershipBasis(), f.post());
        return f.with(d.leading(), d.basis());
    }
}
