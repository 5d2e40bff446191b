package org.ganxun.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/** The application's clock is the test's: set to a day, in the users' zone, and the real time again after the test. */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestClockTest {

    @Autowired Clock appClock;
    @Autowired TestClock clock;

    @Test
    @Order(1)
    void theApplicationReadsTheDayATestSets() {
        assertThat(appClock).isSameAs(clock);
        assertThat(appClock.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        clock.setToday(LocalDate.of(2026, 3, 2));
        assertThat(LocalDate.now(appClock)).isEqualTo(LocalDate.of(2026, 3, 2));
        // 10:00 in Beijing, and running on
        LocalDateTime t = LocalDateTime.now(appClock);
        assertThat(t).isAfterOrEqualTo(LocalDateTime.of(2026, 3, 2, 10, 0)).isBefore(LocalDateTime.of(2026, 3, 2, 10, 5));
    }

    @Test
    @Order(2)
    void theNextTestHasTheRealTimeAgain() {
        assertThat(LocalDate.now(appClock)).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")));
    }
}
