package org.ganxun.secondment.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.ganxun.platform.desk.Todo;
import org.ganxun.platform.desk.TodoSource;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Permission;
import org.ganxun.secondment.internal.alert.AlertKind;
import org.ganxun.secondment.internal.alert.SecondmentAlerts;
import org.springframework.stereotype.Component;

/**
 * The workbench's secondment lines: the alerts of 预警提醒 by kind (overdue logs, postings ending soon, ended without
 * evaluation), within what the user sees of secondments (SecondmentAccess); a seconded cadre sees their own.
 */
@Component
class SecondmentDesk implements TodoSource {

    private final SecondmentAlerts alerts;
    private final Clock clock;

    SecondmentDesk(SecondmentAlerts alerts, Clock clock) {
        this.clock = clock;
        this.alerts = alerts;
    }

    @Override
    public List<Todo> todos(CurrentUser me) {
        boolean manager = me.canAny(Permission.SECONDMENT_ADMIN, Permission.SECONDMENT_UNIT);
        boolean self = me.can(Permission.SELF_SERVICE) && me.cadreId() != null;
        if (!manager && !self) {
            return List.of();
        }
        Map<AlertKind, Long> counts = new EnumMap<>(AlertKind.class);
        for (SecondmentAlerts.Alert a : alerts.list(LocalDate.now(clock), null, null)) {
            if (manager || (me.cadreId() != null && a.cadreId() == me.cadreId())) {
                counts.merge(a.kind(), 1L, Long::sum);
            }
        }
        List<Todo> out = new ArrayList<>();
        counts.forEach((kind, n) -> {
            Todo t = manager
                    ? Todo.of("secondment." + kind.name(), "挂职锻炼", kind.label(), n, "/secondment/alerts").with("kind", kind.name())
                    : Todo.of("secondment.my." + kind.name(), "我的挂职", kind.label(), n, "/secondment/my");
            out.add(kind == AlertKind.ENDING_SOON ? t : t.warning());
        });
        return out;
    }
}
