package org.ganxun.training;

import jakarta.validation.constraints.Size;
import org.ganxun.platform.web.PlainText;
import org.ganxun.training.forclassroom.ClassRows;

import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Annual plans (年度培训计划): one per jurisdiction and year, listing the classes filed to it. A plan is
 * created with the first filing of its year (or by the organisation department beforehand).
 */
@Service
public class AnnualPlans {

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final AuditLog audit;
    private final ClassRows rows;
    private final TrainingClasses classes;
    private final Clock clock;

    AnnualPlans(JdbcClient jdbc, DataScopes scopes, AuditLog audit, ClassRows rows, TrainingClasses classes, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.audit = audit;
        this.rows = rows;
        this.classes = classes;
    }

    public record PlanForm(@InScope(Ref.ORG) Long jurisdictionOrgId, Integer year,
                           @Size(max = 200, message = "计划名称最多{max}个字") @PlainText(message = "计划名称不能包含网页标记或脚本") String title,
                           @Size(max = 1000, message = "说明最多{max}个字") @PlainText(message = "说明不能包含网页标记或脚本") String note) {
    }

    /** A plan with its figures: classes by state (drafts of others not counted), seats and 学时 of approved classes. */
    public record PlanView(long id, long jurisdictionOrgId, String jurisdictionName, int year, String title, String note,
                           long classCount, long filedCount, long approvedCount, long returnedCount, long seats,
                           BigDecimal hours, BigDecimal budget) {
    }

    @Transactional(readOnly = true)
    public List<PlanView> list(Integer year) {
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>();
        StringBuilder w = new StringBuilder(" where true");
        if (!scope.all()) {
            if (scope.orgPath() == null) {
                return List.of();
            }
            params.put("sp", scope.orgPath());
            params.put("spLike", scope.orgPath() + "%");
            w.append(" and (o.path like :spLike or :sp like o.path || '%')");
        }
        if (year != null) {
            w.append(" and ap.year = :year");
            params.put("year", year);
        }
        return jdbc.sql("""
                select ap.*, o.name as org_name,
                  count(tc.id) filter (where tc.status not in ('DRAFT', 'CANCELLED')) as n,
                  count(tc.id) filter (where tc.status = 'FILED') as filed,
                  count(tc.id) filter (where tc.status in ('APPROVED', 'IN_PROGRESS', 'COMPLETED')) as approved,
                  count(tc.id) filter (where tc.status = 'RETURNED') as returned,
                  coalesce(sum(tc.seats) filter (where tc.status in ('APPROVED', 'IN_PROGRESS', 'COMPLETED')), 0) as seats,
                  coalesce(sum((select sum(s.hours) from class_session s where s.class_id = tc.id and s.status = 'SCHEDULED'))
                      filter (where tc.status in ('APPROVED', 'IN_PROGRESS', 'COMPLETED')), 0) as hours,
                  coalesce(sum(tc.budget) filter (where tc.status in ('APPROVED', 'IN_PROGRESS', 'COMPLETED')), 0) as budget
                from annual_plan ap join org_unit o on o.id = ap.jurisdiction_org_id
                left join training_class tc on tc.plan_id = ap.id""" + w + "\n" + """
                 group by ap.id, o.name, o.path order by ap.year desc, tree_path_key(o.path)""")
                .params(params)
                .query((rs, i) -> new PlanView(rs.getLong("id"), rs.getLong("jurisdiction_org_id"), rs.getString("org_name"),
                        rs.getInt("year"), rs.getString("title"), rs.getString("note"), rs.getLong("n"), rs.getLong("filed"),
                        rs.getLong("approved"), rs.getLong("returned"), rs.getLong("seats"), rs.getBigDecimal("hours"),
                        rs.getBigDecimal("budget")))
                .list();
    }

    /** Creates (or retitles) the plan of a jurisdiction and year; organisation department of that jurisdiction. */
    @Transactional
    public PlanView save(PlanForm f) {
        if (f.jurisdictionOrgId() == null || f.year() == null) {
            throw new BusinessException("请选择单位和年度");
        }
        List<BusinessException.FieldProblem> problems = new java.util.ArrayList<>();
        Bounds.planYear(problems, "year", "年度", f.year(), java.time.LocalDate.now(clock));
        Bounds.check(problems);
        if (!scopes.current().coversOrgPath(rows.orgPath(f.jurisdictionOrgId()))) {
            throw new BusinessException(403, "只能维护本人管理范围内的年度计划", List.of());
        }
        long id = classes.planFor(f.jurisdictionOrgId(), f.year());
        if (StringUtils.hasText(f.title()) || StringUtils.hasText(f.note())) {
            jdbc.sql("update annual_plan set title = coalesce(?, title), note = ? where id = ?")
                    .params(StringUtils.hasText(f.title()) ? f.title().strip() : null, StringUtils.hasText(f.note()) ? f.note().strip() : null, id)
                    .update();
        }
        PlanView v = list(f.year()).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
        audit.record("SAVE", "AnnualPlan", id, "年度计划：" + v.title(), null, v);
        return v;
    }
}
