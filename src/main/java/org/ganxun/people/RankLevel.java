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
     * Besides the levels' own words, the grades of 《公务员职务与职级并行规定》(2019) read as the level they stand at
     * (第十九条: 一级、二级巡视员 厅局级; 一级至四级调研员 县处级; 一级至四级主任科员 乡科级; 一级、二级科员 科员级). A stopgap
     * until issue 15 keeps grades beside posts as a code table.
     */
    @Override
    public String[] synonyms() {
        return switch (this) {
            case PROVINCIAL -> new String[]{"省级", "省部"};
            case BUREAU -> new String[]{"厅级", "地厅级", "厅局", "一级巡视员", "二级巡视员"};
            case COUNTY -> new String[]{"处级", "县级", "县处", "一级调研员", "二级调研员", "三级调研员", "四级调研员"};
            case TOWNSHIP -> new String[]{"科级", "乡科", "乡镇科级", "一级主任科员", "二级主任科员", "三级主任科员", "四级主任科员"};
            case STAFF -> new String[]{"科员", "办事员", "科员级", "一般干部", "科员以下", "一级科员", "二级科员"};
        };
    }
}
