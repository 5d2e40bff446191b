package org.ganxun.people.internal.importing;

import java.util.HashMap;

import org.ganxun.platform.excel.CellText;
import java.util.Map;

/**
 * The columns of the roster file, in template order, with the Chinese title the template and the export
 * use and the other titles people write in their own files.
 */
public enum RosterColumn {
    /** 人员编号 ({@link org.ganxun.people.PersonNo}): empty for new people; an exported file carries it. */
    PERSON_NO("人员编号", false, "人员代码", "干部编号", "人员ID"),
    NAME("姓名", true, "名字", "干部姓名", "人员姓名"),
    GENDER("性别", false),
    ETHNICITY("民族", false),
    BIRTH_DATE("出生日期", false, "出生年月", "出生年月日", "出生时间", "生日"),
    CITIZEN_ID("公民身份号码", true, "身份证号", "身份证号码", "身份证", "公民身份证号码", "公民身份证号", "身份证件号码",
            "证件号码", "身份号码"),
    EDUCATION("学历", false, "文化程度", "最高学历", "学历学位"),
    /** The 全日制教育 and 在职教育 lines of the 干部任免审批表 (GB/T 4658). */
    EDUCATION_FULL_TIME("全日制学历", false, "全日制教育", "全日制教育学历", "全日制学历学位", "全日制教育学历学位"),
    EDUCATION_IN_SERVICE("在职学历", false, "在职教育", "在职教育学历", "在职学历学位", "在职教育学历学位"),
    POLITICAL_STATUS("政治面貌", true, "政治身份"),
    JOINED_PARTY_ON("入党时间", false, "入党日期", "入党年月"),
    ORG("单位", true, "工作单位", "所在单位", "单位名称", "任职单位"),
    POST("职务", false, "现任职务", "职务名称", "现职务"),
    RANK_LEVEL("职级层次", false, "层次", "级别", "职级层级", "层级", "职务层次", "职务级别"),
    RANK_GRADE("正副职", false, "正/副职", "正副", "正职副职"),
    /** The grade beside the post: 2019 civil-service grades, 事业单位 职员 and 专业技术 grades (or a level, as 职级层次). */
    RANK_TITLE("职级", false, "职级名称", "公务员职级", "现职级", "岗位等级", "职员等级"),
    LEADERSHIP("是否领导职务", false, "领导职务", "是否领导", "是否领导干部"),
    STAFF_CATEGORY("人员类别", true, "身份类别", "人员身份", "编制类别", "干部类别", "人员类型"),
    ENTERED_WORK_ON("参加工作时间", false, "工作时间", "参加工作日期", "参工时间", "参加工作年月"),
    PHONE("联系电话", false, "电话", "手机", "手机号码", "联系方式", "手机号", "电话号码"),
    RESERVE_CADRE("是否后备干部", false, "后备干部", "是否后备"),
    PARTY_ORG("所在党支部", false, "党支部", "所在党组织", "党组织", "所在支部", "支部"),
    MOBILE_MEMBER("是否流动党员", false, "流动党员");

    private static final Map<String, RosterColumn> BY_TITLE = new HashMap<>();

    static {
        for (RosterColumn c : values()) {
            BY_TITLE.put(c.title, c);
            for (String s : c.synonyms) {
                BY_TITLE.put(s, c);
            }
        }
    }

    private final String title;
    private final boolean required;
    private final String[] synonyms;

    RosterColumn(String title, boolean required, String... synonyms) {
        this.title = title;
        this.required = required;
        this.synonyms = synonyms;
    }

    /** The column of a {@code CadreForm} property, as problems of the cadre checks name it (null: none). */
    public static RosterColumn ofProperty(String property) {
        return switch (property) {
            case "name" -> NAME;
            case "gender" -> GENDER;
            case "ethnicity" -> ETHNICITY;
            case "birthDate" -> BIRTH_DATE;
            case "citizenId" -> CITIZEN_ID;
            case "education" -> EDUCATION;
            case "educationFullTime" -> EDUCATION_FULL_TIME;
            case "educationInService" -> EDUCATION_IN_SERVICE;
            case "politicalStatus", "politicalStatusCode" -> POLITICAL_STATUS;
            case "joinedPartyOn" -> JOINED_PARTY_ON;
            case "orgId" -> ORG;
            case "post" -> POST;
            case "rankLevel" -> RANK_LEVEL;
            case "rankGrade" -> RANK_GRADE;
            case "rankTitle" -> RANK_TITLE;
            case "leadership", "leadershipBasis" -> LEADERSHIP;
            case "staffCategory" -> STAFF_CATEGORY;
            case "enteredWorkOn" -> ENTERED_WORK_ON;
            case "phone" -> PHONE;
            case "reserveCadre" -> RESERVE_CADRE;
            case "partyOrgId" -> PARTY_ORG;
            case "mobileMember" -> MOBILE_MEMBER;
            default -> null;
        };
    }

    /** The Chinese title of the template. */
    public String title() {
        return title;
    }

    public boolean required() {
        return required;
    }

    public String[] synonyms() {
        return synonyms.clone();
    }

    /** Column titles of the roster, in template order. */
    public static java.util.List<String> titles() {
        java.util.List<String> t = new java.util.ArrayList<>();
        for (RosterColumn c : values()) {
            t.add(c.title);
        }
        return t;
    }

    /** The column a header cell names, or null. Spaces, "*" marks and hints in brackets are ignored. */
    public static RosterColumn ofHeader(String header) {
        if (header == null) {
            return null;
        }
        String h = CellText.normalize(header)
                .replaceAll("[(（\\[【][^)）\\]】]*[)）\\]】]", "")
                .replaceAll("[\\s*＊:：]", "");
        return h.isEmpty() ? null : BY_TITLE.get(h);
    }

    /** The column a validation problem names (problems use the template's titles). */
    public static RosterColumn ofTitle(String title) {
        for (RosterColumn c : values()) {
            if (c.title.equals(title)) {
                return c;
            }
        }
        return null;
    }
}
