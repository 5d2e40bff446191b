package org.ganxun.people.internal.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.platform.excel.CellText;
import org.ganxun.platform.security.DataScope;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds the unit (or party organisation) a roster cell names: its name, or a path of names such as
 * 盐亭县/富驿镇 when a name alone is ambiguous. Loaded once per import (a county has a few thousand nodes),
 * then answered from memory. Names are compared after the same clean-up as cell text.
 */
public final class OrgDirectory {

    record Node(long id, Long parentId, String name, String path, boolean retired, String orgPath) {
    }

    /** A cell resolved to a node, or the reason it could not be. */
    record Resolution(Node node, String error) {
    }

    private final Map<Long, Node> byId = new HashMap<>();
    private final Map<String, List<Node>> byName = new HashMap<>();
    private final boolean party;
    private final String label;

    private OrgDirectory(List<Node> nodes, boolean party) {
        this.party = party;
        this.label = party ? "党组织" : "单位";
        for (Node n : nodes) {
            byId.put(n.id(), n);
            byName.computeIfAbsent(key(n.name()), k -> new ArrayList<>()).add(n);
        }
    }

    public static OrgDirectory administrative(JdbcClient jdbc) {
        return new OrgDirectory(jdbc.sql("select id, parent_id, name, path, retired from org_unit")
                .query((rs, i) -> new Node(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), null)).list(), false);
    }

    public static OrgDirectory party(JdbcClient jdbc) {
        return new OrgDirectory(jdbc.sql("""
                        select p.id, p.parent_id, p.name, p.path, p.retired, o.path
                        from party_unit p left join org_unit o on o.id = p.org_id""")
                .query((rs, i) -> new Node(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6))).list(), true);
    }

    Node get(long id) {
        return byId.get(id);
    }

    /** The names from the root down to the node, joined with "/". */
    public String fullPath(long id) {
        List<String> names = new ArrayList<>();
        for (Node n = byId.get(id); n != null; n = n.parentId() == null ? null : byId.get(n.parentId())) {
            names.add(0, n.name());
        }
        return String.join("/", names);
    }

    /** The shortest tail of the full path that names only this node (what the export writes). */
    public String shortestUniqueName(long id) {
        List<String> names = new ArrayList<>();
        for (Node n = byId.get(id); n != null; n = n.parentId() == null ? null : byId.get(n.parentId())) {
            names.add(0, n.name());
            if (candidates(names).size() == 1) {
                break;
            }
        }
        return String.join("/", names);
    }

    Resolution resolve(String cell, DataScope scope) {
        List<String> parts = new ArrayList<>();
        for (String p : cell.split("\\s*[/\\\\>＞、|]\\s*")) {
            if (!p.isBlank()) {
                parts.add(p.strip());
            }
        }
        if (parts.isEmpty()) {
            return new Resolution(null, label + "不能为空");
        }
        List<Node> found = candidates(parts);
        if (found.isEmpty()) {
            return new Resolution(null, "未找到名为“" + cell + "”的" + label + "，请核对名称或填写完整路径（如 县/乡镇/单位）");
        }
        List<Node> active = found.stream().filter(n -> !n.retired()).toList();
        if (active.isEmpty()) {
            return new Resolution(null, label + "“" + cell + "”已撤销");
        }
        List<Node> inScope = active.stream().filter(n -> writable(n, scope)).toList();
        if (inScope.isEmpty()) {
            return new Resolution(null, label + "不在您的管理范围内");
        }
        if (inScope.size() > 1) {
            return new Resolution(null, "名为“" + cell + "”的" + label + "有" + inScope.size() + "个（如 "
                    + fullPath(inScope.get(0).id()) + "、" + fullPath(inScope.get(1).id()) + "），请填写完整路径以区分");
        }
        return new Resolution(inScope.get(0), null);
    }

    /**
     * An administrative unit is writable when the scope covers it. A party organisation may be chosen when
     * the scope covers it or the unit it sits in, or when it is above the user's own party organisation.
     */
    private boolean writable(Node n, DataScope scope) {
        if (!party) {
            return scope.coversOrgPath(n.path());
        }
        return scope.coversPartyOrgPath(n.path()) || scope.coversOrgPath(n.orgPath())
                || (scope.partyOrgPath() != null && scope.partyOrgPath().startsWith(n.path()));
    }

    /** Nodes whose own name is the last part and whose ancestors' names end with the earlier parts. */
    private List<Node> candidates(List<String> parts) {
        List<Node> last = byName.getOrDefault(key(parts.get(parts.size() - 1)), List.of());
        if (parts.size() == 1) {
            return last;
        }
        List<Node> out = new ArrayList<>();
        outer:
        for (Node n : last) {
            Node cur = n;
            for (int i = parts.size() - 2; i >= 0; i--) {
                cur = cur.parentId() == null ? null : byId.get(cur.parentId());
                if (cur == null || !key(cur.name()).equals(key(parts.get(i)))) {
                    continue outer;
                }
            }
            out.add(n);
        }
        return out;
    }

    private static String key(String name) {
        String n = CellText.normalize(name);
        return n == null ? "" : CellText.squeeze(n);
    }
}
