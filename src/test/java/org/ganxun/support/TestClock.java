package org.ganxun.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.ganxun.platform.time.UsersClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * The application's clock in integration tests: the real time in the users' zone (as {@link UsersClock}) until
 * a test sets the day it needs, and the real time again after each test.
 *
 * <p>Every {@link IntegrationTest} gets this clock as the application's {@link Clock} (a {@code @Primary} bean), so
 * whatever the code calls "today" ({@code LocalDate.now(clock)}) is the test's day. A test that depends on the date
 * — a class that must still be ahead, a year's hours, a deadline — sets a fixed date near the present instead of
 * dating its data years ahead to stay clear of today:
 *
 * <pre>{@code
 * @Autowired TestClock clock;
 *
 * @Test
 * void candidatesTrainedLeastAndLongestAgoComeFirst() {
 *     clock.setToday(LocalDate.of(2026, 3, 2));           // 10:00 on that day, Beijing time; the clock runs on
 *     long cls = c.approved("春季轮训班", LocalDate.of(2026, 4, 6), ...);
 *     ...
 * }
 * }</pre>
 *
 * <p>The context (and so this clock) is shared by all integration test classes, which run one after another:
 * {@link Reset} puts the clock back to the real time after every test method, whether it passed or not, so no
 * test has to remember to. While a test has moved the clock, everything that reads the application's clock is
 * moved too (Spring Modulith stamps its event publications with it); the database's {@code now()} and
 * {@code current_date} are not — a query that compares with "today" takes the date from the clock as a parameter.
 */
public class TestClock extends Clock {

    /** The time of day {@link #setToday} starts at: office hours, well clear of midnight. */
    public static final LocalTime MORNING = LocalTime.of(10, 0);

    private final ZoneId zone;
    private volatile Duration offset = Duration.ZERO;

    public TestClock(ZoneId zone) {
        this.zone = zone;
    }

    /** From now on the users' day is {@code day}, starting at {@link #MORNING}; the clock keeps running. */
    public void setToday(LocalDate day) {
        set(day.atTime(MORNING));
    }

    /** From now on the users' time is {@code time} (in the users' zone); the clock keeps running. */
    public void set(LocalDateTime time) {
        offset = Duration.between(Instant.now(), time.atZone(zone).toInstant());
    }

    /** Moves the clock on (or back, with a negative amount). */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** The real time again. */
    public void reset() {
        offset = Duration.ZERO;
    }

    /** The users' day by this clock. */
    public LocalDate today() {
        return LocalDate.now(this);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        TestClock self = this;
        return other.equals(zone) ? this : new Clock() {
            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return self.withZone(z);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    /** The clock as the application's {@link Clock}, imported by {@link IntegrationTest}. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        TestClock testClock(@Value("${GANXUN_TIME_ZONE:" + UsersClock.DEFAULT_ZONE + "}") String zone) {
            return new TestClock(UsersClock.zone(zone));
        }
    }

    /** Puts the shared clock back to the real time after every test method of an {@link IntegrationTest}. */
    public static class Reset implements TestExecutionListener {

        @Override
        public void afterTestMethod(TestContext testContext) {
            if (testContext.hasApplicationContext()) {
                testContext.getApplicationContext().getBean(TestClock.class).reset();
            }
        }
    }
}
