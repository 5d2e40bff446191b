package org.ganxun.people;

/** Principal or deputy (正/副) within a rank level. */
public enum RankGrade implements Labeled {
    PRINCIPAL("正职"), DEPUTY("副职");

    private final String label;

    RankGrade(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String[] synonyms() {
        return this == PRINCIPAL ? new String[]{"正"} : new String[]{"副"};
    }
}
