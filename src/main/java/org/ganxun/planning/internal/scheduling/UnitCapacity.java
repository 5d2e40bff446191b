package org.ganxun.planning.internal.scheduling;

/** A sending unit and how many of its people may be away on classes starting in one week (its staff × the share allowed). */
public record UnitCapacity(long unitId, String name, int maxAwayPerWeek) {

    @Override
    public String toString() {
        return name;
    }
}
