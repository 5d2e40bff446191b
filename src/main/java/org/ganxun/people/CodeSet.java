package org.ganxun.people;

/** The code tables held as data (table {@code code_item}); see {@link CodeTables}. */
public enum CodeSet {
    /** GB/T 4762 政治面貌; items map to {@link PoliticalStatus}. */
    POLITICAL_STATUS("政治面貌"),
    /** GB/T 3304 民族. */
    ETHNICITY("民族"),
    /** GB/T 4658 学历; items map to {@link Education}. */
    EDUCATION("学历"),
    /** The 2019 civil-service grades and the 事业单位 grades; items map to {@link RankLevel} and a {@link RankGrade}. */
    RANK_TITLE("职级");

    private final String label;

    CodeSet(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
