package org.ganxun.planning.internal.scheduling;

/**
 * A period in which a trainee group cannot leave work (春耕, 防汛, 两会, 年终): {@code group} null means every group;
 * otherwise it binds every class whose trainee group names it.
 * Days are epoch days, {@code toDay} inclusive.
 */
public record BusySeason(String name, String group, int fromDay, int toDay) {

    public int toExclusive() {
        return toDay + 1;
    }

    /** Whether the season binds a class of this trainee group (a group such as "乡科级/村(社区)干部" names several). */
    public boolean concerns(String traineeGroup) {
        return group == null || (traineeGroup != null && traineeGroup.contains(group));
    }

    @Override
    public String toString() {
        return name;
    }
}
