package org.ganxun.partyedu;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
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
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN','ORG_DEPT_ADMIN','UNIT_LIAISON','BRANCH_SECRETARY')")
class MobileClassroomController {

    private final MobileClassroom classroom;

    MobileClassroomController(MobileClassroom classroom) {
        this.classroom = classroom;
    }

    @GetMapping("/lecturers")
    List<MobileClassroom.Lecturer> lecturers(@RequestParam(defaultValue = "false") boolean activeOnly) {
        return classroom.lecturers(activeOnly);
    }

    @PostMapping("/lecturers")
    @PreAuthorize("hasAnyRole('SYSTEM_ADMIN','ORG_DEPT_ADMIN')")
    MobileClassroom.Lecturer createLecturer(@RequestBody MobileClassroom.LecturerRequest r) {
        return classroom.saveLecturer(null, r);
    }

    @PutMapping("/lecturers/{id}")
    @PreAuthorize("hasAnyRole('SYSTEM_ADMIN','ORG_DEPT_ADMIN')")
    MobileClassroom.Lecturer updateLecturer(@PathVariable long id, @RequestBody MobileClassroom.LecturerRequest r) {
        return classroom.saveLecturer(id, r);
    }

    @GetMapping("/visits")
    List<MobileClassroom.Visit> visits(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId,
                                       @RequestParam(required = false) MobileClassroom.VisitStatus status) {
        return classroom.visits(year, orgId, status);
    }

    @PostMapping("/visits")
    @PreAuthorize("hasAnyRole('SYSTEM_ADMIN','ORG_DEPT_ADMIN','UNIT_LIAISON')")
    MobileClassroom.Visit createVisit(@RequestBody MobileClassroom.VisitRequest r) {
        return classroom.saveVisit(null, r);
    }

    @PutMapping("/visits/{id}")
    @PreAuthorize("hasAnyRole('SYSTEM_ADMIN','ORG_DEPT_ADMIN','UNIT_LIAISON')")
    MobileClassroom.Visit updateVisit(@PathVariable long id, @RequestBody MobileClassroom.VisitRequest r) {
        return classroom.saveVisit(id, r);
    }

    @GetMapping("/coverage")
    List<MobileClassroom.TownshipCoverage> coverage(@RequestParam(required = false) Integer year) {
        return classroom.coverage(year == null ? StudyActivities.today().getYear() : year);
    }
}
