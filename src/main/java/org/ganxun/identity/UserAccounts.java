package org.ganxun.identity;

import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.db.Like;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.DataScopeKind;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.Unscoped;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.PlainText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** User accounts: lookup for login, failed logins (throttled by {@link LoginThrottle}), and administration within a data scope. */
@Service
public class UserAccounts {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final DataScopes scopes;
    private final OrganizationTrees trees;
    private final Roles roles;
    private final LoginThrottle throttle;
    private final PasswordPolicy passwords;

    UserAccounts(JdbcClient jdbc, PasswordEncoder encoder, AuditLog audit, DataScopes scopes, OrganizationTrees trees,
                 Roles roles, LoginThrottle throttle, PasswordPolicy passwords) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
        this.scopes = scopes;
        this.trees = trees;
        this.roles = roles;
        this.throttle = throttle;
        this.passwords = passwords;
    }

    /** An account as administrators see it (never the hash). */
    public record Account(long id, String username, String displayName, String role, String roleLabel, String dataScope, Long scopeOrgId,
                          String scopeOrgName, Long scopePartyOrgId, String scopePartyOrgName, Long cadreId,
                          boolean enabled, boolean locked, int failedAttempts, Instant lastLoginAt) {
    }

    public record AccountRequest(@Pattern(regexp = "[A-Za-z0-9_.@-]{3,50}", message = "用户名须为3-50位字母、数字或 _ . @ -") String username,
                                 @Size(max = 50, message = "姓名最多{max}个字") @PlainText(message = "姓名不能包含网页标记或脚本") String displayName,
                                 @Size(max = 30, message = "角色不存在") String role, @InScope(Ref.ORG) Long scopeOrgId, @InScope(Ref.PARTY_ORG) Long scopePartyOrgId,
                                 @InScope(Ref.CADRE) Long cadreId, Boolean enabled,
                                 @Size(max = 64, message = "密码长度不能超过{max}位") String password) {
    }

    Optional<CurrentUser> findForLogin(String username) {
        return jdbc.sql(Unscoped.because("sign-in reads the account being signed in") + """
                select id, username, display_name, password_hash, role, scope_org_id, scope_party_org_id, cadre_id, enabled,
                       coalesce(locked_until > now(), false) as locked
                from app_user where username = ?""")
                .param(username)
                .query((rs, i) -> {
                    // a role that no longer exists grants nothing (and its users see nothing)
                    Roles.Resolved role = roles.resolve(rs.getString("role")).orElse(new Roles.Resolved(rs.getString("role"),
                            rs.getString("role"), DataScopeKind.SELF, java.util.Set.of()));
                    return new CurrentUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                            rs.getString("password_hash"), role.code(), role.name(), role.dataScope(), role.permissions(),
                            rs.getObject("scope_org_id", Long.class), rs.getObject("scope_party_org_id", Long.class),
                            rs.getObject("cadre_id", Long.class), rs.getBoolean("enabled"), rs.getBoolean("locked"));
                })
                .optional();
    }

    /**
     * Counts a failed login by name and address (see {@link LoginThrottle}); a name without an account is counted
     * the same way, so the answers do not tell whether an account exists.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public LoginThrottle.Failure recordFailure(String username, String remoteAddr) {
        LoginThrottle.Failure failure = throttle.recordFailure(username, remoteAddr);
        String name = LoginThrottle.name(username);
        Long id = jdbc.sql("select id from app_user where username = ?").param(name).query(Long.class).optional().orElse(null);
        String what = failure.waitFor().isZero() ? "登录失败（" + LoginThrottle.address(remoteAddr) + "）"
                : "登录失败（" + LoginThrottle.address(remoteAddr) + "），须等待" + LoginThrottle.minutes(failure.waitFor()) + "分钟";
        audit.recordAs(id, name, failure.waitFor().isZero() ? "LOGIN_FAILED" : "LOGIN_LOCKED", "User", id,
                id == null ? what + "：用户名不存在" : what, null, null);
        return failure;
    }

    @Transactional
    public void recordSuccess(CurrentUser user, String remoteAddr) {
        jdbc.sql("update app_user set last_login_at = now() where id = ?").param(user.id()).update();
        throttle.recordSuccess(user.username(), remoteAddr);
        audit.recordAs(user.id(), user.username(), "LOGIN", "User", user.id(), "登录成功", null, null);
    }

    // ---- administration ----

    /** A page of accounts and how many match in all. */
    public record Page(List<Account> rows, long total) {
    }

    /**
     * The accounts the current administrator may see (see {@link #visibleCondition}), filtered by text (user
     * name or name), role and state ({@code ok}, {@code locked}, {@code disabled}), one page at a time.
     */
    @Transactional(readOnly = true)
    public Page search(String text, String role, String state, int page, int size) {
        DataScope scope = scopes.current();
        StringBuilder where = new StringBuilder(" where ").append(visibleCondition(scope));
        Map<String, Object> params = new HashMap<>(scope.sqlParameters());
        params.put("now", throttle.now());
        if (StringUtils.hasText(text)) {
            where.append(" and (u.username like :text or u.display_name like :text)");
            params.put("text", Like.contains(text));
        }
        if (role != null) {
            where.append(" and u.role = :role");
            params.put("role", role);
        }
        if (state != null) {
            where.append(switch (state) {
                case "ok" -> " and u.enabled and not " + BLOCKED;
                case "locked" -> " and " + BLOCKED;
                case "disabled" -> " and not u.enabled";
                default -> throw new BusinessException("未知的账号状态“" + state + "”，可选 ok、locked、disabled");
            });
        }
        long total = jdbc.sql("select count(*) from app_user u" + ACCOUNT_JOINS + where).params(params)
                .query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) Math.max(page - 1, 0) * size);
        List<Account> rows = jdbc.sql(ACCOUNT_SQL + where + " order by u.id limit :limit offset :offset").params(params)
                .query(this::account).list();
        return new Page(rows, total);
    }

    /**
     * An account is visible to a scoped administrator when the unit it works for lies within their scope:
     * the unit of its administrative scope, else the unit of its party organisation, else (a cadre's
     * account) the unit of its cadre; or when its party scope lies within a party scope.
     */
    private static String visibleCondition(DataScope scope) {
        return scope.sqlCondition("coalesce(o.path, po.path, co.path)", "p.path", null);
    }

    @Transactional
    public Account create(AccountRequest req) {
        if (!StringUtils.hasText(req.username()) || !req.username().matches("[A-Za-z0-9_.@-]{3,50}")) {
            throw new BusinessException("用户名须为3-50位字母、数字或 _ . @ -",
                    List.of(new BusinessException.FieldProblem("username", "用户名格式不正确")));
        }
        checkAssignable(req, null);
        List<String> pw = passwords.problems(req.username(), displayName(req), req.password());
        if (!pw.isEmpty()) {
            throw new BusinessException(String.join("；", pw), List.of(new BusinessException.FieldProblem("password", String.join("；", pw))));
        }
        Long id;
        try {
            id = jdbc.sql("""
                    insert into app_user (username, display_name, password_hash, role, scope_org_id, scope_party_org_id, cadre_id, enabled)
                    values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(req.username().trim(), displayName(req), encoder.encode(req.password()), req.role(),
                            req.scopeOrgId(), req.scopePartyOrgId(), req.cadreId(), req.enabled() == null || req.enabled())
                    .query(Long.class).single();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw BusinessException.conflict("用户名“" + req.username() + "”已存在");
        }
        Account created = get(id);
        audit.record("CREATE", "User", id, "新建用户 " + created.username(), null, created);
        return created;
    }

    @Transactional
    public Account update(long id, AccountRequest req) {
        Account before = requireManageable(id);
        checkAssignable(req, id);
        jdbc.sql("""
                update app_user set display_name = ?, role = ?, scope_org_id = ?, scope_party_org_id = ?, cadre_id = ?,
                       enabled = ?, updated_at = now(), version = version + 1 where id = ?""")
                .params(displayName(req), req.role(), req.scopeOrgId(), req.scopePartyOrgId(), req.cadreId(),
                        req.enabled() == null || req.enabled(), id)
                .update();
        Account after = get(id);
        audit.record("UPDATE", "User", id, "修改用户 " + after.username(), before, after);
        if (!before.role().equals(after.role()) || !java.util.Objects.equals(before.scopeOrgId(), after.scopeOrgId())
                || !java.util.Objects.equals(before.scopePartyOrgId(), after.scopePartyOrgId())
                || !java.util.Objects.equals(before.cadreId(), after.cadreId()) || (before.enabled() && !after.enabled())) {
            endSessions(after.username());
        }
        return after;
    }

    /**
     * Signs the user out everywhere: a session holds the role and scope it was opened with, so after a change
     * of role, scope or linked cadre, a disabling or a password reset the user must sign in again. Deleted in
     * the changing transaction (Spring Session's table; its attributes go by cascade).
     */
    private void endSessions(String username) {
        jdbc.sql("delete from spring_session where principal_name = ?").param(username).update();
    }

    @Transactional
    public void resetPassword(long id, String newPassword) {
        Account acc = requireManageable(id);
        List<String> pw = passwords.problems(acc.username(), acc.displayName(), newPassword);
        if (!pw.isEmpty()) {
            throw new BusinessException(String.join("；", pw), List.of(new BusinessException.FieldProblem("password", String.join("；", pw))));
        }
        jdbc.sql("update app_user set password_hash = ?, password_changed_at = now(), failed_attempts = 0, locked_until = null where id = ?")
                .params(encoder.encode(newPassword), id).update();
        throttle.unlock(acc.username());
        audit.record("RESET_PASSWORD", "User", id, "重置用户 " + acc.username() + " 的密码", null, null);
        endSessions(acc.username());
    }

    @Transactional
    public void unlock(long id) {
        Account acc = requireManageable(id);
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = ?").param(id).update();
        throttle.unlock(acc.username());
        audit.record("UNLOCK", "User", id, "解锁用户 " + acc.username(), null, null);
    }

    /** The signed-in user changes their own password, proving the old one. */
    @Transactional
    public void changeOwnPassword(String oldPassword, String newPassword) {
        CurrentUser me = CurrentUsers.require();
        String hash = jdbc.sql(Unscoped.own() + "select password_hash from app_user where id = ?").param(me.id()).query(String.class).single();
        if (oldPassword == null || !encoder.matches(oldPassword, hash)) {
            throw new BusinessException("原密码不正确", List.of(new BusinessException.FieldProblem("oldPassword", "原密码不正确")));
        }
        List<String> pw = passwords.problems(me.username(), me.displayName(), newPassword);
        if (!pw.isEmpty()) {
            throw new BusinessException(String.join("；", pw), List.of(new BusinessException.FieldProblem("newPassword", String.join("；", pw))));
        }
        if (encoder.matches(newPassword, hash)) {
            throw new BusinessException("新密码不能与原密码相同");
        }
        jdbc.sql("update app_user set password_hash = ?, password_changed_at = now() where id = ?")
                .params(encoder.encode(newPassword), me.id()).update();
        audit.record("CHANGE_PASSWORD", "User", me.id(), "修改本人密码", null, null);
    }

    @Transactional(readOnly = true)
    public Account get(long id) {
        return jdbc.sql(Unscoped.rowChecked("UserAccounts.getVisible or requireManageable") + ACCOUNT_SQL + " where u.id = :id").param("id", id)
                .param("now", throttle.now()).query(this::account).optional()
                .orElseThrow(() -> BusinessException.notFound("用户"));
    }

    private Account requireManageable(long id) {
        Account acc = get(id);
        if (!visible(scopes.current(), acc)) {
            throw new BusinessException(403, "无权管理该用户", List.of());
        }
        CurrentUser me = CurrentUsers.require();
        if (!me.can(Permission.ROLE_MANAGE) && !assignableBy(me, acc.role())) {
            throw new BusinessException(403, "“" + acc.roleLabel() + "”账号由安全管理员管理", List.of());
        }
        return acc;
    }

    /**
     * Whether a user manager may give this role: only roles within their own permissions, holding no security or audit
     * duty, and not reaching the whole jurisdiction (those are the security administrator's to give, 三员分立).
     */
    private boolean assignableBy(CurrentUser me, String roleCode) {
        Roles.Resolved r = roles.resolve(roleCode).orElse(null);
        if (r == null || !me.can(Permission.USER_MANAGE)) {
            return false;
        }
        // self-service reaches nothing but the account's own record, so an administrator gives it without holding it
        java.util.Set<Permission> needed = java.util.EnumSet.noneOf(Permission.class);
        needed.addAll(r.permissions());
        needed.remove(Permission.SELF_SERVICE);
        return me.permissions().containsAll(needed)
                && !r.holdsAdminDuty() && r.dataScope() != DataScopeKind.ALL;
    }

    /** The roles the current user may give, for the account form. */
    @Transactional(readOnly = true)
    public List<Roles.RoleView> assignableRoles() {
        CurrentUser me = CurrentUsers.require();
        return roles.list().stream().filter(r -> me.can(Permission.ROLE_MANAGE) || assignableBy(me, r.code())).toList();
    }

    /** An administrator can only give roles and scopes within their own reach. */
    private void checkAssignable(AccountRequest req, Long accountId) {
        if (req.role() == null || req.role().isBlank()) {
            throw new BusinessException("请选择角色", List.of(new BusinessException.FieldProblem("role", "请选择角色")));
        }
        Roles.Resolved role = roles.resolve(req.role()).orElseThrow(() -> new BusinessException("没有这个角色",
                List.of(new BusinessException.FieldProblem("role", "没有这个角色"))));
        CurrentUser me = CurrentUsers.require();
        if (!me.can(Permission.ROLE_MANAGE) && !assignableBy(me, role.code())) {
            throw new BusinessException(403, "“" + role.name() + "”角色只能由安全管理员授予", List.of());
        }
        if (req.scopeOrgId() != null) {
            trees.requireInScope(Tree.ADMINISTRATIVE, req.scopeOrgId());
        } else if (role.dataScope() == DataScopeKind.SUBTREE && req.scopePartyOrgId() == null) {
            throw new BusinessException("请选择数据范围（所属单位或党组织）", List.of(new BusinessException.FieldProblem("scopeOrgId", "请选择数据范围")));
        }
        if (req.scopePartyOrgId() != null) {
            trees.requireInScope(Tree.PARTY, req.scopePartyOrgId());
        }
        if (role.dataScope() == DataScopeKind.SELF && req.cadreId() == null) {
            throw new BusinessException("干部账号须关联干部本人", List.of(new BusinessException.FieldProblem("cadreId", "请选择关联的干部")));
        }
        if (req.cadreId() != null) {
            checkCadre(scopes.current(), req.cadreId(), accountId);
        }
    }

    /**
     * The cadre an account is bound to is a reference the writer sets like any other: it must lie in their
     * scope (else the account would read a file outside it), and a cadre has one login only.
     */
    private void checkCadre(DataScope scope, long cadreId, Long accountId) {
        record Place(String orgPath, String partyPath) {
        }
        Place place = jdbc.sql(Unscoped.rowChecked("the scope check just below") + """
                select o.path as org_path, p.path as party_path from cadre_card c
                join org_unit o on o.id = c.org_id
                left join party_unit p on p.id = c.party_org_id
                where c.id = ?""").param(cadreId)
                .query((rs, i) -> new Place(rs.getString("org_path"), rs.getString("party_path"))).optional()
                .orElseThrow(() -> BusinessException.notFound("干部"));
        if (!scope.coversOrgPath(place.orgPath()) && !scope.coversPartyOrgPath(place.partyPath())) {
            throw new BusinessException(403, "该干部不在您的管理范围内，不能为其开设或关联账号", List.of());
        }
        List<String> others = jdbc.sql(Unscoped.referenceChecked("the cadre checked just above (one login per cadre)") + "select username from app_user where cadre_id = ? and id <> ? order by id")
                .params(cadreId, accountId == null ? -1L : accountId).query(String.class).list();
        if (!others.isEmpty()) {
            throw BusinessException.conflict("该干部已有登录账号“" + others.get(0) + "”，一名干部只能有一个账号；请修改或停用原账号");
        }
    }

    private boolean visible(DataScope scope, Account a) {
        Map<String, Object> params = new HashMap<>(scope.sqlParameters());
        params.put("id", a.id());
        return jdbc.sql("select count(*) from app_user u" + ACCOUNT_JOINS + " where u.id = :id and " + visibleCondition(scope))
                .params(params).query(Long.class).single() > 0;
    }

    /** One account, if the current administrator may see it (404 otherwise, as for an account that does not exist). */
    @Transactional(readOnly = true)
    public Account getVisible(long id) {
        Account a = get(id);
        if (!visible(scopes.current(), a)) {
            throw BusinessException.notFound("用户");
        }
        return a;
    }

    private static String displayName(AccountRequest req) {
        return StringUtils.hasText(req.displayName()) ? req.displayName().trim() : req.username().trim();
    }

    private static final String ACCOUNT_JOINS = """

            left join org_unit o on o.id = u.scope_org_id
            left join party_unit p on p.id = u.scope_party_org_id
            left join org_unit po on po.id = p.org_id
            left join cadre_card c on c.id = u.cadre_id
            left join org_unit co on co.id = c.org_id
            """;

    /** Held back by the login throttle (by its clock, as {@code :now}): from some address, or (for addresses it never signed in from) from anywhere. */
    private static final String BLOCKED = "exists (select 1 from login_throttle t where t.username = u.username and t.blocked_until > :now)";

    private static final String ACCOUNT_SQL = """
            select u.id, u.username, u.display_name, u.role, u.scope_org_id, o.name as org_name, u.scope_party_org_id,
                   p.name as party_name, u.cadre_id, u.enabled, %s as locked,
                   coalesce((select t.failures from login_throttle t where t.username = u.username and t.address = ''), 0)
                       as failed_attempts, u.last_login_at, r.name as role_name, r.data_scope as role_scope
            from app_user u join app_role r on r.code = u.role""".formatted(BLOCKED) + ACCOUNT_JOINS;

    private Account account(ResultSet rs, int i) throws SQLException {
        String role = rs.getString("role");
        var last = rs.getTimestamp("last_login_at");
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), role, rs.getString("role_name"), rs.getString("role_scope"),
                rs.getObject("scope_org_id", Long.class), rs.getString("org_name"),
                rs.getObject("scope_party_org_id", Long.class), rs.getString("party_name"),
                rs.getObject("cadre_id", Long.class), rs.getBoolean("enabled"), rs.getBoolean("locked"),
                rs.getInt("failed_attempts"), last == null ? null : last.toInstant());
    }
}
