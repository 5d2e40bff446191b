package org.ganxun.archive.internal;

import org.ganxun.platform.db.ScopedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's tables of personal data: reads of them take their data scope from DataScope (see ScopeGuard). */
@Configuration(proxyBeanMethods = false)
class ArchivePersonalData {

    @Bean
    ScopedTables archiveScopedTables() {
        return ScopedTables.of("archive", "archive_entry", "archive_attachment", "approved_credit");
    }
}
