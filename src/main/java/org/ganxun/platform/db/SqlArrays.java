package org.ganxun.platform.db;

import java.sql.Array;

import org.springframework.jdbc.core.SqlTypeValue;

/** A PostgreSQL array bound as one parameter, e.g. {@code where id = any(?)} or {@code unnest(?, ?)}. */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** @param type the element type as PostgreSQL names it: text, bigint, date, numeric, bool … */
    public static SqlTypeValue of(String type, Object[] values) {
        return (ps, index, sqlType, typeName) -> {
            Array a = ps.getConnection().createArrayOf(type, values);
            ps.setArray(index, a);
        };
    }
}
