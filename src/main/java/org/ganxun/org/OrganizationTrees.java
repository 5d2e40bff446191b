package org.ganxun.org;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import org.ganxun.platform.security.AnyScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.internal.TreeStore;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Create, rename, move (with the subtree), retire, and list with counts, for both trees. Every operation
 * checks the current user's data scope on the server: a user can only touch nodes inside their subtree,
 * and cannot create a root or move a node outside it.
 */
@Service
public class OrganizationTrees {

    private final Map<Tree, TreeStore> stores = new EnumMap<>(Tree.class);
    private final DataScopes scopes;
    private final AuditLog audit;
    private final ObjectProvider<MemberCounts> counts;
    private final Clock clock;

    OrganizationTrees(JdbcClient jdbc, DataScopes scopes, AuditLog audit, ObjectProvider<MemberCounts> counts, Clock clock) {
        this.clock = clock;
        stores.put(Tree.ADMINISTRATIVE, new TreeStore(jdbc, Tree.ADMINISTRATIVE.table, false));
        stores.put(Tree.PARTY, new TreeStore(jdbc, Tree.PARTY.table, true));
        this.scopes = scopes;
        this.audit = audit;
        this.counts = counts;
    }

    public record NodeRequest(@AnyScope("OrganizationTrees checks the parent in the tree being written") Long parentId, @Size(max = 100, message = "名称最多{max}个字") @PlainText(message = "名称不能包含网页标记或脚本") String name,
                              @Size(max = 30, message = "类型不正确") String kind, @Size(max = 40, message = "编码最多{max}个字") @PlainText(message = "编码不能包含网页标记或脚本") String code, Integer sortOrder, @AnyScope("a party organisation may name a unit above the writer (a county committee); OrganizationTrees checks it") Long orgId) {
    }

    /** The nodes the current user may see, in tree order, with counts. */
    @Transactional(readOnly = true)
    public List<TreeNode> list(Tree tree, boolean includeRetired) {
        DataScope scope = scopes.current();
        Map<Long, String> orgPaths = tree == Tree.PARTY && !scope.all() && scope.orgPath() != null ? orgPaths() : Map.of();
        List<TreeStore.Row> rows = stores.get(tree).subtree(null, includeRetired).stream()
                .filter(r -> visible(tree, scope, r, r.orgId() == null ? null : orgPaths.get(r.orgId())))
                .toList();
        Map<Long, Long> direct = directCounts(tree);
        Map<Long, Long> total = TreeStore.rollUp(rows, direct);
        return rows.stream().map(r -> toNode(tree, r, total.getOrDefault(r.id(), 0L), direct.getOrDefault(r.id(), 0L))).toList();
    }

    @Transactional(readOnly = true)
    public TreeNode get(Tree tree, long id) {
        return requireVisible(tree, id);
    }

    @Transactional
    public TreeNode create(Tree tree, NodeRequest req) {
        validate(tree, req.name(), req.kind());
        TreeStore store = stores.get(tree);
        DataScope scope = scopes.current();
        TreeStore.Row parent = null;
        if (req.parentId() == null) {
            if (!scope.all()) {
                throw new BusinessException(403, "只能在本人管理范围内的" + tree.label + "下新建", List.of());
            }
        } else {
            parent = requireWritable(tree, req.parentId());
            if (parent.retired()) {
                throw new BusinessException("上级" + tree.label + "已撤销，不能在其下新建");
            }
        }
        requireUniqueName(tree, parent == null ? null : parent.id(), req.name().trim(), null);
        long id;
        try {
            id = store.insert(parent == null ? null : parent.id(), parent == null ? null : parent.path(),
                    parent == null ? -1 : parent.depth(), req.name().trim(), req.kind(), emptyToNull(req.code()),
                    req.sortOrder() == null ? 0 : req.sortOrder(), req.orgId());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw BusinessException.conflict("编码“" + req.code() + "”已被使用");
        }
        TreeStore.Row row = store.find(id).orElseThrow();
        audit.record("CREATE", tree.auditType, id, "新建" + tree.label + "：" + row.name(), null, row);
        return toNode(tree, row, 0, 0);
    }

    @Transactional
    public TreeNode update(Tree tree, long id, NodeRequest req) {
        validate(tree, req.name(), req.kind());
        TreeStore.Row before = requireWritable(tree, id);
        requireUniqueName(tree, before.parentId(), req.name().trim(), id);
        try {
            stores.get(tree).update(id, req.name().trim(), req.kind(), emptyToNull(req.code()),
                    req.sortOrder() == null ? before.sortOrder() : req.sortOrder());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw BusinessException.conflict("编码“" + req.code() + "”已被使用");
        }
        TreeStore.Row after = stores.get(tree).find(id).orElseThrow();
        audit.record("UPDATE", tree.auditType, id, "修改" + tree.label + "：" + before.name() + " → " + after.name(), before, after);
        return toNode(tree, after, 0, 0);
    }

    @Transactional
    public TreeNode rename(Tree tree, long id, String name) {
        if (!StringUtils.hasText(name)) {
            throw new BusinessException("名称不能为空", List.of(new BusinessException.FieldProblem("name", "名称不能为空")));
        }
        TreeStore.Row before = requireWritable(tree, id);
        requireUniqueName(tree, before.parentId(), name.trim(), id);
        stores.get(tree).rename(id, name.trim());
        TreeStore.Row after = stores.get(tree).find(id).orElseThrow();
        audit.record("RENAME", tree.auditType, id, "更名：" + before.name() + " → " + after.name(), before, after);
        return toNode(tree, after, 0, 0);
    }

    @Transactional
    public TreeNode move(Tree tree, long id, long newParentId) {
        TreeStore.Row node = requireWritable(tree, id);
        TreeStore.Row parent = requireWritable(tree, newParentId);
        if (parent.path().startsWith(node.path())) {
            throw new BusinessException("不能把" + tree.label + "移到它自己或它的下级之下");
        }
        if (parent.retired()) {
            throw new BusinessException("目标上级已撤销");
        }
        DataScope scope = scopes.current();
        if (!scope.all() && isScopeRoot(tree, scope, node)) {
            throw new BusinessException(403, "不能移动本人管理范围的根节点", List.of());
        }
        requireUniqueName(tree, parent.id(), node.name(), id);
        stores.get(tree).move(node, parent);
        TreeStore.Row after = stores.get(tree).find(id).orElseThrow();
        audit.record("MOVE", tree.auditType, id, "移动" + tree.label + "“" + node.name() + "”到“" + parent.name() + "”下", node, after);
        return toNode(tree, after, 0, 0);
    }

    @Transactional
    public int retire(Tree tree, long id, LocalDate on) {
        TreeStore.Row node = requireWritable(tree, id);
        if (node.retired()) {
            throw new BusinessException("该" + tree.label + "已撤销");
        }
        List<TreeStore.Row> sub = stores.get(tree).subtree(node.path(), false);
        long people = TreeStore.rollUp(sub, directCounts(tree)).getOrDefault(node.id(), 0L);
        if (people > 0) {
            throw new BusinessException("“" + node.name() + "”及其下级仍有" + people + (tree == Tree.PARTY ? "名党员" : "名在职干部")
                    + "，请先调出后再撤销");
        }
        int n = stores.get(tree).retire(node, on == null ? LocalDate.now(clock) : on);
        audit.record("RETIRE", tree.auditType, id, "撤销" + tree.label + "“" + node.name() + "”（含下级共" + n + "个）", node, null);
        return n;
    }

    /** For other modules: the node if the current user may see it (404 / 403 otherwise). */
    @Transactional(readOnly = true)
    public TreeNode requireVisible(Tree tree, long id) {
        TreeStore.Row row = stores.get(tree).find(id).orElseThrow(() -> BusinessException.notFound(tree.label));
        if (!visible(tree, scopes.current(), row, orgPathOf(row))) {
            throw new BusinessException(403, "无权访问该" + tree.label, List.of());
        }
        return toNode(tree, row, 0, 0);
    }

    /** For other modules: the node if the current user may change things in it (404 / 403 otherwise). */
    @Transactional(readOnly = true)
    public TreeNode requireInScope(Tree tree, long id) {
        return toNode(tree, requireWritable(tree, id), 0, 0);
    }

    private TreeStore.Row requireWritable(Tree tree, long id) {
        TreeStore.Row row = stores.get(tree).find(id).orElseThrow(() -> BusinessException.notFound(tree.label));
        DataScope scope = scopes.current();
        boolean ok = tree == Tree.PARTY ? scope.coversPartyOrgPath(row.path()) || scope.coversOrgPath(orgPathOf(row))
                : scope.coversOrgPath(row.path());
        if (!ok) {
            throw new BusinessException(403, "无权修改该" + tree.label, List.of());
        }
        return row;
    }

    /**
     * In scope, or an ancestor of the scope's root (so the tree can be shown from the top; names of
     * ancestors are not sensitive). A party node is also visible to an administrative scope that covers
     * the unit the party organisation sits in.
     */
    private static boolean visible(Tree tree, DataScope scope, TreeStore.Row row, String orgPath) {
        if (scope.all()) {
            return true;
        }
        String path = row.path();
        if (tree == Tree.ADMINISTRATIVE) {
            return scope.coversOrgPath(path) || (scope.orgPath() != null && scope.orgPath().startsWith(path));
        }
        return scope.coversPartyOrgPath(path) || (scope.partyOrgPath() != null && scope.partyOrgPath().startsWith(path))
                || scope.coversOrgPath(orgPath);
    }

    private Map<Long, String> orgPaths() {
        Map<Long, String> m = new java.util.HashMap<>();
        for (TreeStore.Row r : stores.get(Tree.ADMINISTRATIVE).subtree(null, true)) {
            m.put(r.id(), r.path());
        }
        return m;
    }

    private boolean isScopeRoot(Tree tree, DataScope scope, TreeStore.Row node) {
        return node.path().equals(tree == Tree.PARTY ? scope.partyOrgPath() : scope.orgPath());
    }

    private String orgPathOf(TreeStore.Row partyRow) {
        if (partyRow.orgId() == null) {
            return null;
        }
        return stores.get(Tree.ADMINISTRATIVE).find(partyRow.orgId()).map(TreeStore.Row::path).orElse(null);
    }

    private Map<Long, Long> directCounts(Tree tree) {
        MemberCounts mc = counts.getIfAvailable();
        if (mc == null) {
            return Map.of();
        }
        return tree == Tree.PARTY ? mc.membersByPartyOrganization() : mc.cadresByOrganization();
    }

    /**
     * Two active nodes with the same name under one parent cannot be told apart by their path, which is how
     * roster and online-hours imports name a unit ("盐亭县/县委办公室/综合科").
     */
    private void requireUniqueName(Tree tree, Long parentId, String name, Long exceptId) {
        if (stores.get(tree).siblingNamed(parentId, name, exceptId)) {
            String message = "同一上级下已有名为“" + name + "”的" + tree.label;
            throw new BusinessException(409, message, List.of(new BusinessException.FieldProblem("name", message)));
        }
    }

    private static void validate(Tree tree, String name, String kind) {
        if (!StringUtils.hasText(name)) {
            throw new BusinessException("名称不能为空", List.of(new BusinessException.FieldProblem("name", "名称不能为空")));
        }
        if (name.trim().length() > 100) {
            throw new BusinessException("名称不能超过100个字", List.of(new BusinessException.FieldProblem("name", "名称过长")));
        }
        try {
            if (tree == Tree.PARTY) {
                PartyOrgKind.valueOf(kind);
            } else {
                OrgKind.valueOf(kind);
            }
        } catch (RuntimeException e) {
            throw new BusinessException("类别“" + kind + "”无效", List.of(new BusinessException.FieldProblem("kind", "类别无效")));
        }
    }

    private static String emptyToNull(String s) {
        return StringUtils.hasText(s) ? s.trim() : null;
    }

    private static TreeNode toNode(Tree tree, TreeStore.Row r, long count, long direct) {
        String label = tree == Tree.PARTY ? PartyOrgKind.valueOf(r.kind()).label() : OrgKind.valueOf(r.kind()).label();
        return new TreeNode(r.id(), r.parentId(), r.name(), r.kind(), label, r.code(), r.path(), r.depth(), r.sortOrder(),
                r.retired(), r.retiredOn(), r.orgId(), count, direct);
    }
}
