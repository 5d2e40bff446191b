package org.ganxun.platform.desk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.SignedIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workbench (工作台): one call assembles what waits for the signed-in user from every module's
 * {@link TodoSource}, then the key figures and coming classes of the {@link FigureSource}s. Each source decides by
 * the user's permissions and reads within the user's data scope; a source that fails is logged and left out.
 */
@RestController
@RequestMapping("/api/desk")
@SignedIn("every user's own workbench; each source checks its permissions and reads within the user's scope")
class DeskController {

    private static final Logger log = LoggerFactory.getLogger(DeskController.class);

    private final List<TodoSource> todoSources;
    private final List<FigureSource> figureSources;

    DeskController(List<TodoSource> todoSources, List<FigureSource> figureSources) {
        this.todoSources = todoSources;
        this.figureSources = figureSources;
    }

    record Desk(List<Todo> todos, List<FigureSource.Figure> figures, List<FigureSource.Upcoming> upcoming, List<String> failed) {
    }

    @GetMapping
    Desk desk() {
        CurrentUser me = CurrentUsers.require();
        List<Todo> todos = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (TodoSource s : todoSources) {
            long started = System.nanoTime();
            try {
                s.todos(me).stream().filter(t -> t.count() > 0).forEach(todos::add);
                slow(s, started, me);
            } catch (RuntimeException e) {
                log.warn("Workbench source {} failed for {}", s.getClass().getSimpleName(), me.username(), e);
                failed.add(s.getClass().getSimpleName());
            }
        }
        // overdue and failed things first, then by module
        todos.sort(Comparator.comparing((Todo t) -> "warning".equals(t.level()) ? 0 : 1).thenComparing(Todo::key));
        List<FigureSource.Figure> figures = new ArrayList<>();
        List<FigureSource.Upcoming> upcoming = new ArrayList<>();
        for (FigureSource s : figureSources) {
            long started = System.nanoTime();
            try {
                figures.addAll(s.figures(me));
                upcoming.addAll(s.upcoming(me));
                slow(s, started, me);
            } catch (RuntimeException e) {
                log.warn("Workbench figures {} failed for {}", s.getClass().getSimpleName(), me.username(), e);
                failed.add(s.getClass().getSimpleName());
            }
        }
        return new Desk(todos, figures, upcoming, failed);
    }

    /** The home page waits for every source: one that takes long is named in the log. */
    private static void slow(Object source, long startedNanos, CurrentUser me) {
        long ms = (System.nanoTime() - startedNanos) / 1_000_000;
        if (ms > SLOW_MS) {
            log.warn("Workbench source {} took {} ms for {}", source.getClass().getSimpleName(), ms, me.username());
        }
    }

    static final long SLOW_MS = 500;
}
