package org.ganxun.people;

/**
 * Highest education, at the level the statistics count. {@link #atLeastAssociate()} is the 专科及以上 figure of the
 * profile table. The GB/T 4658 codes and their written forms are the code table {@link CodeSet#EDUCATION}; each code
 * maps to one of these.
 */
public enum Education implements Labeled {
    DOCTORATE("博士研究生"),
    MASTER("硕士研究生"),
    BACHELOR("大学本科"),
    ASSOCIATE("大学专科"),
    TECHNICAL_SECONDARY("中专"),
    HIGH_SCHOOL("高中"),
    BELOW_HIGH_SCHOOL("初中及以下");

    private final String label;

    Education(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public boolean atLeastAssociate() {
        return ordinal() <= ASSOCIATE.ordinal();
    }
}
