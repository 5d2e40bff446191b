package org.ganxun.exam;

import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.platform.web.RichText;

/**
 * A question as typed (a form or a row of a sheet), checked and cleaned, pure: the same rules for both, so that a
 * sheet's row error and a form's field error say the same thing. Every field is hostile: markup is removed (a
 * {@code <script>} stem is stored as its text), control characters dropped, lengths bounded.
 */
final class QuestionForms {

    static final int MAX_STEM = 2000, MAX_OPTION = 500, MAX_ANSWER = 2000, MAX_CATEGORY = 50, MAX_EXPLANATION = 2000;
    static final int MAX_OPTIONS = 6, MAX_BLANKS = 20;

    private QuestionForms() {
    }

    /** A question ready to store. */
    record Clean(QuestionKind kind, String stem, List<String> options, String answer, int difficulty, String category,
                 String explanation) {
    }

    /** Fields: kind, stem, options (with the option's letter: optionA …), answer, difficulty, category, explanation. */
    static Clean check(QuestionForm f, List<FieldProblem> problems) {
        int before = problems.size();
        QuestionKind kind = QuestionKind.ofLabel(f.kind());
        if (kind == null) {
            problems.add(new FieldProblem("kind", blank(f.kind()) ? "请填写题型" : "题型应为单选题、多选题、判断题、填空题或简答题"));
        }
        String stem = text(f.stem());
        if (stem == null) {
            problems.add(new FieldProblem("stem", "请填写题干"));
        } else if (stem.length() > MAX_STEM) {
            problems.add(new FieldProblem("stem", "题干不能超过" + MAX_STEM + "个字"));
        }
        List<String> options = new ArrayList<>();
        List<String> raw = f.options() == null ? List.of() : f.options();
        if (raw.size() > MAX_OPTIONS && raw.subList(MAX_OPTIONS, raw.size()).stream().anyMatch(o -> text(o) != null)) {
            problems.add(new FieldProblem("options", "选项最多6个（A–F）"));
        }
        int last = -1;
        for (int i = 0; i < Math.min(raw.size(), MAX_OPTIONS); i++) {
            if (text(raw.get(i)) != null) {
                last = i;
            }
        }
        for (int i = 0; i <= last; i++) {
            String o = text(raw.get(i));
            String field = "option" + (char) ('A' + i);
            if (o == null) {
                problems.add(new FieldProblem(field, "选项" + (char) ('A' + i) + "为空，但后面还有选项"));
            } else if (o.length() > MAX_OPTION) {
                problems.add(new FieldProblem(field, "选项" + (char) ('A' + i) + "不能超过" + MAX_OPTION + "个字"));
            }
            options.add(o == null ? "" : o);
        }
        String answer = text(f.answer());
        if (kind != null) {
            if (kind.hasOptions()) {
                if (options.size() < 2) {
                    problems.add(new FieldProblem("optionA", kind.label() + "至少要有A、B两个选项"));
                }
                String letters = answer == null ? "" : Grading.letters(answer.replaceAll("[,，、\\s]", ""));
                boolean onlyLetters = answer != null && answer.replaceAll("[,，、\\s]", "").toUpperCase().matches("[A-F]+");
                if (answer == null) {
                    problems.add(new FieldProblem("answer", "请填写答案"));
                } else if (!onlyLetters) {
                    problems.add(new FieldProblem("answer", "答案应为选项字母，如 " + (kind == QuestionKind.SINGLE ? "B" : "ACD")));
                } else if (kind == QuestionKind.SINGLE && letters.length() != 1) {
                    problems.add(new FieldProblem("answer", "单选题的答案只能是一个字母"));
                } else if (letters.chars().anyMatch(c -> c - 'A' >= options.size())) {
                    problems.add(new FieldProblem("answer", "答案" + letters + "中有不存在的选项（共" + options.size() + "个选项）"));
                } else {
                    answer = letters;
                }
            } else {
                if (options.size() > 0 && kind != QuestionKind.TRUE_FALSE) {
                    problems.add(new FieldProblem("optionA", kind.label() + "不应填写选项"));
                }
                options.clear();
                if (answer == null) {
                    problems.add(new FieldProblem("answer", "请填写答案" + (kind == QuestionKind.SHORT ? "（参考答案，供阅卷参考）" : "")));
                } else if (kind == QuestionKind.TRUE_FALSE) {
                    String tf = trueFalse(answer);
                    if (tf == null) {
                        problems.add(new FieldProblem("answer", "判断题的答案应为“对”或“错”"));
                    }
                    answer = tf;
                } else if (answer.length() > MAX_ANSWER) {
                    problems.add(new FieldProblem("answer", "答案不能超过" + MAX_ANSWER + "个字"));
                } else if (kind == QuestionKind.FILL) {
                    List<String> blanks = Grading.blanks(answer);
                    if (blanks.size() > MAX_BLANKS) {
                        problems.add(new FieldProblem("answer", "填空题最多" + MAX_BLANKS + "个空"));
                    } else if (blanks.stream().anyMatch(String::isEmpty)) {
                        problems.add(new FieldProblem("answer", "填空题有空白的答案（多个空用“|”分隔）"));
                    }
                    answer = String.join("|", blanks);
                }
            }
        }
        Integer difficulty = difficulty(f.difficulty());
        if (difficulty == null) {
            problems.add(new FieldProblem("difficulty", "难度应为易、中或难（或1、2、3）"));
        }
        String category = text(f.category());
        if (category == null) {
            problems.add(new FieldProblem("category", "请填写分类（组卷按分类抽题）"));
        } else if (category.length() > MAX_CATEGORY) {
            problems.add(new FieldProblem("category", "分类不能超过" + MAX_CATEGORY + "个字"));
        }
        String explanation = text(f.explanation());
        if (explanation != null && explanation.length() > MAX_EXPLANATION) {
            problems.add(new FieldProblem("explanation", "解析不能超过" + MAX_EXPLANATION + "个字"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Clean(kind, stem, List.copyOf(options), answer, difficulty, category, explanation);
    }

    static String trueFalse(String a) {
        return switch (a.strip().toUpperCase()) {
            case "对", "正确", "√", "✓", "是", "T", "TRUE", "Y", "A" -> "T";
            case "错", "错误", "×", "✗", "X", "否", "F", "FALSE", "N", "B" -> "F";
            default -> null;
        };
    }

    /** 易/中/难, 容易/中等/困难, 1–3; blank is 中. */
    static Integer difficulty(String d) {
        if (blank(d)) {
            return 2;
        }
        return switch (d.strip()) {
            case "易", "容易", "简单", "较易", "1" -> 1;
            case "中", "中等", "一般", "适中", "2" -> 2;
            case "难", "困难", "较难", "3" -> 3;
            default -> null;
        };
    }

    static String difficultyLabel(int d) {
        return switch (d) {
            case 1 -> "易";
            case 3 -> "难";
            default -> "中";
        };
    }

    /** Plain text: markup removed, control characters (NUL among them) dropped, blank as null. */
    static String text(String s) {
        if (s == null) {
            return null;
        }
        String t = RichText.text(s.replace("\u0000", "")).replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
        return t.isEmpty() ? null : t;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
