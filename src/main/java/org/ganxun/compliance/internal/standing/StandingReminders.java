package org.ganxun.compliance.internal.standing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.ganxun.notify.Notifications;
import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.platform.security.DataScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminds people who are short of a requirement, in-app and by SMS, with the deadline their standing shows:
 * automatically on the first of each month for deadlines within the next two months (so the year's end on
 * 1 November and 1 December, and a deadline one year after a promotion whenever it falls), or when an
 * administrator asks for their scope (deadlines by the end of the year, or within the next two months).
 * Each person is reminded once per requirement per month, however often it runs.
 */
@Service
public class StandingReminders {

    private static final Logger log = LoggerFactory.getLogger(StandingReminders.class);

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final DataScopes scopes;
    private final OrganizationTrees trees;
    private final Clock clock;

    StandingReminders(JdbcClient jdbc, Notifications notifications, DataScopes scopes, OrganizationTrees trees, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.scopes = scopes;
        this.trees = trees;
    }

    private record Due(long cadreId, String phone, String code, String title, java.math.BigDecimal missing,
                       java.math.BigDecimal missingDays, LocalDate deadline) {
    }

    /** How far ahead a deadline is reminded of: two months (1 November reaches 31 December). */
    static final int AHEAD_DAYS = 61;

    @Scheduled(cron = "${ganxun.compliance.reminder-cron:0 0 9 1 * *}")
    @SchedulerLock(name = "standing-reminders", lockAtMostFor = "PT1H", lockAtLeastFor = "${ganxun.jobs.hold-after-run:PT5M}")
    public void scheduled() {
        LocalDate today = LocalDate.now(clock);
        int n = remind(DataScope.everything(), null, today, today.plusDays(AHEAD_DAYS));
        log.info("Training reminders sent: {}", n);
    }

    /** Reminds those in the current user's scope; returns how many new reminders were sent. */
    @Transactional
    public int remindInScope() {
        return remindInScope(null);
    }

    /** The same, only for a unit and everything under it (a unit the user may see). */
    @Transactional
    public int remindInScope(Long orgId) {
        String unitPath = orgId == null ? null : trees.requireVisible(Tree.ADMINISTRATIVE, orgId).path();
        LocalDate today = LocalDate.now(clock);
        return remind(scopes.current(), unitPath, today, horizon(today));
    }

    /** Reminds those in a scope of deadlines by the end of the year or within the next two months. */
    @Transactional
    public int remind(DataScope scope, LocalDate today) {
        return remind(scope, null, today, horizon(today));
    }

    private static LocalDate horizon(LocalDate today) {
        LocalDate yearEnd = LocalDate.of(today.getYear(), 12, 31);
        LocalDate ahead = today.plusDays(AHEAD_DAYS);
        return ahead.isAfter(yearEnd) ? ahead : yearEnd;
    }

    private int remind(DataScope scope, String unitPath, LocalDate today, LocalDate horizon) {
        var params = new java.util.HashMap<>(scope.sqlParameters());
        params.put("today", today);
        params.put("horizon", horizon);
        params.put("unitPath", unitPath == null ? "%" : unitPath + "%");
        List<Due> due = jdbc.sql("""
                select s.cadre_id, c.phone, s.code, s.title, s.missing_hours, s.missing_days, s.deadline
                from cadre_standing s
                join cadre_card c on c.id = s.cadre_id
                join org_unit o on o.id = c.org_id
                left join party_unit p on p.id = c.party_org_id
                where s.status = 'SHORT' and s.deadline between :today and :horizon and c.status = 'ACTIVE' and o.path like :unitPath
                  and """
                        + scope.sqlCondition("o.path", "p.path", "c.id"))
                .params(params)
                .query((rs, i) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6), rs.getObject(7, LocalDate.class)))
                .list();
        int sent = 0;
        String month = today.getYear() + "-" + today.getMonthValue();
        for (Due d : due) {
            String body = "您的“" + d.title() + "”尚差" + Standing.shortfall(d.missing(), d.missingDays()) + "，请于"
                    + (d.deadline().getYear() == today.getYear() ? "" : d.deadline().getYear() + "年")
                    + d.deadline().getMonthValue() + "月" + d.deadline().getDayOfMonth() + "日前完成。";
            if (notifications.toCadre(d.cadreId(), "TRAINING_REMINDER", "学时提醒", body, "/#/my/archive",
                    "reminder:" + month + ":" + d.cadreId() + ":" + d.code(), d.phone())) {
                sent++;
            }
        }
        return sent;
    }
}
