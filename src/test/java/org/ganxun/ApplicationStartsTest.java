package org.ganxun;

import static org.assertj.core.api.Assertions.assertThat;

import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ApplicationStartsTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void migratesARealPostgresql() {
        String version = jdbc.sql("show server_version").query(String.class).single();
        assertThat(version).startsWith("1");
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single())
                .isGreaterThanOrEqualTo(1);
    }
}
