package org.ganxun.platform.desk;

import java.util.List;

import org.ganxun.platform.security.CurrentUser;

/**
 * A module's key figures for the workbench (the jurisdiction's numbers and the coming classes), counted within the
 * user's data scope. Like {@link TodoSource}, each source checks the permissions itself.
 */
public interface FigureSource {

    /** A figure: its label, its value (a number or a short text) and where the page of its detail is. */
    record Figure(String key, String label, String value, String unit, String route) {
    }

    /** A coming event (a class), with the page it opens. */
    record Upcoming(String key, String title, String when, String where, String route, java.util.Map<String, String> query) {
    }

    default List<Figure> figures(CurrentUser me) {
        return List.of();
    }

    default List<Upcoming> upcoming(CurrentUser me) {
        return List.of();
    }
}
