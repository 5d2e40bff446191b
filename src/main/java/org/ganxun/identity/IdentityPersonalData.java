package org.ganxun.identity;

import org.ganxun.platform.db.ScopedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's tables of personal data: reads of them take their data scope from DataScope (see ScopeGuard). */
@Configuration(proxyBeanMethods = false)
class IdentityPersonalData {

    @Bean
    ScopedTables identityScopedTables() {
        return ScopedTables.of("identity", "app_user", "account_name");
    }
}
