package org.ganxun.archive.internal.online;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ganxun.platform.excel.FileType;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.excel.Masking;
import org.ganxun.platform.excel.RowError;
import org.ganxun.platform.job.UploadJobBacklog;
import org.ganxun.platform.job.UploadJobWorker;
import org.ganxun.platform.job.UploadVault;
import org.ganxun.platform.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The online_import table. Status changes outside the data transaction run in their own transactions. */
@Repository
class OnlineImportStore {

    static final String INTERRUPTED = "服务器在导入过程中停止，未写入任何数据，可重新执行";
    private static final int SHOWN_ERRORS = 200;
    private static final String COLUMNS = """
            id, file_name, status, header_row, columns::text as columns_, mapping::text as mapping_, platform, mode,
            total_rows, processed_rows, credited_count, credited_hours, skipped_count, error_row_count,
            jsonb_path_query_array(errors, '$[0 to %d]')::text as errors_, message, created_at, finished_at
            """.formatted(SHOWN_ERRORS - 1);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final UploadVault vault;

    OnlineImportStore(JdbcClient jdbc, JsonMapper json, UploadVault vault) {
        this.vault = vault;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The stored upload of a job and what the run needs. */
    record StoredFile(long id, long ownerId, String ownerUsername, String remoteAddr, String fileName, FileType type,
                      int headerRow, Map<OnlineColumn, Integer> mapping, String platform, ImportMode mode,
                      OnlineImport.Status status, byte[] data) implements UploadJobWorker.Upload {
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long create(CurrentUser owner, String remoteAddr, String fileName, FileType type, byte[] data, int headerRow,
                       List<OnlineImport.Column> columns, int estimatedRows) {
        return jdbc.sql("""
                insert into online_import (owner_id, owner_username, remote_addr, file_name, file_type, file_size, file_data,
                    header_row, columns, status, total_rows)
                values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), 'UPLOADED', ?) returning id""")
                .params(owner.id(), owner.username(), remoteAddr,
                        fileName.length() > 255 ? fileName.substring(fileName.length() - 255) : fileName, type.name(),
                        data.length, vault.seal(data), headerRow, json.writeValueAsString(columns), Math.max(estimatedRows, 0))
                .query(Long.class).single();
    }

    public Optional<OnlineImport> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from online_import where id = ?").param(id).query(this::map).optional();
    }

    public Optional<Long> ownerOf(long id) {
        return jdbc.sql("select owner_id from online_import where id = ?").param(id).query(Long.class).optional();
    }

    public List<OnlineImport> recent(long ownerId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from online_import where owner_id = ? order by created_at desc, id desc limit ?")
                .params(ownerId, limit).query(this::map).list();
    }

    public Optional<StoredFile> file(long id) {
        return jdbc.sql("""
                select id, owner_id, owner_username, remote_addr, file_name, file_type, header_row, mapping::text, platform,
                       mode, status, file_data
                from online_import where id = ?""")
                .param(id)
                .query((rs, i) -> new StoredFile(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), FileType.valueOf(rs.getString(6)), rs.getInt(7), mapping(rs.getString(8)),
                        rs.getString(9), rs.getString(10) == null ? null : ImportMode.valueOf(rs.getString(10)),
                        OnlineImport.Status.valueOf(rs.getString(11)), vault.open(rs.getBytes(12))))
                .optional();
    }

    public List<RowError> allErrors(long id) {
        String text = jdbc.sql("select errors::text from online_import where id = ?").param(id).query(String.class).single();
        return json.readValue(text, new TypeReference<List<RowError>>() {
        });
    }

    /** UPLOADED (or REJECTED: a corrected mapping) → QUEUED with the mapping; false if it is in another state. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean queue(long id, Map<OnlineColumn, Integer> mapping, String platform, ImportMode mode) {
        return jdbc.sql("""
                update online_import set status = 'QUEUED', mapping = cast(? as jsonb), platform = ?, mode = ?, message = null
                where id = ? and status in ('UPLOADED', 'REJECTED')""")
                .params(json.writeValueAsString(mapping), platform, mode.name(), id).update() == 1;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean claim(long id) {
        return jdbc.sql("""
                update online_import set status = 'RUNNING', started_at = now(), attempts = attempts + 1, processed_rows = 0,
                    credited_count = 0, credited_hours = 0, skipped_count = 0, error_row_count = 0, errors = '[]',
                    message = null, finished_at = null
                where id = ? and status = 'QUEUED'""").param(id).update() == 1;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean requeue(long id) {
        return jdbc.sql("update online_import set status = 'QUEUED', message = null where id = ? and status = 'FAILED' and file_data is not null")
                .param(id).update() == 1;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void progress(long id, int processed) {
        jdbc.sql("update online_import set processed_rows = ?, total_rows = greatest(total_rows, ?) where id = ? and status = 'RUNNING'")
                .params(processed, processed, id).update();
    }

    /**
     * The final state, in the job's transaction (UploadJobWorker): for a completed job the import's own, so data and
     * status commit together.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void finish(long id, OnlineImport.Status status, OnlineImporter.Outcome o, String message) {
        OnlineImporter.Outcome x = o == null ? OnlineImporter.Outcome.NONE : o;
        boolean stored = status == OnlineImport.Status.COMPLETED;
        jdbc.sql("""
                update online_import set status = ?, total_rows = ?, processed_rows = ?, credited_count = ?, credited_hours = ?,
                    skipped_count = ?, error_row_count = ?, errors = cast(? as jsonb), message = ?, finished_at = now(),
                    file_data = case when ? then null else file_data end
                where id = ?""")
                .params(status.name(), x.totalRows(), x.totalRows(), stored ? x.credited() : 0,
                        stored ? x.creditedHours() : BigDecimal.ZERO, stored ? x.skipped() : 0, x.errorRows(),
                        json.writeValueAsString(x.errors().stream().map(Masking::masked).toList()),
                        Masking.citizenIdsIn(message == null || message.length() <= 1000 ? message : message.substring(0, 1000)),
                        // a clean completed job needs its file no more (see UploadVault for the retention of the others)
                        stored && x.errorRows() == 0, id)
                .update();
    }

    private Map<OnlineColumn, Integer> mapping(String text) {
        if (text == null) {
            return null;
        }
        Map<String, Integer> raw = json.readValue(text, new TypeReference<Map<String, Integer>>() {
        });
        Map<OnlineColumn, Integer> m = new EnumMap<>(OnlineColumn.class);
        raw.forEach((k, v) -> m.put(OnlineColumn.valueOf(k), v));
        return m;
    }

    private OnlineImport map(ResultSet rs, int i) throws SQLException {
        Timestamp fin = rs.getTimestamp("finished_at");
        String mode = rs.getString("mode");
        List<OnlineImport.Column> columns = json.readValue(rs.getString("columns_"), new TypeReference<List<OnlineImport.Column>>() {
        });
        return new OnlineImport(rs.getLong("id"), rs.getString("file_name"), OnlineImport.Status.valueOf(rs.getString("status")),
                rs.getInt("header_row"), columns, OnlineImports.propose(columns), mapping(rs.getString("mapping_")),
                rs.getString("platform"), mode == null ? null : ImportMode.valueOf(mode), rs.getInt("total_rows"),
                rs.getInt("processed_rows"), rs.getInt("credited_count"), rs.getBigDecimal("credited_hours"),
                rs.getInt("skipped_count"), rs.getInt("error_row_count"),
                json.readValue(rs.getString("errors_"), new TypeReference<List<RowError>>() {
                }), rs.getString("message"), rs.getTimestamp("created_at").toInstant(), fin == null ? null : fin.toInstant());
    }

    /** This table's backlog for the operators' metrics ({@link UploadJobBacklog}). */
    @Component
    static class Backlog extends UploadJobBacklog {
        Backlog(JdbcClient jdbc) {
            super(jdbc, "online_import", "select count(*) from online_import where status = ?");
        }
    }
}
