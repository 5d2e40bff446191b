package org.ganxun.planning.internal;

import jakarta.validation.Valid;
import org.ganxun.planning.DraftScheduling;
import org.ganxun.planning.SchedulingSettings;

import static org.ganxun.platform.security.Permission.INSTRUCTOR_MANAGE;
import static org.ganxun.platform.security.Permission.PLAN_MANAGE;
import static org.ganxun.platform.security.Permission.TRAINING_VIEW;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.planning.internal.scheduling.Scheduler;
import org.ganxun.platform.security.PublicEndpoint;
import org.ganxun.platform.security.Requires;
import org.ganxun.platform.security.SignedIn;
import org.ganxun.training.ClassCalendar;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The county training calendar ({@code /api/planning/calendar}) and its iCalendar feeds ({@code /api/public/calendar/…}). */
@RestController
class CalendarController {

    private static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final ClassCalendar calendar;
    private final CalendarFeeds feeds;
    private final DraftScheduling scheduling;

    private final SchedulingSettings settings;

    CalendarController(ClassCalendar calendar, CalendarFeeds feeds, DraftScheduling scheduling, SchedulingSettings settings) {
        this.settings = settings;
        this.calendar = calendar;
        this.feeds = feeds;
        this.scheduling = scheduling;
    }

    /** Proposed dates for the year's draft classes, with each rule's cost beside a greedy baseline; nothing is written. */
    @PostMapping("/api/planning/schedule")
    @Requires(PLAN_MANAGE)
    Scheduler.Proposal schedule(@Valid @RequestBody DraftScheduling.Request request) {
        return scheduling.propose(request);
    }

    @PostMapping("/api/planning/schedule/accept")
    @Requires(PLAN_MANAGE)
    DraftScheduling.Accepted accept(@RequestBody DraftScheduling.Accept accept) {
        return scheduling.accept(accept);
    }

    /** The scheduler's settings governing planners of {@code orgId} (the nearest kept at or above it, else the defaults). */
    @GetMapping("/api/planning/schedule/settings")
    @Requires(PLAN_MANAGE)
    SchedulingSettings.View settings(@RequestParam long orgId) {
        return settings.effectiveFor(orgId);
    }

    @PutMapping("/api/planning/schedule/settings/{orgId}")
    @Requires(PLAN_MANAGE)
    SchedulingSettings.View saveSettings(@PathVariable long orgId, @Valid @RequestBody SchedulingSettings.Form form) {
        return settings.save(orgId, form);
    }

    @GetMapping("/api/planning/schedule/seasons")
    @Requires(PLAN_MANAGE)
    List<DraftScheduling.SeasonForm> defaultSeasons() {
        return DraftScheduling.DEFAULT_SEASONS;
    }

    @GetMapping("/api/planning/calendar")
    @Requires({TRAINING_VIEW, PLAN_MANAGE})
    List<ClassCalendar.CalendarClass> calendar(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                               @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                               @RequestParam(required = false) Long providerId,
                                               @RequestParam(required = false) String rankLevel,
                                               @RequestParam(required = false) String staffCategory,
                                               @RequestParam(required = false) Long instructorId,
                                               @RequestParam(defaultValue = "false") boolean drafts) {
        return calendar.between(from, to, new ClassCalendar.Filter(providerId, rankLevel, staffCategory, instructorId, drafts));
    }

    @GetMapping("/api/planning/calendar/feed")
    @SignedIn("whether the caller has a feed link of their own")
    CalendarFeeds.FeedStatus feed() {
        return feeds.mine();
    }

    @PostMapping("/api/planning/calendar/feed")
    @SignedIn("issues the caller's own feed link, which shows only what the caller may see")
    CalendarFeeds.FeedLink issue() {
        return feeds.issueForMe();
    }

    @DeleteMapping("/api/planning/calendar/feed")
    @SignedIn("revokes the caller's own feed link")
    void revoke() {
        feeds.revokeMine();
    }

    @PostMapping("/api/planning/calendar/instructors/{id}/feed")
    @Requires(INSTRUCTOR_MANAGE)
    CalendarFeeds.FeedLink issueForInstructor(@PathVariable long id) {
        return feeds.issueForInstructor(id);
    }

    @GetMapping("/api/public/calendar/{token}.ics")
    @PublicEndpoint("calendar apps cannot sign in: the link's 256-bit random token (stored hashed) stands for the account or instructor")
    ResponseEntity<String> ics(@PathVariable String token) {
        return feeds.ics(token)
                .map(text -> ResponseEntity.ok().contentType(CALENDAR).cacheControl(CacheControl.noStore())
                        .header("X-Robots-Tag", "noindex").body(text))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("订阅链接无效或已停用"));
    }
}
