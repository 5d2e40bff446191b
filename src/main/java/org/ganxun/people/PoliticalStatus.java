package org.ganxun.people;

/**
 * Political status (政治面貌) as the rules and statistics branch on it. Members and probationary members are party
 * members. The GB/T 4762 codes (which of the eight democratic parties, …) and every written form of them are the code
 * table {@link CodeSet#POLITICAL_STATUS}; each code maps to one of these.
 */
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

    public boolean partyMember() {
        return this == CPC_MEMBER || this == CPC_PROBATIONARY;
    }
}
