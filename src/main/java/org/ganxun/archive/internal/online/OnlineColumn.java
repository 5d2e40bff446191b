package org.ganxun.archive.internal.online;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ganxun.platform.excel.CellText;

/**
 * The fields an online-learning platform's export is mapped to, with the Chinese title the UI shows and
 * the titles platforms write (干部网络学院, 学习强国 exports and the like), used to propose a mapping.
 */
public enum OnlineColumn {
    CITIZEN_ID("身份证号", "公民身份号码", "身份证号码", "身份证", "证件号码", "证件号", "公民身份证号", "公民身份证号码", "身份证件号码"),
    NAME("姓名", "学员姓名", "用户姓名", "真实姓名", "学员", "用户名称", "人员姓名"),
    COURSE_TITLE("课程名称", "课程", "课程标题", "课件名称", "学习内容", "课程名", "专题名称"),
    MINUTES("学习时长(分钟)", "学习时长", "时长", "观看时长", "学习时间(分钟)", "时长(分钟)", "学习分钟数", "有效学习时长",
            "累计学习时长", "学习用时", "课程时长"),
    HOURS("学时", "获得学时", "课程学时", "完成学时", "学分", "所得学时", "学时数", "学习时长(小时)", "时长(小时)"),
    COMPLETED_ON("完成日期", "完成时间", "结业日期", "学习完成时间", "完成学习时间", "通过日期", "学完日期", "学习日期"),
    PASSED_TEST("是否通过考试", "考试结果", "是否通过测试", "考试是否通过", "测试结果", "考试状态", "是否通过"),
    COURSE_ID("课程编号", "课程ID", "课程代码", "课程编码", "课件编号", "课程id", "课程号"),
    REQUIRED("必修/选修", "课程类型", "是否必修", "课程性质", "必修选修", "选课类型");

    private static final Map<String, OnlineColumn> BY_TITLE = new LinkedHashMap<>();

    static {
        for (OnlineColumn c : values()) {
            BY_TITLE.put(key(c.title), c);
            for (String s : c.synonyms) {
                BY_TITLE.putIfAbsent(key(s), c);
            }
        }
    }

    private final String title;
    private final String[] synonyms;

    OnlineColumn(String title, String... synonyms) {
        this.title = title;
        this.synonyms = synonyms;
    }

    public String title() {
        return title;
    }

    public String[] synonyms() {
        return synonyms.clone();
    }

    /**
     * The field a header cell names, or null: first as written (so "学习时长(小时)" is hours, not minutes), then
     * without hints in brackets, "*" marks and spaces.
     */
    public static OnlineColumn ofHeader(String header) {
        if (header == null) {
            return null;
        }
        String h = key(header);
        if (h.isEmpty()) {
            return null;
        }
        OnlineColumn c = BY_TITLE.get(h);
        if (c != null) {
            return c;
        }
        String stripped = h.replaceAll("\\([^)]*\\)", "");
        if (h.contains("小时") && BY_TITLE.get(stripped) == MINUTES) {
            return HOURS;
        }
        return BY_TITLE.get(stripped);
    }

    private static String key(String s) {
        return CellText.normalize(s).replace('【', '(').replace('】', ')').replace('[', '(').replace(']', ')')
                .replaceAll("[\\s*:：]", "").toLowerCase();
    }
}
