package org.ganxun;

import java.util.TimeZone;

import org.ganxun.platform.time.UsersClock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@EnableAsync
public class GanxunApplication {

    public static void main(String[] args) {
        useUsersTimeZone();
        SpringApplication.run(GanxunApplication.class, args);
    }

    /**
     * "Today" is the users' day everywhere: ages, statistics dates, default change dates and the database
     * session's {@code current_date} (the JDBC driver takes its zone from the JVM) must agree with the
     * timetables, which run on Beijing time, even on a server whose clock is set to UTC. Code asks the injected
     * {@link java.time.Clock} ({@link UsersClock}) for the date, in the same zone.
     */
    static void useUsersTimeZone() {
        TimeZone.setDefault(TimeZone.getTimeZone(UsersClock.zone(System.getenv("GANXUN_TIME_ZONE"))));
    }
}
