package org.ganxun.people.internal;

import org.ganxun.platform.db.ScopedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's tables of personal data: reads of them take their data scope from DataScope (see ScopeGuard). */
@Configuration(proxyBeanMethods = false)
class PeoplePersonalData {

    @Bean
    ScopedTables peopleScopedTables() {
        return ScopedTables.of("people", "cadre", "cadre_post_history", "import_job", "cadre_card", "post_history");
    }
}
