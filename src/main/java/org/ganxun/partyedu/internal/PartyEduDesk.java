package org.ganxun.partyedu.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.partyedu.internal.member.MobileMemberAlerts;
import org.ganxun.partyedu.internal.site.SiteAlerts;
import org.ganxun.platform.desk.Todo;
import org.ganxun.platform.desk.TodoSource;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Permission;
import org.springframework.stereotype.Component;

/** The workbench's party-education lines: mobile members' alerts (流动党员预警) and remote sites' open alerts, both scoped there. */
@Component
class PartyEduDesk implements TodoSource {

    private final MobileMemberAlerts memberAlerts;
    private final SiteAlerts siteAlerts;
    private final Clock clock;

    PartyEduDesk(MobileMemberAlerts memberAlerts, SiteAlerts siteAlerts, Clock clock) {
        this.clock = clock;
        this.memberAlerts = memberAlerts;
        this.siteAlerts = siteAlerts;
    }

    @Override
    public List<Todo> todos(CurrentUser me) {
        List<Todo> out = new ArrayList<>();
        if (me.can(Permission.PARTYEDU_MANAGE)) {
            long members = memberAlerts.inScope(LocalDate.now(clock), null).stream().map(MobileMemberAlerts.Alert::memberId).distinct().count();
            out.add(Todo.of("partyedu.mobile", "党员教育", "流动党员预警（人）", members, "/partyedu/alerts").warning());
            out.add(Todo.of("partyedu.sites", "党员教育", "远程教育站点未处理预警", siteAlerts.list(false, null).size(), "/partyedu/sites")
                    .with("tab", "alerts").warning());
        }
        return out;
    }
}
