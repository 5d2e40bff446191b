package org.ganxun.planning.internal.plan;

import jakarta.validation.Valid;
import org.ganxun.planning.TrainingPlans;

import static org.ganxun.platform.security.Permission.COMPLIANCE_VIEW;
import static org.ganxun.platform.security.Permission.PLAN_MANAGE;
import static org.ganxun.platform.security.Permission.STATS_VIEW;

import java.util.List;

import org.ganxun.platform.security.Requires;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/planning}: five-year plans, their indicators, the indicator dashboard and the people behind a figure. */
@RestController
@RequestMapping("/api/planning")
class PlanningController {

    private final TrainingPlans plans;
    private final IndicatorFigures figures;
    private final PlanNeeds needs;

    PlanningController(TrainingPlans plans, IndicatorFigures figures, PlanNeeds needs) {
        this.plans = plans;
        this.figures = figures;
        this.needs = needs;
    }

    /** The year's training needs from surveys, open ones first, with the draft class that answers each. */
    @GetMapping("/needs")
    @Requires({PLAN_MANAGE, STATS_VIEW})
    List<PlanNeeds.Need> needs(@RequestParam int year) {
        return needs.list(year);
    }

    @PostMapping("/needs/{id}/draft")
    @Requires(PLAN_MANAGE)
    PlanNeeds.Need draft(@PathVariable long id) {
        return needs.draft(id);
    }

    @GetMapping("/plans")
    @Requires({STATS_VIEW, PLAN_MANAGE})
    List<TrainingPlans.PlanSummary> list() {
        return plans.list();
    }

    @GetMapping("/plans/{id}")
    @Requires({STATS_VIEW, PLAN_MANAGE})
    TrainingPlans.PlanView get(@PathVariable long id) {
        return plans.get(id);
    }

    @PostMapping("/plans")
    @Requires(PLAN_MANAGE)
    TrainingPlans.PlanView create(@Valid @RequestBody TrainingPlans.PlanForm form) {
        return plans.create(form);
    }

    @PutMapping("/plans/{id}")
    @Requires(PLAN_MANAGE)
    TrainingPlans.PlanView update(@PathVariable long id, @Valid @RequestBody TrainingPlans.PlanForm form) {
        return plans.update(id, form);
    }

    @DeleteMapping("/plans/{id}")
    @Requires(PLAN_MANAGE)
    void delete(@PathVariable long id) {
        plans.delete(id);
    }

    @GetMapping("/plans/{id}/dashboard")
    @Requires({STATS_VIEW, PLAN_MANAGE})
    IndicatorFigures.Dashboard dashboard(@PathVariable long id, @RequestParam(required = false) Integer year,
                                         @RequestParam(required = false) Long orgId) {
        return figures.dashboard(id, year, orgId);
    }

    /** The people behind a figure: {@code counted=true} those who count (trained, met), false the others. */
    @GetMapping("/plans/{id}/indicators/{indicatorId}/people")
    @Requires({COMPLIANCE_VIEW, STATS_VIEW})
    IndicatorFigures.People people(@PathVariable long id, @PathVariable long indicatorId,
                                   @RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId,
                                   @RequestParam(required = false) Boolean counted,
                                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return figures.people(id, indicatorId, year, orgId, counted, page, size);
    }
}
