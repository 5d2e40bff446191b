package org.ganxun.partyedu.internal.member;

import org.ganxun.partyedu.Members;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.ReferenceCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Party members referenced by a request body (attendance, invitations, broadcasts) must be the writer's to manage. */
@Configuration(proxyBeanMethods = false)
class MemberReferences {

    @Bean
    ReferenceCheck memberReferenceCheck(Members members) {
        return ReferenceCheck.of(InScope.Ref.MEMBER, members::requireManageable);
    }
}
