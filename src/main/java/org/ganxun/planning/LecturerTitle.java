package org.ganxun.planning;

/** A lecturer's title as the lecture-fee caps tell them apart (财行〔2016〕540号 第十一条); OTHER: 其他人员参照执行. */
public enum LecturerTitle {
    DEPUTY_SENIOR("副高级技术职称"), SENIOR("正高级技术职称"), ACADEMICIAN("院士、全国知名专家"), OTHER("其他人员");

    private final String label;

    LecturerTitle(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
