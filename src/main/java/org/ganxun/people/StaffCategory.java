package org.ganxun.people;

/** What kind of staff a person is (人员类别). */
public enum StaffCategory implements Labeled {
    CIVIL_SERVANT("公务员"),
    CIVIL_SERVANT_EQUIVALENT("参公人员"),
    PUBLIC_INSTITUTION("事业人员"),
    STATE_ENTERPRISE("国企人员"),
    VILLAGE_CADRE("村(社区)干部"),
    COLLEGE_GRADUATE_VILLAGE_OFFICIAL("大学生村官");

    private final String label;

    StaffCategory(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String[] synonyms() {
        return switch (this) {
            case CIVIL_SERVANT -> new String[]{"行政", "行政编制", "公务员编制"};
            case CIVIL_SERVANT_EQUIVALENT -> new String[]{"参照公务员法管理人员", "参公", "参公管理"};
            case PUBLIC_INSTITUTION -> new String[]{"事业", "事业编制", "事业干部", "事业单位人员"};
            case STATE_ENTERPRISE -> new String[]{"国企", "企业", "国有企业人员"};
            case VILLAGE_CADRE -> new String[]{"村干部", "社区干部", "村（社区）干部", "村社区干部"};
            case COLLEGE_GRADUATE_VILLAGE_OFFICIAL -> new String[]{"大学生村干部", "选调生村官"};
        };
    }
}
