package org.ganxun.org;

/** Kinds of unit in the administrative tree. */
public enum OrgKind {
    COUNTY("县(市、区)"),
    COUNTY_ORGAN("县委/县政府机关"),
    DEPARTMENT("县直部门"),
    TOWNSHIP("乡镇"),
    PARK("园区"),
    VILLAGE("村"),
    COMMUNITY("社区"),
    INSTITUTION("事业单位"),
    ENTERPRISE("国有企业"),
    OTHER("其他");

    private final String label;

    OrgKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
