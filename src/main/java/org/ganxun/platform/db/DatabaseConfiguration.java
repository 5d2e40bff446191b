package org.ganxun.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * With no database URL configured ({@code GANXUN_DB_URL} / {@code spring.datasource.url}), Ganxun runs on
 * its bundled PostgreSQL. Otherwise Spring Boot's own DataSource auto-configuration takes the URL.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DatabaseConfiguration.NoDatabaseUrl.class)
public class DatabaseConfiguration {

    /**
     * One server per data directory per JVM, shared by every application context on it (tests cache
     * several) and stopped when the last of their pools closes, after the context has finished with it.
     */
    private static final Map<Path, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();
    private static final Map<Path, Integer> USERS = new ConcurrentHashMap<>();

    @Bean
    DataSource dataSource(@Value("${ganxun.embedded-db.data-dir:./data/pg}") String dataDir,
                          @Value("${ganxun.embedded-db.port:54329}") int port,
                          @Value("${ganxun.embedded-db.database:ganxun}") String database,
                          @Value("${ganxun.embedded-db.pool-size:20}") int poolSize) {
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        EmbeddedPostgres pg = server(dir, port);
        try {
            pg.ensureDatabase(database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.jdbcUrl(database));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("ganxun-embedded");
        return new HikariDataSource(config) {
            @Override
            public void close() {
                super.close();
                release(dir);
            }
        };
    }

    static synchronized EmbeddedPostgres server(Path dataDir, int port) {
        EmbeddedPostgres pg = SERVERS.computeIfAbsent(dataDir, dir -> {
            try {
                return EmbeddedPostgres.start(dir, port);
            } catch (IOException e) {
                throw new UncheckedIOException("The bundled PostgreSQL could not start: " + e.getMessage(), e);
            }
        });
        USERS.merge(dataDir, 1, Integer::sum);
        return pg;
    }

    private static synchronized void release(Path dataDir) {
        if (USERS.merge(dataDir, -1, Integer::sum) <= 0) {
            USERS.remove(dataDir);
            EmbeddedPostgres pg = SERVERS.remove(dataDir);
            if (pg != null) {
                pg.close();
            }
        }
    }

    static class NoDatabaseUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
