package org.ganxun.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ganxun.compliance.internal.standing.ComplianceChecks;
import org.ganxun.compliance.internal.ruleset.NationalRules;
import org.ganxun.compliance.internal.ruleset.RuleDocument;
import org.ganxun.compliance.internal.ruleset.RuleSet;
import org.ganxun.compliance.internal.ruleset.RuleSetStore;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.training.Enrollments;
import org.ganxun.training.SessionView;
import org.ganxun.training.TrainingClasses;
import org.ganxun.training.TrainingFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A 56-学时 class worked by hand. Sessions of 8, 0.5, 5.6, 0.4 and 41.5 学时 make the boundaries exact:
 * 《干部教育培训工作条例》（2023）第十五条 — leave above 1/7 of 56 = 8 学时 → 退学 (8 allowed, 8.5 dismissed);
 * local rule of seed report 002 — absence above 1/10 of 56 = 5.6 学时 → no certificate (5.6 allowed, 6.0 not);
 * a failed assessment → no certificate and, that year, no 优秀 in the annual appraisal.
 */
@IntegrationTest
class CompletionTest {

    @Autowired TrainingFixture tf;
    @Autowired TrainingClasses classes;
    @Autowired Enrollments enrollments;
    @Autowired Attendance attendance;
    @Autowired Leaves leaves;
    @Autowired Completion completion;
    @Autowired Certificates certificates;
    @Autowired ComplianceChecks compliance;
    @Autowired RuleSetStore ruleSets;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    record Trainee(long cadreId, CurrentUser user, long enrollmentId) {
    }

    @Test
    void boundariesOfLeaveAndAbsenceAssessmentCertificatesArchiveAndAppraisal() throws Exception {
        TrainingFixture.County c = tf.county();
        LocalDate d0 = LocalDate.now(Classroom.ZONE).minusDays(12);
        List<TrainingClasses.SessionForm> sessions = new ArrayList<>();
        String[] hours = {"8", "0.5", "5.6", "0.4", "41.5"};
        for (int i = 0; i < hours.length; i++) {
            sessions.add(new TrainingClasses.SessionForm(null, d0.plusDays(i), LocalTime.of(9, 0), LocalTime.of(12, 0),
                    "专题" + (i + 1), null, null, new BigDecimal(hours[i])));
        }
        long cls = tf.fixture.as(c.registrar, () -> classes.create(c.form(Fixture.unique("结业规则测试班"), d0, d0.plusDays(4),
                List.of(), 10, sessions)).id());
        tf.fixture.as(c.registrar, () -> classes.submit(cls));
        tf.fixture.as(c.admin, () -> classes.approve(cls, null));
        List<Long> s = classes.sessions(cls).stream().map(SessionView::id).toList();
        assertThat(tf.fixture.as(c.admin, () -> classes.get(cls)).totalHours()).isEqualByComparingTo("56");

        List<Trainee> t = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long cadre = c.staff("学员" + "甲乙丙丁戊己".charAt(i), i % 2 == 0 ? c.townA : c.townB);
            CurrentUser u = tf.fixture.user(Fixture.unique("xy"), Role.CADRE, null, null, cadre);
            long e = tf.fixture.as(c.admin, () -> enrollments.name(cls, cadre)).enrollment().id();
            t.add(new Trainee(cadre, u, e));
        }
        // t0 leave exactly 8 (= 1/7: allowed); t1 leave 8.5 (退学); t2 absent exactly 5.6 (= 1/10: allowed);
        // t3 absent 6.0 (no certificate); t4 fails 理论考试; t5 attends everything and passes
        Leaves.LeaveView l0 = tf.fixture.as(t.get(0).user(), () -> leaves.request(cls, new Leaves.LeaveForm(List.of(s.get(0)), "因公出差")));
        Leaves.LeaveView l1 = tf.fixture.as(t.get(1).user(), () -> leaves.request(cls, new Leaves.LeaveForm(List.of(s.get(0), s.get(1)), "病假")));
        assertThat(l0.hours()).isEqualByComparingTo("8");
        assertThat(l1.hours()).isEqualByComparingTo("8.5");
        Leaves.Decided a0 = tf.fixture.as(c.registrar, () -> leaves.approve(l0.id(), null));
        Leaves.Decided a1 = tf.fixture.as(c.registrar, () -> leaves.approve(l1.id(), "同意"));
        assertThat(a0.warning()).isNull();
        assertThat(a1.warning()).contains("8.5学时").contains("1/7").contains("退学").contains("第十五条");
        tf.fixture.as(t.get(0).user(), () -> leaves.reportBack(l0.id(), "已返回"));
        assertThatThrownBy(() -> tf.fixture.as(t.get(0).user(), () -> leaves.request(cls, new Leaves.LeaveForm(List.of(s.get(0)), "再请"))))
                .hasMessageContaining("已有请假申请");

        // roll call: everyone present except the leave above and the absences
        for (int si = 0; si < s.size(); si++) {
            List<Attendance.Mark> marks = new ArrayList<>();
            for (int ti = 0; ti < t.size(); ti++) {
                boolean onLeave = (ti == 0 && si == 0) || (ti == 1 && si <= 1);
                boolean absent = (ti == 2 && si == 2) || (ti == 3 && (si == 2 || si == 3));
                if (onLeave) {
                    continue;
                }
                if (absent) {
                    if (ti == 3 && si == 3) {
                        marks.add(new Attendance.Mark(t.get(ti).enrollmentId(), AttendanceStatus.ABSENT, "无故缺课"));
                    }
                    continue; // t2/t3 at session 3: no mark, the ended session counts as absent
                }
                marks.add(new Attendance.Mark(t.get(ti).enrollmentId(), AttendanceStatus.PRESENT, null));
            }
            long sid = s.get(si);
            tf.fixture.as(c.registrar, () -> attendance.rollCall(sid, marks));
        }
        // a correction is audited
        tf.fixture.as(c.registrar, () -> attendance.rollCall(s.get(4), List.of(new Attendance.Mark(t.get(5).enrollmentId(), AttendanceStatus.LATE, "迟到15分钟"))));
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'CORRECT_ATTENDANCE' and entity_id = ?")
                .param(s.get(4) + ":" + t.get(5).enrollmentId()).query(Long.class).single()).isEqualTo(1);

        // assessment: the four components of seed 002, all 80 except t4's 理论考试 50
        List<Completion.Component> comps = tf.fixture.as(c.registrar, () -> completion.setComponents(cls, null));
        assertThat(comps).extracting(Completion.Component::name).containsExactly("平时表现", "守纪情况", "调研报告", "理论考试");
        List<Completion.ScoreForm> scores = new ArrayList<>();
        for (Trainee x : t) {
            for (Completion.Component comp : comps) {
                boolean fail = x == t.get(4) && comp.name().equals("理论考试");
                scores.add(new Completion.ScoreForm(x.enrollmentId(), comp.id(), new BigDecimal(fail ? "50" : "80")));
            }
        }
        tf.fixture.as(c.registrar, () -> {
            completion.scores(cls, scores);
            return null;
        });

        Completion.Results done = tf.fixture.as(c.registrar, () -> completion.complete(cls));
        Map<Long, Completion.TraineeResult> r = new java.util.HashMap<>();
        done.trainees().forEach(x -> r.put(x.enrollmentId(), x));

        Completion.TraineeResult r0 = r.get(t.get(0).enrollmentId());
        assertThat(r0.leaveHours()).isEqualByComparingTo("8");
        assertThat(r0.outcome()).isEqualTo(CompletionOutcome.COMPLETED);
        assertThat(r0.hoursEarned()).isEqualByComparingTo("48");

        Completion.TraineeResult r1 = r.get(t.get(1).enrollmentId());
        assertThat(r1.leaveHours()).isEqualByComparingTo("8.5");
        assertThat(r1.outcome()).isEqualTo(CompletionOutcome.DISMISSED);
        assertThat(r1.hoursEarned()).isEqualByComparingTo("0");
        assertThat(String.join("", r1.reasons())).contains("请假8.5学时").contains("1/7").contains("《干部教育培训工作条例》（2023）第十五条");

        Completion.TraineeResult r2 = r.get(t.get(2).enrollmentId());
        assertThat(r2.absenceHours()).isEqualByComparingTo("5.6");
        assertThat(r2.outcome()).isEqualTo(CompletionOutcome.COMPLETED);
        assertThat(r2.hoursEarned()).isEqualByComparingTo("50.4");

        Completion.TraineeResult r3 = r.get(t.get(3).enrollmentId());
        assertThat(r3.absenceHours()).isEqualByComparingTo("6.0");
        assertThat(r3.outcome()).isEqualTo(CompletionOutcome.NO_CERTIFICATE);
        assertThat(String.join("", r3.reasons())).contains("缺课6学时").contains("1/10").contains("依据：本地规定：凡缺课");

        Completion.TraineeResult r4 = r.get(t.get(4).enrollmentId());
        assertThat(r4.outcome()).isEqualTo(CompletionOutcome.NO_CERTIFICATE);
        assertThat(String.join("", r4.reasons())).contains("理论考试50分，低于合格线60分");
        assertThat(r4.score()).isEqualByComparingTo("71"); // (80·20 + 80·20 + 80·30 + 50·30) / 100

        Completion.TraineeResult r5 = r.get(t.get(5).enrollmentId());
        assertThat(r5.outcome()).isEqualTo(CompletionOutcome.COMPLETED);
        assertThat(r5.lateCount()).isEqualTo(1);
        assertThat(r5.hoursEarned()).isEqualByComparingTo("56");

        assertThat(jdbc.sql("select status from enrollment where id = ?").param(t.get(1).enrollmentId()).query(String.class).single()).isEqualTo("DISMISSED");
        assertThat(jdbc.sql("select status from enrollment where id = ?").param(t.get(3).enrollmentId()).query(String.class).single()).isEqualTo("NOT_COMPLETED");
        assertThat(jdbc.sql("select status from training_class where id = ?").param(cls).query(String.class).single()).isEqualTo("COMPLETED");
        assertThatThrownBy(() -> tf.fixture.as(c.registrar, () -> completion.complete(cls))).isInstanceOf(BusinessException.class);

        // the archive credits the passed trainees' hours (asynchronously, after commit), once
        String ref = TrainingClasses.archiveSourceRef(cls);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jdbc.sql("select count(*) from archive_entry where source_ref = ?").param(ref).query(Long.class).single() < 3
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<Map<String, Object>> credited = jdbc.sql("""
                select cadre_id, hours, delivery, full_time, training_type, source from archive_entry where source_ref = ? order by cadre_id""")
                .param(ref).query().listOfRows();
        assertThat(credited).hasSize(3);
        Map<Long, BigDecimal> hoursByCadre = new java.util.HashMap<>();
        credited.forEach(x -> hoursByCadre.put(((Number) x.get("cadre_id")).longValue(), (BigDecimal) x.get("hours")));
        assertThat(hoursByCadre.get(t.get(0).cadreId())).isEqualByComparingTo("48");
        assertThat(hoursByCadre.get(t.get(2).cadreId())).isEqualByComparingTo("50.4");
        assertThat(hoursByCadre.get(t.get(5).cadreId())).isEqualByComparingTo("56");
        assertThat(credited.get(0).get("delivery")).isEqualTo("CONCENTRATED");
        assertThat(credited.get(0).get("training_type")).isEqualTo("THEMATIC");
        assertThat(credited.get(0).get("full_time")).isEqualTo(true);

        // failing the assessment bars 优秀 that year (seed 002)
        int year = d0.plusDays(4).getYear();
        ComplianceChecks.AppraisalCheck failed = tf.fixture.as(c.admin, () -> compliance.appraisal(t.get(4).cadreId(), year));
        assertThat(failed.eligibleForExcellent()).isFalse();
        assertThat(failed.reasons()).anyMatch(x -> x.code().equals("CLASS_ASSESSMENT_FAILED") && x.source().startsWith("本地规定："));
        ComplianceChecks.AppraisalCheck passed = tf.fixture.as(c.admin, () -> compliance.appraisal(t.get(5).cadreId(), year));
        assertThat(passed.reasons()).noneMatch(x -> x.code().equals("CLASS_ASSESSMENT_FAILED"));
        // ... because the rule set says so (RULES.md: a local choice): a county whose rules instead bar promotion that
        // year, and not 优秀, gets exactly that, with its own source cited
        RuleSet national = NationalRules.defaults();
        String ownRule = "某县规定：干部教育培训考核不合格的，当年不得提拔使用";
        tf.fixture.as(c.admin, () -> ruleSets.saveVersion(c.county, "某县培训规则", LocalDate.of(2000, 1, 1),
                new RuleDocument(national.requirements(), national.conversions(), national.caps(), national.carryOver(),
                        new RuleSet.AssessmentUse(false, true, ownRule)), null));
        ComplianceChecks.AppraisalCheck local = tf.fixture.as(c.admin, () -> compliance.appraisal(t.get(4).cadreId(), year));
        assertThat(local.reasons()).noneMatch(x -> x.code().equals("CLASS_ASSESSMENT_FAILED"));
        ComplianceChecks.PromotionCheck promotion = tf.fixture.as(c.admin, () -> compliance.promotion(t.get(4).cadreId(),
                new ComplianceChecks.PromotionRequest(org.ganxun.people.RankLevel.STAFF, null, false, LocalDate.of(year, 12, 31))));
        assertThat(promotion.complete()).isFalse();
        assertThat(promotion.unmet()).anySatisfy(x -> {
            assertThat(x.code()).isEqualTo("CLASS_ASSESSMENT_FAILED");
            assertThat(x.source()).isEqualTo(ownRule);
            assertThat(x.refuses()).isTrue();
        });
        assertThat(promotion.conclusion()).contains("当年不得提任");
        assertThat(tf.fixture.as(c.admin, () -> compliance.promotion(t.get(5).cadreId(),
                new ComplianceChecks.PromotionRequest(org.ganxun.people.RankLevel.STAFF, null, false, LocalDate.of(year, 12, 31)))).unmet())
                .noneMatch(x -> x.code().equals("CLASS_ASSESSMENT_FAILED"));

        // certificates: three issued; a revoked one says so on the public verification page
        List<Certificates.CertificateView> certs = tf.fixture.as(c.registrar, () -> certificates.ofClass(cls));
        assertThat(certs).hasSize(3);
        Certificates.CertificateView c2 = certs.stream().filter(x -> x.enrollmentId() == t.get(2).enrollmentId()).findFirst().orElseThrow();
        tf.fixture.as(c.registrar, () -> certificates.revoke(c2.id(), "学员考勤记录经复核有误"));
        ApiSession anonymous = new ApiSession(port);
        JsonNode v = anonymous.getJson("/api/public/certificates/" + c2.serial());
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("statusLabel").asString()).isEqualTo("已撤销");
        assertThat(v.get("message").asString()).contains("被撤销，不再有效");
        // the registrar's reason may name the trainee's misconduct: it stays with the registrar, not on the public page
        assertThat(v.toString()).doesNotContain("学员考勤记录经复核有误");
        assertThat(v.get("revokedOn").asString()).isEqualTo(LocalDate.now(Classroom.ZONE).toString());
        assertThat(v.get("maskedName").asString()).contains("*").doesNotContain(jdbc.sql("select name from cadre where id = ?")
                .param(t.get(2).cadreId()).query(String.class).single());
        assertThat(v.has("cadreId")).isFalse();
        Certificates.CertificateView c5 = certs.stream().filter(x -> x.enrollmentId() == t.get(5).enrollmentId()).findFirst().orElseThrow();
        JsonNode ok = anonymous.getJson("/api/public/certificates/" + c5.serial());
        assertThat(ok.get("valid").asBoolean()).isTrue();
        assertThat(ok.get("hours").decimalValue()).isEqualByComparingTo("56");
        assertThat(anonymous.get("/api/public/certificates/2026-NOSUCHCODE").status()).isEqualTo(404);

        // batch printing: one page per valid certificate; the dossier zips every part
        byte[] batch = tf.fixture.as(c.registrar, () -> certificates.batch(cls, "http://localhost"));
        assertThat(new String(batch, 0, 5)).isEqualTo("%PDF-");
        try (com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(batch)) {
            assertThat(reader.getNumberOfPages()).isEqualTo(2);
        }
        ApiSession registrar = new ApiSession(port);
        registrar.login(c.registrar.username(), Fixture.PASSWORD);
        ApiSession.Response zip = registrar.get("/api/training/classes/" + cls + "/dossier.zip");
        assertThat(zip.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("01_班次备案信息.xlsx", "02_学员名册.xlsx", "03_课程表.xlsx", "04_考勤表.xlsx", "05_请假记录.xlsx",
                "06_考核结业.xlsx", "07_评教结果.xlsx", "08_结业证书.pdf");

        // each download is one EXPORT audit entry with its filter and row count; the dossier's certificates are
        // part of the dossier, not a second entry
        assertThat(jdbc.sql("""
                select after_data ->> 'rows' from audit_log where action = 'EXPORT' and entity_type = 'Certificate'
                and after_data -> 'filter' ->> 'classId' = ?""").param(String.valueOf(cls)).query(String.class).list())
                .containsExactly("2");
        assertThat(jdbc.sql("""
                select after_data ->> 'rows' from audit_log where action = 'EXPORT' and entity_type = 'TrainingClass'
                and entity_id = ? and actor_username = ?""").params(String.valueOf(cls), c.registrar.username())
                .query(String.class).list()).containsExactly("6");
        ApiSession trainee = new ApiSession(port);
        trainee.login(t.get(5).user().username(), Fixture.PASSWORD);
        assertThat(trainee.get("/api/training/certificates/" + c5.id() + ".pdf").status()).isEqualTo(200);
        assertThat(jdbc.sql("""
                select after_data ->> 'rows' from audit_log where action = 'EXPORT' and entity_type = 'Certificate'
                and entity_id = ? and actor_username = ?""").params(String.valueOf(c5.id()), t.get(5).user().username())
                .query(String.class).list()).containsExactly("1");
    }

    @Test
    void policyAtTheBoundariesByHand() {
        CompletionRules.Rule leave = new CompletionRules.Rule(CompletionRules.LEAVE_SHARE, "请假", 1, 7, CompletionOutcome.DISMISSED,
                "《干部教育培训工作条例》第十五条", false);
        CompletionRules.Rule absence = new CompletionRules.Rule(CompletionRules.ABSENCE_SHARE, "缺课", 1, 10, CompletionOutcome.NO_CERTIFICATE,
                "本地规定", false);
        BigDecimal total = new BigDecimal("56");
        assertThat(leave.exceeded(new BigDecimal("8"), total)).isFalse();
        assertThat(leave.exceeded(new BigDecimal("8.01"), total)).isTrue();
        assertThat(absence.exceeded(new BigDecimal("5.6"), total)).isFalse();
        assertThat(absence.exceeded(new BigDecimal("5.61"), total)).isTrue();
        CompletionPolicy.Verdict both = CompletionPolicy.decide(new Attendance.Tally(total, new BigDecimal("40"), new BigDecimal("9"),
                new BigDecimal("7"), 0), List.of(leave, absence), new CompletionPolicy.Assessment(List.of()));
        assertThat(both.outcome()).isEqualTo(CompletionOutcome.DISMISSED); // the graver outcome wins, both reasons shown
        assertThat(both.reasons()).hasSize(2);
        assertThat(Attendance.status(null, false, true)).isEqualTo(AttendanceStatus.ABSENT);
        assertThat(Attendance.status(null, false, false)).isEqualTo(AttendanceStatus.NOT_YET);
        assertThat(Attendance.status(null, true, true)).isEqualTo(AttendanceStatus.LEAVE);
        assertThat(Attendance.status(AttendanceStatus.LATE, true, true)).isEqualTo(AttendanceStatus.LATE);
    }

    /** A class whose last sessions were dropped is completed before its planned end: its 学时 count on the day of 结业. */
    @Test
    void aClassCompletedBeforeItsPlannedEndCreditsTheDayOfCompletion() throws Exception {
        TrainingFixture.County c = tf.county();
        LocalDate today = LocalDate.now(Classroom.ZONE);
        LocalDate d0 = today.minusDays(5);
        LocalDate plannedEnd = today.plusDays(40); // e.g. planned into January, finished in December
        List<TrainingClasses.SessionForm> sessions = List.of(
                new TrainingClasses.SessionForm(null, d0, LocalTime.of(9, 0), LocalTime.of(12, 0), "专题一", null, null, new BigDecimal("3")),
                new TrainingClasses.SessionForm(null, d0.plusDays(1), LocalTime.of(9, 0), LocalTime.of(12, 0), "专题二", null, null, new BigDecimal("3")));
        long cls = tf.fixture.as(c.registrar, () -> classes.create(c.form(Fixture.unique("提前结业班"), d0, plannedEnd,
                List.of(), 10, sessions)).id());
        tf.fixture.as(c.registrar, () -> classes.submit(cls));
        tf.fixture.as(c.admin, () -> classes.approve(cls, null));
        long cadre = c.staff("提前结业学员", c.townA);
        long e = tf.fixture.as(c.admin, () -> enrollments.name(cls, cadre)).enrollment().id();
        for (SessionView sv : classes.sessions(cls)) {
            tf.fixture.as(c.registrar, () -> attendance.rollCall(sv.id(), List.of(new Attendance.Mark(e, AttendanceStatus.PRESENT, null))));
        }
        tf.fixture.as(c.registrar, () -> completion.complete(cls));

        String ref = TrainingClasses.archiveSourceRef(cls);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jdbc.sql("select count(*) from archive_entry where source_ref = ?").param(ref).query(Long.class).single() < 1
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Map<String, Object> entry = jdbc.sql("select hours, credited_on from archive_entry where source_ref = ? and cadre_id = ?")
                .params(ref, cadre).query().singleRow();
        assertThat((BigDecimal) entry.get("hours")).isEqualByComparingTo("6");
        assertThat(((java.sql.Date) entry.get("credited_on")).toLocalDate()).isEqualTo(today);
        // the certificate (and its public check page) give the same period as the archive
        Certificates.CertificateView cert = tf.fixture.as(c.registrar, () -> certificates.ofClass(cls)).get(0);
        assertThat(cert.endsOn()).isEqualTo(today);
        assertThat(certificates.verify(cert.serial()).endsOn()).isEqualTo(today);
    }
}
