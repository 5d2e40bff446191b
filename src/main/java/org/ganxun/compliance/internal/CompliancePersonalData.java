package org.ganxun.compliance.internal;

import org.ganxun.platform.db.ScopedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's tables of personal data: reads of them take their data scope from DataScope (see ScopeGuard). */
@Configuration(proxyBeanMethods = false)
class CompliancePersonalData {

    @Bean
    ScopedTables complianceScopedTables() {
        return ScopedTables.of("compliance", "cadre_standing");
    }
}
