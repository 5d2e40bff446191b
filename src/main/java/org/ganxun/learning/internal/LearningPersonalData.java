package org.ganxun.learning.internal;

import org.ganxun.platform.db.ScopedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's tables of personal data: reads of them take their data scope from DataScope (see ScopeGuard). */
@Configuration(proxyBeanMethods = false)
class LearningPersonalData {

    @Bean
    ScopedTables learningScopedTables() {
        return ScopedTables.of("learning", "study_progress", "study_session", "study_refusal", "scorm_state");
    }
}
