package org.ganxun.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.ganxun.platform.ops.NodeLocal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.ClassUtils;

import java.util.regex.Pattern;

/**
 * Every scheduled job runs once per schedule across nodes (docs/operations.md): each {@code @Scheduled} method
 * carries {@code @SchedulerLock} with a name of its own, is public (the lock is taken by a proxy around the
 * method) and returns nothing (a skipped run has no result to give) — or is {@code @NodeLocal}: it tidies this
 * node's own memory and runs on every node.
 */
class ScheduledJobsTest {

    @Test
    void everyScheduledMethodTakesTheClusterWideLock() throws Exception {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*")));
        List<String> problems = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        int scheduled = 0;
        for (BeanDefinition d : scan.findCandidateComponents("org.ganxun")) {
            Class<?> type = ClassUtils.forName(d.getBeanClassName(), getClass().getClassLoader());
            for (Method m : type.getDeclaredMethods()) {
                if (m.getAnnotationsByType(Scheduled.class).length == 0) {
                    continue;
                }
                scheduled++;
                String where = type.getSimpleName() + "." + m.getName();
                SchedulerLock lock = m.getAnnotation(SchedulerLock.class);
                NodeLocal local = m.getAnnotation(NodeLocal.class);
                if (local != null) {
                    if (lock != null || local.value().isBlank()) {
                        problems.add(where + ": @NodeLocal takes no lock and says what it tidies");
                    }
                    continue;
                }
                if (lock == null) {
                    problems.add(where + ": @Scheduled without @SchedulerLock (or @NodeLocal for this node's own memory)");
                    continue;
                }
                if (!java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
                    problems.add(where + ": not public");
                }
                if (m.getReturnType() != void.class) {
                    problems.add(where + ": returns " + m.getReturnType().getSimpleName());
                }
                String other = names.put(lock.name(), where);
                if (other != null) {
                    problems.add(where + ": lock name " + lock.name() + " is also " + other + "'s");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(scheduled).as("the jobs found").isGreaterThanOrEqualTo(10);
    }
}
