package org.ganxun.training;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import org.ganxun.training.forclassroom.ClassRows;

import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Training providers (党校 / 行政学院 / 干部学院 / 培训机构), each linked to a unit of the tree. */
@Service
public class Providers {

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final AuditLog audit;
    private final ClassRows rows;

    Providers(JdbcClient jdbc, DataScopes scopes, AuditLog audit, ClassRows rows) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.audit = audit;
        this.rows = rows;
    }

    public record ProviderForm(@Size(max = 100, message = "机构名称最多{max}个字") @PlainText(message = "机构名称不能包含网页标记或脚本") String name, ProviderKind kind, @InScope(Ref.ORG) Long orgId, @Size(max = 100, message = "联系方式最多{max}个字") @PlainText(message = "联系方式不能包含网页标记或脚本") String contact) {
    }

    public record ProviderView(long id, String name, ProviderKind kind, String kindLabel, long orgId, String orgName, String contact) {
    }

    /** Providers in the user's subtree or above it (a township files classes at the county party school). */
    @Transactional(readOnly = true)
    public List<ProviderView> list() {
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>();
        String cond = "true";
        if (!scope.all()) {
            if (scope.orgPath() == null) {
                return List.of();
            }
            params.put("sp", scope.orgPath());
            params.put("spLike", scope.orgPath() + "%");
            cond = "(o.path like :spLike or :sp like o.path || '%')";
        }
        return jdbc.sql("select p.*, o.name as org_name from training_provider p join org_unit o on o.id = p.org_id where not p.retired and "
                        + cond + " order by tree_path_key(o.path), p.name").params(params)
                .query((rs, i) -> {
                    ProviderKind k = ProviderKind.valueOf(rs.getString("kind"));
                    return new ProviderView(rs.getLong("id"), rs.getString("name"), k, k.label(), rs.getLong("org_id"),
                            rs.getString("org_name"), rs.getString("contact"));
                }).list();
    }

    @Transactional
    public ProviderView create(ProviderForm f) {
        CurrentUser me = CurrentUsers.require();
        if (!StringUtils.hasText(f.name()) || f.kind() == null) {
            throw new BusinessException("请填写培训机构名称和类别");
        }
        Long org = f.orgId() != null ? f.orgId() : me.scopeOrgId();
        if (org == null || !scopes.current().coversOrgPath(rows.orgPath(org))) {
            throw new BusinessException(403, "只能在本人管理范围内的单位下登记培训机构", List.of());
        }
        long id;
        try {
            id = jdbc.sql("insert into training_provider (name, kind, org_id, contact) values (?, ?, ?, ?) returning id")
                    .params(f.name().strip(), f.kind().name(), org, StringUtils.hasText(f.contact()) ? f.contact().strip() : null)
                    .query(Long.class).single();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw BusinessException.conflict("培训机构“" + f.name().strip() + "”已登记");
        }
        ProviderView v = list().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
        audit.record("CREATE", "TrainingProvider", id, "登记培训机构：" + v.name(), null, v);
        return v;
    }
}
