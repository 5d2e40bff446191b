package org.ganxun.org;

import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.ReferenceCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Units and party organisations referenced by a request body must be within the writer's scope. */
@Configuration(proxyBeanMethods = false)
class TreeReferences {

    @Bean
    ReferenceCheck orgReferenceCheck(OrganizationTrees trees) {
        return ReferenceCheck.of(InScope.Ref.ORG, id -> trees.requireInScope(Tree.ADMINISTRATIVE, id));
    }

    @Bean
    ReferenceCheck partyOrgReferenceCheck(OrganizationTrees trees) {
        return ReferenceCheck.of(InScope.Ref.PARTY_ORG, id -> trees.requireInScope(Tree.PARTY, id));
    }
}
