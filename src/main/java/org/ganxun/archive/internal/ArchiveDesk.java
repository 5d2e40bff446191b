package org.ganxun.archive.internal;

import java.util.ArrayList;
import java.util.List;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.platform.desk.Todo;
import org.ganxun.platform.desk.TodoSource;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Permission;
import org.springframework.stereotype.Component;

/** The workbench's 学时 line: the cadres' own reports waiting for review, the same list as 学时审核 (scoped there). */
@Component
class ArchiveDesk implements TodoSource {

    private final ArchiveEntries entries;

    ArchiveDesk(ArchiveEntries entries) {
        this.entries = entries;
    }

    @Override
    public List<Todo> todos(CurrentUser me) {
        List<Todo> out = new ArrayList<>();
        if (me.can(Permission.HOURS_APPROVE)) {
            out.add(Todo.of("archive.review", "学时", "待审核的学时申报", entries.pending(1, 1).total(), "/archive/review"));
        }
        return out;
    }
}
