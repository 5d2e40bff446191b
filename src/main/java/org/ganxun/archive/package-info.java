/**
 * The learning archive (学习档案): every credited hour with its source, category, evidence and approval.
 * Publishes {@link org.ganxun.archive.Credit} views of approved entries for the compliance module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people"})
package org.ganxun.archive;
