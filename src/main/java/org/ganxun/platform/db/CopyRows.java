package org.ganxun.platform.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows in the text format of PostgreSQL's {@code COPY … FROM STDIN}: tab-separated, {@code \N} for null,
 * backslash escapes. Built on any thread (bulk writers prepare the next batch while the database stores the
 * last one), then sent with {@link #copyIn} on the transaction's connection.
 *
 * <p>The text is kept as UTF-8 chunks of a few kilobytes: one big buffer per batch would be a "humongous"
 * object for G1, and a stream of those keeps the collector marking all the time.
 */
public final class CopyRows {

    private static final int CHUNK_CHARS = 8 * 1024;

    private final StringBuilder text = new StringBuilder(CHUNK_CHARS + 1024);
    private final List<byte[]> chunks = new ArrayList<>();
    private boolean rowStarted;
    private int rows;

    /** Appends one field to the current row; {@code Boolean} as t/f, anything else by {@code toString}. */
    public CopyRows add(Object value) {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Boolean b) {
            text.append(b ? 't' : 'f');
        } else if (value instanceof Number n) {
            text.append(n);
        } else {
            escape(value.toString());
        }
        return this;
    }

    // Copies the runs between special characters in bulk: most fields (and the audit JSON) have none,
    // and a per-character append was the reading thread's hottest method in a profile of the roster import.
    private void escape(String s) {
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            String escaped = switch (s.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escaped != null) {
                text.append(s, from, i).append(escaped);
                from = i + 1;
            }
        }
        if (from == 0) {
            text.append(s); // one array copy
        } else {
            text.append(s, from, s.length());
        }
    }

    /** Ends the current row. */
    public CopyRows endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
        if (text.length() >= CHUNK_CHARS) {
            flush();
        }
        return this;
    }

    public int rows() {
        return rows;
    }

    private void flush() {
        if (!text.isEmpty()) {
            chunks.add(text.toString().getBytes(StandardCharsets.UTF_8));
            text.setLength(0);
        }
    }

    /**
     * Runs {@code sql} (a {@code COPY … FROM STDIN}) with these rows on the connection of the current
     * transaction; nothing when there are none. A unique-key violation becomes {@link DuplicateKeyException},
     * as Spring's JDBC templates do.
     */
    public void copyIn(DataSource dataSource, String sql) {
        if (rows == 0) {
            return;
        }
        Connection con = DataSourceUtils.getConnection(dataSource);
        try {
            copyIn(con, sql);
        } finally {
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }

    /** As {@link #copyIn(DataSource, String)}, on a connection the caller manages. */
    public void copyIn(Connection con, String sql) {
        if (rows == 0) {
            return;
        }
        flush();
        try {
            CopyIn in = con.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                for (byte[] chunk : chunks) {
                    in.writeToCopy(chunk, 0, chunk.length);
                }
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new DuplicateKeyException(e.getMessage(), e);
            }
            throw new UncategorizedSQLException(sql, null, e);
        }
    }

}
