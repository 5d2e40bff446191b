package org.ganxun.people;

import java.util.List;

/**
 * One value of a code table: its standard code and name, the short form the standard gives (GB/T 4762 lists
 * 简称; otherwise the name), the other words people write, and what the code branches on: {@code mapsTo} is the
 * enum constant (a {@link PoliticalStatus}, {@link Education} or {@link RankLevel} name), {@code rankGrade} the
 * 正/副 a grade stands at.
 */
public record CodeItem(CodeSet set, String code, String name, String shortName, List<String> synonyms, String mapsTo,
                       String rankGrade, int sortOrder) {

    /** The form the UI and exports show. */
    public String label() {
        return shortName != null ? shortName : name;
    }

    public <E extends Enum<E>> E mapsTo(Class<E> type) {
        return mapsTo == null ? null : Enum.valueOf(type, mapsTo);
    }
}
