package org.ganxun.training.internal;

import org.ganxun.platform.db.ScopedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's tables of personal data: reads of them take their data scope from DataScope (see ScopeGuard). */
@Configuration(proxyBeanMethods = false)
class TrainingPersonalData {

    @Bean
    ScopedTables trainingScopedTables() {
        return ScopedTables.of("training", "enrollment", "enrollment_card");
    }
}
