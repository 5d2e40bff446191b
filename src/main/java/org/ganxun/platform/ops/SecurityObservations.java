package org.ganxun.platform.ops;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Micrometer observations of Spring Security's own steps (each filter of the chain before and after the request,
 * authentication, authorization): with an observation registry present, Spring Security wraps every filter of every
 * request in one, which cost more than a heartbeat's own work (docs/benchmarks.md, "Heartbeats"), and nothing reads
 * them — requests, their latency and errors are {@code http.server.requests} (docs/operations.md, "Metrics").
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
