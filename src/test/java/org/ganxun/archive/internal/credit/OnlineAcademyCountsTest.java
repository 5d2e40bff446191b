package org.ganxun.archive.internal.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.ganxun.compliance.internal.standing.Standing;
import org.ganxun.compliance.internal.standing.StandingService;
import org.ganxun.learning.CourseCompleted;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A course completed in Ganxun's own 网络学院 counts toward the yearly online requirement (《全国干部教育培训规划
 * (2023-2027年)》: 50 学时 of online self-study a year) as hours imported from another platform do — the rule set
 * lists the source (issue 15 item 4), so the new source must be on that list (V122), or it would count toward nothing.
 */
@IntegrationTest
class OnlineAcademyCountsTest {

    @Autowired Fixture fixture;
    @Autowired CourseCompletionCredits credits;
    @Autowired StandingService standings;

    @Test
    void academyHoursCountTowardTheYearlyOnlineRequirementAndNotTowardConcentratedTraining() {
        long org = fixture.org(null, Fixture.unique("网院计时县"), "COUNTY");
        long cadre = fixture.cadre("网院丙", org);
        LocalDate today = LocalDate.now();
        long courseId = 940_000_000L + System.nanoTime() % 1_000_000;
        // a 150-minute course at ≥ 30 min = 1 学时 … credited at the course's 2.5 学时, as the course said
        credits.credit(new CourseCompleted(courseId, cadre, "新时代党的组织路线", "王老师", "县委组织部", new BigDecimal("2.5"),
                null, 9000, 9000, today));
        StandingService.PersonStanding s = fixture.as(Fixture.systemAdmin(), () -> standings.of(cadre, today));
        Standing online = s.standings().stream().filter(x -> x.code().equals("ONLINE_YEARLY")).findFirst().orElseThrow();
        // 50 required, 2.5 counted, 47.5 missing (worked by hand: 50 − 2.5)
        assertThat(online.countedHours()).isEqualByComparingTo("2.5");
        assertThat(online.missingHours()).isEqualByComparingTo("47.5");
        assertThat(online.explanation()).contains("网络学院");
    }
}
