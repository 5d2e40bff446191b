package org.ganxun.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Materialised-path tree operations shared by the administrative and the party tree. The table name is
 * fixed by the caller (never user input).
 */
public class TreeStore {

    private final JdbcClient jdbc;
    private final String table;
    private final boolean hasOrgColumn;

    public TreeStore(JdbcClient jdbc, String table, boolean hasOrgColumn) {
        this.jdbc = jdbc;
        this.table = table;
        this.hasOrgColumn = hasOrgColumn;
    }

    public record Row(long id, Long parentId, String name, String kind, String code, String path, int depth,
                      int sortOrder, boolean retired, LocalDate retiredOn, Long orgId) {
    }

    private Row map(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getLong("id"), (Long) rs.getObject("parent_id", Long.class), rs.getString("name"),
                rs.getString("kind"), rs.getString("code"), rs.getString("path"), rs.getInt("depth"),
                rs.getInt("sort_order"), rs.getBoolean("retired"), rs.getObject("retired_on", LocalDate.class),
                hasOrgColumn ? rs.getObject("org_id", Long.class) : null);
    }

    private String columns() {
        return "id, parent_id, name, kind, code, path, depth, sort_order, retired, retired_on" + (hasOrgColumn ? ", org_id" : "");
    }

    public Optional<Row> find(long id) {
        return jdbc.sql("select " + columns() + " from " + table + " where id = ?").param(id).query(this::map).optional();
    }

    /** Whether a node other than {@code exceptId} under the parent (null: the roots) already bears the name. */
    public boolean siblingNamed(Long parentId, String name, Long exceptId) {
        return jdbc.sql("select exists (select 1 from " + table + " where parent_id is not distinct from :parent"
                        + " and name = :name and not retired and id is distinct from :except)")
                .param("parent", parentId).param("name", name).param("except", exceptId)
                .query(Boolean.class).single();
    }

    /** All nodes whose path starts with the prefix (null: all), in tree order. */
    public List<Row> subtree(String pathPrefix, boolean includeRetired) {
        return jdbc.sql("select " + columns() + " from " + table
                        + " where path like :p" + (includeRetired ? "" : " and not retired")
                        + " order by depth, sort_order, id")
                .param("p", pathPrefix == null ? "%" : pathPrefix + "%")
                .query(this::map).list();
    }

    public long insert(Long parentId, String parentPath, int parentDepth, String name, String kind, String code,
                       int sortOrder, Long orgId) {
        Long id = jdbc.sql("select nextval(pg_get_serial_sequence('" + table + "', 'id'))").query(Long.class).single();
        String path = (parentPath == null ? "/" : parentPath) + id + "/";
        jdbc.sql("insert into " + table + " (id, parent_id, name, kind, code, path, depth, sort_order"
                        + (hasOrgColumn ? ", org_id" : "") + ") values (:id, :parent, :name, :kind, :code, :path, :depth, :sort"
                        + (hasOrgColumn ? ", :org" : "") + ")")
                .param("id", id).param("parent", parentId).param("name", name).param("kind", kind)
                .param("code", code).param("path", path).param("depth", parentPath == null ? 0 : parentDepth + 1)
                .param("sort", sortOrder).param("org", orgId)
                .update();
        return id;
    }

    public void rename(long id, String name) {
        jdbc.sql("update " + table + " set name = ?, updated_at = now(), version = version + 1 where id = ?")
                .params(name, id).update();
    }

    public void update(long id, String name, String kind, String code, int sortOrder) {
        jdbc.sql("update " + table + " set name = ?, kind = ?, code = ?, sort_order = ?, updated_at = now(), version = version + 1 where id = ?")
                .params(name, kind, code, sortOrder, id).update();
    }

    /** Moves a node with its subtree under a new parent: one statement rewrites every path below it. */
    public void move(Row node, Row newParent) {
        String oldPrefix = node.path();
        String newPrefix = newParent.path() + node.id() + "/";
        int delta = newParent.depth() + 1 - node.depth();
        jdbc.sql("update " + table + " set path = :newPrefix || substr(path, :cut), depth = depth + :delta,"
                        + " updated_at = now(), version = version + 1 where path like :old")
                .param("newPrefix", newPrefix).param("cut", oldPrefix.length() + 1).param("delta", delta)
                .param("old", oldPrefix + "%").update();
        jdbc.sql("update " + table + " set parent_id = ? where id = ?").params(newParent.id(), node.id()).update();
    }

    /** Retires a node and everything under it. */
    public int retire(Row node, LocalDate on) {
        return jdbc.sql("update " + table + " set retired = true, retired_on = ?, updated_at = now(), version = version + 1"
                        + " where path like ? and not retired")
                .params(on, node.path() + "%").update();
    }

    /** Sums direct counts up the tree: each node gets its own count plus all its descendants'. */
    public static Map<Long, Long> rollUp(List<Row> rows, Map<Long, Long> direct) {
        Map<Long, Row> byId = new HashMap<>();
        for (Row r : rows) {
            byId.put(r.id(), r);
        }
        Map<Long, Long> total = new HashMap<>();
        for (Map.Entry<Long, Long> e : direct.entrySet()) {
            Row r = byId.get(e.getKey());
            if (r == null) {
                continue; // a node outside the loaded rows contributes nothing
            }
            for (String part : r.path().split("/")) {
                if (!part.isEmpty()) {
                    long ancestor = Long.parseLong(part);
                    if (byId.containsKey(ancestor)) {
                        total.merge(ancestor, e.getValue(), Long::sum);
                    }
                }
            }
        }
        return total;
    }
}
