package org.ganxun.training.internal;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import org.ganxun.platform.security.SignedIn;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.training.AnnualPlans;
import org.ganxun.training.Clash;
import org.ganxun.training.ClassStatus;
import org.ganxun.training.ClassType;
import org.ganxun.training.EnrollmentStatus;
import org.ganxun.training.EnrollmentView;
import org.ganxun.training.Enrollments;
import org.ganxun.training.InstructorKind;
import org.ganxun.training.Instructors;
import org.ganxun.training.ProviderKind;
import org.ganxun.training.Providers;
import org.ganxun.training.TrainingClassView;
import org.ganxun.training.TrainingClasses;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/training")
class TrainingController {


    private final TrainingClasses classes;
    private final Enrollments enrollments;
    private final Candidates candidates;
    private final Instructors instructors;
    private final Providers providers;
    private final AnnualPlans plans;
    private final ClassMessages messages;
    private final Clock clock;

    TrainingController(TrainingClasses classes, Enrollments enrollments, Candidates candidates, Instructors instructors,
                       Providers providers, AnnualPlans plans, ClassMessages messages, Clock clock) {
        this.clock = clock;
        this.messages = messages;
        this.classes = classes;
        this.enrollments = enrollments;
        this.candidates = candidates;
        this.instructors = instructors;
        this.providers = providers;
        this.plans = plans;
    }

    record ReasonRequest(@Size(max = 500, message = "理由最多{max}个字") @PlainText(message = "理由不能包含网页标记或脚本") String reason) {
    }

    record CadreIds(@InScope(Ref.CADRE) List<Long> cadreIds) {
    }

    record NominateRequest(@InScope(Ref.CADRE) Long cadreId) {
    }

    record NamedResult(long cadreId, boolean ok, String message, EnrollmentView enrollment) {
    }

    @GetMapping("/dictionaries")
    @SignedIn("code lists for selects, nothing personal")
    Map<String, Object> dictionaries() {
        return Map.of(
                "classType", Arrays.stream(ClassType.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList(),
                "classStatus", Arrays.stream(ClassStatus.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList(),
                "enrollmentStatus", Arrays.stream(EnrollmentStatus.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList(),
                "providerKind", Arrays.stream(ProviderKind.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList(),
                "instructorKind", Arrays.stream(InstructorKind.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList(),
                "rankLevel", Arrays.stream(RankLevel.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList(),
                "staffCategory", Arrays.stream(StaffCategory.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList());
    }

    // ---- plans
    @GetMapping("/plans")
    @Requires(TRAINING_VIEW)
    List<AnnualPlans.PlanView> plans(@RequestParam(required = false) Integer year) {
        return plans.list(year);
    }

    @PostMapping("/plans")
    @Requires(PLAN_MANAGE)
    AnnualPlans.PlanView savePlan(@Valid @RequestBody AnnualPlans.PlanForm form) {
        return plans.save(form);
    }

    // ---- providers
    @GetMapping("/providers")
    @Requires(TRAINING_VIEW)
    List<Providers.ProviderView> providers() {
        return providers.list();
    }

    @PostMapping("/providers")
    @Requires(PROVIDER_MANAGE)
    Providers.ProviderView createProvider(@Valid @RequestBody Providers.ProviderForm form) {
        return providers.create(form);
    }

    // ---- instructors
    @GetMapping("/instructors")
    @Requires(TRAINING_VIEW)
    List<Instructors.InstructorView> instructors(@RequestParam(required = false) String text,
                                                 @RequestParam(required = false) InstructorKind kind,
                                                 @RequestParam(required = false) Boolean activeOnly) {
        return instructors.list(text, kind, activeOnly);
    }

    @GetMapping("/instructors/{id}")
    @Requires(TRAINING_VIEW)
    Instructors.InstructorView instructor(@PathVariable long id) {
        return instructors.get(id);
    }

    @PostMapping("/instructors")
    @Requires(INSTRUCTOR_MANAGE)
    Instructors.InstructorView createInstructor(@Valid @RequestBody Instructors.InstructorForm form) {
        return instructors.create(form);
    }

    @PutMapping("/instructors/{id}")
    @Requires(INSTRUCTOR_MANAGE)
    Instructors.InstructorView updateInstructor(@PathVariable long id, @Valid @RequestBody Instructors.InstructorForm form) {
        return instructors.update(id, form);
    }

    // ---- classes
    @GetMapping("/classes")
    @Requires(TRAINING_VIEW)
    TrainingClasses.Page classes(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long planId,
                                 @RequestParam(required = false) ClassStatus status, @RequestParam(required = false) ClassType classType,
                                 @RequestParam(required = false) String name, @RequestParam(required = false) Boolean pendingMine,
                                 @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        return classes.page(new TrainingClasses.ClassQuery(year, planId, status, classType, name, pendingMine), page, size);
    }

    @GetMapping("/classes/{id}")
    @Requires(TRAINING_VIEW)
    TrainingClasses.Detail detail(@PathVariable long id) {
        return classes.detail(id);
    }

    @PostMapping("/classes")
    @Requires(CLASS_FILE)
    TrainingClassView create(@Valid @RequestBody TrainingClasses.ClassForm form) {
        return classes.create(form);
    }

    @PutMapping("/classes/{id}")
    @Requires(CLASS_FILE)
    TrainingClassView update(@PathVariable long id, @Valid @RequestBody TrainingClasses.ClassForm form) {
        return classes.update(id, form);
    }

    @PostMapping("/classes/{id}/submit")
    @Requires(CLASS_FILE)
    TrainingClasses.Submitted submit(@PathVariable long id) {
        return classes.submit(id);
    }

    @GetMapping("/classes/{id}/clashes")
    @Requires(TRAINING_VIEW)
    List<Clash> clashes(@PathVariable long id) {
        return classes.clashesOf(id);
    }

    @PostMapping("/classes/{id}/approve")
    @Requires(CLASS_APPROVE)
    TrainingClassView approve(@PathVariable long id, @Valid @RequestBody(required = false) ReasonRequest req) {
        return classes.approve(id, req == null ? null : req.reason());
    }

    @PostMapping("/classes/{id}/return")
    @Requires(CLASS_APPROVE)
    TrainingClassView returnFiling(@PathVariable long id, @Valid @RequestBody ReasonRequest req) {
        return classes.returnFiling(id, req.reason());
    }

    @PostMapping("/classes/{id}/cancel")
    @Requires(CLASS_FILE)
    TrainingClassView cancel(@PathVariable long id, @Valid @RequestBody(required = false) ReasonRequest req) {
        return classes.cancel(id, req == null ? null : req.reason());
    }

    // ---- call-up and enrollment
    @PutMapping("/classes/{id}/quotas")
    @Requires(CALLUP_MANAGE)
    List<Enrollments.Quota> setQuotas(@PathVariable long id, @RequestBody List<Enrollments.@Valid QuotaRequest> quotas) {
        return enrollments.setQuotas(id, quotas);
    }

    /** Named call-up of several people; each succeeds or fails on its own (e.g. a date clash names the other class). */
    @PostMapping("/classes/{id}/named")
    @Requires(CALLUP_MANAGE)
    List<NamedResult> named(@PathVariable long id, @RequestBody CadreIds req) {
        if (req.cadreIds() == null || req.cadreIds().isEmpty()) {
            throw new BusinessException("请选择点名调训的人员");
        }
        List<NamedResult> out = new ArrayList<>();
        for (Long cadreId : req.cadreIds()) {
            try {
                Enrollments.Outcome o = enrollments.name(id, cadreId);
                out.add(new NamedResult(cadreId, true, o.message(), o.enrollment()));
            } catch (BusinessException e) {
                if (e.status() == 403 && out.isEmpty() && req.cadreIds().size() == 1) {
                    throw e;
                }
                out.add(new NamedResult(cadreId, false, e.getMessage(), null));
            }
        }
        return out;
    }

    @GetMapping("/classes/{id}/candidates")
    @Requires(TRAINING_VIEW)
    Candidates.Page candidates(@PathVariable long id, @RequestParam(required = false) Long orgId,
                               @RequestParam(required = false) String name,
                               @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        return candidates.page(id, orgId, name, page, size, LocalDate.now(clock));
    }

    @PostMapping("/classes/{id}/enrollments")
    @Requires(ENROLL_NOMINATE)
    Enrollments.Outcome nominate(@PathVariable long id, @RequestBody NominateRequest req) {
        if (req.cadreId() == null) {
            throw new BusinessException("请选择要报名的人员");
        }
        return enrollments.nominate(id, req.cadreId());
    }

    @GetMapping("/classes/{id}/enrollments")
    @Requires(TRAINING_VIEW)
    List<EnrollmentView> enrollmentsOf(@PathVariable long id) {
        return enrollments.list(id);
    }

    /** What was sent to the class's trainees (in-app and SMS) with the delivery state. */
    @GetMapping("/classes/{id}/messages")
    @Requires({CALLUP_MANAGE, CLASSROOM_MANAGE})
    List<ClassMessages.Line> messages(@PathVariable long id) {
        return messages.of(id);
    }

    @GetMapping("/classes/{id}/waitlist-skips")
    @Requires(TRAINING_VIEW)
    List<Enrollments.Skip> skips(@PathVariable long id) {
        return enrollments.skips(id);
    }

    @PostMapping("/enrollments/{id}/withdraw")
    @Requires(ENROLL_NOMINATE)
    EnrollmentView withdraw(@PathVariable long id, @Valid @RequestBody ReasonRequest req) {
        return enrollments.withdraw(id, req.reason());
    }
}
