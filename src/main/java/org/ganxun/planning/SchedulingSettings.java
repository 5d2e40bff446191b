package org.ganxun.planning;

import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.planning.internal.budget.FeeStandards;
import org.ganxun.planning.internal.scheduling.Scheduler;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.training.Instructors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scheduler's settings kept per jurisdiction (智能排期设置): the busy seasons of the trainee groups (两会, 春耕, 防汛,
 * 年终 …), the share of a unit's staff that may be away in one week (工学矛盾) and the instructors' preferred start days.
 * Kept, like the fee standard, by the organisation department whose scope covers the jurisdiction; a planner's runs use
 * the nearest settings at or above their unit, else the defaults ({@link DraftScheduling#DEFAULT_SEASONS}, 10 %).
 */
@Service
public class SchedulingSettings {

    /** 10 %: the default share of a unit's staff away at once (a planner's judgement, not a rule's number). */
    public static final BigDecimal DEFAULT_SHARE = new BigDecimal("0.100");
    static final int MAX_PREFERENCES = 500;

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final OrganizationTrees trees;
    private final Instructors instructors;
    private final AuditLog audit;

    SchedulingSettings(JdbcClient jdbc, DataScopes scopes, OrganizationTrees trees, Instructors instructors, AuditLog audit) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.trees = trees;
        this.instructors = instructors;
        this.audit = audit;
    }

    /** An instructor's preferred start days, ISO numbers (1 = Monday … 7 = Sunday). */
    public record Preference(long instructorId, String instructorName, List<Integer> days) {
    }

    public record PreferenceForm(Long instructorId, List<Integer> days) {
    }

    /** {@code orgId} null: the defaults (no jurisdiction keeps settings above the unit asked). */
    public record View(Long orgId, String orgName, boolean isDefault, BigDecimal maxUnitShare, List<DraftScheduling.SeasonForm> seasons,
                       List<Preference> preferences) {
    }

    public record Form(BigDecimal maxUnitShare, List<DraftScheduling.@Valid SeasonForm> seasons, List<PreferenceForm> preferences) {
    }

    /** For the page: the settings governing planners of {@code orgId}, a unit the reader may see. */
    @Transactional(readOnly = true)
    public View effectiveFor(long orgId) {
        trees.requireVisible(Tree.ADMINISTRATIVE, orgId);
        return effective(orgId);
    }

    /** The settings at or nearest above {@code orgId}; the defaults when none (or when {@code orgId} is null: a system-wide user). */
    @Transactional(readOnly = true)
    public View effective(Long orgId) {
        Long at = orgId == null ? null : jdbc.sql("""
                select s.org_id from scheduling_settings s join org_unit o on o.id = s.org_id
                 where (select path from org_unit where id = ?) like o.path || '%'
                 order by length(o.path) desc limit 1""").param(orgId).query(Long.class).optional().orElse(null);
        if (at == null) {
            return new View(null, null, true, DEFAULT_SHARE, DraftScheduling.DEFAULT_SEASONS, List.of());
        }
        return view(at);
    }

    private View view(long orgId) {
        List<DraftScheduling.SeasonForm> seasons = jdbc.sql("""
                select name, target_group, from_md, to_md from scheduling_season where org_id = ? order by position""")
                .param(orgId).query((rs, i) -> new DraftScheduling.SeasonForm(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).list();
        List<Preference> prefs = jdbc.sql("""
                select p.instructor_id, i.name, p.days from scheduling_preference p join instructor_card i on i.id = p.instructor_id
                 where p.org_id = ? order by i.name, p.instructor_id""")
                .param(orgId).query((rs, i) -> new Preference(rs.getLong(1), rs.getString(2), days(rs.getString(3)))).list();
        return jdbc.sql("""
                select s.max_unit_share, o.name from scheduling_settings s join org_unit o on o.id = s.org_id where s.org_id = ?""")
                .param(orgId).query((rs, i) -> new View(orgId, rs.getString(2), false, rs.getBigDecimal(1), seasons, prefs)).single();
    }

    private static List<Integer> days(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String d : csv.split(",")) {
            if (!d.isBlank()) {
                out.add(Integer.parseInt(d.strip()));
            }
        }
        return out;
    }

    /** The preferences as the solver takes them. */
    static List<Scheduler.PreferenceInput> preferences(View v) {
        List<Scheduler.PreferenceInput> out = new ArrayList<>();
        for (Preference p : v.preferences()) {
            Set<DayOfWeek> d = new LinkedHashSet<>();
            p.days().forEach(n -> d.add(DayOfWeek.of(n)));
            out.add(new Scheduler.PreferenceInput(p.instructorId(), p.instructorName(), d));
        }
        return out;
    }

    /** Keeps {@code orgId}'s settings (an organisation department whose scope covers it); replaces what was kept. */
    @Transactional
    public View save(long orgId, Form f) {
        var node = trees.requireVisible(Tree.ADMINISTRATIVE, orgId);
        if (!CurrentUsers.require().can(Permission.PLAN_MANAGE) || !scopes.current().coversOrgPath(node.path())) {
            throw new BusinessException(403, "只能维护本人管理范围内的排期设置", List.of());
        }
        List<FieldProblem> problems = new ArrayList<>();
        BigDecimal share = f == null || f.maxUnitShare() == null ? DEFAULT_SHARE : f.maxUnitShare();
        if (share.compareTo(new BigDecimal("0.01")) < 0 || share.compareTo(BigDecimal.ONE) > 0 || share.stripTrailingZeros().scale() > 3) {
            problems.add(new FieldProblem("maxUnitShare", "单位同时外出比例须在1%到100%之间"));
        }
        List<DraftScheduling.SeasonForm> seasons = f == null || f.seasons() == null ? List.of() : f.seasons();
        List<DraftScheduling.SeasonForm> clean = new ArrayList<>();
        try {
            // the same checks as a run's seasons (names, month-day bounds, order, lengths), against a leap year so 02-29 passes
            DraftScheduling.seasons(2028, seasons);
            for (DraftScheduling.SeasonForm s : seasons) {
                String group = s.group() == null || s.group().isBlank() ? null : s.group().strip();
                clean.add(new DraftScheduling.SeasonForm(s.name().strip(), group, s.from(), s.to()));
            }
        } catch (BusinessException e) {
            problems.add(new FieldProblem("seasons", e.getMessage()));
        }
        for (int i = 0; i < clean.size(); i++) {
            DraftScheduling.SeasonForm s = clean.get(i);
            FeeStandards.clean(problems, "seasons[" + i + "].name", "忙时名称", s.name(), 20);
            if (s.group() != null) {
                FeeStandards.clean(problems, "seasons[" + i + "].group", "培训对象", s.group(), 50);
            }
        }
        List<PreferenceForm> prefs = f == null || f.preferences() == null ? List.of() : f.preferences();
        if (prefs.size() > MAX_PREFERENCES) {
            problems.add(new FieldProblem("preferences", "师资偏好最多" + MAX_PREFERENCES + "条"));
            prefs = List.of();
        }
        List<Long> seen = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < prefs.size(); i++) {
            PreferenceForm p = prefs.get(i);
            String field = "preferences[" + i + "]";
            if (p == null || p.instructorId() == null) {
                problems.add(new FieldProblem(field + ".instructorId", "请选择师资"));
                continue;
            }
            if (seen.contains(p.instructorId())) {
                problems.add(new FieldProblem(field + ".instructorId", "同一师资只能设置一次"));
                continue;
            }
            try {
                instructors.get(p.instructorId()); // 404 outside the caller's pool
            } catch (BusinessException e) {
                problems.add(new FieldProblem(field + ".instructorId", "找不到该师资"));
                continue;
            }
            TreeSet<Integer> days = new TreeSet<>();
            for (Integer d : p.days() == null ? List.<Integer>of() : p.days()) {
                if (d == null || d < 1 || d > 7) {
                    problems.add(new FieldProblem(field + ".days", "星期须为1（周一）到7（周日）"));
                    days.clear();
                    break;
                }
                days.add(d);
            }
            if (days.isEmpty()) {
                problems.add(new FieldProblem(field + ".days", "请至少选择一天"));
                continue;
            }
            seen.add(p.instructorId());
            rows.add(String.join(",", days.stream().map(String::valueOf).toList()));
        }
        Bounds.check(problems);
        View before = jdbc.sql("select count(*) from scheduling_settings where org_id = ?").param(orgId).query(Long.class).single() > 0
                ? view(orgId) : null;
        jdbc.sql("delete from scheduling_settings where org_id = ?").param(orgId).update();
        jdbc.sql("insert into scheduling_settings (org_id, max_unit_share, updated_by) values (?, ?, ?)")
                .params(orgId, share, CurrentUsers.require().username()).update();
        for (int i = 0; i < clean.size(); i++) {
            DraftScheduling.SeasonForm s = clean.get(i);
            jdbc.sql("insert into scheduling_season (org_id, position, name, target_group, from_md, to_md) values (?, ?, ?, ?, ?, ?)")
                    .params(orgId, i, s.name(), s.group(), s.from(), s.to()).update();
        }
        for (int i = 0; i < seen.size(); i++) {
            jdbc.sql("insert into scheduling_preference (org_id, instructor_id, days) values (?, ?, ?)")
                    .params(orgId, seen.get(i), rows.get(i)).update();
        }
        View after = view(orgId);
        audit.record(before == null ? "CREATE" : "UPDATE", "SchedulingSettings", orgId, "排期设置：" + node.name() + "，忙时"
                + clean.size() + "段，师资偏好" + seen.size() + "条", before, after);
        return after;
    }
}
