package org.ganxun.partyedu.internal.mobileclassroom;

import jakarta.validation.constraints.Size;
import org.ganxun.platform.web.PlainText;
import org.ganxun.partyedu.Members;
import org.ganxun.partyedu.internal.OrgScope;
import org.ganxun.partyedu.internal.site.RemoteSites;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Phones;
import org.ganxun.platform.web.MaskedPhone;
import tools.jackson.databind.annotation.JsonSerialize;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The mobile classroom (流动课堂): a pool of lecturers (流动宣讲团) and a touring schedule of visits to villages
 * and communities with topics; each held visit records how many attended; the coverage grid shows, per
 * township, which villages and communities were reached in a year.
 */
@Service
public class MobileClassroom {

    public enum VisitStatus {
        PLANNED("计划"), DONE("已开展"), CANCELLED("已取消");

        private final String label;

        VisitStatus(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record LecturerRequest(@Size(max = 50, message = "讲师姓名最多{max}个字") @PlainText(message = "讲师姓名不能包含网页标记或脚本") String name, @Size(max = 100, message = "职务职称最多{max}个字") @PlainText(message = "职务职称不能包含网页标记或脚本") String title,
                                  @Size(max = 100, message = "工作单位最多{max}个字") @PlainText(message = "工作单位不能包含网页标记或脚本") String unit,
                                  @Size(max = 30, message = "联系电话最多{max}个字") String phone, @Size(max = 500, message = "宣讲专长最多{max}个字") @PlainText(message = "宣讲专长不能包含网页标记或脚本") String topics, Boolean active) {
    }

    public record Lecturer(long id, String name, String title, String unit, @JsonSerialize(using = MaskedPhone.class) String phone, String topics, boolean active, int visits) {
    }

    public record VisitRequest(@InScope(Ref.ORG) Long orgId, LocalDate visitOn,
                               @Size(max = 200, message = "宣讲主题最多{max}个字") @PlainText(message = "宣讲主题不能包含网页标记或脚本") String topic, Long lecturerId, VisitStatus status, Integer attendance,
                               @Size(max = 300, message = "备注最多{max}个字") @PlainText(message = "备注不能包含网页标记或脚本") String note) {
    }

    public record Visit(long id, long orgId, String orgName, String townshipName, LocalDate visitOn, String topic, Long lecturerId,
                        String lecturerName, VisitStatus status, String statusLabel, Integer attendance, String note) {
    }

    public record Village(long orgId, String name, String kindLabel, boolean reached, int visits, int attendance, LocalDate lastVisitOn) {
    }

    public record TownshipCoverage(long orgId, String name, int villages, int reached, List<Village> units) {
    }

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final OrganizationTrees trees;
    private final AuditLog audit;
    private final Clock clock;

    MobileClassroom(JdbcClient jdbc, DataScopes scopes, OrganizationTrees trees, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.trees = trees;
        this.audit = audit;
    }

    // ---- lecturers (a county-wide pool) ----

    @Transactional(readOnly = true)
    public List<Lecturer> lecturers(boolean activeOnly) {
        return jdbc.sql("""
                select l.*, (select count(*) from classroom_visit v where v.lecturer_id = l.id and v.status = 'DONE') as n
                from lecturer l where (not :activeOnly or l.active) order by l.active desc, l.id""")
                .param("activeOnly", activeOnly)
                .query((rs, i) -> new Lecturer(rs.getLong("id"), rs.getString("name"), rs.getString("title"), rs.getString("unit"),
                        rs.getString("phone"), rs.getString("topics"), rs.getBoolean("active"), rs.getInt("n"))).list();
    }

    @Transactional
    public Lecturer saveLecturer(Long id, LecturerRequest r) {
        if (r == null || !StringUtils.hasText(r.name())) {
            throw new BusinessException("请填写讲师姓名", List.of(new FieldProblem("name", "必填")));
        }
        Lecturer before = id == null ? null : lecturers(false).stream().filter(l -> l.id() == id).findFirst()
                .orElseThrow(() -> BusinessException.notFound("讲师"));
        DataScope scope = scopes.current();
        if (id != null && !scope.all()) {
            // the pool is shared for use; a lecturer is changed only by the department that added them (or one above)
            String owner = jdbc.sql("select o.path from lecturer l left join org_unit o on o.id = l.owner_org_id where l.id = ?")
                    .param(id).query(String.class).optional().orElse(null);
            if (!scope.coversOrgPath(owner)) {
                throw new BusinessException(403, "该讲师由上级或其他单位录入，只能选用，不能修改", List.of());
            }
        }
        long lid;
        if (id == null) {
            Long owner = scope.all() ? null : CurrentUsers.require().scopeOrgId();
            if (!scope.all() && owner == null) {
                throw new BusinessException(403, "您的账号没有所属单位，不能录入讲师", List.of());
            }
            lid = jdbc.sql("""
                    insert into lecturer (name, title, unit, phone, topics, active, owner_org_id)
                    values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(r.name().strip(), Members.trim(r.title()), Members.trim(r.unit()), Members.trim(r.phone()),
                            Members.trim(r.topics()), r.active() == null || r.active(), owner).query(Long.class).single();
        } else {
            jdbc.sql("update lecturer set name = ?, title = ?, unit = ?, phone = ?, topics = ?, active = ? where id = ?")
                    .params(r.name().strip(), Members.trim(r.title()), Members.trim(r.unit()),
                            Members.trim(Phones.keepIfMasked(r.phone(), before.phone())),
                            Members.trim(r.topics()), r.active() == null || r.active(), id).update();
            lid = id;
        }
        Lecturer after = lecturers(false).stream().filter(l -> l.id() == lid).findFirst().orElseThrow();
        audit.record(id == null ? "CREATE" : "UPDATE", "Lecturer", lid, "流动课堂讲师：" + after.name(), before, after);
        return after;
    }

    // ---- visits ----

    private static final String SELECT = """
            select v.*, o.name as org_name, %s as township_name, l.name as lecturer_name
            from classroom_visit v join org_unit o on o.id = v.org_id left join lecturer l on l.id = v.lecturer_id
            """.formatted(RemoteSites.TOWNSHIP);

    private static Visit map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        VisitStatus st = VisitStatus.valueOf(rs.getString("status"));
        return new Visit(rs.getLong("id"), rs.getLong("org_id"), rs.getString("org_name"), rs.getString("township_name"),
                rs.getObject("visit_on", LocalDate.class), rs.getString("topic"), rs.getObject("lecturer_id", Long.class),
                rs.getString("lecturer_name"), st, st.label(), rs.getObject("attendance", Integer.class), rs.getString("note"));
    }

    @Transactional(readOnly = true)
    public List<Visit> visits(Integer year, Long orgId, VisitStatus status) {
        DataScope scope = scopes.current();
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        StringBuilder w = new StringBuilder(" where ").append(OrgScope.readable(scope));
        if (year != null) {
            w.append(" and v.visit_on >= :from and v.visit_on < :to");
            p.put("from", LocalDate.of(year, 1, 1));
            p.put("to", LocalDate.of(year + 1, 1, 1));
        }
        if (orgId != null) {
            w.append(" and o.path like :under");
            p.put("under", trees.requireVisible(Tree.ADMINISTRATIVE, orgId).path() + "%");
        }
        if (status != null) {
            w.append(" and v.status = :status");
            p.put("status", status.name());
        }
        return jdbc.sql(SELECT + w + " order by v.visit_on, v.id limit 2000").params(p).query(MobileClassroom::map).list();
    }

    @Transactional
    public Visit saveVisit(Long id, VisitRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        if (r == null || r.orgId() == null) {
            problems.add(new FieldProblem("orgId", "请选择宣讲的村（社区）"));
        }
        if (r == null || r.visitOn() == null) {
            problems.add(new FieldProblem("visitOn", "请填写宣讲日期"));
        }
        if (r == null || !StringUtils.hasText(r.topic())) {
            problems.add(new FieldProblem("topic", "请填写宣讲主题"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        VisitStatus status = r.status() == null ? VisitStatus.PLANNED : r.status();
        if (status == VisitStatus.DONE) {
            if (r.visitOn().isAfter(LocalDate.now(clock))) {
                throw new BusinessException("宣讲日期在今天之后，不能登记为已开展", List.of(new FieldProblem("status", "尚未开展")));
            }
            if (r.attendance() == null || r.attendance() < 0) {
                throw new BusinessException("已开展的宣讲请填写参加人数", List.of(new FieldProblem("attendance", "请填写参加人数")));
            }
            List<FieldProblem> attendance = new java.util.ArrayList<>();
            Bounds.seats(attendance, "attendance", "参加人数", r.attendance(), 0, Bounds.MAX_SEATS);
            Bounds.check(attendance);
        }
        Visit before = null;
        if (id != null) {
            before = jdbc.sql(SELECT + " where v.id = ?").param(id).query(MobileClassroom::map).optional()
                    .orElseThrow(() -> BusinessException.notFound("宣讲安排"));
            trees.requireInScope(Tree.ADMINISTRATIVE, before.orgId());
        }
        TreeNode org = trees.requireInScope(Tree.ADMINISTRATIVE, r.orgId());
        if (!org.kind().equals(OrgKind.VILLAGE.name()) && !org.kind().equals(OrgKind.COMMUNITY.name())) {
            throw new BusinessException("流动课堂宣讲点应为村或社区，“" + org.name() + "”是" + org.kindLabel());
        }
        Integer attendance = status == VisitStatus.DONE ? r.attendance() : null;
        long vid;
        if (id == null) {
            vid = jdbc.sql("""
                    insert into classroom_visit (org_id, visit_on, topic, lecturer_id, status, attendance, note, created_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(r.orgId(), r.visitOn(), r.topic().strip(), r.lecturerId(), status.name(), attendance,
                            Members.trim(r.note()), CurrentUsers.require().username()).query(Long.class).single();
        } else {
            jdbc.sql("update classroom_visit set org_id = ?, visit_on = ?, topic = ?, lecturer_id = ?, status = ?, attendance = ?, note = ? where id = ?")
                    .params(r.orgId(), r.visitOn(), r.topic().strip(), r.lecturerId(), status.name(), attendance,
                            Members.trim(r.note()), id).update();
            vid = id;
        }
        Visit after = jdbc.sql(SELECT + " where v.id = ?").param(vid).query(MobileClassroom::map).single();
        audit.record(id == null ? "CREATE" : "UPDATE", "ClassroomVisit", vid, "流动课堂：" + after.orgName() + " " + after.visitOn()
                + " " + after.topic() + "（" + after.statusLabel() + "）", before, after);
        return after;
    }

    /** Per township in the user's scope: its villages and communities, reached (a held visit in the year) or not. */
    @Transactional(readOnly = true)
    public List<TownshipCoverage> coverage(int year) {
        DataScope scope = scopes.current();
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        p.put("from", LocalDate.of(year, 1, 1));
        p.put("to", LocalDate.of(year + 1, 1, 1));
        record Row(long townshipId, String township, long orgId, String name, String kind, int visits, int attendance, LocalDate last) {
        }
        List<Row> rows = jdbc.sql("""
                select t.id, t.name, o.id, o.name, o.kind,
                       count(v.id) filter (where v.status = 'DONE'),
                       coalesce(sum(v.attendance) filter (where v.status = 'DONE'), 0),
                       max(v.visit_on) filter (where v.status = 'DONE')
                from org_unit t
                join org_unit o on o.parent_id = t.id and o.kind in ('VILLAGE', 'COMMUNITY') and not o.retired
                left join classroom_visit v on v.org_id = o.id and v.visit_on >= :from and v.visit_on < :to
                where t.kind in ('TOWNSHIP', 'PARK') and not t.retired and\s""" + OrgScope.readable(scope) + "\n" + """
                 group by t.id, t.name, t.path, o.id, o.name, o.kind, o.sort_order
                 order by t.path, o.sort_order, o.id""")
                .params(p)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getInt(7), rs.getObject(8, LocalDate.class))).list();
        Map<Long, List<Row>> byTownship = new LinkedHashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (Row r : rows) {
            byTownship.computeIfAbsent(r.townshipId(), k -> new ArrayList<>()).add(r);
            names.put(r.townshipId(), r.township());
        }
        List<TownshipCoverage> out = new ArrayList<>();
        byTownship.forEach((tid, list) -> {
            List<Village> units = list.stream().map(r -> new Village(r.orgId(), r.name(), OrgKind.valueOf(r.kind()).label(),
                    r.visits() > 0, r.visits(), r.attendance(), r.last())).toList();
            out.add(new TownshipCoverage(tid, names.get(tid), units.size(), (int) units.stream().filter(Village::reached).count(), units));
        });
        return out;
    }
}
