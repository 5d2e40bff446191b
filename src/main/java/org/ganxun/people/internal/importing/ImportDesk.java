package org.ganxun.people.internal.importing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.desk.Todo;
import org.ganxun.platform.desk.TodoSource;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Permission;
import org.springframework.stereotype.Component;

/** The workbench's import line: the user's own roster imports of the last seven days that failed or were refused. */
@Component
class ImportDesk implements TodoSource {

    private final RosterImports imports;
    private final Clock clock;

    ImportDesk(RosterImports imports, Clock clock) {
        this.clock = clock;
        this.imports = imports;
    }

    @Override
    public List<Todo> todos(CurrentUser me) {
        List<Todo> out = new ArrayList<>();
        if (me.can(Permission.ROSTER_IMPORT)) {
            Instant since = Instant.now(clock).minus(7, ChronoUnit.DAYS);
            long failed = imports.recent().stream()
                    .filter(j -> j.status() == ImportJob.Status.FAILED || j.status() == ImportJob.Status.REJECTED)
                    .filter(j -> j.createdAt() != null && j.createdAt().isAfter(since)).count();
            out.add(Todo.of("people.imports", "干部管理", "近7天未成功的花名册导入", failed, "/cadres/import").warning());
        }
        return out;
    }
}
