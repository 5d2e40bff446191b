package org.ganxun.identity;

import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.security.DataScopeKind;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.Permission.Duty;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.security.RoleHolders;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Roles: the built-in ones of {@link Role} and the custom ones a security administrator makes from permissions
 * (a county adds 乡镇组织委员 or 培训机构管理员 without a release). 三员分立 is kept here: a role holds the duty of at
 * most one of the system, security and audit administrators, and a security or audit role holds nothing else.
 */
@Service
public class Roles implements RoleHolders {

    static final int NAME_MAX = 30;
    static final int DESCRIPTION_MAX = 200;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    Roles(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public List<String> rolesWith(Permission permission) {
        List<String> codes = new ArrayList<>();
        for (Role r : Role.values()) {
            if (r.permissions().contains(permission)) {
                codes.add(r.name());
            }
        }
        codes.addAll(jdbc.sql("select role_code from app_role_permission where permission = ? order by role_code")
                .param(permission.name()).query(String.class).list());
        return codes;
    }

    /** A role as the role editor and the account form see it. */
    public record RoleView(String code, String name, String description, DataScopeKind dataScope, String dataScopeLabel,
                           boolean builtIn, List<Permission> permissions, long users) {
    }

    public record RoleRequest(@Size(max = 30, message = "角色名称不能超过{max}个字") String name,
                              @Size(max = 200, message = "说明不能超过{max}个字") String description,
                              DataScopeKind dataScope, List<Permission> permissions) {
    }

    /** A permission as the role editor lists it. */
    public record PermissionView(Permission code, String label, String group, Duty duty, String dutyLabel) {
    }

    public static List<PermissionView> catalogue() {
        List<PermissionView> list = new ArrayList<>();
        for (Permission p : Permission.values()) {
            list.add(new PermissionView(p, p.label(), p.group(), p.duty(), p.duty().label()));
        }
        return list;
    }

    /** The role of a code: permissions of a built-in role from code, of a custom one from its rows. */
    public record Resolved(String code, String name, DataScopeKind dataScope, Set<Permission> permissions) {

        boolean holdsAdminDuty() {
            return permissions.stream().anyMatch(p -> p.duty() == Duty.SECURITY || p.duty() == Duty.AUDIT);
        }
    }

    public java.util.Optional<Resolved> resolve(String code) {
        if (code == null) {
            return java.util.Optional.empty();
        }
        Role builtIn = Role.builtIn(code);
        if (builtIn != null) {
            return java.util.Optional.of(new Resolved(code, builtIn.label(), builtIn.dataScope(), builtIn.permissions()));
        }
        return jdbc.sql("select name, data_scope from app_role where code = ? and not built_in").param(code)
                .query((rs, i) -> new Resolved(code, rs.getString("name"), DataScopeKind.valueOf(rs.getString("data_scope")),
                        permissionsOf(code)))
                .optional();
    }

    private Set<Permission> permissionsOf(String code) {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        for (String p : jdbc.sql("select permission from app_role_permission where role_code = ?").param(code)
                .query(String.class).list()) {
            try {
                set.add(Permission.valueOf(p));
            } catch (IllegalArgumentException retired) {
                // a permission removed from the code grants nothing
            }
        }
        return set;
    }

    @Transactional(readOnly = true)
    public List<RoleView> list() {
        Map<String, Long> users = jdbc.sql(Unscoped.countsOnly() + "select role, count(*) from app_user group by role")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<RoleView> list = new ArrayList<>();
        for (Role r : Role.values()) {
            list.add(view(r.name(), r.label(), null, r.dataScope(), true, r.permissions(), users.getOrDefault(r.name(), 0L)));
        }
        jdbc.sql("select code, name, description, data_scope from app_role where not built_in order by created_at, code")
                .query((rs, i) -> view(rs.getString("code"), rs.getString("name"), rs.getString("description"),
                        DataScopeKind.valueOf(rs.getString("data_scope")), false, permissionsOf(rs.getString("code")),
                        users.getOrDefault(rs.getString("code"), 0L)))
                .list().forEach(list::add);
        return list;
    }

    private static RoleView view(String code, String name, String description, DataScopeKind kind, boolean builtIn,
                                 Set<Permission> ps, long users) {
        return new RoleView(code, name, description, kind, kind.label(), builtIn,
                ps.stream().sorted(Comparator.naturalOrder()).toList(), users);
    }

    @Transactional(readOnly = true)
    public RoleView get(String code) {
        return list().stream().filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> BusinessException.notFound("角色"));
    }

    @Transactional
    public RoleView create(RoleRequest req) {
        Set<Permission> ps = validate(req, null);
        long n = jdbc.sql("select nextval('app_role_code_seq')").query(Long.class).single();
        String code = "CUSTOM_" + n;
        jdbc.sql("insert into app_role (code, name, description, data_scope) values (?, ?, ?, ?)")
                .params(code, req.name().strip(), description(req), req.dataScope().name()).update();
        writePermissions(code, ps);
        RoleView created = get(code);
        audit.record("CREATE", "Role", code, "新建角色 " + created.name(), null, created);
        return created;
    }

    @Transactional
    public RoleView update(String code, RoleRequest req) {
        RoleView before = get(code);
        if (before.builtIn()) {
            throw BusinessException.conflict("内置角色“" + before.name() + "”的权限由系统规定，不能修改；可新建自定义角色");
        }
        Set<Permission> ps = validate(req, code);
        jdbc.sql("update app_role set name = ?, description = ?, data_scope = ?, updated_at = now(), version = version + 1 where code = ?")
                .params(req.name().strip(), description(req), req.dataScope().name(), code).update();
        jdbc.sql("delete from app_role_permission where role_code = ?").param(code).update();
        writePermissions(code, ps);
        RoleView after = get(code);
        audit.record("UPDATE", "Role", code, "修改角色 " + after.name(), before, after);
        // a session holds the permissions it was opened with: the role's users sign in again
        jdbc.sql("delete from spring_session where principal_name in (select username from app_user where role = ?)")
                .param(code).update();
        return after;
    }

    @Transactional
    public void delete(String code) {
        RoleView role = get(code);
        if (role.builtIn()) {
            throw BusinessException.conflict("内置角色不能删除");
        }
        if (role.users() > 0) {
            throw BusinessException.conflict("角色“" + role.name() + "”还有 " + role.users() + " 个账号在用，请先为这些账号改配其他角色");
        }
        jdbc.sql("delete from app_role where code = ?").param(code).update();
        audit.record("DELETE", "Role", code, "删除角色 " + role.name(), role, null);
    }

    private void writePermissions(String code, Set<Permission> ps) {
        for (Permission p : ps) {
            jdbc.sql("insert into app_role_permission (role_code, permission) values (?, ?)").params(code, p.name()).update();
        }
    }

    private static String description(RoleRequest req) {
        return StringUtils.hasText(req.description()) ? req.description().strip() : null;
    }

    /** The request's permissions, or a refusal naming what is wrong. */
    private Set<Permission> validate(RoleRequest req, String code) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = req.name() == null ? "" : req.name().strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "请填写角色名称"));
        } else if (name.codePointCount(0, name.length()) > NAME_MAX) {
            problems.add(new FieldProblem("name", "角色名称不能超过" + NAME_MAX + "个字"));
        } else if (!name.matches("[\\p{IsHan}A-Za-z0-9（）()·\\- ]+")) {
            problems.add(new FieldProblem("name", "角色名称只能包含汉字、字母、数字、括号、间隔号和连字符"));
        } else if (jdbc.sql("select count(*) from app_role where name = ? and code is distinct from ?").params(name, code)
                .query(Long.class).single() > 0) {
            problems.add(new FieldProblem("name", "已有名为“" + name + "”的角色"));
        }
        if (req.description() != null && req.description().strip().codePointCount(0, req.description().strip().length()) > DESCRIPTION_MAX) {
            problems.add(new FieldProblem("description", "说明不能超过" + DESCRIPTION_MAX + "个字"));
        }
        if (req.description() != null && req.description().chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c == '<')) {
            problems.add(new FieldProblem("description", "说明不能包含控制字符或尖括号"));
        }
        if (req.dataScope() == null) {
            problems.add(new FieldProblem("dataScope", "请选择数据范围"));
        }
        Set<Permission> ps = new LinkedHashSet<>();
        if (req.permissions() != null) {
            req.permissions().stream().filter(java.util.Objects::nonNull).forEach(ps::add);
        }
        if (ps.isEmpty()) {
            problems.add(new FieldProblem("permissions", "请至少选择一项权限"));
        }
        String separation = separationProblem(ps);
        if (separation != null) {
            problems.add(new FieldProblem("permissions", separation));
        }
        if (ps.contains(Permission.SELF_SERVICE) && req.dataScope() != null && req.dataScope() != DataScopeKind.SELF
                && ps.size() == 1) {
            problems.add(new FieldProblem("dataScope", "只有“个人事务”权限的角色，数据范围应为“仅本人”"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        return ps;
    }

    /**
     * 三员分立: the permissions of the system, security and audit administrators may not meet in one role, and a
     * security or audit role does nothing else (the audit administrator "reads and exports the audit log, and
     * nothing else"). Null when the set keeps them apart.
     */
    static String separationProblem(Set<Permission> ps) {
        Set<Duty> duties = ps.stream().map(Permission::duty).collect(Collectors.toCollection(() -> EnumSet.noneOf(Duty.class)));
        Set<Duty> admin = EnumSet.copyOf(duties);
        admin.remove(Duty.BUSINESS);
        if (admin.size() > 1) {
            return "三员分立：一个角色不能同时承担" + String.join("、", admin.stream().map(Duty::label).toList()) + "的职责";
        }
        if ((admin.contains(Duty.SECURITY) || admin.contains(Duty.AUDIT)) && duties.contains(Duty.BUSINESS)) {
            return "三员分立：" + admin.iterator().next().label() + "的角色不能再包含业务权限";
        }
        return null;
    }
}
