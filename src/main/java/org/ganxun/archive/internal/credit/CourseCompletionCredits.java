package org.ganxun.archive.internal.credit;


import java.math.BigDecimal;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.HoursConverter;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.learning.Assignments;
import org.ganxun.learning.CourseCompleted;
import org.ganxun.learning.QuizGate;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.security.RunAs;
import org.ganxun.platform.security.Unscoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Credits a course completed in 网络学院 ({@link CourseCompleted}): source {@link CreditSource#ONLINE_ACADEMY},
 * reference "OC-&lt;course id&gt;", delivery ONLINE (so it counts toward the online requirement), the course's 学时 as
 * converted when it was uploaded. Idempotent by (cadre, source, reference) like class completion: a replayed event
 * credits nothing twice.
 *
 * <p>The course test: when the course has a quiz and the learner passed it (completion waits for that), the rule
 * set's {@code onlineTestBonus} is added (RULES.md, online course → 学时: “passing the course test = +0.5”; the
 * national defaults carry it) — the bonus of the rule set governing the learner's unit on the completion day, as the
 * archive converts any entry, and said in the entry's evidence with the rule set's name and version.
 *
 * <p>No double counting with hours imported from other platforms (archive/online): when the learner already has
 * imported online hours (ONLINE_COURSE) for a course of the same title in the same year, this course credits
 * nothing more and says so in the log (the imported record is the one the clerk sees and can correct).
 */
@Component
class CourseCompletionCredits {

    private static final Logger log = LoggerFactory.getLogger(CourseCompletionCredits.class);

    private final ArchiveEntries entries;
    private final JdbcClient jdbc;
    private final Assignments assignments;
    private final QuizGate quizzes;
    private final HoursConverter converter;

    CourseCompletionCredits(ArchiveEntries entries, JdbcClient jdbc, Assignments assignments, QuizGate quizzes, HoursConverter converter) {
        this.quizzes = quizzes;
        this.converter = converter;
        this.entries = entries;
        this.jdbc = jdbc;
        this.assignments = assignments;
    }

    @ApplicationModuleListener
    void on(CourseCompleted event) {
        credit(event);
    }

    /** The work of the listener, callable directly (a replay). Runs as the system: the event has no user. */
    void credit(CourseCompleted e) {
        if (e.hours() == null || e.hours().signum() <= 0) {
            return;
        }
        boolean imported = jdbc.sql(Unscoped.because("the completion listener finds an imported copy of the course") + """
                        select exists (select 1 from archive_entry where cadre_id = ? and source = 'ONLINE_COURSE' and title = ?
                                       and extract(year from credited_on) = ? and status = 'APPROVED')""")
                .params(e.cadreId(), e.title(), e.completedOn().getYear()).query(Boolean.class).single();
        if (imported) {
            log.info("Course {} completed by cadre {}: hours already imported from another platform this year, not credited again",
                    e.courseId(), e.cadreId());
            return;
        }
        // a course of a 必修 assignment that targets the learner is credited as required (archive_entry.required)
        boolean required = assignments.isRequired(e.cadreId(), e.courseId(), e.completedOn());
        TestBonus bonus = testBonus(e);
        BigDecimal hours = e.hours().add(bonus.hours());
        RunAs.system("CourseCompleted: the learning module credited the learner's study of the course", () -> entries.credit(new ArchiveEntries.EntryRequest(e.cadreId(), CreditSource.ONLINE_ACADEMY,
                CourseCompleted.archiveSourceRef(e.courseId()), e.title(), "网络学院" + (e.providerName() == null ? "" : "（" + e.providerName() + "）"),
                e.completedOn(), e.completedOn(), e.completedOn(), hours, QuantityUnit.HOURS, null, Delivery.ONLINE, required, false,
                null, "网络学院课程学完：有效学习" + (e.creditedSeconds() / 60) + "分钟，课程时长" + (e.durationSeconds() / 60) + "分钟"
                        + (e.hoursNote() == null ? "" : "；" + e.hoursNote()) + (bonus.note() == null ? "" : "；" + bonus.note())),
                ClassCompletionCredits.SYSTEM));
    }

    record TestBonus(BigDecimal hours, String note) {
        static final TestBonus NONE = new TestBonus(BigDecimal.ZERO, null);
    }

    /**
     * The rule set's bonus for a passed course test: the difference the test makes to the conversion of the course's
     * minutes (the bands cancel out), by the rule set governing the learner's unit on the completion day.
     */
    TestBonus testBonus(CourseCompleted e) {
        if (!quizzes.passedQuiz(e.cadreId(), e.courseId())) {
            return TestBonus.NONE;
        }
        Long org = jdbc.sql(Unscoped.because("the unit of the learner whose course the listener credits, for its rule set")
                        + "select org_id from cadre_card where id = ?").param(e.cadreId()).query(Long.class).optional().orElse(null);
        if (org == null) {
            return TestBonus.NONE;
        }
        BigDecimal minutes = BigDecimal.valueOf(Math.max(0, e.durationSeconds() / 60));
        try {
            HoursConverter.Conversion with = converter.convert(org, e.completedOn(), CreditSource.ONLINE_ACADEMY, minutes, QuantityUnit.MINUTES, true);
            HoursConverter.Conversion without = converter.convert(org, e.completedOn(), CreditSource.ONLINE_ACADEMY, minutes, QuantityUnit.MINUTES, false);
            BigDecimal b = with.hours().subtract(without.hours());
            if (b.signum() <= 0) {
                return TestBonus.NONE;
            }
            String rule = with.note() == null ? "" : with.note().substring(Math.max(0, with.note().lastIndexOf('（')));
            return new TestBonus(b, "课程测验合格，加" + b.stripTrailingZeros().toPlainString() + "学时" + rule);
        } catch (BusinessException noRules) {
            log.warn("Course {} completed by cadre {}: no rule set for the course test's bonus ({})", e.courseId(), e.cadreId(), noRules.getMessage());
            return TestBonus.NONE;
        }
    }

}
