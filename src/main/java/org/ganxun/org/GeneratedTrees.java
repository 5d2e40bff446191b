package org.ganxun.org;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.db.SerialIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Bulk load of generated trees (the demo county: a few hundred units at first start). JDBC batches on the caller's
 * transaction, ids taken from the tables' sequences up front so that paths are written in the same pass. No checks
 * and no audit entry per unit: for data a program generated, never for what a user typed.
 */
@Service
public class GeneratedTrees {

    private final JdbcTemplate jdbc;

    GeneratedTrees(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An administrative unit; {@code parent} is the index of an earlier unit of the same load (null: a root). */
    public record NewUnit(Integer parent, String name, OrgKind kind, String code, int sortOrder) {
    }

    /** A party organisation; {@code parent} as in {@link NewUnit}, {@code orgId} a unit already stored. */
    public record NewPartyUnit(Integer parent, String name, PartyOrgKind kind, long orgId, int sortOrder, String secretaryName,
                               String contactPhone) {
    }

    /** Stores the units (parents before children); returns their ids, in the order given. */
    public long[] loadUnits(List<NewUnit> units) {
        long[] ids = SerialIds.next(jdbc, "organization", units.size());
        String[] paths = new String[ids.length];
        List<Object[]> rows = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            NewUnit u = units.get(i);
            String path = (u.parent() == null ? "/" : paths[u.parent()]) + ids[i] + "/";
            paths[i] = path;
            rows.add(new Object[]{ids[i], u.parent() == null ? null : ids[u.parent()], u.name(), u.kind().name(), u.code(),
                    path, depth(path), u.sortOrder()});
        }
        jdbc.batchUpdate("insert into organization (id, parent_id, name, kind, code, path, depth, sort_order)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)", rows,
                new int[]{Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER,
                        Types.INTEGER});
        return ids;
    }

    /** Stores the party organisations (parents before children); returns their ids, in the order given. */
    public long[] loadPartyUnits(List<NewPartyUnit> units) {
        long[] ids = SerialIds.next(jdbc, "party_organization", units.size());
        String[] paths = new String[ids.length];
        List<Object[]> rows = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            NewPartyUnit p = units.get(i);
            String path = (p.parent() == null ? "/" : paths[p.parent()]) + ids[i] + "/";
            paths[i] = path;
            rows.add(new Object[]{ids[i], p.parent() == null ? null : ids[p.parent()], p.name(), p.kind().name(),
                    p.orgId(), path, depth(path), p.sortOrder(), p.secretaryName(), p.contactPhone()});
        }
        jdbc.batchUpdate("insert into party_organization (id, parent_id, name, kind, org_id, path, depth, sort_order,"
                        + " secretary_name, contact_phone) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows,
                new int[]{Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.INTEGER,
                        Types.INTEGER, Types.VARCHAR, Types.VARCHAR});
        return ids;
    }

    private static int depth(String path) {
        return (int) path.chars().filter(ch -> ch == '/').count() - 2;
    }
}
