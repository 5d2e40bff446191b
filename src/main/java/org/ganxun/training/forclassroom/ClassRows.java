package org.ganxun.training.forclassroom;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.org.DataScopes;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.ganxun.training.ClassStatus;
import org.ganxun.training.TrainingClasses;

/** Reads and locks class rows with the organisation paths that scope checks need. */
@Component
public class ClassRows {

    private final JdbcClient jdbc;
    private final DataScopes scopes;

    ClassRows(JdbcClient jdbc, DataScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    public TrainingClasses.Row requireVisible(long id) {
        TrainingClasses.Row row = find(id, false);
        if (!visible(scopes.current(), row)) {
            throw new BusinessException(403, "无权查看该班次", List.of());
        }
        return row;
    }

    public static boolean visible(DataScope scope, TrainingClasses.Row row) {
        return scope.all() || scope.coversOrgPath(row.filerPath()) || scope.coversOrgPath(row.jurisdictionPath())
                || (TrainingClasses.PUBLISHED.contains(row.status()) && scope.orgPath() != null
                    && scope.orgPath().startsWith(row.jurisdictionPath()));
    }

    /** The class row, locked for the rest of the transaction when {@code forUpdate}: nominations of one class queue here. */
    public TrainingClasses.Row find(long id, boolean forUpdate) {
        return jdbc.sql("""
                select tc.id, tc.plan_id, tc.jurisdiction_org_id, jo.path as jpath, tc.filer_org_id, fo.path as fpath, tc.name,
                       tc.starts_on, tc.ends_on, tc.status, tc.seats, tc.enrolled_count, tc.target_rank_levels,
                       tc.target_staff_categories, tc.version
                from training_class tc join org_unit jo on jo.id = tc.jurisdiction_org_id
                join org_unit fo on fo.id = tc.filer_org_id where tc.id = ?""" + (forUpdate ? " for update of tc" : ""))
                .param(id)
                .query((rs, i) -> new TrainingClasses.Row(rs.getLong("id"), rs.getLong("plan_id"), rs.getLong("jurisdiction_org_id"),
                        rs.getString("jpath"), rs.getLong("filer_org_id"), rs.getString("fpath"), rs.getString("name"),
                        rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                        ClassStatus.valueOf(rs.getString("status")), rs.getInt("seats"), rs.getInt("enrolled_count"),
                        TrainingClasses.strings(rs, "target_rank_levels"), TrainingClasses.strings(rs, "target_staff_categories"),
                        rs.getInt("version")))
                .optional().orElseThrow(() -> BusinessException.notFound("班次"));
    }

    public String orgPath(long orgId) {
        return jdbc.sql("select path from org_unit where id = ?").param(orgId).query(String.class).optional()
                .orElseThrow(() -> BusinessException.notFound("单位"));
    }
}
