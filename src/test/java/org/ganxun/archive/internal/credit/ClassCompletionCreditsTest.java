package org.ganxun.archive.internal.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.ArchiveEntry;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.archive.TrainingType;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.classroom.ClassCompleted;
import org.ganxun.training.ClassType;
import org.ganxun.classroom.CompletionOutcome;
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
    @Autowired ArchiveEntries entries;

    @Test
    void replayedEventCreditsNothingTwice() {
        long org = fixture.org(null, Fixture.unique("档案县"), "COUNTY");
        long passed = fixture.cadre("结业甲", org);
        long failed = fixture.cadre("结业乙", org);
        long classId = 900_000_000L + System.nanoTime() % 1_000_000;
        ClassCompleted event = new ClassCompleted(classId, "乡村振兴专题培训班", "县委党校", LocalDate.of(2025, 5, 6), LocalDate.of(2025, 5, 10),
                ClassType.ROTATION, true, new BigDecimal("40"), List.of(
                        new ClassCompleted.Trainee(1, passed, new BigDecimal("36.5"), true, CompletionOutcome.COMPLETED, false),
                        new ClassCompleted.Trainee(2, failed, BigDecimal.ZERO, false, CompletionOutcome.NO_CERTIFICATE, true)),
                LocalDate.of(2025, 5, 10));
        credits.credit(event);
        credits.credit(event); // the event publication registry may deliver it again after a crash
        var rows = jdbc.sql("select cadre_id, hours, source, delivery, full_time, training_type, status, days from archive_entry where source_ref = ?")
                .param(TrainingClasses.archiveSourceRef(classId)).query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(((Number) rows.get(0).get("cadre_id")).longValue()).isEqualTo(passed);
        assertThat((BigDecimal) rows.get(0).get("hours")).isEqualByComparingTo("36.5");
        assertThat(rows.get(0).get("source")).isEqualTo("CLASS_COMPLETION");
        assertThat(rows.get(0).get("delivery")).isEqualTo("CONCENTRATED");
        assertThat(rows.get(0).get("training_type")).isEqualTo("ROTATION");
        assertThat(rows.get(0).get("full_time")).isEqualTo(true);
        assertThat(rows.get(0).get("status")).isEqualTo("APPROVED");
        // 条例第十四条 ("12天或者90学时"): a full-time class credits its days too. Term 2025-05-06 … 05-10 = 5 days;
        // 36.5 of the class's 40 学时 attended: 5 × 36.5 / 40 = 4.5625, cut to 4.56 days
        assertThat((BigDecimal) rows.get(0).get("days")).isEqualByComparingTo("4.56");
        assertThat(TrainingClasses.archiveSourceRef(classId)).isEqualTo("TC-" + classId);
    }

    @Test
    void aReportCannotTakeTheClasssReferenceAndKeepItsCompletionFromBeingCredited() {
        long org = fixture.org(null, Fixture.unique("申报县"), "COUNTY");
        long trainee = fixture.cadre("申报甲", org);
        CurrentUser cadre = fixture.user(Fixture.unique("sbj"), Role.CADRE, null, null, trainee);
        long classId = 910_000_000L + System.nanoTime() % 1_000_000;
        String ref = TrainingClasses.archiveSourceRef(classId);
        LocalDate ends = LocalDate.now().minusDays(1);
        ArchiveEntries.Attachment pdf = new ArchiveEntries.Attachment("证书.pdf", "application/pdf", "%PDF-1.4\n%%EOF".getBytes());
        // a report posing as the class's completion (same source and reference) is refused
        assertThatThrownBy(() -> fixture.as(cadre, () -> entries.report(new ArchiveEntries.EntryRequest(trainee,
                CreditSource.CLASS_COMPLETION, ref, "秋季中青年干部培训班", null, ends, ends, ends, new BigDecimal("500"),
                QuantityUnit.HOURS, null, Delivery.CONCENTRATED, true, true, TrainingType.APPOINTMENT, null), pdf)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getMessage()).contains("系统自动计入"));
        // an external-training report never carries a system reference
        ArchiveEntry external = fixture.as(cadre, () -> entries.report(new ArchiveEntries.EntryRequest(trainee,
                CreditSource.EXTERNAL_TRAINING, ref, "省委党校专题班", null, ends, ends, ends, new BigDecimal("16"),
                QuantityUnit.HOURS, null, Delivery.CONCENTRATED, true, true, TrainingType.THEMATIC, null), pdf));
        assertThat(external.sourceRef()).isNull();

        credits.credit(new ClassCompleted(classId, "秋季中青年干部培训班", "县委党校", ends.minusDays(4), ends, ClassType.CORE, true,
                new BigDecimal("40"), List.of(new ClassCompleted.Trainee(1, trainee, new BigDecimal("40"), true,
                CompletionOutcome.COMPLETED, false)), ends));
        var row = jdbc.sql("select hours, status from archive_entry where cadre_id = ? and source = 'CLASS_COMPLETION' and source_ref = ?")
                .params(trainee, ref).query().singleRow();
        assertThat((BigDecimal) row.get("hours")).isEqualByComparingTo("40");
        assertThat(row.get("status")).isEqualTo("APPROVED");
    }
}
