package org.ganxun.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.db.SqlArrays;

import org.ganxun.platform.security.Unscoped;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Unscoped reads of a person's rank history for system work (standing recomputation, events) that runs
 * without a signed-in user. Never expose through a controller: requests go through {@link Roster}.
 */
@Component
public class PeopleFacts {

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    PeopleFacts(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Who a citizen ID or a name in an uploaded file is; the caller checks its own data scope on {@code orgPath}. */
    public record Identified(long id, String name, long orgId, String orgPath, CadreStatus status) {
    }

    /** The cadres with these citizen IDs (any status), by the ID as given (upper case). */
    public Map<String, Identified> byCitizenIds(Collection<String> citizenIds) {
        Map<String, String> byHash = new HashMap<>();
        for (String id : citizenIds) {
            String v = id.strip().toUpperCase();
            byHash.put(cipher.blindIndex(v), v);
        }
        Map<String, Identified> out = new HashMap<>();
        if (byHash.isEmpty()) {
            return out;
        }
        jdbc.sql(Unscoped.because("matching an import rows to people, callers check each match scope") + """
                select c.citizen_id_hash, c.id, c.name, c.org_id, o.path, c.status
                from cadre c join org_unit o on o.id = c.org_id
                where c.citizen_id_hash = any(cast(? as char(64)[]))""")
                .param(SqlArrays.of("text", byHash.keySet().toArray()))
                .query(rs -> {
                    out.put(byHash.get(rs.getString(1)), new Identified(rs.getLong(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), CadreStatus.valueOf(rs.getString(6))));
                });
        return out;
    }

    /** The cadres with these names (any status; several may share a name). */
    public Map<String, List<Identified>> byNames(Collection<String> names) {
        Map<String, List<Identified>> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        jdbc.sql(Unscoped.because("matching an import rows to people, callers check each match scope") + """
                select c.id, c.name, c.org_id, o.path, c.status
                from cadre c join org_unit o on o.id = c.org_id
                where c.name = any(cast(? as text[])) order by c.status, c.id""")
                .param(SqlArrays.of("text", names.toArray()))
                .query(rs -> {
                    out.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(new Identified(rs.getLong(1),
                            rs.getString(2), rs.getLong(3), rs.getString(4), CadreStatus.valueOf(rs.getString(5))));
                });
        return out;
    }

    /** The rank facts of one cadre; periods oldest first. */
    public record Person(long id, long orgId, String orgPath, StaffCategory staffCategory, boolean partyMember,
                         LocalDate enteredWorkOn, CadreStatus status, List<RankPeriod> periods) {
    }

    /** A dated post: rank, leadership and the unit held it in ({@code orgPath}: that unit's path, for the rules of the day). */
    public record RankPeriod(LocalDate startedOn, LocalDate endedOn, RankLevel rankLevel, RankGrade rankGrade, boolean leadership,
                             String orgPath) {
    }

    public Optional<Person> person(long cadreId) {
        return jdbc.sql(Unscoped.referenceChecked("callers: Roster.get of the person") + """
                select c.id, c.org_id, o.path, c.staff_category, c.political_status, c.entered_work_on, c.status
                from cadre c join org_unit o on o.id = c.org_id where c.id = ?""")
                .param(cadreId)
                .query((rs, i) -> new Person(rs.getLong(1), rs.getLong(2), rs.getString(3), StaffCategory.valueOf(rs.getString(4)),
                        PoliticalStatus.valueOf(rs.getString(5)).partyMember(), rs.getObject(6, LocalDate.class),
                        CadreStatus.valueOf(rs.getString(7)), periods(rs.getLong(1))))
                .optional();
    }

    public List<RankPeriod> periods(long cadreId) {
        return jdbc.sql(Unscoped.referenceChecked("callers: Roster.get of the person") + """
                select h.started_on, h.ended_on, h.rank_level, h.rank_grade, h.leadership, o.path as org_path
                from cadre_post_history h join org_unit o on o.id = h.org_id
                where h.cadre_id = ? order by h.started_on, h.id""")
                .param(cadreId).query(PeopleFacts::period).list();
    }

    public static RankPeriod period(ResultSet rs, int i) throws SQLException {
        return new RankPeriod(rs.getObject("started_on", LocalDate.class), rs.getObject("ended_on", LocalDate.class),
                CadreSearch.enumOrNull(RankLevel.class, rs.getString("rank_level")),
                CadreSearch.enumOrNull(RankGrade.class, rs.getString("rank_grade")), rs.getBoolean("leadership"),
                rs.getString("org_path"));
    }
}
