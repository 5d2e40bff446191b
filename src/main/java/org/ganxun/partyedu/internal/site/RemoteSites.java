package org.ganxun.partyedu.internal.site;

import jakarta.validation.constraints.Size;
import org.ganxun.platform.web.PlainText;
import org.ganxun.partyedu.Members;
import org.ganxun.partyedu.internal.OrgScope;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Phones;
import org.ganxun.platform.web.MaskedPhone;
import tools.jackson.databind.annotation.JsonSerialize;
import org.ganxun.platform.db.Like;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.org.OrgKind;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.org.TreeNode;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Remote education sites (远程教育站点): one per village or community, with its equipment (status, purchase
 * year, faults), its operator and their training, session logs and a monthly target of sessions.
 */
@Service
public class RemoteSites {

    public enum EquipmentStatus {
        NORMAL("正常"), FAULTY("故障"), SCRAPPED("报废");

        private final String label;

        EquipmentStatus(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record SiteRequest(@InScope(Ref.ORG) Long orgId, @Size(max = 100, message = "站点名称最多{max}个字") @PlainText(message = "站点名称不能包含网页标记或脚本") String name,
                              @Size(max = 200, message = "站点地址最多{max}个字") @PlainText(message = "站点地址不能包含网页标记或脚本") String address,
                              @Size(max = 50, message = "管理员姓名最多{max}个字") @PlainText(message = "管理员姓名不能包含网页标记或脚本") String operatorName,
                              @Size(max = 30, message = "管理员电话最多{max}个字") String operatorPhone,
                              LocalDate operatorTrainedOn, @Size(max = 300, message = "培训情况最多{max}个字") @PlainText(message = "培训情况不能包含网页标记或脚本") String operatorTraining,
                              Integer monthlyTarget, Boolean active) {
    }

    public record Site(long id, long orgId, String orgName, String townshipName, String name, String address,
                       String operatorName, @JsonSerialize(using = MaskedPhone.class) String operatorPhone, LocalDate operatorTrainedOn, String operatorTraining,
                       int monthlyTarget, boolean active, int sessionsThisMonth, int sessionsThisYear, int faultyEquipment,
                       int openAlerts) {
    }

    public record EquipmentRequest(@Size(max = 100, message = "设备名称最多{max}个字") @PlainText(message = "设备名称不能包含网页标记或脚本") String name, EquipmentStatus status, Integer purchaseYear,
                                   LocalDate faultSince, @Size(max = 300, message = "故障说明最多{max}个字") @PlainText(message = "故障说明不能包含网页标记或脚本") String faultNote) {
    }

    public record Equipment(long id, long siteId, String name, EquipmentStatus status, String statusLabel, Integer purchaseYear,
                            LocalDate faultSince, String faultNote) {
    }

    public record SessionRequest(LocalDate playedOn, @Size(max = 200, message = "播放内容最多{max}个字") @PlainText(message = "播放内容不能包含网页标记或脚本") String title, Integer attendees,
                                 @Size(max = 1000, message = "参加人员最多{max}个字") @PlainText(message = "参加人员不能包含网页标记或脚本") String attendeeNames,
                                 @Size(max = 300, message = "备注最多{max}个字") @PlainText(message = "备注不能包含网页标记或脚本") String note) {
    }

    public record SessionLog(long id, long siteId, LocalDate playedOn, String title, int attendees, String attendeeNames,
                             String note, String recordedBy) {
    }

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final OrganizationTrees trees;
    private final AuditLog audit;
    private final Clock clock;

    RemoteSites(JdbcClient jdbc, DataScopes scopes, OrganizationTrees trees, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.trees = trees;
        this.audit = audit;
    }

    public static final String TOWNSHIP = """
            (select t.name from org_unit t where o.path like t.path || '%' and t.kind in ('TOWNSHIP', 'PARK')
             order by t.depth desc limit 1)""";

    private static final String SELECT = """
            select s.*, o.name as org_name, %s as township_name,
                   (select count(*) from site_session x where x.site_id = s.id and x.played_on >= :monthStart and x.played_on < :monthEnd) as n_month,
                   (select count(*) from site_session x where x.site_id = s.id and x.played_on >= :yearStart and x.played_on < :yearEnd) as n_year,
                   (select count(*) from site_equipment e where e.site_id = s.id and e.status = 'FAULTY') as n_faulty,
                   (select count(*) from site_alert a where a.site_id = s.id and a.resolved_on is null) as n_alerts
            from remote_site s join org_unit o on o.id = s.org_id
            """.formatted(TOWNSHIP);

    private Map<String, Object> dates(LocalDate today) {
        Map<String, Object> p = new HashMap<>();
        p.put("monthStart", today.withDayOfMonth(1));
        p.put("monthEnd", today.withDayOfMonth(1).plusMonths(1));
        p.put("yearStart", LocalDate.of(today.getYear(), 1, 1));
        p.put("yearEnd", LocalDate.of(today.getYear() + 1, 1, 1));
        return p;
    }

    private static Site map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Site(rs.getLong("id"), rs.getLong("org_id"), rs.getString("org_name"), rs.getString("township_name"),
                rs.getString("name"), rs.getString("address"), rs.getString("operator_name"), rs.getString("operator_phone"),
                rs.getObject("operator_trained_on", LocalDate.class), rs.getString("operator_training"), rs.getInt("monthly_target"),
                rs.getBoolean("active"), rs.getInt("n_month"), rs.getInt("n_year"), rs.getInt("n_faulty"), rs.getInt("n_alerts"));
    }

    @Transactional(readOnly = true)
    public List<Site> list(Long orgId, String name) {
        DataScope scope = scopes.current();
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        p.putAll(dates(LocalDate.now(clock)));
        String w = where(scope, orgId, name, p);
        return jdbc.sql(SELECT + w + " order by tree_path_key(o.path), s.id").params(p).query(RemoteSites::map).list();
    }

    /** The scope and filters shared by {@link #list} and {@link #page}; fills in their parameters. */
    private String where(DataScope scope, Long orgId, String name, Map<String, Object> p) {
        StringBuilder w = new StringBuilder(" where ").append(OrgScope.readable(scope));
        if (orgId != null) {
            TreeNode node = trees.requireVisible(Tree.ADMINISTRATIVE, orgId);
            w.append(" and o.path like :under");
            p.put("under", node.path() + "%");
        }
        if (StringUtils.hasText(name)) {
            w.append(" and (s.name like :name or o.name like :name)");
            p.put("name", Like.contains(name));
        }
        return w.toString();
    }

    /** A page of the sites in scope, with how many match in all. */
    public record SitePage(List<Site> rows, long total, int page, int size) {
    }

    /**
     * A page of the sites in scope (the scope and filters of {@link #list}), in tree order or by name, counted and
     * cut in SQL: the per-site counts of sessions, faults and alerts are computed for the page's rows only.
     */
    @Transactional(readOnly = true)
    public SitePage page(Long orgId, String name, boolean byName, int page, int size) {
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 200);
        DataScope scope = scopes.current();
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        String w = where(scope, orgId, name, p);
        long total = jdbc.sql("select count(*) from remote_site s join org_unit o on o.id = s.org_id" + w).params(p).query(Long.class).single();
        p.putAll(dates(LocalDate.now(clock)));
        String order = byName ? " order by s.name, s.id" : " order by tree_path_key(o.path), s.id";
        List<Site> rows = jdbc.sql(SELECT + w + order + " limit :limit offset :offset").params(p)
                .param("limit", sz).param("offset", (long) (pg - 1) * sz).query(RemoteSites::map).list();
        return new SitePage(rows, total, pg, sz);
    }

    @Transactional(readOnly = true)
    public Site get(long id) {
        Map<String, Object> p = new HashMap<>(dates(LocalDate.now(clock)));
        p.put("id", id);
        Site s = jdbc.sql(SELECT + " where s.id = :id").params(p).query(RemoteSites::map).optional()
                .orElseThrow(() -> BusinessException.notFound("远程教育站点"));
        DataScope scope = scopes.current();
        Map<String, Object> q = new HashMap<>(scope.sqlParameters());
        q.put("id", id);
        if (jdbc.sql("select count(*) from remote_site s join org_unit o on o.id = s.org_id where s.id = :id and "
                + OrgScope.readable(scope)).params(q).query(Long.class).single() == 0) {
            throw new BusinessException(403, "无权查看该站点", List.of());
        }
        return s;
    }

    Site requireManageable(long id) {
        Site s = get(id);
        trees.requireInScope(Tree.ADMINISTRATIVE, s.orgId());
        return s;
    }

    @Transactional
    public Site create(SiteRequest r) {
        validate(r);
        TreeNode org = trees.requireInScope(Tree.ADMINISTRATIVE, r.orgId());
        if (!org.kind().equals(OrgKind.VILLAGE.name()) && !org.kind().equals(OrgKind.COMMUNITY.name())) {
            throw new BusinessException("远程教育站点应设在村或社区，“" + org.name() + "”是" + org.kindLabel());
        }
        long id = jdbc.sql("""
                insert into remote_site (org_id, name, address, operator_name, operator_phone, operator_trained_on, operator_training,
                    monthly_target, active) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(r.orgId(), r.name().strip(), Members.trim(r.address()), Members.trim(r.operatorName()),
                        Members.trim(r.operatorPhone()), r.operatorTrainedOn(), Members.trim(r.operatorTraining()),
                        r.monthlyTarget() == null ? 4 : r.monthlyTarget(), r.active() == null || r.active())
                .query(Long.class).single();
        Site s = get(id);
        audit.record("CREATE", "RemoteSite", id, "新建远程教育站点：" + s.name(), null, s);
        return s;
    }

    @Transactional
    public Site update(long id, SiteRequest r) {
        Site before = requireManageable(id);
        validate(r);
        if (r.orgId() != null && r.orgId() != before.orgId()) {
            trees.requireInScope(Tree.ADMINISTRATIVE, r.orgId());
        }
        jdbc.sql("""
                update remote_site set org_id = ?, name = ?, address = ?, operator_name = ?, operator_phone = ?, operator_trained_on = ?,
                    operator_training = ?, monthly_target = ?, active = ?, version = version + 1 where id = ?""")
                .params(r.orgId() == null ? before.orgId() : r.orgId(), r.name().strip(), Members.trim(r.address()),
                        Members.trim(r.operatorName()), Members.trim(Phones.keepIfMasked(r.operatorPhone(), before.operatorPhone())),
                        r.operatorTrainedOn(),
                        Members.trim(r.operatorTraining()), r.monthlyTarget() == null ? before.monthlyTarget() : r.monthlyTarget(),
                        r.active() == null || r.active(), id).update();
        Site after = get(id);
        audit.record("UPDATE", "RemoteSite", id, "修改远程教育站点：" + after.name(), before, after);
        return after;
    }

    private void validate(SiteRequest r) {
        List<FieldProblem> p = new ArrayList<>();
        if (r.orgId() == null) {
            p.add(new FieldProblem("orgId", "请选择站点所在村（社区）"));
        }
        if (!StringUtils.hasText(r.name())) {
            p.add(new FieldProblem("name", "请填写站点名称"));
        }
        if (r.monthlyTarget() != null && (r.monthlyTarget() < 0 || r.monthlyTarget() > 100)) {
            p.add(new FieldProblem("monthlyTarget", "每月目标场次应在0到100之间"));
        }
        if (r.operatorTrainedOn() != null && r.operatorTrainedOn().isAfter(LocalDate.now(clock))) {
            p.add(new FieldProblem("operatorTrainedOn", "培训日期不能晚于今天"));
        }
        if (!p.isEmpty()) {
            throw new BusinessException(p.get(0).message(), p);
        }
    }

    // ---- equipment ----

    @Transactional(readOnly = true)
    public List<Equipment> equipment(long siteId) {
        get(siteId);
        return jdbc.sql("select * from site_equipment where site_id = ? order by id").param(siteId).query(RemoteSites::equipment).list();
    }

    private static Equipment equipment(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        EquipmentStatus st = EquipmentStatus.valueOf(rs.getString("status"));
        return new Equipment(rs.getLong("id"), rs.getLong("site_id"), rs.getString("name"), st, st.label(),
                rs.getObject("purchase_year", Integer.class), rs.getObject("fault_since", LocalDate.class), rs.getString("fault_note"));
    }

    /** Adds ({@code id} null) or changes equipment. Reporting a fault starts its clock; a repair clears it. */
    @Transactional
    public Equipment saveEquipment(long siteId, Long id, EquipmentRequest r) {
        Site site = requireManageable(siteId);
        if (r == null || !StringUtils.hasText(r.name()) || r.status() == null) {
            throw new BusinessException("请填写设备名称和状态", List.of(new FieldProblem("name", "必填")));
        }
        int year = LocalDate.now(clock).getYear();
        if (r.purchaseYear() != null && (r.purchaseYear() < 1990 || r.purchaseYear() > year)) {
            throw new BusinessException("购置年份应在1990年到" + year + "年之间", List.of(new FieldProblem("purchaseYear", "年份无效")));
        }
        LocalDate faultSince = null;
        if (r.status() == EquipmentStatus.FAULTY) {
            faultSince = r.faultSince() != null ? r.faultSince() : LocalDate.now(clock);
            if (faultSince.isAfter(LocalDate.now(clock))) {
                throw new BusinessException("故障日期不能晚于今天", List.of(new FieldProblem("faultSince", "日期不能晚于今天")));
            }
        }
        Equipment before = null;
        long eqId;
        if (id == null) {
            eqId = jdbc.sql("insert into site_equipment (site_id, name, status, purchase_year, fault_since, fault_note) values (?, ?, ?, ?, ?, ?) returning id")
                    .params(siteId, r.name().strip(), r.status().name(), r.purchaseYear(), faultSince,
                            r.status() == EquipmentStatus.FAULTY ? Members.trim(r.faultNote()) : null)
                    .query(Long.class).single();
        } else {
            before = jdbc.sql("select * from site_equipment where id = ? and site_id = ?").params(id, siteId)
                    .query(RemoteSites::equipment).optional().orElseThrow(() -> BusinessException.notFound("设备"));
            // a fault that continues keeps the day it started
            if (r.status() == EquipmentStatus.FAULTY && before.status() == EquipmentStatus.FAULTY && r.faultSince() == null) {
                faultSince = before.faultSince();
            }
            jdbc.sql("update site_equipment set name = ?, status = ?, purchase_year = ?, fault_since = ?, fault_note = ? where id = ?")
                    .params(r.name().strip(), r.status().name(), r.purchaseYear(), faultSince,
                            r.status() == EquipmentStatus.FAULTY ? Members.trim(r.faultNote()) : null, id).update();
            eqId = id;
        }
        Equipment after = jdbc.sql("select * from site_equipment where id = ?").param(eqId).query(RemoteSites::equipment).single();
        audit.record(id == null ? "CREATE" : "UPDATE", "SiteEquipment", eqId, "站点设备：" + site.name() + " / " + after.name()
                + "（" + after.statusLabel() + "）", before, after);
        return after;
    }

    // ---- sessions ----

    @Transactional(readOnly = true)
    public List<SessionLog> sessions(long siteId, Integer year) {
        get(siteId);
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        return jdbc.sql("select * from site_session where site_id = ? and played_on >= ? and played_on < ? order by played_on desc, id desc")
                .params(siteId, LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1))
                .query((rs, i) -> new SessionLog(rs.getLong("id"), rs.getLong("site_id"), rs.getObject("played_on", LocalDate.class),
                        rs.getString("title"), rs.getInt("attendees"), rs.getString("attendee_names"), rs.getString("note"),
                        rs.getString("recorded_by"))).list();
    }

    @Transactional
    public SessionLog addSession(long siteId, SessionRequest r) {
        Site site = get(siteId);
        // the operator's township or the county records; a village branch secretary may record their village's site
        DataScope scope = scopes.current();
        if (!scope.all() && scope.orgPath() == null && scope.partyOrgPath() == null) {
            throw new BusinessException(403, "无权登记该站点的播放记录", List.of());
        }
        if (r == null || r.playedOn() == null || !StringUtils.hasText(r.title())) {
            throw new BusinessException("请填写播放日期和内容", List.of(new FieldProblem("title", "必填")));
        }
        if (r.playedOn().isAfter(LocalDate.now(clock))) {
            throw new BusinessException("播放日期不能晚于今天", List.of(new FieldProblem("playedOn", "日期不能晚于今天")));
        }
        if (r.attendees() != null && (r.attendees() < 0 || r.attendees() > 10000)) {
            throw new BusinessException("参加人数无效", List.of(new FieldProblem("attendees", "人数无效")));
        }
        long id = jdbc.sql("""
                insert into site_session (site_id, played_on, title, attendees, attendee_names, note, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(siteId, r.playedOn(), r.title().strip(), r.attendees() == null ? 0 : r.attendees(),
                        Members.trim(r.attendeeNames()), Members.trim(r.note()), CurrentUsers.require().username())
                .query(Long.class).single();
        SessionLog log = sessions(siteId, r.playedOn().getYear()).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
        audit.record("CREATE", "SiteSession", id, "站点播放记录：" + site.name() + " " + r.playedOn() + " " + r.title(), null, log);
        return log;
    }
}
