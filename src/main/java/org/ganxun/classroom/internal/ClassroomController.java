package org.ganxun.classroom.internal;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;

import org.ganxun.classroom.Attendance;
import org.ganxun.classroom.Certificates;
import org.ganxun.classroom.ClassDossier;
import org.ganxun.classroom.Completion;
import org.ganxun.classroom.CompletionRules;
import org.ganxun.classroom.Leaves;
import org.ganxun.classroom.TeachingEvaluations;
import org.ganxun.classroom.Trainees;
import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import org.ganxun.platform.web.PublicUrl;
import org.ganxun.platform.web.Downloads;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The classroom of a running class (registrar side) and the trainee's own endpoints (/api/training/me). */
@RestController
@RequestMapping("/api/training")
class ClassroomController {


    private final Attendance attendance;
    private final Leaves leaves;
    private final CompletionRules rules;
    private final Completion completion;
    private final Certificates certificates;
    private final TeachingEvaluations evaluations;
    private final Trainees trainees;
    private final ClassDossier dossier;
    private final PublicUrl publicUrl;

    ClassroomController(Attendance attendance, Leaves leaves, CompletionRules rules, Completion completion, Certificates certificates,
                        TeachingEvaluations evaluations, Trainees trainees, ClassDossier dossier, PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
        this.attendance = attendance;
        this.leaves = leaves;
        this.rules = rules;
        this.completion = completion;
        this.certificates = certificates;
        this.evaluations = evaluations;
        this.trainees = trainees;
        this.dossier = dossier;
    }

    /** Links in QR codes, certificates and the dossier: the configured address, never the request's Host. */
    private String baseUrl() {
        return publicUrl.base();
    }

    record NoteRequest(@Size(max = 500, message = "说明最多{max}个字") @PlainText(message = "说明不能包含网页标记或脚本") String note) {
    }

    record SettingsRequest(Integer codeSeconds, Integer lateGraceMinutes) {
    }

    record Names(List<@Size(max = 50, message = "评价指标最多{max}个字") @PlainText(message = "评价指标不能包含网页标记或脚本") String> names) {
    }

    // ---- attendance (registrar)
    @GetMapping("/classes/{id}/attendance")
    @Requires(CLASSROOM_MANAGE)
    Attendance.Sheet sheet(@PathVariable long id) {
        return attendance.sheet(id);
    }

    @GetMapping("/classes/{id}/checkin-settings")
    @Requires(CLASSROOM_MANAGE)
    Map<String, Integer> checkInSettings(@PathVariable long id) {
        attendance.sheet(id);
        return attendance.settingsOf(id);
    }

    @PutMapping("/classes/{id}/checkin-settings")
    @Requires(CLASSROOM_MANAGE)
    Map<String, Integer> setCheckInSettings(@PathVariable long id, @RequestBody SettingsRequest r) {
        return attendance.settings(id, r.codeSeconds(), r.lateGraceMinutes());
    }

    @GetMapping("/sessions/{id}/qr")
    @Requires(CLASSROOM_MANAGE)
    Attendance.QrCode qr(@PathVariable long id) {
        return attendance.qr(id, baseUrl());
    }

    @GetMapping(value = "/sessions/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Requires(CLASSROOM_MANAGE)
    ResponseEntity<byte[]> qrPng(@PathVariable long id) {
        Attendance.QrCode q = attendance.qr(id, baseUrl());
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").contentType(MediaType.IMAGE_PNG)
                .body(Attendance.png(q.url(), 480));
    }

    @GetMapping("/sessions/{id}/code-locks")
    @Requires(CLASSROOM_MANAGE)
    List<Attendance.CodeLock> codeLocks(@PathVariable long id) {
        return attendance.codeLocks(id);
    }

    @PostMapping("/sessions/{id}/code-locks/{cadreId}/lift")
    @Requires(CLASSROOM_MANAGE)
    Map<String, Boolean> liftCodeLock(@PathVariable long id, @PathVariable long cadreId) {
        attendance.liftCodeLock(id, cadreId);
        return Map.of("ok", true);
    }

    @PostMapping("/sessions/{id}/roll-call")
    @Requires(CLASSROOM_MANAGE)
    List<Attendance.Cell> rollCall(@PathVariable long id, @RequestBody List<Attendance.@Valid Mark> marks) {
        return attendance.rollCall(id, marks);
    }

    // ---- leave
    @GetMapping("/classes/{id}/leaves")
    @Requires(CLASSROOM_MANAGE)
    List<Leaves.LeaveView> leaves(@PathVariable long id) {
        return leaves.ofClass(id);
    }

    @PostMapping("/leaves/{id}/approve")
    @Requires(CLASSROOM_MANAGE)
    Leaves.Decided approveLeave(@PathVariable long id, @Valid @RequestBody(required = false) NoteRequest r) {
        return leaves.approve(id, r == null ? null : r.note());
    }

    @PostMapping("/leaves/{id}/refuse")
    @Requires(CLASSROOM_MANAGE)
    Leaves.Decided refuseLeave(@PathVariable long id, @Valid @RequestBody NoteRequest r) {
        return leaves.refuse(id, r.note());
    }

    // ---- assessment and completion
    @GetMapping("/classes/{id}/completion-rules")
    @Requires(CLASSROOM_MANAGE)
    List<CompletionRules.Rule> rules(@PathVariable long id) {
        return rules.of(id);
    }

    @PutMapping("/classes/{id}/completion-rules")
    @Requires(CLASSROOM_MANAGE)
    List<CompletionRules.Rule> setRule(@PathVariable long id, @Valid @RequestBody CompletionRules.RuleForm form) {
        return rules.set(id, form);
    }

    @GetMapping("/classes/{id}/assessment")
    @Requires(CLASSROOM_MANAGE)
    List<Completion.Component> components(@PathVariable long id) {
        return completion.components(id);
    }

    @PutMapping("/classes/{id}/assessment")
    @Requires(CLASSROOM_MANAGE)
    List<Completion.Component> setComponents(@PathVariable long id, @RequestBody(required = false) List<Completion.@Valid ComponentForm> forms) {
        return completion.setComponents(id, forms);
    }

    @PostMapping("/classes/{id}/scores")
    @Requires(CLASSROOM_MANAGE)
    Completion.Results scores(@PathVariable long id, @RequestBody List<Completion.@Valid ScoreForm> forms) {
        completion.scores(id, forms);
        return completion.results(id);
    }

    @GetMapping("/classes/{id}/discipline")
    @Requires(CLASSROOM_MANAGE)
    List<Completion.Discipline> discipline(@PathVariable long id) {
        return completion.disciplines(id);
    }

    @PostMapping("/classes/{id}/discipline")
    @Requires(CLASSROOM_MANAGE)
    Completion.Discipline addDiscipline(@PathVariable long id, @Valid @RequestBody Completion.DisciplineForm form) {
        return completion.addDiscipline(id, form);
    }

    @GetMapping("/classes/{id}/results")
    @Requires(CLASSROOM_MANAGE)
    Completion.Results results(@PathVariable long id) {
        return completion.results(id);
    }

    @PostMapping("/classes/{id}/complete")
    @Requires(CLASSROOM_MANAGE)
    Completion.Results complete(@PathVariable long id) {
        return completion.complete(id);
    }

    // ---- certificates
    @GetMapping("/classes/{id}/certificates")
    @Requires(CLASSROOM_MANAGE)
    List<Certificates.CertificateView> certificates(@PathVariable long id) {
        return certificates.ofClass(id);
    }

    @GetMapping("/classes/{id}/certificates.pdf")
    @Requires(CLASSROOM_MANAGE)
    ResponseEntity<byte[]> batch(@PathVariable long id) {
        return Downloads.inline("结业证书_" + id + ".pdf", MediaType.APPLICATION_PDF, certificates.batch(id, baseUrl()));
    }

    @GetMapping("/certificates/{id}.pdf")
    @Requires({CLASSROOM_MANAGE, SELF_SERVICE})
    ResponseEntity<byte[]> certificate(@PathVariable long id) {
        return Downloads.inline("结业证书.pdf", MediaType.APPLICATION_PDF, certificates.pdf(id, baseUrl()));
    }

    @PostMapping("/certificates/{id}/revoke")
    @Requires(CLASSROOM_MANAGE)
    Certificates.CertificateView revoke(@PathVariable long id, @Valid @RequestBody NoteRequest r) {
        return certificates.revoke(id, r.note());
    }

    // ---- evaluation results
    @GetMapping("/classes/{id}/evaluations")
    @Requires(CLASSROOM_MANAGE)
    TeachingEvaluations.ClassEvaluation evaluations(@PathVariable long id) {
        return evaluations.ofClass(id);
    }

    @GetMapping("/classes/{id}/evaluation-criteria")
    @Requires({CLASSROOM_MANAGE, SELF_SERVICE})
    List<TeachingEvaluations.Criterion> criteria(@PathVariable long id) {
        return evaluations.criteria(id);
    }

    @PutMapping("/classes/{id}/evaluation-criteria")
    @Requires(CLASSROOM_MANAGE)
    List<TeachingEvaluations.Criterion> setCriteria(@PathVariable long id, @Valid @RequestBody Names names) {
        return evaluations.setCriteria(id, names.names());
    }

    @GetMapping("/instructors/{id}/evaluations")
    @Requires({CLASSROOM_MANAGE, TRAINING_VIEW})
    TeachingEvaluations.InstructorEvaluation instructorEvaluations(@PathVariable long id) {
        return evaluations.ofInstructor(id);
    }

    // ---- 一期一档
    @GetMapping("/classes/{id}/dossier.zip")
    @Requires(CLASSROOM_MANAGE)
    ResponseEntity<byte[]> dossier(@PathVariable long id) {
        ClassDossier.Dossier d = dossier.export(id, baseUrl());
        return Downloads.attachment(d.fileName(), Downloads.ZIP, d.zip());
    }

    // ---- trainee (phone pages)
    @GetMapping("/me/classes")
    @Requires(SELF_SERVICE)
    List<Trainees.MyClass> myClasses() {
        return trainees.classes();
    }

    @GetMapping("/me/today")
    @Requires(SELF_SERVICE)
    Trainees.Today myToday() {
        return trainees.today();
    }

    @GetMapping("/me/classes/{id}")
    @Requires(SELF_SERVICE)
    Trainees.MyTimetable myTimetable(@PathVariable long id) {
        return trainees.timetable(id);
    }

    @PostMapping("/me/checkin")
    @Requires(SELF_SERVICE)
    Attendance.CheckInResult checkIn(@Valid @RequestBody Attendance.CheckInRequest r) {
        return attendance.checkIn(r);
    }

    @GetMapping("/me/classes/{id}/leaves")
    @Requires(SELF_SERVICE)
    List<Leaves.LeaveView> myLeaves(@PathVariable long id) {
        return leaves.mine(id);
    }

    @PostMapping("/me/classes/{id}/leaves")
    @Requires(SELF_SERVICE)
    Leaves.LeaveView requestLeave(@PathVariable long id, @Valid @RequestBody Leaves.LeaveForm form) {
        return leaves.request(id, form);
    }

    @PostMapping("/me/leaves/{id}/return")
    @Requires(SELF_SERVICE)
    Leaves.LeaveView reportBack(@PathVariable long id, @Valid @RequestBody(required = false) NoteRequest r) {
        return leaves.reportBack(id, r == null ? null : r.note());
    }

    @PostMapping("/me/leaves/{id}/cancel")
    @Requires(SELF_SERVICE)
    Leaves.LeaveView cancelLeave(@PathVariable long id) {
        return leaves.cancel(id);
    }

    @PostMapping("/me/classes/{id}/evaluations")
    @Requires(SELF_SERVICE)
    Map<String, String> evaluate(@PathVariable long id, @Valid @RequestBody TeachingEvaluations.EvaluationForm form) {
        evaluations.submit(id, form);
        return Map.of("message", "评价已提交（匿名），感谢您的反馈");
    }
}
