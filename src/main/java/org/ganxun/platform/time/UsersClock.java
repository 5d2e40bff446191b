package org.ganxun.platform.time;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the application: the time in the users' time zone (GANXUN_TIME_ZONE, Asia/Shanghai when
 * unset), so that "today" is the users' day even on a server whose clock is set to UTC. Code that needs the
 * date or the time takes this {@link Clock} by injection and asks {@code LocalDate.now(clock)},
 * {@code Instant.now(clock)} and so on, never the argument-less {@code now()}: tests then set the day they need
 * (see the test support's {@code TestClock}) instead of dating their data years ahead to stay clear of today.
 *
 * <p>What this clock does not govern: the database's {@code now()} / {@code current_date} (a query that compares
 * with "today" takes the date from this clock as a parameter), ShedLock's lock times, and durations measured
 * for logs or caches ({@code System.nanoTime()}/{@code currentTimeMillis()}), which are real elapsed time.
 */
@Configuration(proxyBeanMethods = false)
public class UsersClock {

    /** The zone when GANXUN_TIME_ZONE is unset: the timetables run on Beijing time. */
    public static final String DEFAULT_ZONE = "Asia/Shanghai";

    /** The users' zone named by {@code configured} (GANXUN_TIME_ZONE), or {@link #DEFAULT_ZONE} when blank. */
    public static ZoneId zone(String configured) {
        return ZoneId.of(configured == null || configured.isBlank() ? DEFAULT_ZONE : configured.strip());
    }

    /** Bean Validation's {@code @Past}, {@code @FutureOrPresent} and the like judge by the same clock. */
    @Bean
    ValidationConfigurationCustomizer validationClock(Clock clock) {
        return configuration -> configuration.clockProvider(() -> clock);
    }

    @Bean
    Clock clock(@Value("${GANXUN_TIME_ZONE:" + DEFAULT_ZONE + "}") String zone) {
        return Clock.system(zone(zone));
    }
}
