package org.ganxun.secondment.internal;

import org.ganxun.platform.security.Permission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.org.DataScopes;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.springframework.stereotype.Component;

/**
 * The data scope of secondment work, enforced in SQL and before every write:
 * <ul>
 * <li>the organisation department whose scope covers a programme's organiser sees and manages all of it;</li>
 * <li>a sending unit (scope covering the candidate's sending organisation) sees its own people;</li>
 * <li>a receiving unit (scope covering the receiving organisation, now or before a rotation) sees only
 * the people posted to it and their logs;</li>
 * <li>a cadre sees their own candidacy and postings.</li>
 * </ul>
 * SQL fragments expect the aliases {@code op} (organiser organisation), {@code so} (sending organisation),
 * {@code ro} (receiving organisation) and {@code sp} (posting), and bind {@code :scAll}, {@code :scPath},
 * {@code :scSelf}.
 */
@Component
public class SecondmentAccess {

    public static final String POSTING_VISIBLE = DataScope.moduleCondition("""
            (:scAll or op.path like :scPath or so.path like :scPath or ro.path like :scPath or sp.cadre_id = :scSelf
             or exists (select 1 from secondment_rotation r join org_unit fo on fo.id = r.from_receiving_org_id
                        where r.posting_id = sp.id and fo.path like :scPath))""");

    /** Candidates: organiser or sending unit or self (receiving units see postings, not candidates). */
    public static final String CANDIDATE_VISIBLE = DataScope.moduleCondition("(:scAll or op.path like :scPath or so.path like :scPath or sc.cadre_id = :scSelf)");

    /**
     * Programmes: organiser, a sender, a receiver of one of its posts, a cadre taking part, or a cadre who may put
     * themself forward (自荐): their unit is one of its senders, or it has none and they work under its organiser.
     */
    public static final String PROGRAMME_VISIBLE = DataScope.moduleCondition("""
            (:scAll or op.path like :scPath
             or exists (select 1 from secondment_sender s join org_unit x on x.id = s.org_id
                        where s.programme_id = pr.id and x.path like :scPath)
             or exists (select 1 from secondment_post t join org_unit x on x.id = t.receiving_org_id
                        where t.programme_id = pr.id and x.path like :scPath)
             or exists (select 1 from secondment_candidate k where k.programme_id = pr.id and k.cadre_id = :scSelf)
             or exists (select 1 from cadre_card me join org_unit mo on mo.id = me.org_id
                        where me.id = :scSelf
                          and (exists (select 1 from secondment_sender s join org_unit x on x.id = s.org_id
                                       where s.programme_id = pr.id and mo.path like x.path || '%')
                               or not exists (select 1 from secondment_sender s where s.programme_id = pr.id)
                                  and mo.path like op.path || '%')))""");

    private final DataScopes scopes;

    SecondmentAccess(DataScopes scopes) {
        this.scopes = scopes;
    }

    public DataScope scope() {
        return scopes.current();
    }

    public Map<String, Object> params() {
        return params(scope());
    }

    public static Map<String, Object> params(DataScope s) {
        Map<String, Object> p = new HashMap<>();
        p.put("scAll", s.all());
        p.put("scPath", s.orgPath() == null ? "" : s.orgPath() + "%");
        p.put("scSelf", s.selfCadreId() == null ? -1L : s.selfCadreId());
        return p;
    }

    public boolean covers(String orgPath) {
        return scope().coversOrgPath(orgPath);
    }

    public static boolean isOrgDept(CurrentUser u) {
        return u.can(Permission.SECONDMENT_ADMIN);
    }

    public static boolean isManager(CurrentUser u) {
        return isOrgDept(u) || u.can(Permission.SECONDMENT_UNIT);
    }

    /** The organisation department in charge of a programme (its organiser is in scope). */
    public boolean organises(String organiserPath) {
        return isOrgDept(CurrentUsers.require()) && covers(organiserPath);
    }

    public void requireOrganiser(String organiserPath) {
        if (!organises(organiserPath)) {
            throw new BusinessException(403, "只有主办该批次挂职的组织部门可以进行此操作", List.of());
        }
    }

    /** A manager whose scope covers one of the given organisations. */
    public boolean managesAny(String... paths) {
        if (!isManager(CurrentUsers.require())) {
            return false;
        }
        for (String p : paths) {
            if (p != null && covers(p)) {
                return true;
            }
        }
        return false;
    }
}
