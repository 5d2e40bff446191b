package org.ganxun.learning;

/** 课程分类 (issue 16). */
public enum CourseCategory {
    POLITICAL_THEORY("政治理论"), POLICY_LAW("政策法规"), BUSINESS("业务知识"), CULTURE("文化素养"), SKILLS("技能训练");

    private final String label;

    CourseCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
