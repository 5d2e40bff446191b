/**
 * The learning archive (学习档案): every credited hour with its source, category, evidence and approval.
 * Listens to training's ClassCompleted and credits the class's hours. Publishes {@link org.ganxun.archive.Credit} views of approved entries for the compliance module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "training"})
package org.ganxun.archive;
