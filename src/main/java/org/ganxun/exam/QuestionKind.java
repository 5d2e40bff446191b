package org.ganxun.exam;

/** 题型. Short answers are graded by a person; the others by {@link Grading}. */
public enum QuestionKind {
    SINGLE("单选题"), MULTIPLE("多选题"), TRUE_FALSE("判断题"), FILL("填空题"), SHORT("简答题");

    private final String label;

    QuestionKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean hasOptions() {
        return this == SINGLE || this == MULTIPLE;
    }

    /** The kind for a label in an exam office's sheet: 单选题, 单选, 单项选择题 … */
    static QuestionKind ofLabel(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().replace("题", "");
        return switch (t) {
            case "单选", "单项选择", "单项选", "SINGLE" -> SINGLE;
            case "多选", "多项选择", "多项选", "不定项选择", "不定项", "MULTIPLE" -> MULTIPLE;
            case "判断", "是非", "TRUE_FALSE" -> TRUE_FALSE;
            case "填空", "FILL" -> FILL;
            case "简答", "问答", "论述", "主观", "SHORT" -> SHORT;
            default -> null;
        };
    }
}
