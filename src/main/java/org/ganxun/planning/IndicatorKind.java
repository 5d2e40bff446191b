package org.ganxun.planning;

import org.ganxun.planning.internal.plan.IndicatorFigures;

/**
 * What an indicator counts; its definition (the target group and the kind's parameters) is data in
 * {@code plan_indicator}. Each kind is one formula of {@link IndicatorFigures}, over the active cadres of the
 * target group in the subtree asked ("the population"), counted under their current unit and rank as the roster
 * shows them.
 */
public enum IndicatorKind {
    /**
     * Share of the population with at least one training course (培训班结业 or recognised 外出培训; with
     * {@code full_time_only}, only 脱产 ones) credited in the window: the {@code window_years} ending with the year
     * asked, or from the plan's first year. "县处级领导干部5年内脱产培训全覆盖", "村(社区)干部轮训覆盖率".
     */
    COVERAGE("覆盖率", "%", false),
    /**
     * Share of the population whose approved hours in the year (of the {@code delivery} asked) reach
     * {@code threshold_hours}, or whose days reach {@code threshold_days}. "乡科级领导干部每年12天或90学时达标率",
     * "党员每年32学时达标率".
     */
    ATTAINMENT("达标率", "%", false),
    /** Approved hours of the year (of the {@code delivery} asked) over the population. "网络培训人均学时". */
    HOURS_PER_HEAD("人均学时", "学时", false),
    /** Share of the population with no training course in the window (3 years by default). Lower is better. */
    UNTRAINED_SHARE("未培训占比", "%", true);

    private final String label;
    private final String unit;
    private final boolean lowerIsBetter;

    IndicatorKind(String label, String unit, boolean lowerIsBetter) {
        this.label = label;
        this.unit = unit;
        this.lowerIsBetter = lowerIsBetter;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /** Whether the figure is a share of people (a person either counts or not). */
    public boolean share() {
        return this != HOURS_PER_HEAD;
    }
}
