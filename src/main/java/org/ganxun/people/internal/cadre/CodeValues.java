package org.ganxun.people.internal.cadre;

import java.util.List;
import java.util.Optional;

import org.ganxun.people.CodeItem;
import org.ganxun.people.CodeSet;
import org.ganxun.people.CodeTables;
import org.ganxun.people.Education;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.platform.excel.CellText;
import org.ganxun.platform.web.BusinessException.FieldProblem;

/**
 * Checks and completes the code-table fields of a {@link CadreForm}, for the edit dialog and the import alike:
 * the ethnicity becomes its GB/T 3304 name (汉 → 汉族); a GB/T 4762 code decides the political status (and a status
 * that only one code stands for gets that code); the highest education is at least the full-time and the in-service
 * one; a grade beside the post (一级主任科员) gives the rank level and 正/副 when those are not given.
 */
public final class CodeValues {

    private CodeValues() {
    }

    /** The form completed; problems (by the template's column titles) are added to {@code problems}. */
    public static CadreForm resolve(CodeTables codes, CadreForm f, List<FieldProblem> problems) {
        String ethnicity = ethnicity(codes, f.ethnicity(), problems);

        PoliticalStatus ps = f.politicalStatus();
        String psCode = blankToNull(f.politicalStatusCode());
        if (psCode != null) {
            Optional<CodeItem> i = codes.byCode(CodeSet.POLITICAL_STATUS, psCode);
            if (i.isEmpty()) {
                problems.add(new FieldProblem("politicalStatus", "政治面貌代码“" + psCode + "”不在 GB/T 4762 中"));
                psCode = null;
            } else {
                ps = i.get().mapsTo(PoliticalStatus.class);
            }
        } else {
            psCode = codes.soleCode(CodeSet.POLITICAL_STATUS, ps);
        }

        String fullTime = code(codes, CodeSet.EDUCATION, f.educationFullTime(), "educationFullTime", "全日制学历", problems);
        String inService = code(codes, CodeSet.EDUCATION, f.educationInService(), "educationInService", "在职学历", problems);
        Education education = f.education();
        for (String c : new String[]{fullTime, inService}) {
            Education e = codes.byCode(CodeSet.EDUCATION, c).map(i -> i.mapsTo(Education.class)).orElse(null);
            if (e != null && (education == null || e.ordinal() < education.ordinal())) {
                education = e; // 最高学历 is the higher of the two
            }
        }

        String title = code(codes, CodeSet.RANK_TITLE, f.rankTitle(), "rankTitle", "职级", problems);
        RankLevel level = f.rankLevel();
        RankGrade grade = f.rankGrade();
        CodeItem t = codes.byCode(CodeSet.RANK_TITLE, title).orElse(null);
        if (t != null && t.mapsTo() != null) {
            RankLevel tl = t.mapsTo(RankLevel.class);
            if (level == null) {
                level = tl;
            }
            if (grade == null && level == tl && t.rankGrade() != null) {
                grade = RankGrade.valueOf(t.rankGrade());
            }
        }
        return f.withCodes(ethnicity, ps, psCode, education, fullTime, inService, level, grade, title);
    }

    /** The GB/T 3304 name; a name of the 97 其他 line (穿青人 …) is kept as written. Empty: 汉族. */
    static String ethnicity(CodeTables codes, String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            return "汉族";
        }
        String t = CellText.squeeze(CellText.normalize(text));
        Optional<CodeItem> i = codes.find(CodeSet.ETHNICITY, t);
        if (i.isEmpty()) {
            problems.add(new FieldProblem("ethnicity", "民族“" + shorten(t) + "”不是 GB/T 3304 的民族名称，可填："
                    + codes.examples(CodeSet.ETHNICITY, 8) + "（写不写“族”都可以）"));
            return null;
        }
        CodeItem item = i.get();
        // 穿青人, 僜人 …: groups of the 97 line keep their own name; 其他民族, 未识别民族 are stored as 其他
        boolean group = "97".equals(item.code()) && item.synonyms().contains(t) && !t.contains("民族");
        return group ? t : item.name();
    }

    private static String code(CodeTables codes, CodeSet set, String code, String field, String label, List<FieldProblem> problems) {
        String c = blankToNull(code);
        if (c != null && codes.byCode(set, c).isEmpty()) {
            problems.add(new FieldProblem(field, label + "代码“" + shorten(c) + "”不在代码表中"));
            return null;
        }
        return c;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String shorten(String s) {
        return s.length() <= 20 ? s : s.substring(0, 19) + "…";
    }
}
