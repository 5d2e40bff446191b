package org.ganxun.partyedu.internal;

import org.ganxun.platform.db.ScopedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's tables of personal data: reads of them take their data scope from DataScope (see ScopeGuard). */
@Configuration(proxyBeanMethods = false)
class PartyEduPersonalData {

    @Bean
    ScopedTables partyeduScopedTables() {
        return ScopedTables.of("partyedu", "party_member", "party_member_contact", "study_attendance", "broadcast_recipient");
    }
}
