package org.ganxun.archive.internal;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.people.Roster;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Group-study sessions (中心组学习, 支部学习, 主题党日 …): one record, each attendee credited once. */
@Service
public class GroupStudies {

    /**
     * The kinds of session, each with the source its hours are credited under: party study (支部学习, 主题党日,
     * 党课) is PARTY_STUDY, which a rule set counts toward party members' study and, only where it says so, toward
     * a cadre's training (issue 15 item 4); 中心组学习 and 专题讲座 are GROUP_STUDY.
     */
    public enum Kind {
        CENTRAL_GROUP("中心组学习", CreditSource.GROUP_STUDY), BRANCH_STUDY("支部学习", CreditSource.PARTY_STUDY),
        PARTY_DAY("主题党日", CreditSource.PARTY_STUDY), PARTY_LECTURE("党课", CreditSource.PARTY_STUDY),
        LECTURE("专题讲座", CreditSource.GROUP_STUDY);

        private final String label;
        private final CreditSource source;

        Kind(String label, CreditSource source) {
            this.label = label;
            this.source = source;
        }

        public String label() {
            return label;
        }

        public CreditSource source() {
            return source;
        }
    }

    public record SessionRequest(@InScope(Ref.ORG) Long orgId, @InScope(Ref.PARTY_ORG) Long partyOrgId, Kind kind, @Size(max = 200, message = "学习主题最多{max}个字") @PlainText(message = "学习主题不能包含网页标记或脚本") String title, LocalDate heldOn, BigDecimal hours,
                                 Boolean required, @Size(max = 500, message = "备注最多{max}个字") @PlainText(message = "备注不能包含网页标记或脚本") String note, @InScope(Ref.CADRE) List<Long> attendeeIds) {
    }

    public record Session(long id, Long orgId, Long partyOrgId, Kind kind, String kindLabel, String title, LocalDate heldOn,
                          BigDecimal hours, boolean required, int attendees) {
    }

    /** A session is held on one day. */
    static final BigDecimal MAX_HOURS = new BigDecimal("24");

    private final JdbcClient jdbc;
    private final ArchiveEntries entries;
    private final OrganizationTrees trees;
    private final Roster roster;
    private final AuditLog audit;
    private final Clock clock;

    GroupStudies(JdbcClient jdbc, ArchiveEntries entries, OrganizationTrees trees, Roster roster, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.entries = entries;
        this.trees = trees;
        this.roster = roster;
        this.audit = audit;
    }

    @Transactional
    public Session record(SessionRequest r) {
        if (r.kind() == null || !StringUtils.hasText(r.title()) || r.heldOn() == null || r.hours() == null || r.hours().signum() <= 0) {
            throw new BusinessException("请填写学习类型、主题、日期和学时（大于0）", List.of(new FieldProblem("title", "必填项缺失")));
        }
        if (r.hours().compareTo(MAX_HOURS) > 0) {
            // one session on one day; the column holds at most 9999.99 (a larger number was a 500)
            throw new BusinessException("一次集体学习的学时不能超过" + MAX_HOURS + "学时，请核对", List.of(new FieldProblem("hours", "学时过大")));
        }
        if (r.heldOn().isAfter(LocalDate.now(clock))) {
            throw new BusinessException("学习日期不能晚于今天", List.of(new FieldProblem("heldOn", "日期不能晚于今天")));
        }
        List<FieldProblem> problems = new java.util.ArrayList<>();
        Bounds.pastDate(problems, "heldOn", "学习日期", r.heldOn(), LocalDate.now(clock));
        Bounds.check(problems);
        if (r.attendeeIds() == null || r.attendeeIds().isEmpty()) {
            throw new BusinessException("请选择参加人员", List.of(new FieldProblem("attendeeIds", "请选择参加人员")));
        }
        if (r.orgId() != null) {
            trees.requireInScope(Tree.ADMINISTRATIVE, r.orgId());
        }
        if (r.partyOrgId() != null) {
            trees.requireInScope(Tree.PARTY, r.partyOrgId());
        }
        for (Long id : r.attendeeIds()) {
            roster.get(id); // every attendee must be within the recorder's scope
        }
        long id = jdbc.sql("""
                insert into group_study_session (org_id, party_org_id, kind, title, held_on, hours, required, note, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(r.orgId(), r.partyOrgId(), r.kind().name(), r.title().strip(), r.heldOn(), r.hours(),
                        r.required() == null || r.required(), r.note(), CurrentUsers.require().username())
                .query(Long.class).single();
        for (Long cadreId : new LinkedHashSet<>(r.attendeeIds())) {
            entries.credit(new ArchiveEntries.EntryRequest(cadreId, r.kind().source(), "GS-" + id,
                    r.kind().label() + "：" + r.title().strip(), null, r.heldOn(), r.heldOn(), r.heldOn(), r.hours(),
                    QuantityUnit.HOURS, null, Delivery.CONCENTRATED, r.required() == null || r.required(), false, null,
                    null), CurrentUsers.require().username());
        }
        Session s = get(id);
        audit.record("CREATE", "GroupStudySession", id, "登记" + r.kind().label() + "：" + r.title(), null, s);
        return s;
    }

    @Transactional(readOnly = true)
    public Session get(long id) {
        return jdbc.sql(Unscoped.countsOnly() + """
                select s.*, (select count(*) from archive_entry e where e.source in ('GROUP_STUDY', 'PARTY_STUDY') and e.source_ref = 'GS-' || s.id) as n
                from group_study_session s where s.id = ?""")
                .param(id)
                .query((rs, i) -> {
                    Kind k = Kind.valueOf(rs.getString("kind"));
                    return new Session(rs.getLong("id"), rs.getObject("org_id", Long.class), rs.getObject("party_org_id", Long.class),
                            k, k.label(), rs.getString("title"), rs.getObject("held_on", LocalDate.class), rs.getBigDecimal("hours"),
                            rs.getBoolean("required"), rs.getInt("n"));
                }).optional().orElseThrow(() -> BusinessException.notFound("学习记录"));
    }
}
