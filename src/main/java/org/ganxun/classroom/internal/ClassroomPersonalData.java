package org.ganxun.classroom.internal;

import org.ganxun.platform.db.ScopedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's tables of personal data: reads of them take their data scope from DataScope (see ScopeGuard). */
@Configuration(proxyBeanMethods = false)
class ClassroomPersonalData {

    @Bean
    ScopedTables classroomScopedTables() {
        return ScopedTables.of("classroom", "attendance", "leave_request", "class_result", "assessment_score", "certificate", "discipline_record");
    }
}
