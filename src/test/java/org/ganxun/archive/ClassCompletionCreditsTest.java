package org.ganxun.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.training.ClassCompleted;
import org.ganxun.training.ClassType;
import org.ganxun.training.CompletionOutcome;
import org.ganxun.training.TrainingClasses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The archive credits a completed class's hours once: replaying ClassCompleted credits nothing twice. */
@IntegrationTest
class ClassCompletionCreditsTest {

    @Autowired Fixture fixture;
    @Autowired ClassCompletionCredits credits;
    @Autowired JdbcClient jdbc;

    @Test
    void replayedEventCreditsNothingTwice() {
        long org = fixture.org(null, Fixture.unique("档案县"), "COUNTY");
        long passed = fixture.cadre("结业甲", org);
        long failed = fixture.cadre("结业乙", org);
        long classId = 900_000_000L + System.nanoTime() % 1_000_000;
        ClassCompleted event = new ClassCompleted(classId, "乡村振兴专题培训班", "县委党校", LocalDate.of(2025, 5, 6), LocalDate.of(2025, 5, 10),
                ClassType.ROTATION, true, new BigDecimal("40"), List.of(
                        new ClassCompleted.Trainee(1, passed, new BigDecimal("36.5"), true, CompletionOutcome.COMPLETED, false),
                        new ClassCompleted.Trainee(2, failed, BigDecimal.ZERO, false, CompletionOutcome.NO_CERTIFICATE, true)));
        credits.credit(event);
        credits.credit(event); // the event publication registry may deliver it again after a crash
        var rows = jdbc.sql("select cadre_id, hours, source, delivery, full_time, training_type, status from archive_entry where source_ref = ?")
                .param(TrainingClasses.archiveSourceRef(classId)).query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(((Number) rows.get(0).get("cadre_id")).longValue()).isEqualTo(passed);
        assertThat((BigDecimal) rows.get(0).get("hours")).isEqualByComparingTo("36.5");
        assertThat(rows.get(0).get("source")).isEqualTo("CLASS_COMPLETION");
        assertThat(rows.get(0).get("delivery")).isEqualTo("CONCENTRATED");
        assertThat(rows.get(0).get("training_type")).isEqualTo("ROTATION");
        assertThat(rows.get(0).get("full_time")).isEqualTo(true);
        assertThat(rows.get(0).get("status")).isEqualTo("APPROVED");
        assertThat(TrainingClasses.archiveSourceRef(classId)).isEqualTo("TC-" + classId);
    }
}
