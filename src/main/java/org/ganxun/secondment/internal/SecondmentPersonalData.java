package org.ganxun.secondment.internal;

import org.ganxun.platform.db.ScopedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's tables of personal data: reads of them take their data scope from DataScope (see ScopeGuard). */
@Configuration(proxyBeanMethods = false)
class SecondmentPersonalData {

    @Bean
    ScopedTables secondmentScopedTables() {
        return ScopedTables.of("secondment", "secondment_candidate", "secondment_posting", "secondment_log", "secondment_evaluation");
    }
}
