package org.ganxun.people;

/** Highest education. {@link #atLeastAssociate()} is the 专科及以上 figure of the profile table. */
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

    @Override
    public String[] synonyms() {
        return switch (this) {
            case DOCTORATE -> new String[]{"博士", "研究生(博士)"};
            case MASTER -> new String[]{"硕士", "研究生", "研究生(硕士)"};
            case BACHELOR -> new String[]{"本科", "大学", "大本"};
            case ASSOCIATE -> new String[]{"专科", "大专"};
            case TECHNICAL_SECONDARY -> new String[]{"中专", "中技", "技校", "中等专科"};
            case HIGH_SCHOOL -> new String[]{"高中", "职高"};
            case BELOW_HIGH_SCHOOL -> new String[]{"初中", "小学", "初中以下"};
        };
    }

    public boolean atLeastAssociate() {
        return ordinal() <= ASSOCIATE.ordinal();
    }
}
