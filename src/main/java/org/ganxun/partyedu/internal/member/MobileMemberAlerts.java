package org.ganxun.partyedu.internal.member;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.notify.Notifications;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.ganxun.partyedu.MemberView;
import org.ganxun.partyedu.Members;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.RoleHolders;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.MaskedPhone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Alerts about mobile members (流动党员), computed from dates as of a day, per 《中国共产党党员教育管理工作条例》(2019):
 * <ul>
 * <li>{@code AWAY_NOT_TRANSFERRED}: away for six months or more (外出……6个月以上并且地点相对固定的，应当转移组织关系)
 * and the membership not transferred;</li>
 * <li>{@code OUT_OF_CONTACT}: no contact for six months or more (与党组织失去联系6个月以上), counted from the last
 * contact, or from the day they left when no contact was ever recorded;</li>
 * <li>{@code NOT_RECORDED}: neither date is on record, so the branch must find out and register them.</li>
 * </ul>
 * "6个月以上" includes six months itself (以上 includes the number, as in Chinese statute usage), so the alert is
 * raised on the day six calendar months after the date ({@code date.plusMonths(6)}; from 31 August that is the
 * last day of February), and not the day before.
 */
@Service
public class MobileMemberAlerts {

    private static final Logger log = LoggerFactory.getLogger(MobileMemberAlerts.class);
    static final String SOURCE = "《中国共产党党员教育管理工作条例》(2019)";
    static final int MONTHS = 6;

    public enum Kind {
        AWAY_NOT_TRANSFERRED("外出满六个月未转组织关系", "党员外出学习、工作、生活6个月以上并且地点相对固定的，应当转移组织关系。"),
        OUT_OF_CONTACT("失去联系满六个月", "对与党组织失去联系6个月以上、通过各种方式查找仍然没有取得联系的党员，予以停止党籍。"),
        // neither a leaving date nor a contact is on record: nothing says six months have passed, so this is
        // not counted as out of contact (statistics would report people as lost who were only never registered)
        NOT_RECORDED("外出和联系情况未登记", "党组织应当掌握流动党员的外出去向和联系情况；未登记外出时间和联系记录的，无法判断是否失去联系。");

        private final String label;
        private final String rule;

        Kind(String label, String rule) {
            this.label = label;
            this.rule = rule;
        }

        public String label() {
            return label;
        }

        public String rule() {
            return rule;
        }
    }

    /** One alert: since when the clock runs, the day it became due, and how many days past that day. */
    public record Alert(long memberId, String name, Long partyOrgId, String partyOrgName, @JsonSerialize(using = MaskedPhone.class) String phone, String awayPlace,
                        Kind kind, String kindLabel, LocalDate since, LocalDate dueOn, long daysOverdue, String message,
                        String rule, String source) {
    }

    private final Members members;
    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final RoleHolders roleHolders;
    private final Clock clock;

    MobileMemberAlerts(Members members, JdbcClient jdbc, Notifications notifications, RoleHolders roleHolders, Clock clock) {
        this.clock = clock;
        this.members = members;
        this.roleHolders = roleHolders;
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    /** Alerts for the members in the current user's scope, as of a day. */
    @Transactional(readOnly = true)
    public List<Alert> inScope(LocalDate asOf, Long partyOrgId) {
        List<Alert> out = new ArrayList<>();
        for (MemberView m : members.list(new Members.MemberQuery(null, partyOrgId, null, true, null, null))) {
            out.addAll(of(m, asOf));
        }
        return out;
    }

    /** The alerts of one member as of a day (pure: dates in, alerts out). */
    public static List<Alert> of(MemberView m, LocalDate asOf) {
        List<Alert> out = new ArrayList<>();
        if (!m.mobile()) {
            return out;
        }
        if (m.awaySince() != null && !m.membershipTransferred()) {
            LocalDate due = m.awaySince().plusMonths(MONTHS);
            if (!asOf.isBefore(due)) {
                out.add(alert(m, Kind.AWAY_NOT_TRANSFERRED, m.awaySince(), due, asOf,
                        m.name() + "自" + cn(m.awaySince()) + "外出" + (m.awayPlace() == null ? "" : "（" + m.awayPlace() + "）")
                                + "已满六个月，组织关系尚未转移"));
            }
        }
        LocalDate since = m.lastContactOn() != null ? m.lastContactOn() : m.awaySince();
        if (since == null) {
            out.add(alert(m, Kind.NOT_RECORDED, null, null, asOf, m.name() + "为流动党员，但未登记外出时间和联系情况，请尽快联系并登记"));
        } else {
            LocalDate due = since.plusMonths(MONTHS);
            if (!asOf.isBefore(due)) {
                out.add(alert(m, Kind.OUT_OF_CONTACT, since, due, asOf, m.name() + (m.lastContactOn() != null
                        ? "最近一次联系是" + cn(since) + "，已满六个月未联系" : "自" + cn(since) + "外出后没有联系记录，已满六个月")));
            }
        }
        return out;
    }

    private static Alert alert(MemberView m, Kind kind, LocalDate since, LocalDate due, LocalDate asOf, String message) {
        return new Alert(m.id(), m.name(), m.partyOrgId(), m.partyOrgName(), m.phone(), m.awayPlace(), kind, kind.label(),
                since, due, due == null ? 0 : ChronoUnit.DAYS.between(due, asOf), message, kind.rule(), SOURCE);
    }

    public static String cn(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    @Scheduled(cron = "${ganxun.partyedu.mobile-alert-cron:0 30 8 * * *}")
    @SchedulerLock(name = "partyedu-mobile-member-alerts", lockAtMostFor = "PT30M", lockAtLeastFor = "${ganxun.jobs.hold-after-run:PT5M}")
    public void scheduled() {
        int n = notifySecretaries(LocalDate.now(clock));
        log.info("Mobile-member alerts sent to branch secretaries: {}", n);
    }

    /**
     * Sends each alert as of {@code asOf} in-app to the branch secretaries whose branch holds the member.
     * Each secretary gets each alert once (the key names the member, the cause and its due day, so a new
     * absence or a new silence after a contact alerts again). Returns how many notifications were new.
     */
    @Transactional
    public int notifySecretaries(LocalDate asOf) {
        Map<Long, String> branchPaths = new HashMap<>();
        jdbc.sql("select id, path from party_unit").query(rs -> {
            branchPaths.put(rs.getLong(1), rs.getString(2));
        });
        record Secretary(long userId, String path) {
        }
        List<Secretary> secretaries = jdbc.sql(Unscoped.because("the recipients of an alert, ids only") + """
                select u.id, p.path from account_name u join party_unit p on p.id = u.scope_party_org_id
                where u.role = any(?) and u.enabled""").param(roleHolders.rolesWithArray(Permission.PARTYEDU_MANAGE))
                .query((rs, i) -> new Secretary(rs.getLong(1), rs.getString(2))).list();
        int sent = 0;
        for (MemberView m : members.list(new Members.MemberQuery(null, null, null, true, null, null), DataScope.everything())) {
            String path = m.partyOrgId() == null ? null : branchPaths.get(m.partyOrgId());
            if (path == null) {
                continue;
            }
            for (Alert a : of(m, asOf)) {
                for (Secretary s : secretaries) {
                    if (!path.startsWith(s.path())) {
                        continue;
                    }
                    String key = "pe-mobile:" + a.kind() + ":" + m.id() + ":" + (a.dueOn() == null ? "none" : a.dueOn()) + ":" + s.userId();
                    if (notifications.toUser(s.userId(), "MOBILE_MEMBER_ALERT", "流动党员预警：" + a.kindLabel(), a.message(),
                            "/#/partyedu/alerts", key)) {
                        sent++;
                    }
                }
            }
        }
        return sent;
    }
}
