package org.ganxun.planning.scheduling;

/**
 * A period in which a trainee group cannot leave work (春耕, 防汛, 两会, 年终): {@code group} null means every group.
 * Days are epoch days, {@code toDay} inclusive.
 */
public record BusySeason(String name, String group, int fromDay, int toDay) {

    public int toExclusive() {
        return toDay + 1;
    }

    public boolean concerns(String traineeGroup) {
        return group == null || group.equals(traineeGroup);
    }

    @Override
    public String toString() {
        return name;
    }
}
