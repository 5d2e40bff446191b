package org.ganxun.archive.internal.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.ganxun.archive.CreditSource;
import org.ganxun.learning.CourseCompleted;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A course completed in 网络学院 credits its 学时 once, online, with source 网络学院; not on top of the same imported course. */
@IntegrationTest
class CourseCompletionCreditsTest {

    @Autowired Fixture fixture;
    @Autowired CourseCompletionCredits credits;
    @Autowired JdbcClient jdbc;

    @Test
    void replayedEventCreditsNothingTwice() {
        long org = fixture.org(null, Fixture.unique("网院档案县"), "COUNTY");
        long cadre = fixture.cadre("网院甲", org);
        long courseId = 920_000_000L + System.nanoTime() % 1_000_000;
        LocalDate today = LocalDate.now();
        CourseCompleted event = new CourseCompleted(courseId, cadre, "条例解读", "李老师", "县委组织部", new BigDecimal("0.25"),
                "网络课程1分钟计0.25学时", 60, 60, today);
        credits.credit(event);
        credits.credit(event); // the event publication registry may deliver it again after a crash
        var rows = jdbc.sql("select hours, source, delivery, status, credited_on from archive_entry where cadre_id = ? and source_ref = ?")
                .params(cadre, CourseCompleted.archiveSourceRef(courseId)).query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat((BigDecimal) rows.get(0).get("hours")).isEqualByComparingTo("0.25");
        assertThat(rows.get(0).get("source")).isEqualTo("ONLINE_ACADEMY");
        assertThat(rows.get(0).get("delivery")).isEqualTo("ONLINE"); // counts toward the online requirement
        assertThat(rows.get(0).get("status")).isEqualTo("APPROVED");
        assertThat(CreditSource.ONLINE_ACADEMY.label()).isEqualTo("网络学院");
    }

    @Test
    void aCourseAlreadyImportedFromAnotherPlatformThisYearIsNotCountedTwice() {
        long org = fixture.org(null, Fixture.unique("网院导入县"), "COUNTY");
        long cadre = fixture.cadre("网院乙", org);
        LocalDate today = LocalDate.now();
        jdbc.sql("""
                insert into archive_entry (cadre_id, source, source_ref, title, provider, started_on, ended_on, credited_on, quantity,
                                           quantity_unit, hours, delivery, required, full_time, status, recorded_by)
                values (?, 'ONLINE_COURSE', ?, '条例解读', '省干部网络学院', ?, ?, ?, 1, 'HOURS', 1, 'ONLINE', false, false, 'APPROVED', 'test')""")
                .params(cadre, "P-1@" + today, today, today, today).update();
        long courseId = 930_000_000L + System.nanoTime() % 1_000_000;
        credits.credit(new CourseCompleted(courseId, cadre, "条例解读", "李老师", "县委组织部", new BigDecimal("0.25"), null, 60, 60, today));
        Integer n = jdbc.sql("select count(*) from archive_entry where cadre_id = ? and source = 'ONLINE_ACADEMY'").param(cadre)
                .query(Integer.class).single();
        assertThat(n).isZero();
    }
}
