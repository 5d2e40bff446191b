package org.ganxun.training;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.org.DataScopes;
import org.ganxun.platform.db.SqlArrays;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The classes and sessions of a period, for the county training calendar (培训日历) and its iCalendar feeds: the
 * classes the user may see (the same rule as the class list), a trainee's own classes, an instructor's sessions.
 * Cancelled classes are left out; drafts only when asked (the planner sees them, a feed never does).
 */
@Service
public class ClassCalendar {

    /** At most this many days in one read (a year and a bit: a printable year view, a feed's window). */
    public static final int MAX_DAYS = 400;

    private final JdbcClient jdbc;
    private final DataScopes scopes;

    ClassCalendar(JdbcClient jdbc, DataScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    public record CalendarSession(long id, LocalDate date, LocalTime startsAt, LocalTime endsAt, String topic,
                                  Long instructorId, String instructorName, String venue) {
    }

    public record CalendarClass(long id, String name, ClassStatus status, String statusLabel, LocalDate startsOn, LocalDate endsOn,
                                String venue, Long providerId, String providerName, long filerOrgId, String filerName, List<String> targetRankLevels,
                                List<String> targetStaffCategories, int seats, List<CalendarSession> sessions) {
    }

    /** Filters of the calendar page; each optional. */
    public record Filter(Long providerId, String rankLevel, String staffCategory, Long instructorId, boolean includeDrafts) {
    }

    /** The visible classes overlapping [from, to] with their sessions in it. */
    @Transactional(readOnly = true)
    public List<CalendarClass> between(LocalDate from, LocalDate to, Filter f) {
        check(from, to);
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>(scope.sqlParameters());
        StringBuilder w = new StringBuilder(TrainingClasses.visibleCondition(scope, params));
        if (f.providerId() != null) {
            w.append(" and tc.provider_id = :providerId");
            params.put("providerId", f.providerId());
        }
        if (f.rankLevel() != null && !f.rankLevel().isBlank()) {
            w.append(" and (:rankLevel = any(tc.target_rank_levels) or cardinality(tc.target_rank_levels) = 0)");
            params.put("rankLevel", f.rankLevel());
        }
        if (f.staffCategory() != null && !f.staffCategory().isBlank()) {
            w.append(" and (:staffCategory = any(tc.target_staff_categories) or cardinality(tc.target_staff_categories) = 0)");
            params.put("staffCategory", f.staffCategory());
        }
        if (f.instructorId() != null) {
            w.append(" and exists (select 1 from class_session s where s.class_id = tc.id and s.instructor_id = :instructorId)");
            params.put("instructorId", f.instructorId());
        }
        if (!f.includeDrafts()) {
            w.append(" and tc.status <> 'DRAFT'");
        }
        return read(scope.decidedHere(), w.toString(), params, from, to);
    }

    /** A trainee's own classes (enrolled or waitlisted) overlapping [from, to]. */
    @Transactional(readOnly = true)
    public List<CalendarClass> ofTrainee(long cadreId, LocalDate from, LocalDate to) {
        check(from, to);
        Map<String, Object> params = new HashMap<>();
        params.put("cadreId", cadreId);
        return read(Unscoped.own(), "tc.status <> 'DRAFT' and exists (select 1 from enrollment e where e.class_id = tc.id"
                + " and e.cadre_id = :cadreId and e.status in ('ENROLLED', 'WAITLISTED', 'COMPLETED'))", params, from, to);
    }

    /** The classes in which an instructor teaches a session overlapping [from, to] (only their sessions). */
    @Transactional(readOnly = true)
    public List<CalendarClass> ofInstructor(long instructorId, LocalDate from, LocalDate to) {
        check(from, to);
        Map<String, Object> params = new HashMap<>();
        params.put("instructorId", instructorId);
        List<CalendarClass> all = read("", "tc.status in ('APPROVED', 'IN_PROGRESS', 'COMPLETED') and exists "
                + "(select 1 from class_session s where s.class_id = tc.id and s.instructor_id = :instructorId)", params, from, to);
        return all.stream().map(c -> new CalendarClass(c.id(), c.name(), c.status(), c.statusLabel(), c.startsOn(), c.endsOn(), c.venue(),
                c.providerId(), c.providerName(), c.filerOrgId(), c.filerName(), c.targetRankLevels(), c.targetStaffCategories(), c.seats(),
                c.sessions().stream().filter(s -> s.instructorId() != null && s.instructorId() == instructorId).toList())).toList();
    }

    private static void check(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new BusinessException("请给出起止日期，截止日期不早于起始日期");
        }
        if (to.toEpochDay() - from.toEpochDay() > MAX_DAYS) {
            throw new BusinessException("一次最多查看" + MAX_DAYS + "天的培训日历");
        }
    }

    private List<CalendarClass> read(String tag, String where, Map<String, Object> params, LocalDate from, LocalDate to) {
        params.put("calFrom", from);
        params.put("calTo", to);
        Map<Long, CalendarClass> classes = new LinkedHashMap<>();
        jdbc.sql(tag + """
                select tc.id, tc.name, tc.status, tc.starts_on, tc.ends_on, tc.venue, tc.provider_id, tc.filer_org_id, tp.name as provider_name,
                       fo.name as filer_name, tc.target_rank_levels, tc.target_staff_categories, tc.seats
                  from training_class tc
                  join org_unit jo on jo.id = tc.jurisdiction_org_id
                  join org_unit fo on fo.id = tc.filer_org_id
                  left join training_provider tp on tp.id = tc.provider_id
                 where tc.status <> 'CANCELLED' and tc.starts_on <= :calTo and tc.ends_on >= :calFrom and\s""" + where
                        + " order by tc.starts_on, tc.id limit 5000")
                .params(params)
                .query(rs -> {
                    ClassStatus st = ClassStatus.valueOf(rs.getString("status"));
                    classes.put(rs.getLong("id"), new CalendarClass(rs.getLong("id"), rs.getString("name"), st, st.label(),
                            rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class), rs.getString("venue"),
                            (Long) rs.getObject("provider_id"), rs.getString("provider_name"), rs.getLong("filer_org_id"), rs.getString("filer_name"),
                            strings(rs.getArray("target_rank_levels")), strings(rs.getArray("target_staff_categories")),
                            rs.getInt("seats"), new ArrayList<>()));
                });
        if (classes.isEmpty()) {
            return List.of();
        }
        jdbc.sql("""
                select s.id, s.class_id, s.session_date, s.starts_at, s.ends_at, s.topic, s.instructor_id, i.name as instructor_name,
                       s.venue from class_session s left join instructor i on i.id = s.instructor_id
                 where s.class_id = any(:ids) and s.status = 'SCHEDULED' and s.session_date between :calFrom and :calTo
                 order by s.session_date, s.starts_at, s.sort_order, s.id""")
                .param("ids", SqlArrays.of("bigint", classes.keySet().toArray()))
                .param("calFrom", from).param("calTo", to)
                .query(rs -> {
                    classes.get(rs.getLong("class_id")).sessions().add(new CalendarSession(rs.getLong("id"),
                            rs.getObject("session_date", LocalDate.class), rs.getObject("starts_at", LocalTime.class),
                            rs.getObject("ends_at", LocalTime.class), rs.getString("topic"), (Long) rs.getObject("instructor_id"),
                            rs.getString("instructor_name"), rs.getString("venue")));
                });
        return List.copyOf(classes.values());
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
