package org.ganxun.platform.desk;

import java.util.List;

import org.ganxun.platform.security.CurrentUser;

/**
 * A module's contribution to the workbench (工作台, {@code GET /api/desk}). Each implementation checks the user's
 * permissions itself ({@code me.can(…)}) and counts with the module's own scoped reads, so the workbench shows only
 * what the user's permissions and data scope allow. Return only items with a count above zero; a source that fails
 * is logged and left out, so one module cannot empty the page.
 */
public interface TodoSource {

    List<Todo> todos(CurrentUser me);
}
