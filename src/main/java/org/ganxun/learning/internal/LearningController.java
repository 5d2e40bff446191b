package org.ganxun.learning.internal;

import jakarta.validation.Valid;
import org.ganxun.learning.CourseCategory;
import org.ganxun.learning.Courses;
import org.ganxun.learning.internal.integrity.IntegrityReport;
import org.ganxun.learning.internal.study.StudySessions;
import org.ganxun.platform.web.Option;

import static org.ganxun.platform.security.Permission.COURSE_MANAGE;
import static org.ganxun.platform.security.Permission.SELF_SERVICE;
import static org.ganxun.platform.security.Permission.STUDY_INTEGRITY_VIEW;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.security.AnyScope;
import org.ganxun.platform.security.Requires;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 网络学院: the catalogue and player for cadres, course management, the integrity report. */
@RestController
@RequestMapping("/api/learning")
class LearningController {

    private final Courses courses;
    private final StudySessions sessions;
    private final IntegrityReport integrity;
    private final AuditLog audit;

    LearningController(Courses courses, StudySessions sessions, IntegrityReport integrity, AuditLog audit) {
        this.courses = courses;
        this.sessions = sessions;
        this.integrity = integrity;
        this.audit = audit;
    }

    @GetMapping("/categories")
    @Requires({SELF_SERVICE, COURSE_MANAGE})
    List<Option> categories() {
        return Option.of(CourseCategory.values(), CourseCategory::label);
    }

    // ---- cadres ----

    @GetMapping("/catalogue")
    @Requires(SELF_SERVICE)
    List<Courses.Course> catalogue(@RequestParam(required = false) CourseCategory category, @RequestParam(required = false) String q) {
        return courses.catalogue(category, q);
    }

    @GetMapping("/catalogue/{id}")
    @Requires(SELF_SERVICE)
    Courses.Course course(@PathVariable long id) {
        return courses.open(id);
    }

    /** The medium, with HTTP range requests (the player seeks; phones fetch video in parts). */
    @GetMapping("/courses/{id}/medium")
    @Requires({SELF_SERVICE, COURSE_MANAGE})
    ResponseEntity<Resource> medium(@PathVariable long id) {
        Courses.StoredMedium m = courses.medium(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(m.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().build().toString())
                .cacheControl(CacheControl.noStore())
                .body(new FileSystemResource(m.file()));
    }

    /**
     * The policy of a package's files, which run in the player's iframe: the package's own scripts (inline ones too:
     * authoring tools write them) and nothing from other sites; they may be framed only by the platform's pages.
     */
    static final String PACKAGE_CSP = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'");

    /** A file of a SCORM package (the SCO and what it loads), to those who may see the course; range requests work. */
    @GetMapping("/courses/{id}/package/**")
    @Requires({SELF_SERVICE, COURSE_MANAGE})
    ResponseEntity<Resource> packageFile(@PathVariable long id, HttpServletRequest req, HttpServletResponse res) {
        String prefix = req.getContextPath() + "/api/learning/courses/" + id + "/package/";
        String uri = req.getRequestURI();
        String rest = uri.startsWith(prefix) ? uri.substring(prefix.length()) : "";
        Courses.StoredMedium m = courses.packageFile(id, java.net.URLDecoder.decode(rest.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
        res.setHeader("Content-Security-Policy", PACKAGE_CSP); // replaces the platform's stricter one (no inline scripts)
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(m.contentType()))
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(new FileSystemResource(m.file()));
    }

    @GetMapping("/courses/{id}/cover")
    @Requires({SELF_SERVICE, COURSE_MANAGE})
    ResponseEntity<Resource> cover(@PathVariable long id) {
        Courses.StoredMedium m = courses.cover(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(m.contentType()))
                .cacheControl(CacheControl.noCache())
                .body(new FileSystemResource(m.file()));
    }

    @PostMapping("/catalogue/{id}/sessions")
    @Requires(SELF_SERVICE)
    StudySessions.Started start(@PathVariable long id, @RequestHeader(value = "User-Agent", required = false) String userAgent) {
        return sessions.start(id, userAgent);
    }

    // The study path: authenticated by the study token (X-Study-Token), not by the HTTP session, so a heartbeat
    // does not read the session store (StudyTokenSecurity); the token acts as the user who started the session.

    @PostMapping("/study/{id}/heartbeat")
    @Requires(SELF_SERVICE)
    StudySessions.BeatResult heartbeat(@PathVariable long id, @RequestBody StudySessions.BeatRequest req) {
        return sessions.heartbeat(id, req);
    }

    record Answer(Long checkId, Integer answer) {
    }

    @PostMapping("/study/{id}/presence")
    @Requires(SELF_SERVICE)
    StudySessions.PresenceResult presence(@PathVariable long id, @RequestBody Answer a) {
        return sessions.answer(id, a == null || a.checkId() == null ? -1 : a.checkId(), a == null ? null : a.answer());
    }

    @DeleteMapping("/study/{id}")
    @Requires(SELF_SERVICE)
    void end(@PathVariable long id) {
        sessions.end(id);
    }

    // ---- management ----

    @GetMapping("/courses")
    @Requires(COURSE_MANAGE)
    List<Courses.Course> managed() {
        return courses.managed();
    }

    @GetMapping("/courses/{id}")
    @Requires(COURSE_MANAGE)
    Courses.Course get(@PathVariable long id) {
        return courses.manageable(id);
    }

    @PostMapping("/courses")
    @Requires(COURSE_MANAGE)
    Courses.Course create(@Valid @RequestBody Courses.CourseForm form) {
        return courses.create(form);
    }

    @PutMapping("/courses/{id}")
    @Requires(COURSE_MANAGE)
    Courses.Course update(@PathVariable long id, @Valid @RequestBody Courses.CourseForm form) {
        return courses.update(id, form);
    }

    /**
     * The medium as the raw request body (not multipart: media are larger than the platform's form-upload limit and
     * are streamed to disk under their own limit). The file name comes in the query.
     */
    @PutMapping(value = "/courses/{id}/medium", consumes = MediaType.ALL_VALUE)
    @Requires(COURSE_MANAGE)
    Courses.Course upload(@PathVariable long id, @RequestParam(required = false) String name,
                          @RequestParam(required = false) Integer minutes, HttpServletRequest req) throws IOException {
        return courses.upload(id, name, minutes, req.getInputStream());
    }

    /** The cover image (JPEG or PNG, at most 2 MB) as the raw request body. */
    @PutMapping(value = "/courses/{id}/cover", consumes = MediaType.ALL_VALUE)
    @Requires(COURSE_MANAGE)
    Courses.Course uploadCover(@PathVariable long id, HttpServletRequest req) throws IOException {
        return courses.uploadCover(id, req.getInputStream());
    }

    @PostMapping("/courses/{id}/publish")
    @Requires(COURSE_MANAGE)
    Courses.Course publish(@PathVariable long id) {
        return courses.publish(id);
    }

    @PostMapping("/courses/{id}/withdraw")
    @Requires(COURSE_MANAGE)
    Courses.Course withdraw(@PathVariable long id) {
        return courses.withdraw(id);
    }

    @GetMapping("/integrity")
    @Requires(STUDY_INTEGRITY_VIEW)
    IntegrityReport.Report integrity(@RequestParam(required = false) Long cadreId, @RequestParam(required = false) Long orgId,
                                     @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                                     @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "1") int summaryPage,
                                     @RequestParam(defaultValue = "20") int size) {
        return integrity.report(cadreId, orgId, from, to, page, summaryPage, size);
    }
}
