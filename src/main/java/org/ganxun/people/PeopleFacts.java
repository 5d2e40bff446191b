package org.ganxun.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Unscoped reads of a person's rank history for system work (standing recomputation, events) that runs
 * without a signed-in user. Never expose through a controller: requests go through {@link Roster}.
 */
@Component
public class PeopleFacts {

    private final JdbcClient jdbc;

    PeopleFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rank facts of one cadre; periods oldest first. */
    public record Person(long id, long orgId, String orgPath, StaffCategory staffCategory, boolean partyMember,
                         LocalDate enteredWorkOn, CadreStatus status, List<RankPeriod> periods) {
    }

    public record RankPeriod(LocalDate startedOn, LocalDate endedOn, RankLevel rankLevel, RankGrade rankGrade, boolean leadership) {
    }

    public Optional<Person> person(long cadreId) {
        return jdbc.sql("""
                select c.id, c.org_id, o.path, c.staff_category, c.political_status, c.entered_work_on, c.status
                from cadre c join organization o on o.id = c.org_id where c.id = ?""")
                .param(cadreId)
                .query((rs, i) -> new Person(rs.getLong(1), rs.getLong(2), rs.getString(3), StaffCategory.valueOf(rs.getString(4)),
                        PoliticalStatus.valueOf(rs.getString(5)).partyMember(), rs.getObject(6, LocalDate.class),
                        CadreStatus.valueOf(rs.getString(7)), periods(rs.getLong(1))))
                .optional();
    }

    public List<RankPeriod> periods(long cadreId) {
        return jdbc.sql("""
                select started_on, ended_on, rank_level, rank_grade, leadership from cadre_post_history
                where cadre_id = ? order by started_on, id""")
                .param(cadreId).query(PeopleFacts::period).list();
    }

    public static RankPeriod period(ResultSet rs, int i) throws SQLException {
        return new RankPeriod(rs.getObject("started_on", LocalDate.class), rs.getObject("ended_on", LocalDate.class),
                CadreSearch.enumOrNull(RankLevel.class, rs.getString("rank_level")),
                CadreSearch.enumOrNull(RankGrade.class, rs.getString("rank_grade")), rs.getBoolean("leadership"));
    }
}
