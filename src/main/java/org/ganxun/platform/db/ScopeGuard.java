package org.ganxun.platform.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.ScopeTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Data scope fails closed. Every statement the application prepares passes here; during a request of a
 * signed-in user (or of work done on a user's behalf, {@code RunAs}), a read (SELECT / WITH) that names a table of personal data ({@link ScopedTables}) must
 * carry the scope mark that only {@code DataScope}'s conditions and {@code Unscoped}'s declared exemptions
 * write. A service that forgets its scope condition is therefore refused at the database's door
 * ({@link UnscopedReadException}, an error the user sees as a server error and the suite as a failure)
 * instead of reading across a boundary. Work on no one's behalf (start-up, scheduled jobs, asynchronous
 * listeners) and before sign-in (the login itself) is not a user's read and is not checked.
 */
public final class ScopeGuard implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(ScopeGuard.class);
    private static final Pattern COMMENTS_AND_LITERALS = Pattern.compile("--[^\\n]*|/\\*.*?\\*/|'(?:[^']|'')*'", Pattern.DOTALL);
    private static final int MAX_REMEMBERED = 20_000;

    private final ObjectProvider<ScopedTables> declared;
    private volatile Pattern[] tables;
    /** Statements without the mark already analysed: the SQL text → the personal-data table it reads, or "". */
    private final Map<String, String> verdicts = new ConcurrentHashMap<>();

    public ScopeGuard(ObjectProvider<ScopedTables> declared) {
        this.declared = declared;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && !(bean instanceof GuardedDataSource)) {
            return new GuardedDataSource(ds, this);
        }
        return bean;
    }

    /** The personal-data table an unmarked read names, or null when the statement may run. */
    String refusal(String sql) {
        if (sql == null || ScopeTag.carriedBy(sql)) {
            return null;
        }
        String table = verdicts.get(sql);
        if (table == null) {
            table = personalTableRead(sql);
            if (verdicts.size() > MAX_REMEMBERED) {
                verdicts.clear();
            }
            verdicts.put(sql, table);
        }
        // the user is asked only now: reading the security context may load the session, itself a statement
        return table.isEmpty() || CurrentUsers.current().isEmpty() ? null : table;
    }

    String personalTableRead(String sql) {
        String text = COMMENTS_AND_LITERALS.matcher(sql).replaceAll(" ").toLowerCase(Locale.ROOT).strip();
        while (text.startsWith("(")) {
            text = text.substring(1).strip();
        }
        if (!(text.startsWith("select") || text.startsWith("with"))) {
            return "";
        }
        for (Pattern p : tablePatterns()) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "";
    }

    private Pattern[] tablePatterns() {
        Pattern[] p = tables;
        if (p == null) {
            Set<String> names = declared.orderedStream().flatMap(t -> t.tables().stream()).collect(Collectors.toSet());
            String any = names.isEmpty() ? "\\b\\B" : "(" + String.join("|", names) + ")";
            p = new Pattern[] {
                    // a table after FROM or JOIN (not a function call, not a qualified column)
                    Pattern.compile("(?:\\bfrom|\\bjoin)\\s+(?:only\\s+)?(?:public\\.)?" + any + "\\b(?!\\s*[.(])"),
                    // a table after a comma in a FROM list: "from survey_return r, cadre c"
                    Pattern.compile(",\\s*(?:public\\.)?" + any + "\\s+(?!from\\b|as\\b)[a-z_]\\w*\\s*(?:,|\\bwhere\\b|\\bjoin\\b|\\bleft\\b|\\binner\\b|\\)|$)")
            };
            tables = p;
        }
        return p;
    }

    void check(String sql) {
        String table = refusal(sql);
        if (table != null) {
            String head = sql.length() > 300 ? sql.substring(0, 300) + "…" : sql;
            log.error("Refused a read of {} without a data-scope condition: {}", table, head.replaceAll("\\s+", " "));
            throw new UnscopedReadException(table);
        }
    }

    /** Thrown when a read of personal data carries no data-scope decision. */
    public static final class UnscopedReadException extends IllegalStateException {
        UnscopedReadException(String table) {
            super("A read of " + table + " carries no data-scope condition (DataScope) nor a declared exemption (Unscoped)");
        }
    }

    /** The application's DataSource, every connection it hands out checked. */
    static final class GuardedDataSource extends DelegatingDataSource {

        private final ScopeGuard guard;

        GuardedDataSource(DataSource target, ScopeGuard guard) {
            super(target);
            this.guard = guard;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return guard.guarded(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return guard.guarded(super.getConnection(username, password));
        }
    }

    private static final Set<String> PREPARING = Set.of("prepareStatement", "prepareCall");
    private static final Set<String> EXECUTING = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

    Connection guarded(Connection target) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Forwarding(target) {
                    @Override
                    Object before(Method method, Object[] args) throws Throwable {
                        if (PREPARING.contains(method.getName()) && args != null && args.length > 0 && args[0] instanceof String sql) {
                            check(sql);
                        }
                        Object result = forward(method, args);
                        if (result instanceof Statement st && method.getName().equals("createStatement")) {
                            return guardedStatement(st);
                        }
                        return result;
                    }
                });
    }

    private Statement guardedStatement(Statement target) {
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                new Forwarding(target) {
                    @Override
                    Object before(Method method, Object[] args) throws Throwable {
                        if (EXECUTING.contains(method.getName()) && args != null && args.length > 0 && args[0] instanceof String sql) {
                            check(sql);
                        }
                        return forward(method, args);
                    }
                });
    }

    /** Forwards every call to the target; unwrap and isWrapperFor reach the driver's own objects. */
    private abstract static class Forwarding implements InvocationHandler {
        private final Object target;

        Forwarding(Object target) {
            this.target = target;
        }

        abstract Object before(Method method, Object[] args) throws Throwable;

        Object forward(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "guarded " + target;
                default:
                    return before(method, args);
            }
        }
    }
}
