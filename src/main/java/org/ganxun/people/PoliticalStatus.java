package org.ganxun.people;

/** Political status (政治面貌). Members and probationary members are party members. */
public enum PoliticalStatus implements Labeled {
    CPC_MEMBER("中共党员"),
    CPC_PROBATIONARY("中共预备党员"),
    CYL_MEMBER("共青团员"),
    DEMOCRATIC_PARTY("民主党派"),
    NON_PARTY("无党派人士"),
    MASSES("群众");

    private final String label;

    PoliticalStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String[] synonyms() {
        return switch (this) {
            case CPC_MEMBER -> new String[]{"党员", "中国共产党党员", "共产党员"};
            case CPC_PROBATIONARY -> new String[]{"预备党员", "中国共产党预备党员"};
            case CYL_MEMBER -> new String[]{"团员", "共青团", "中国共产主义青年团团员"};
            // GB/T 4762 names the eight democratic parties' members as personnel offices write them (issue 15 will keep
            // the table with its codes as data; until then each party's forms are read as 民主党派)
            case DEMOCRATIC_PARTY -> new String[]{"民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "民主党派成员",
                    "民革党员", "民革会员", "中国国民党革命委员会会员", "民盟盟员", "中国民主同盟盟员", "民建会员",
                    "中国民主建国会会员", "民进会员", "中国民主促进会会员", "农工党党员", "中国农工民主党党员", "致公党党员",
                    "中国致公党党员", "九三学社社员", "台盟盟员", "台湾民主自治同盟盟员"};
            case NON_PARTY -> new String[]{"无党派", "无党派民主人士"};
            case MASSES -> new String[]{"普通群众"};
        };
    }

    public boolean partyMember() {
        return this == CPC_MEMBER || this == CPC_PROBATIONARY;
    }
}
