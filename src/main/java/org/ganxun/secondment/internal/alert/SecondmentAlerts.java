package org.ganxun.secondment.internal.alert;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.ganxun.notify.Notifications;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.RoleHolders;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.secondment.internal.SecondmentAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Secondment alerts ({@link AlertRules}) as of a date: listed for the user's scope, and sent in-app every
 * morning (or on request) — overdue logs and the coming end to the cadre, the coming end and a missing
 * final evaluation to the organising department's administrators. Each alert is sent once per occurrence
 * (a dedup key names the posting and the due date), however often the job runs.
 */
@Service
public class SecondmentAlerts {

    private static final Logger log = LoggerFactory.getLogger(SecondmentAlerts.class);

    private final JdbcClient jdbc;
    private final SecondmentAccess access;
    private final Notifications notifications;
    private final RoleHolders roleHolders;
    private final Clock clock;

    SecondmentAlerts(JdbcClient jdbc, SecondmentAccess access, Notifications notifications, RoleHolders roleHolders, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.roleHolders = roleHolders;
        this.access = access;
        this.notifications = notifications;
    }

    public record Alert(AlertKind kind, String kindLabel, long postingId, long programmeId, String programmeName, long cadreId,
                        String cadreName, String sendingOrgName, String receivingOrgName, LocalDate startsOn, LocalDate endsOn,
                        LocalDate dueOn, long days, String message) {
    }

    private record Candidate(long postingId, long programmeId, String programmeName, long cadreId, String cadreName,
                             String sendingName, String receivingName, String organiserPath, LocalDate startsOn, LocalDate endsOn,
                             int cadence, LocalDate lastLogOn, boolean finalEvaluation) {
    }

    private static final String SELECT = """
            select sp.id, sp.programme_id, pr.name as programme_name, sp.cadre_id, c.name as cadre_name, so.name as sending_name,
                   ro.name as receiving_name, op.path as organiser_path, sp.starts_on, sp.ends_on, pr.log_cadence_days,
                   (select max(l.written_on) from secondment_log l where l.posting_id = sp.id and l.written_on <= :asOf) as last_log_on,
                   exists (select 1 from secondment_evaluation e where e.posting_id = sp.id and e.kind = 'FINAL'
                           and e.evaluated_on <= :asOf) as final_done
            from secondment_posting sp
            join secondment_programme pr on pr.id = sp.programme_id
            join org_unit op on op.id = pr.organiser_org_id
            join org_unit so on so.id = sp.sending_org_id
            join org_unit ro on ro.id = sp.receiving_org_id
            join cadre_card c on c.id = sp.cadre_id
            where sp.status = 'ACTIVE' and sp.starts_on <= :asOf
            """;

    /** Alerts as of {@code asOf} for the postings the current user may see. */
    @Transactional(readOnly = true)
    public List<Alert> list(LocalDate asOf, AlertKind kind, Long programmeId) {
        return compute(access.params(), asOf, kind, programmeId);
    }

    /** Alerts as of {@code asOf} within a given scope (system work passes everything). */
    @Transactional(readOnly = true)
    public List<Alert> list(DataScope scope, LocalDate asOf) {
        return compute(SecondmentAccess.params(scope), asOf, null, null);
    }

    private List<Alert> compute(Map<String, Object> params, LocalDate asOf, AlertKind kind, Long programmeId) {
        List<Alert> out = new ArrayList<>();
        for (Candidate c : candidates(params, asOf, programmeId)) {
            for (AlertRules.Raised r : AlertRules.on(new AlertRules.Facts(c.startsOn(), c.endsOn(), c.cadence(), c.lastLogOn(),
                    c.finalEvaluation()), asOf)) {
                if (kind == null || r.kind() == kind) {
                    out.add(new Alert(r.kind(), r.kind().label(), c.postingId(), c.programmeId(), c.programmeName(), c.cadreId(),
                            c.cadreName(), c.sendingName(), c.receivingName(), c.startsOn(), c.endsOn(), r.dueOn(), r.days(),
                            r.message()));
                }
            }
        }
        out.sort(Comparator.comparing(Alert::kind).thenComparing(Alert::days, Comparator.reverseOrder())
                .thenComparingLong(Alert::postingId));
        return out;
    }

    private List<Candidate> candidates(Map<String, Object> params, LocalDate asOf, Long programmeId) {
        Map<String, Object> p = new java.util.HashMap<>(params);
        p.put("asOf", asOf);
        String w = " and " + SecondmentAccess.POSTING_VISIBLE;
        if (programmeId != null) {
            w += " and sp.programme_id = :programme";
            p.put("programme", programmeId);
        }
        return jdbc.sql(SELECT + w + " order by sp.id").params(p)
                .query((rs, i) -> new Candidate(rs.getLong("id"), rs.getLong("programme_id"), rs.getString("programme_name"),
                        rs.getLong("cadre_id"), rs.getString("cadre_name"), rs.getString("sending_name"), rs.getString("receiving_name"),
                        rs.getString("organiser_path"), rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                        rs.getInt("log_cadence_days"), rs.getObject("last_log_on", LocalDate.class), rs.getBoolean("final_done")))
                .list();
    }

    @Scheduled(cron = "${ganxun.secondment.alert-cron:0 30 8 * * *}")
    @SchedulerLock(name = "secondment-alerts", lockAtMostFor = "PT30M", lockAtLeastFor = "${ganxun.jobs.hold-after-run:PT5M}")
    public void scheduled() {
        int n = notifyAll(LocalDate.now(clock));
        log.info("Secondment alerts sent: {}", n);
    }

    /** Sends every alert as of {@code asOf} in-app; returns how many new notifications were written. */
    @Transactional
    public int notifyAll(LocalDate asOf) {
        Map<String, Object> all = SecondmentAccess.params(DataScope.everything());
        int sent = 0;
        for (Candidate c : candidates(all, asOf, null)) {
            for (AlertRules.Raised r : AlertRules.on(new AlertRules.Facts(c.startsOn(), c.endsOn(), c.cadence(), c.lastLogOn(),
                    c.finalEvaluation()), asOf)) {
                String key = "secondment:" + r.kind().name() + ":" + c.postingId() + ":" + r.dueOn();
                String body = c.cadreName() + "（" + c.programmeName() + "，" + c.receivingName() + "）：" + r.message();
                switch (r.kind()) {
                    case LOG_OVERDUE -> sent += notifications.toCadre(c.cadreId(), "SECONDMENT_LOG_OVERDUE", "挂职工作日志提醒",
                            r.message() + "，请及时填写。", "/#/secondment/my", key, null) ? 1 : 0;
                    case ENDING_SOON -> {
                        sent += notifications.toCadre(c.cadreId(), "SECONDMENT_ENDING", "挂职即将期满", r.message()
                                + "，请准备期满述职。", "/#/secondment/my", key, null) ? 1 : 0;
                        sent += toOrganisers(c, "SECONDMENT_ENDING", "挂职即将期满", body, key);
                    }
                    case ENDED_WITHOUT_EVALUATION -> sent += toOrganisers(c, "SECONDMENT_NOT_EVALUATED", "挂职期满未考核", body, key);
                }
            }
        }
        return sent;
    }

    /** The organisation-department administrators (who run programmes) whose scope covers the programme's organiser. */
    private int toOrganisers(Candidate c, String kind, String title, String body, String key) {
        List<Long> users = jdbc.sql(Unscoped.because("the recipients of an alert, ids only") + """
                select u.id from account_name u join org_unit o on o.id = u.scope_org_id
                where u.enabled and u.role = any(?) and ? like o.path || '%'""")
                .params(roleHolders.rolesWithArray(Permission.SECONDMENT_ADMIN), c.organiserPath()).query(Long.class).list();
        int n = 0;
        for (Long u : users) {
            n += notifications.toUser(u, kind, title, body, "/#/secondment/alerts", key + ":u" + u) ? 1 : 0;
        }
        return n;
    }
}
