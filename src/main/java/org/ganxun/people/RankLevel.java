package org.ganxun.people;

/** The level that decides which training rules apply (职级/层级). */
public enum RankLevel implements Labeled {
    PROVINCIAL("省部级"),
    BUREAU("厅局级"),
    COUNTY("县处级"),
    TOWNSHIP("乡科级"),
    STAFF("科员及以下");

    private final String label;

    RankLevel(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /**
     * The levels' own words. The grades beside posts (一级主任科员, 八级职员 …) are the code table
     * {@link CodeSet#RANK_TITLE}, each mapped to the level (and 正/副) it stands at.
     */
    @Override
    public String[] synonyms() {
        return switch (this) {
            case PROVINCIAL -> new String[]{"省级", "省部"};
            case BUREAU -> new String[]{"厅级", "地厅级", "厅局"};
            case COUNTY -> new String[]{"处级", "县级", "县处"};
            case TOWNSHIP -> new String[]{"科级", "乡科", "乡镇科级"};
            case STAFF -> new String[]{"科员", "办事员", "科员级", "一般干部", "科员以下"};
        };
    }
}
