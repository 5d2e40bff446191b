package org.ganxun.support;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * The database as a test reads it to check what the product stored: past {@code platform.db.ScopeGuard},
 * which judges the reads of signed-in users, not a test's own assertions made while its user is signed in.
 */
@Component
public class Unguarded {

    private final JdbcClient jdbc;

    Unguarded(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource instanceof DelegatingDataSource d && d.getTargetDataSource() != null
                ? d.getTargetDataSource() : dataSource);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }
}
