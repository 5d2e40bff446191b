package org.ganxun.platform.ops;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @Scheduled} method that tidies this node's own memory and so runs on every node, unlike every
 * other scheduled job, which takes ShedLock's {@code @SchedulerLock} and runs on one node per schedule
 * (ClusterScheduling; {@code ScheduledJobsTest} accepts one or the other). The value says what it tidies.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NodeLocal {
    String value();
}
