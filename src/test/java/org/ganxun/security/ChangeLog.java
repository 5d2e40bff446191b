package org.ganxun.security;

import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Row triggers on every table that log each insert, update and delete into {@code sweep_change_log}, so that
 * the sweep can tell whether a call changed anything. Installed for the sweep and removed after it: the
 * integration tests share one database.
 */
final class ChangeLog {

    /** Tables written on every request or by the platform itself, whatever the caller may do. */
    static final Set<String> VOLATILE = Set.of("spring_session", "spring_session_attributes", "audit_log", "audit_block",
            "audit_chain_head", "audit_chain_anchor", "login_throttle", "login_known_address",
            "event_publication", "event_publication_archive", "flyway_schema_history", "sweep_change_log",
            // the scheduled jobs' cluster-wide locks (platform.ops.ClusterScheduling), taken on their own schedule
            "shedlock");

    /**
     * Tables whose rows the platform's background workers update on their own schedule (the SMS outbox poller,
     * the upload-job worker, the nightly standing recompute): an update there during a call is not the call's.
     * Inserts and deletes there still count.
     */
    static final Set<String> BACKGROUND_UPDATES = Set.of("sms_outbox", "import_job", "online_import", "cadre_standing");

    record Change(String table, String op, String row) {
        boolean byBackgroundWorker() {
            return op.equals("UPDATE") && BACKGROUND_UPDATES.contains(table);
        }
    }

    private final JdbcClient jdbc;
    private List<String> tables = List.of();

    ChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void install() {
        remove();
        jdbc.sql("create table sweep_change_log (id bigserial primary key, tbl text not null, op text not null, row_text text)").update();
        jdbc.sql("""
                create function sweep_log_change() returns trigger language plpgsql as $$
                begin
                    insert into sweep_change_log (tbl, op, row_text)
                    values (TG_TABLE_NAME, TG_OP, coalesce(row_to_json(NEW)::text, '') || ' ' || coalesce(row_to_json(OLD)::text, ''));
                    return null;
                end $$""").update();
        tables = jdbc.sql("""
                select table_name from information_schema.tables
                where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name""")
                .query(String.class).list().stream().filter(t -> !VOLATILE.contains(t)).toList();
        for (String t : tables) {
            jdbc.sql("create trigger sweep_change after insert or update or delete on \"" + t
                    + "\" for each row execute function sweep_log_change()").update();
        }
    }

    void remove() {
        for (String t : jdbc.sql("""
                select event_object_table from information_schema.triggers
                where trigger_name = 'sweep_change' and event_object_schema = current_schema()""").query(String.class).list()
                .stream().distinct().toList()) {
            jdbc.sql("drop trigger if exists sweep_change on \"" + t + "\"").update();
        }
        jdbc.sql("drop function if exists sweep_log_change() cascade").update();
        jdbc.sql("drop table if exists sweep_change_log").update();
    }

    void clear() {
        jdbc.sql("delete from sweep_change_log").update();
    }

    List<Change> changes() {
        return jdbc.sql("select tbl, op, row_text from sweep_change_log order by id")
                .query((rs, i) -> new Change(rs.getString(1), rs.getString(2), rs.getString(3))).list()
                .stream().filter(c -> !c.byBackgroundWorker()).toList();
    }

    int tableCount() {
        return tables.size();
    }
}
