package org.ganxun.platform.db;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link ScopeGuard} in front of the application's DataSource, whichever configuration made it. */
@Configuration(proxyBeanMethods = false)
class ScopeGuardConfiguration {

    @Bean
    static ScopeGuard scopeGuard(ObjectProvider<ScopedTables> declared) {
        return new ScopeGuard(declared);
    }
}
