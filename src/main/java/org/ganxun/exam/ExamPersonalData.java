package org.ganxun.exam;

import org.ganxun.platform.db.ScopedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's tables of personal data (a candidate's attempts and answers): reads take their scope from DataScope. */
@Configuration(proxyBeanMethods = false)
class ExamPersonalData {

    @Bean
    ScopedTables examScopedTables() {
        return ScopedTables.of("exam", "exam_attempt", "exam_answer");
    }
}
