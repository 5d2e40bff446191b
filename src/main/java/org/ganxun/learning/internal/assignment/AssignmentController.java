package org.ganxun.learning.internal.assignment;

import jakarta.validation.Valid;
import static org.ganxun.platform.security.Permission.COMPLIANCE_REMIND;
import static org.ganxun.platform.security.Permission.COMPLIANCE_VIEW;
import static org.ganxun.platform.security.Permission.COURSE_MANAGE;
import static org.ganxun.platform.security.Permission.SELF_SERVICE;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.ganxun.learning.AssignmentKind;
import org.ganxun.learning.Assignments;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.Requires;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 网络学院 assignments (必修 and 专题): made by course managers, their progress seen by whoever sees the standings
 * (COMPLIANCE_VIEW: the unit liaison for their unit), reminders sent by whoever may send training reminders.
 */
@RestController
@RequestMapping("/api/learning")
class AssignmentController {

    private final Assignments assignments;
    private final AssignmentReminders reminders;

    AssignmentController(Assignments assignments, AssignmentReminders reminders) {
        this.assignments = assignments;
        this.reminders = reminders;
    }

    record Option(String value, String label) {
    }

    @GetMapping("/assignment-options")
    @Requires({COURSE_MANAGE, COMPLIANCE_VIEW})
    Map<String, List<Option>> options() {
        return Map.of(
                "kinds", Arrays.stream(AssignmentKind.values()).map(k -> new Option(k.name(), k.label())).toList(),
                "rankLevels", Arrays.stream(RankLevel.values()).map(k -> new Option(k.name(), k.label())).toList(),
                "staffCategories", Arrays.stream(StaffCategory.values()).map(k -> new Option(k.name(), k.label())).toList());
    }

    @GetMapping("/assignments")
    @Requires({COURSE_MANAGE, COMPLIANCE_VIEW})
    List<Assignments.Assignment> list() {
        return assignments.list();
    }

    @GetMapping("/assignments/{id}")
    @Requires({COURSE_MANAGE, COMPLIANCE_VIEW})
    Assignments.Assignment get(@PathVariable long id) {
        return assignments.visible(id);
    }

    @PostMapping("/assignments")
    @Requires(COURSE_MANAGE)
    Assignments.Assignment create(@Valid @RequestBody Assignments.AssignmentForm form) {
        return assignments.create(form);
    }

    @PutMapping("/assignments/{id}")
    @Requires(COURSE_MANAGE)
    Assignments.Assignment update(@PathVariable long id, @Valid @RequestBody Assignments.AssignmentForm form) {
        return assignments.update(id, form);
    }

    @PostMapping("/assignments/{id}/cancel")
    @Requires(COURSE_MANAGE)
    Assignments.Assignment cancel(@PathVariable long id) {
        return assignments.cancel(id);
    }

    @GetMapping("/assignments/{id}/progress")
    @Requires({COURSE_MANAGE, COMPLIANCE_VIEW})
    Assignments.Progress progress(@PathVariable long id, @RequestParam(required = false) Long orgId) {
        return assignments.progress(id, orgId);
    }

    @GetMapping("/assignments/{id}/people")
    @Requires({COURSE_MANAGE, COMPLIANCE_VIEW})
    List<Assignments.PersonProgress> people(@PathVariable long id, @RequestParam(required = false) Long orgId,
                                            @RequestParam(required = false) String status) {
        return assignments.people(id, orgId, status);
    }

    @PostMapping("/assignments/{id}/reminders")
    @Requires({COURSE_MANAGE, COMPLIANCE_REMIND})
    Map<String, Integer> remind(@PathVariable long id, @RequestParam(required = false) Long orgId) {
        return Map.of("sent", reminders.remindInScope(id, orgId));
    }

    /** The signed-in cadre's required courses and theme lists, soonest due first. */
    @GetMapping("/my/assignments")
    @Requires(SELF_SERVICE)
    List<Assignments.MyAssignment> mine() {
        return assignments.mine();
    }
}
