package org.ganxun.people.internal.cadre;

import org.ganxun.people.Roster;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.ReferenceCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A cadre referenced by a request body (an account's, a nomination's) must be one the writer may read. */
@Configuration(proxyBeanMethods = false)
class CadreReferences {

    @Bean
    ReferenceCheck cadreReferenceCheck(Roster roster) {
        return ReferenceCheck.of(InScope.Ref.CADRE, roster::get);
    }
}
