package org.ganxun.people.internal.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.ganxun.platform.excel.FileType;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.excel.Masking;
import org.ganxun.platform.excel.RowError;
import org.ganxun.platform.job.UploadJobBacklog;
import org.ganxun.platform.job.UploadJobWorker;
import org.ganxun.platform.job.UploadVault;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Unscoped;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The import_job table. Status changes outside the data transaction run in their own transactions. */
@Repository
class ImportJobs {

    static final String INTERRUPTED = "服务器在导入过程中停止，未写入任何数据，可重新执行";
    private static final int SHOWN_ERRORS = 200;
    private static final String COLUMNS = """
            id, file_name, mode, status, total_rows, processed_rows, created_count, updated_count, unchanged_count,
            error_row_count, jsonb_path_query_array(errors, '$[0 to %d]')::text as errors_, message, created_at, finished_at
            """.formatted(SHOWN_ERRORS - 1);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final UploadVault vault;

    ImportJobs(JdbcClient jdbc, JsonMapper json, UploadVault vault) {
        this.jdbc = jdbc;
        this.json = json;
        this.vault = vault;
    }

    /** The stored upload of a job, and whose it is. */
    record StoredFile(long id, long ownerId, String ownerUsername, String remoteAddr, String fileName, FileType type,
                      ImportMode mode, ImportJob.Status status, byte[] data) implements UploadJobWorker.Upload {
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long create(CurrentUser owner, String remoteAddr, String fileName, FileType type, byte[] data, ImportMode mode,
                       int estimatedRows) {
        return jdbc.sql("""
                insert into import_job (owner_id, owner_username, scope_org_id, scope_party_org_id, remote_addr, file_name,
                    file_type, file_size, file_data, mode, status, total_rows)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?) returning id""")
                .params(owner.id(), owner.username(), owner.scopeOrgId(), owner.scopePartyOrgId(), remoteAddr,
                        fileName.length() > 255 ? fileName.substring(fileName.length() - 255) : fileName, type.name(),
                        data.length, vault.seal(data), mode.name(), Math.max(estimatedRows, 0))
                .query(Long.class).single();
    }

    public Optional<ImportJob> find(long id) {
        return jdbc.sql(Unscoped.rowChecked("the job owner (ImportController)") + "select " + COLUMNS + " from import_job where id = ?").param(id).query(this::map).optional();
    }

    public Optional<Long> ownerOf(long id) {
        return jdbc.sql(Unscoped.rowChecked("answers the owner for that check") + "select owner_id from import_job where id = ?").param(id).query(Long.class).optional();
    }

    public List<ImportJob> recent(long ownerId, int limit) {
        return jdbc.sql(Unscoped.own() + "select " + COLUMNS + " from import_job where owner_id = ? order by created_at desc, id desc limit ?")
                .params(ownerId, limit).query(this::map).list();
    }

    public Optional<StoredFile> file(long id) {
        return jdbc.sql(Unscoped.rowChecked("the job owner (ImportController)") + """
                select id, owner_id, owner_username, remote_addr, file_name, file_type, mode, status, file_data
                from import_job where id = ?""")
                .param(id)
                .query((rs, i) -> new StoredFile(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), FileType.valueOf(rs.getString(6)), ImportMode.valueOf(rs.getString(7)),
                        ImportJob.Status.valueOf(rs.getString(8)), vault.open(rs.getBytes(9))))
                .optional();
    }

    /** All errors of a job, for the report. */
    public List<RowError> allErrors(long id) {
        String text = jdbc.sql(Unscoped.rowChecked("the job owner (ImportController)") + "select errors::text from import_job where id = ?").param(id).query(String.class).single();
        return json.readValue(text, new TypeReference<List<RowError>>() {
        });
    }

    /** QUEUED → RUNNING; false if someone else took it or it is not queued. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean claim(long id) {
        return jdbc.sql("""
                update import_job set status = 'RUNNING', started_at = now(), attempts = attempts + 1, processed_rows = 0,
                    created_count = 0, updated_count = 0, unchanged_count = 0, error_row_count = 0, errors = '[]', message = null,
                    finished_at = null
                where id = ? and status = 'QUEUED'""").param(id).update() == 1;
    }

    /** FAILED → QUEUED (retry). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean requeue(long id) {
        return jdbc.sql("update import_job set status = 'QUEUED', message = null where id = ? and status = 'FAILED' and file_data is not null")
                .param(id).update() == 1;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void progress(long id, int processed, int total) {
        jdbc.sql("update import_job set processed_rows = ?, total_rows = greatest(total_rows, ?) where id = ? and status = 'RUNNING'")
                .params(processed, total, id).update();
    }

    /**
     * The final state, in the job's transaction (UploadJobWorker): for a completed job the import's own, so data and
     * status commit together.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void finish(long id, ImportJob.Status status, int total, int created, int updated, int unchanged, int errorRows,
                        List<RowError> errors, String message) {
        jdbc.sql("""
                update import_job set status = ?, total_rows = ?, processed_rows = ?, created_count = ?, updated_count = ?,
                    unchanged_count = ?, error_row_count = ?, errors = cast(? as jsonb), message = ?, finished_at = now(),
                    file_data = case when ? then null else file_data end
                where id = ?""")
                .params(status.name(), total, total, created, updated, unchanged, errorRows,
                        json.writeValueAsString(errors.stream().map(Masking::masked).toList()),
                        Masking.citizenIdsIn(message == null || message.length() <= 1000 ? message : message.substring(0, 1000)),
                        // a clean completed job needs its file no more (see UploadVault for the retention of the others)
                        status == ImportJob.Status.COMPLETED && errorRows == 0, id)
                .update();
    }


    private ImportJob map(ResultSet rs, int i) throws SQLException {
        Timestamp fin = rs.getTimestamp("finished_at");
        return new ImportJob(rs.getLong("id"), rs.getString("file_name"), ImportMode.valueOf(rs.getString("mode")),
                ImportJob.Status.valueOf(rs.getString("status")), rs.getInt("total_rows"), rs.getInt("processed_rows"),
                rs.getInt("created_count"), rs.getInt("updated_count"), rs.getInt("unchanged_count"), rs.getInt("error_row_count"),
                json.readValue(rs.getString("errors_"), new TypeReference<List<RowError>>() {
                }), rs.getString("message"), rs.getTimestamp("created_at").toInstant(), fin == null ? null : fin.toInstant());
    }

    /** This table's backlog for the operators' metrics ({@link UploadJobBacklog}). */
    @Component
    static class Backlog extends UploadJobBacklog {
        Backlog(JdbcClient jdbc) {
            super(jdbc, "import_job", "select count(*) from import_job where status = ?");
        }
    }
}
