package org.ganxun.platform.desk;

import java.util.Map;

/**
 * One line of the workbench (工作台): what waits for the signed-in user, how many, and the page where it is done.
 *
 * @param key   stable identifier (a test and the UI's data-test use it), e.g. {@code training.approvals}
 * @param group the module's Chinese name, for grouping on the page
 * @param label what waits, in Chinese (e.g. 待审批的班次备案)
 * @param count how many; providers leave out items whose count is zero
 * @param route the UI route where it is done (a hash route such as {@code /training/approvals})
 * @param query the route's query (filters the page understands), possibly empty
 * @param level {@code warning} for overdue or failed things, {@code info} otherwise
 */
public record Todo(String key, String group, String label, long count, String route, Map<String, String> query, String level) {

    public Todo {
        query = query == null ? Map.of() : Map.copyOf(query);
        level = level == null ? "info" : level;
    }

    public static Todo of(String key, String group, String label, long count, String route) {
        return new Todo(key, group, label, count, route, Map.of(), "info");
    }

    public Todo warning() {
        return new Todo(key, group, label, count, route, query, "warning");
    }

    public Todo with(String name, Object value) {
        Map<String, String> q = new java.util.LinkedHashMap<>(query);
        q.put(name, String.valueOf(value));
        return new Todo(key, group, label, count, route, q, level);
    }
}
