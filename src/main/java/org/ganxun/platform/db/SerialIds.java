package org.ganxun.platform.db;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Ids taken up front from a table's {@code id} sequence, for bulk loads that write rows referring to each other (a
 * tree's paths, a cadre's post history) in the same pass.
 */
public final class SerialIds {

    private SerialIds() {
    }

    /** {@code n} new ids of {@code table}, in ascending order. */
    public static long[] next(JdbcOperations jdbc, String table, int n) {
        // the sequence as a literal: PostgreSQL then resolves it once per statement, not once per value
        String sequence = jdbc.queryForObject("select pg_get_serial_sequence(?, 'id')", String.class, table);
        return jdbc.queryForList("select nextval('" + sequence + "') from generate_series(1, ?)", Long.class, n)
                .stream().mapToLong(Long::longValue).toArray();
    }
}
