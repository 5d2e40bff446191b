package org.ganxun.people.internal.profile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The cadre-profile table a county reports (干部队伍结构): counts by rank, women, ethnic minorities,
 * non-party cadres, education and age, each with its share of {@code total} in percent (one decimal,
 * rounded half up).
 */
public record CadreProfile(String scopeName, LocalDate asOf, long total, List<Section> sections) {

    public record Section(String key, String title, List<Item> items) {
    }

    public record Item(String key, String label, long count, BigDecimal share) {
    }

    /** The item with this key in the section with this key; for tests and reports. */
    public Item item(String sectionKey, String itemKey) {
        return sections.stream().filter(s -> s.key().equals(sectionKey)).flatMap(s -> s.items().stream())
                .filter(i -> i.key().equals(itemKey)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(sectionKey + "/" + itemKey));
    }
}
