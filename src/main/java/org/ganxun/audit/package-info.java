/**
 * Audit: who changed what, when, with the data before and after; logins and failed logins.
 * Other modules call {@link org.ganxun.audit.AuditLog#record}; administrators search the log.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package org.ganxun.audit;
