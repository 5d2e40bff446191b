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
            case CPC_PROBATIONARY -> new String[]{"预备党员"};
            case CYL_MEMBER -> new String[]{"团员", "共青团"};
            case DEMOCRATIC_PARTY -> new String[]{"民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "民主党派成员"};
            case NON_PARTY -> new String[]{"无党派"};
            case MASSES -> new String[]{"普通群众"};
        };
    }

    public boolean partyMember() {
        return this == CPC_MEMBER || this == CPC_PROBATIONARY;
    }
}
