package org.ganxun.platform.job;

import io.micrometer.core.instrument.MeterRegistry;
import org.ganxun.platform.excel.ImportLimits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** What every {@link UploadJobWorker} needs from the application, in one bean. */
@Component
public record UploadJobSupport(JdbcClient jdbc, PlatformTransactionManager transactions, UserDetailsService users,
                               ImportLimits limits, MeterRegistry meters) {
}
