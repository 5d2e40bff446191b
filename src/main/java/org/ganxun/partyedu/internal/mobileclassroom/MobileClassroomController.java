package org.ganxun.partyedu.internal.mobileclassroom;

import jakarta.validation.Valid;
import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The mobile classroom: lecturers, the touring schedule, coverage. */
@RestController
@RequestMapping("/api/partyedu/classroom")
@Requires(PARTYEDU_MANAGE)
class MobileClassroomController {

    private final MobileClassroom classroom;
    private final Clock clock;

    MobileClassroomController(MobileClassroom classroom, Clock clock) {
        this.clock = clock;
        this.classroom = classroom;
    }

    @GetMapping("/lecturers")
    List<MobileClassroom.Lecturer> lecturers(@RequestParam(defaultValue = "false") boolean activeOnly) {
        return classroom.lecturers(activeOnly);
    }

    @PostMapping("/lecturers")
    @Requires(PARTYEDU_ADMIN)
    MobileClassroom.Lecturer createLecturer(@Valid @RequestBody MobileClassroom.LecturerRequest r) {
        return classroom.saveLecturer(null, r);
    }

    @PutMapping("/lecturers/{id}")
    @Requires(PARTYEDU_ADMIN)
    MobileClassroom.Lecturer updateLecturer(@PathVariable long id, @Valid @RequestBody MobileClassroom.LecturerRequest r) {
        return classroom.saveLecturer(id, r);
    }

    @GetMapping("/visits")
    List<MobileClassroom.Visit> visits(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId,
                                       @RequestParam(required = false) MobileClassroom.VisitStatus status) {
        return classroom.visits(year, orgId, status);
    }

    @PostMapping("/visits")
    @Requires(PARTYEDU_SITE_MANAGE)
    MobileClassroom.Visit createVisit(@Valid @RequestBody MobileClassroom.VisitRequest r) {
        return classroom.saveVisit(null, r);
    }

    @PutMapping("/visits/{id}")
    @Requires(PARTYEDU_SITE_MANAGE)
    MobileClassroom.Visit updateVisit(@PathVariable long id, @Valid @RequestBody MobileClassroom.VisitRequest r) {
        return classroom.saveVisit(id, r);
    }

    @GetMapping("/coverage")
    List<MobileClassroom.TownshipCoverage> coverage(@RequestParam(required = false) Integer year) {
        return classroom.coverage(year == null ? LocalDate.now(clock).getYear() : year);
    }
}
