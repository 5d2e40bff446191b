package org.ganxun.compliance.internal;

import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.desk.Todo;
import org.ganxun.platform.desk.TodoSource;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Permission;
import org.springframework.stereotype.Component;

/**
 * The workbench's 达标 lines: requirements not yet met before their deadline (未达标, usually the year's end) and
 * those past it (已逾期), counted as the dashboard counts them (a cadre with two short requirements counts twice).
 */
@Component
class ComplianceDesk implements TodoSource {

    private final ComplianceDashboard dashboard;

    ComplianceDesk(ComplianceDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public List<Todo> todos(CurrentUser me) {
        List<Todo> out = new ArrayList<>();
        if (me.can(Permission.COMPLIANCE_VIEW)) {
            long shortCount = 0;
            long overdue = 0;
            for (ComplianceDashboard.Summary s : dashboard.summary(new ComplianceDashboard.Query(null, null, null, null, null, null, null, null, null))) {
                shortCount += s.shortCount();
                overdue += s.overdue();
            }
            out.add(Todo.of("compliance.short", "学时", "学时要求未达标（人次）", shortCount, "/compliance/dashboard").with("status", "SHORT"));
            out.add(Todo.of("compliance.overdue", "学时", "学时要求已逾期（人次）", overdue, "/compliance/dashboard").with("status", "OVERDUE").warning());
        }
        return out;
    }
}
