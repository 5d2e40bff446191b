package org.ganxun.exam;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The unit a clerk's new question or exam belongs to: their scope's unit, the top unit for an all-scope account. */
final class Owners {

    private Owners() {
    }

    static long ownerOrg(JdbcClient jdbc, CurrentUser me) {
        if (me.scopeOrgId() != null) {
            return me.scopeOrgId();
        }
        return jdbc.sql("select id from org_unit where parent_id is null order by sort_order, id limit 1").query(Long.class)
                .optional().orElseThrow(() -> new BusinessException("请先建立组织机构"));
    }
}
