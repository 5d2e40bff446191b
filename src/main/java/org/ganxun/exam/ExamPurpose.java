package org.ganxun.exam;

/** What an exam is for. {@link #PRE_APPOINTMENT} results show in the promotion check. */
public enum ExamPurpose {
    PRE_APPOINTMENT("任前廉政法规知识测试"), LAW("学法考试"), THEME("主题学习测试"), QUIZ("课程测验"), OTHER("其他考试");

    private final String label;

    ExamPurpose(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
