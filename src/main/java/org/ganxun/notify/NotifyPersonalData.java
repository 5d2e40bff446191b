package org.ganxun.notify;

import org.ganxun.platform.db.ScopedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's tables of personal data: reads of them take their data scope from DataScope (see ScopeGuard). */
@Configuration(proxyBeanMethods = false)
class NotifyPersonalData {

    @Bean
    ScopedTables notifyScopedTables() {
        return ScopedTables.of("notify", "sms_outbox", "notification", "sms_delivery");
    }
}
