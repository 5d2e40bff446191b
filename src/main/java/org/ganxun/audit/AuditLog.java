package org.ganxun.audit;

import org.ganxun.platform.web.Option;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.ganxun.platform.db.CopyRows;
import org.ganxun.platform.security.AccountScopes;
import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.RunAs;
import org.ganxun.platform.security.Unscoped;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records changes. Called inside the changing transaction, so a change and its audit entry are stored
 * together or not at all.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final javax.sql.DataSource dataSource;
    private final CurrentScope scopes;
    /** Lazily: identity, which implements it, writes audit entries itself. */
    private final ObjectProvider<AccountScopes> accountScopes;

    public AuditLog(JdbcClient jdbc, JsonMapper json, javax.sql.DataSource dataSource, CurrentScope scopes,
                    ObjectProvider<AccountScopes> accountScopes) {
        this.scopes = scopes;
        this.accountScopes = accountScopes;
        this.jdbc = jdbc;
        this.json = json;
        this.dataSource = dataSource;
    }

    /** One audit entry. {@code before} / {@code after} are any objects, stored as JSON (null for none). */
    public void record(String action, String entityType, Object entityId, String summary, Object before, Object after) {
        CurrentUser user = CurrentUsers.current().orElse(null);
        // the system (a listener, a job) is no account: no actor id, and the log shows it as 系统
        boolean system = user == null || RunAs.isSystem(user);
        recordAs(system ? null : user.id(), system ? RunAs.SYSTEM_USERNAME : user.username(),
                action, entityType, entityId, summary, before, after);
    }

    /**
     * An export of data (a file download): action EXPORT, the filter it was asked for and how many rows
     * (people, records) it holds, stored as {@code {"filter": …, "rows": n}}. {@code what} names the file
     * in the summary, e.g. "党员名册".
     */
    public void recordExport(String entityType, Object entityId, String what, Object filter, long rows) {
        Map<String, Object> after = new java.util.LinkedHashMap<>();
        after.put("filter", filter);
        after.put("rows", rows);
        record("EXPORT", entityType, entityId, "导出" + what + "（" + rows + "条）", null, after);
    }

    /** A filter for {@link #recordExport}: names and values in turn; null values are kept (an unset filter). */
    public static Map<String, Object> filter(Object... namesAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    public void recordAs(Long actorId, String actorUsername, String action, String entityType, Object entityId,
                         String summary, Object before, Object after) {
        jdbc.sql("""
                insert into audit_log (actor_id, actor_username, action, entity_type, entity_id, summary, before_data, after_data, remote_addr)
                values (:actorId, :actor, :action, :type, :entityId, :summary, cast(:before as jsonb), cast(:after as jsonb), :addr)
                """)
                .param("actorId", actorId)
                .param("actor", actorUsername)
                .param("action", action)
                .param("type", entityType)
                .param("entityId", entityId == null ? null : String.valueOf(entityId))
                .param("summary", truncate(summary, 500))
                .param("before", toJson(before))
                .param("after", toJson(after))
                .param("addr", remoteAddr())
                .update();
    }

    /** JSON text already rendered by the caller, stored as it is (for bulk writers that render it cheaply). */
    public record Json(String text) {
    }

    /** One change of a batch: {@code before} / {@code after} are stored as JSON (null for none). */
    public record Change(String action, String entityType, Object entityId, String summary, Object before, Object after) {
    }

    /** Entries of one actor in COPY form, prepared by {@link #prepare} and stored by {@link #recordAll(Prepared)}. */
    public record Prepared(CopyRows rows) {
    }

    /**
     * Many entries by one actor in one statement (for imports that change thousands of records). Like
     * {@link #record}, it joins the caller's transaction.
     */
    public void recordAll(Long actorId, String actorUsername, String remoteAddr, List<Change> changes) {
        recordAll(prepare(actorId, actorUsername, remoteAddr, changes));
    }

    /**
     * Turns changes into rows for {@link #recordAll(Prepared)}. Safe on any thread, so a bulk writer can
     * serialise the next batch's entries while the database stores the last one.
     */
    public Prepared prepare(Long actorId, String actorUsername, String remoteAddr, List<Change> changes) {
        String addr = remoteAddr != null ? remoteAddr : remoteAddr();
        CopyRows rows = new CopyRows();
        String actor = actorId == null ? null : actorId.toString();
        for (Change c : changes) {
            rows.add(actor).add(actorUsername).add(c.action()).add(c.entityType())
                    .add(c.entityId() == null ? null : String.valueOf(c.entityId()))
                    .add(truncate(c.summary(), 500)).add(toJson(c.before())).add(toJson(c.after())).add(addr).endRow();
        }
        return new Prepared(rows);
    }

    /** Stores prepared entries with one COPY on the caller's transaction. */
    public void recordAll(Prepared entries) {
        entries.rows().copyIn(dataSource, "COPY audit_log (actor_id, actor_username, action, entity_type, entity_id,"
                + " summary, before_data, after_data, remote_addr) FROM STDIN");
    }

    /**
     * Searches the log, newest first. Every filter is optional. A user with a limited data scope sees their
     * own entries and those of users whose scope lies within theirs (an entry's before/after data is about
     * the actor's organisations); entries of users above or beside them, and of the system, stay hidden.
     */
    public Page search(String actor, String entityType, String entityId, String action, Instant from, Instant to,
                       int page, int size) {
        DataScope scope = scopes.current();
        StringBuilder where = new StringBuilder(" where ").append(scope.all() ? scope.sqlCondition(null, null, null) : "true");
        Map<String, Object> args = new HashMap<>();
        if (!scope.all()) {
            CurrentUser me = CurrentUsers.current().orElse(null);
            // entries of accounts within the reader's scope, bar those who run the installation (系统运行维护)
            AccountScopes.Condition within = accountScopes.getObject().within("a.actor_id", scope, Permission.SYSTEM_OPERATE);
            where.append(" and (a.actor_id = :me or ").append(within.sql()).append(")");
            args.putAll(scope.sqlParameters());
            args.putAll(within.params());
            args.put("me", me == null ? -1L : me.id());
        }
        if (actor != null && !actor.isBlank()) {
            where.append(" and a.actor_username = :actor");
            args.put("actor", actor.trim());
        }
        if (entityType != null && !entityType.isBlank()) {
            where.append(" and a.entity_type = :entityType");
            args.put("entityType", entityType.trim());
        }
        if (entityId != null && !entityId.isBlank()) {
            where.append(" and a.entity_id = :entityId");
            args.put("entityId", entityId.trim());
        }
        if (action != null && !action.isBlank()) {
            where.append(" and a.action = :action");
            args.put("action", action.trim());
        }
        if (from != null) {
            where.append(" and a.at >= :from");
            args.put("from", Timestamp.from(from));
        }
        if (to != null) {
            where.append(" and a.at < :to");
            args.put("to", Timestamp.from(to));
        }
        long total = jdbc.sql("select count(*) from audit_log a" + where).params(args).query(Long.class).single();
        Map<String, Object> pageArgs = new HashMap<>(args);
        pageArgs.put("limit", size);
        pageArgs.put("offset", (long) Math.max(page - 1, 0) * size);
        List<Entry> rows = jdbc.sql("""
                select a.id, a.at, a.actor_id, a.actor_username, a.action, a.entity_type, a.entity_id, a.summary,
                       a.before_data::text as before_data, a.after_data::text as after_data, a.remote_addr
                from audit_log a""" + where + " order by a.at desc, a.id desc limit :limit offset :offset")
                .params(pageArgs)
                .query((rs, i) -> {
                    String act = rs.getString("action");
                    String type = rs.getString("entity_type");
                    return new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), actorName(rs.getObject("actor_id"), rs.getString("actor_username")),
                            act, AuditLabels.action(act), type, AuditLabels.entityType(type), rs.getString("entity_id"),
                            rs.getString("summary"), rs.getString("before_data"), rs.getString("after_data"),
                            rs.getString("remote_addr"));
                })
                .list();
        return new Page(rows, total);
    }

    /** One entry, its action and entity type with their Chinese names ({@link AuditLabels}). */
    /** The operator as the log shows it: 系统 for the system's own work (no account), otherwise the user name. */
    static String actorName(Object actorId, String username) {
        return actorId == null && RunAs.SYSTEM_USERNAME.equals(username) ? SYSTEM_ACTOR : username;
    }

    /** How the log names the system as an operator. */
    public static final String SYSTEM_ACTOR = "系统";

    public record Entry(long id, Instant at, String actor, String action, String actionLabel, String entityType,
                        String entityTypeLabel, String entityId, String summary, String before, String after,
                        String remoteAddr) {
    }

    /** A value to filter by and its Chinese name. */

    /** What the log's filters offer. */
    public record Facets(List<Option> entityTypes, List<Option> actions) {
    }

    /**
     * The filters' choices: the entity types the log holds (named ones in {@link AuditLabels}' order, then any
     * other by its code) and every named action. The types are read by skipping through the
     * (entity_type, entity_id) index, one probe per type, so the cost does not grow with the log.
     */
    public Facets facets() {
        List<String> present = jdbc.sql(Unscoped.because("the kinds of entry present, no entry") + """
                with recursive t(v) as (
                    (select entity_type from audit_log order by entity_type limit 1)
                    union all
                    select (select a.entity_type from audit_log a where a.entity_type > t.v order by a.entity_type limit 1)
                    from t where t.v is not null)
                select v from t where v is not null""").query(String.class).list();
        List<Option> types = new ArrayList<>();
        AuditLabels.ENTITY_TYPES.forEach((code, label) -> {
            if (present.contains(code)) {
                types.add(new Option(code, label));
            }
        });
        present.stream().filter(code -> !AuditLabels.ENTITY_TYPES.containsKey(code)).sorted()
                .forEach(code -> types.add(new Option(code, code)));
        List<Option> actions = AuditLabels.ACTIONS.entrySet().stream().map(e -> new Option(e.getKey(), e.getValue())).toList();
        return new Facets(types, actions);
    }

    public record Page(List<Entry> rows, long total) {
    }

    private String toJson(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Json j) {
            return j.text();
        }
        return json.writeValueAsString(o);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String remoteAddr() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest req = attrs.getRequest();
            return req.getRemoteAddr();
        }
        return null;
    }
}
