package org.ganxun.partyedu.internal.site;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.ganxun.audit.AuditLog;
import org.ganxun.notify.Notifications;
import org.ganxun.notify.SmsOutbox;
import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.partyedu.internal.OrgScope;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.RoleHolders;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Alerts about remote education sites, computed by a daily job for a given day (so tests pass the day):
 * <ul>
 * <li>{@code EQUIPMENT_DOWN}: a piece of equipment faulty for {@code equipment-down-days} days or more;
 * resolved by itself when the equipment is repaired (or scrapped);</li>
 * <li>{@code BELOW_TARGET}: fewer sessions in a finished month than the site's monthly target; resolved by
 * itself if late session logs reach the target, or by hand with a note.</li>
 * </ul>
 * An open alert starts at the operator (SMS to the operator's phone) and escalates to the township
 * ({@code escalate-township-days} days after it was raised; in-app to the township's users) and then to the
 * county ({@code escalate-county-days} days after reaching the township; in-app to the organisation
 * department). Days are counted from the day each level was reached; a job that missed days catches up.
 */
@Service
public class SiteAlerts {

    private static final Logger log = LoggerFactory.getLogger(SiteAlerts.class);

    public enum Kind {
        EQUIPMENT_DOWN("设备故障未修复"), BELOW_TARGET("未完成月度播放任务");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Level {
        OPERATOR("站点管理员"), TOWNSHIP("乡镇"), COUNTY("县委组织部");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Alert(long id, long siteId, String siteName, String orgName, String townshipName, Kind kind, String kindLabel,
                        String detail, Level level, String levelLabel, LocalDate raisedOn, LocalDate levelSince,
                        LocalDate resolvedOn, String resolution) {
    }

    /** What one run did. */
    public record Run(int raised, int escalated, int resolved) {
    }

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final SmsOutbox sms;
    private final DataScopes scopes;
    private final OrganizationTrees trees;
    private final AuditLog audit;
    private final RoleHolders roleHolders;
    private final int downDays;
    private final int townshipDays;
    private final int countyDays;
    private final Clock clock;

    SiteAlerts(JdbcClient jdbc, Notifications notifications, SmsOutbox sms, DataScopes scopes, OrganizationTrees trees, AuditLog audit,
               RoleHolders roleHolders,
               @Value("${ganxun.partyedu.site.equipment-down-days:15}") int downDays,
               @Value("${ganxun.partyedu.site.escalate-township-days:7}") int townshipDays,
               @Value("${ganxun.partyedu.site.escalate-county-days:7}") int countyDays, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.sms = sms;
        this.scopes = scopes;
        this.trees = trees;
        this.audit = audit;
        this.roleHolders = roleHolders;
        this.downDays = downDays;
        this.townshipDays = townshipDays;
        this.countyDays = countyDays;
    }

    public int downDays() {
        return downDays;
    }

    public int townshipDays() {
        return townshipDays;
    }

    public int countyDays() {
        return countyDays;
    }

    @Scheduled(cron = "${ganxun.partyedu.site-alert-cron:0 0 7 * * *}")
    @SchedulerLock(name = "partyedu-site-alerts", lockAtMostFor = "PT30M", lockAtLeastFor = "${ganxun.jobs.hold-after-run:PT5M}")
    public void scheduled() {
        Run r = evaluate(LocalDate.now(clock));
        log.info("Remote-site alerts: {} raised, {} escalated, {} resolved", r.raised(), r.escalated(), r.resolved());
    }

    /** Raises, resolves and escalates alerts as of {@code today}. Idempotent for the same day. */
    @Transactional
    public Run evaluate(LocalDate today) {
        int raised = 0;
        int resolved = 0;
        // equipment down for the set time
        resolved += jdbc.sql("""
                update site_alert a set resolved_on = :today, resolution = '设备已修复或报废'
                where a.kind = 'EQUIPMENT_DOWN' and a.resolved_on is null and not exists (
                    select 1 from site_equipment e where a.ref = 'EQ' || e.id || '@' || e.fault_since and e.status = 'FAULTY')""")
                .param("today", today).update();
        raised += jdbc.sql("""
                insert into site_alert (site_id, kind, ref, detail, level, raised_on, level_since)
                select e.site_id, 'EQUIPMENT_DOWN', 'EQ' || e.id || '@' || e.fault_since,
                       e.name || '自' || to_char(e.fault_since, 'YYYY"年"FMMM"月"FMDD"日"') || '故障，已超过' || :days || '天未修复', 'OPERATOR', :today, :today
                from site_equipment e join remote_site s on s.id = e.site_id
                where s.active and e.status = 'FAULTY' and e.fault_since <= :cutoff
                on conflict (site_id, kind, ref) do nothing""")
                .param("days", downDays).param("today", today).param("cutoff", today.minusDays(downDays)).update();
        // the last finished month below target
        YearMonth month = YearMonth.from(today).minusMonths(1);
        LocalDate from = month.atDay(1);
        LocalDate to = month.plusMonths(1).atDay(1);
        resolved += jdbc.sql("""
                update site_alert a set resolved_on = :today, resolution = '已补录播放记录，达到月度目标'
                from remote_site s
                where a.site_id = s.id and a.kind = 'BELOW_TARGET' and a.resolved_on is null
                  and (select count(*) from site_session x where x.site_id = s.id
                       and x.played_on >= to_date(a.ref || '-01', 'YYYY-MM-DD')
                       and x.played_on < to_date(a.ref || '-01', 'YYYY-MM-DD') + interval '1 month') >= s.monthly_target""")
                .param("today", today).update();
        raised += jdbc.sql("""
                insert into site_alert (site_id, kind, ref, detail, level, raised_on, level_since)
                select s.id, 'BELOW_TARGET', :ref,
                       :label || '播放' || n.cnt || '场，少于每月目标' || s.monthly_target || '场', 'OPERATOR', :today, :today
                from remote_site s
                cross join lateral (select count(*) as cnt from site_session x
                                    where x.site_id = s.id and x.played_on >= :from and x.played_on < :to) n
                where s.active and s.monthly_target > 0 and s.created_at < :to and n.cnt < s.monthly_target
                on conflict (site_id, kind, ref) do nothing""")
                .param("ref", month.toString()).param("label", month.getYear() + "年" + month.getMonthValue() + "月")
                .param("today", today).param("from", from).param("to", to).update();
        // tell the operators about new alerts
        for (Alert a : open("a.level = 'OPERATOR' and a.raised_on = :today", Map.of("today", today))) {
            String phone = jdbc.sql("select operator_phone from remote_site where id = ?").param(a.siteId()).query(String.class).optional().orElse(null);
            if (StringUtils.hasText(phone)) {
                sms.enqueue(phone, "【远程教育站点】" + a.siteName() + "：" + a.detail() + "，请尽快处理。", "pe-site:" + a.id() + ":OPERATOR");
            }
        }
        int escalated = 0;
        // operator → township, then township → county; a level reached late counts from the day it was due
        for (Alert a : open("a.level = 'OPERATOR' and a.level_since + :d <= :today", Map.of("d", townshipDays, "today", today))) {
            LocalDate since = a.levelSince().plusDays(townshipDays);
            jdbc.sql("update site_alert set level = 'TOWNSHIP', level_since = ? where id = ?").params(since, a.id()).update();
            notifyLevel(a, Level.TOWNSHIP);
            escalated++;
        }
        for (Alert a : open("a.level = 'TOWNSHIP' and a.level_since + :d <= :today", Map.of("d", countyDays, "today", today))) {
            LocalDate since = a.levelSince().plusDays(countyDays);
            jdbc.sql("update site_alert set level = 'COUNTY', level_since = ? where id = ?").params(since, a.id()).update();
            notifyLevel(a, Level.COUNTY);
            escalated++;
        }
        return new Run(raised, escalated, resolved);
    }

    private void notifyLevel(Alert a, Level level) {
        // the township's users (scope is the township) or the county's organisation department (scope covers the township)
        String township = jdbc.sql("""
                select t.path from remote_site s join org_unit o on o.id = s.org_id
                join org_unit t on o.path like t.path || '%' and t.kind in ('TOWNSHIP', 'PARK')
                where s.id = ? order by t.depth desc limit 1""").param(a.siteId()).query(String.class).optional().orElse(null);
        String sitePath = jdbc.sql("select o.path from remote_site s join org_unit o on o.id = s.org_id where s.id = ?")
                .param(a.siteId()).query(String.class).single();
        List<Long> users;
        if (level == Level.TOWNSHIP) {
            users = township == null ? List.of() : jdbc.sql(Unscoped.because("the recipients of an alert, ids only") + """
                    select u.id from account_name u join org_unit o on o.id = u.scope_org_id
                    where u.enabled and u.role = any(?) and o.path = ?""")
                    .params(roleHolders.rolesWithArray(Permission.PARTYEDU_SITE_MANAGE), township)
                    .query(Long.class).list();
        } else {
            users = jdbc.sql(Unscoped.because("the recipients of an alert, ids only") + """
                    select u.id from account_name u join org_unit o on o.id = u.scope_org_id
                    where u.enabled and u.role = any(?) and ? like o.path || '%' and (cast(? as text) is null or o.path <> cast(? as text))""")
                    .params(roleHolders.rolesWithArray(Permission.PARTYEDU_ADMIN), sitePath, township, township).query(Long.class).list();
        }
        String title = "远程教育站点预警（已升级至" + level.label() + "）";
        String body = a.townshipName() + " " + a.siteName() + "：" + a.detail() + "，" + a.raisedOn() + "起未解决。";
        for (Long u : users) {
            notifications.toUser(u, "SITE_ALERT", title, body, "/#/partyedu/sites", "pe-site:" + a.id() + ":" + level + ":" + u);
        }
    }

    private static final String SELECT = """
            select a.*, s.name as site_name, o.name as org_name, %s as township_name
            from site_alert a join remote_site s on s.id = a.site_id join org_unit o on o.id = s.org_id
            """.formatted(RemoteSites.TOWNSHIP);

    private List<Alert> open(String condition, Map<String, Object> params) {
        return jdbc.sql(SELECT + " where a.resolved_on is null and " + condition + " order by a.id").params(params)
                .query(SiteAlerts::map).list();
    }

    private static Alert map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Kind k = Kind.valueOf(rs.getString("kind"));
        Level l = Level.valueOf(rs.getString("level"));
        return new Alert(rs.getLong("id"), rs.getLong("site_id"), rs.getString("site_name"), rs.getString("org_name"),
                rs.getString("township_name"), k, k.label(), rs.getString("detail"), l, l.label(),
                rs.getObject("raised_on", LocalDate.class), rs.getObject("level_since", LocalDate.class),
                rs.getObject("resolved_on", LocalDate.class), rs.getString("resolution"));
    }

    /** Alerts of the sites the current user may see; open ones only unless asked. */
    @Transactional(readOnly = true)
    public List<Alert> list(boolean includeResolved, Long siteId) {
        DataScope scope = scopes.current();
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        StringBuilder w = new StringBuilder(" where ").append(OrgScope.readable(scope));
        if (!includeResolved) {
            w.append(" and a.resolved_on is null");
        }
        if (siteId != null) {
            w.append(" and a.site_id = :site");
            p.put("site", siteId);
        }
        return jdbc.sql(SELECT + w + " order by a.resolved_on nulls first, a.raised_on desc, a.id desc limit 1000").params(p)
                .query(SiteAlerts::map).list();
    }

    @Transactional
    public Alert resolve(long id, String resolution) {
        if (!StringUtils.hasText(resolution)) {
            throw new BusinessException("请填写处理情况", List.of(new FieldProblem("resolution", "请填写处理情况")));
        }
        Alert before = jdbc.sql(SELECT + " where a.id = ?").param(id).query(SiteAlerts::map).optional()
                .orElseThrow(() -> BusinessException.notFound("站点预警"));
        long orgId = jdbc.sql("select org_id from remote_site where id = ?").param(before.siteId()).query(Long.class).single();
        trees.requireInScope(Tree.ADMINISTRATIVE, orgId);
        if (before.resolvedOn() != null) {
            throw BusinessException.conflict("该预警已于" + before.resolvedOn() + "处理");
        }
        jdbc.sql("update site_alert set resolved_on = ?, resolution = ? where id = ?")
                .params(LocalDate.now(clock), resolution.strip(), id).update();
        Alert after = jdbc.sql(SELECT + " where a.id = ?").param(id).query(SiteAlerts::map).single();
        audit.record("RESOLVE", "SiteAlert", id, "处理站点预警：" + after.siteName() + " " + after.kindLabel(), before, after);
        return after;
    }
}
