package org.ganxun.training;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import org.ganxun.training.forclassroom.ClassRows;

import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.db.Like;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The instructor pool (师资库). A pool belongs to a unit (a jurisdiction or a provider's organisation); it is
 * visible inside that unit's subtree and to the units above it. Contact details are personal data: the phone
 * and e-mail are shown only to administrators and registrars. Ratings are filled by teaching evaluation.
 */
@Service
public class Instructors {


    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final AuditLog audit;
    private final ClassRows rows;

    Instructors(JdbcClient jdbc, DataScopes scopes, AuditLog audit, ClassRows rows) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.audit = audit;
        this.rows = rows;
    }

    public record InstructorForm(@InScope(Ref.ORG) Long ownerOrgId, @Size(max = 50, message = "师资姓名最多{max}个字") @PlainText(message = "师资姓名不能包含网页标记或脚本") String name, InstructorKind kind, @Size(max = 100, message = "工作单位最多{max}个字") @PlainText(message = "工作单位不能包含网页标记或脚本") String unit, @Size(max = 100, message = "职务职称最多{max}个字") @PlainText(message = "职务职称不能包含网页标记或脚本") String title, @Size(max = 500, message = "授课专长最多{max}个字") @PlainText(message = "授课专长不能包含网页标记或脚本") String topics,
                                 @Size(max = 30, message = "联系电话最多{max}个字") String phone, @Size(max = 100, message = "电子邮箱最多{max}个字") String email, Boolean active) {
    }

    public record InstructorView(long id, long ownerOrgId, String ownerOrgName, String name, InstructorKind kind,
                                 String kindLabel, String unit, String title, String topics, String phone, String email,
                                 boolean contactHidden, BigDecimal ratingAvg, int ratingCount, long sessionCount,
                                 boolean active) {
    }

    @Transactional(readOnly = true)
    public List<InstructorView> list(String text, InstructorKind kind, Boolean activeOnly) {
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>();
        StringBuilder w = new StringBuilder(" where ").append(visibleCondition(scope, params));
        if (StringUtils.hasText(text)) {
            w.append(" and (i.name like :t or i.topics like :t or i.unit like :t)");
            params.put("t", Like.contains(text));
        }
        if (kind != null) {
            w.append(" and i.kind = :kind");
            params.put("kind", kind.name());
        }
        if (activeOnly == null || activeOnly) {
            w.append(" and i.active");
        }
        boolean contact = seesContact();
        return jdbc.sql(SELECT + w + " order by i.name, i.id limit 1000").params(params)
                .query((rs, i) -> view(rs, contact)).list();
    }

    @Transactional(readOnly = true)
    public InstructorView get(long id) {
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return jdbc.sql(SELECT + " where i.id = :id and " + visibleCondition(scope, params)).params(params)
                .query((rs, i) -> view(rs, seesContact())).optional().orElseThrow(() -> BusinessException.notFound("教师"));
    }

    @Transactional
    public InstructorView create(InstructorForm f) {
        CurrentUser me = requireEditor();
        Long owner = f.ownerOrgId() != null ? f.ownerOrgId() : me.scopeOrgId();
        if (owner == null) {
            throw new BusinessException("请选择师资所属单位", List.of(new FieldProblem("ownerOrgId", "请选择所属单位")));
        }
        if (!scopes.current().coversOrgPath(rows.orgPath(owner))) {
            throw new BusinessException(403, "只能在本人管理范围内的单位下维护师资", List.of());
        }
        validate(f);
        long id = jdbc.sql("""
                insert into instructor (owner_org_id, name, kind, unit, title, topics, phone, email, active)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(owner, f.name().strip(), f.kind().name(), trim(f.unit()), trim(f.title()), trim(f.topics()), trim(f.phone()),
                        trim(f.email()), f.active() == null || f.active())
                .query(Long.class).single();
        InstructorView v = get(id);
        audit.record("CREATE", "Instructor", id, "新增师资：" + v.name(), null, v);
        return v;
    }

    @Transactional
    public InstructorView update(long id, InstructorForm f) {
        requireEditor();
        InstructorView before = get(id);
        if (!scopes.current().coversOrgPath(rows.orgPath(before.ownerOrgId()))) {
            throw new BusinessException(403, "只能修改本人管理范围内的师资", List.of());
        }
        validate(f);
        jdbc.sql("""
                update instructor set name = ?, kind = ?, unit = ?, title = ?, topics = ?, phone = ?, email = ?, active = ?,
                    updated_at = now() where id = ?""")
                .params(f.name().strip(), f.kind().name(), trim(f.unit()), trim(f.title()), trim(f.topics()), trim(f.phone()),
                        trim(f.email()), f.active() == null || f.active(), id)
                .update();
        InstructorView after = get(id);
        audit.record("UPDATE", "Instructor", id, "修改师资：" + after.name(), before, after);
        return after;
    }

    private static final String SELECT = """
            select i.*, o.name as owner_name,
                   (select count(*) from class_session s where s.instructor_id = i.id and s.status = 'SCHEDULED') as session_count
            from instructor i join org_unit o on o.id = i.owner_org_id
            """;

    /** In the pool owner's subtree, or above it (a township sees the county's pool). */
    private static String visibleCondition(DataScope scope, Map<String, Object> params) {
        if (scope.all()) {
            return "true";
        }
        if (scope.orgPath() == null) {
            return "false";
        }
        params.put("sp", scope.orgPath());
        params.put("spLike", scope.orgPath() + "%");
        return "(o.path like :spLike or :sp like o.path || '%')";
    }

    private static boolean seesContact() {
        return CurrentUsers.current().map(u -> u.can(Permission.INSTRUCTOR_MANAGE)).orElse(false);
    }

    private static CurrentUser requireEditor() {
        CurrentUser me = CurrentUsers.require();
        if (!me.can(Permission.INSTRUCTOR_MANAGE)) {
            throw new BusinessException(403, "无权维护师资库", List.of());
        }
        return me;
    }

    private static void validate(InstructorForm f) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!StringUtils.hasText(f.name())) {
            problems.add(new FieldProblem("name", "请填写姓名"));
        }
        if (f.kind() == null) {
            problems.add(new FieldProblem("kind", "请选择师资类别（本校/外聘）"));
        }
        if (StringUtils.hasText(f.phone()) && !f.phone().strip().matches("[0-9+\\- ]{5,20}")) {
            problems.add(new FieldProblem("phone", "联系电话格式不正确"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
    }

    private static String trim(String s) {
        return StringUtils.hasText(s) ? s.strip() : null;
    }

    private static InstructorView view(ResultSet rs, boolean contact) throws SQLException {
        InstructorKind k = InstructorKind.valueOf(rs.getString("kind"));
        return new InstructorView(rs.getLong("id"), rs.getLong("owner_org_id"), rs.getString("owner_name"), rs.getString("name"), k,
                k.label(), rs.getString("unit"), rs.getString("title"), rs.getString("topics"),
                contact ? rs.getString("phone") : null, contact ? rs.getString("email") : null, !contact,
                rs.getBigDecimal("rating_avg"), rs.getInt("rating_count"), rs.getLong("session_count"), rs.getBoolean("active"));
    }
}
