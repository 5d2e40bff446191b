package org.ganxun.people;

import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.db.SerialIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Bulk load of generated cadres and their post history (the demo county: a few thousand at first start). JDBC
 * batches on the caller's transaction; citizen IDs stored as the roster stores them (encrypted, blind index, masked).
 * No checks and no audit entry per cadre: for data a program generated, never for what a user typed.
 */
@Service
public class GeneratedCadres {

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;

    GeneratedCadres(JdbcTemplate jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** An active cadre in a unit already stored; {@code partyOrgId} their branch, if any. */
    public record NewCadre(String name, Gender gender, String ethnicity, LocalDate birthDate, String citizenId,
                           Education education, PoliticalStatus politicalStatus, LocalDate joinedPartyOn, long orgId,
                           String post, RankLevel rankLevel, RankGrade rankGrade, boolean leadership,
                           StaffCategory staffCategory, LocalDate enteredWorkOn, String phone, boolean reserveCadre,
                           Long partyOrgId, boolean mobileMember) {
    }

    /** One period of a stored cadre's post and rank; the current one has no end. */
    public record NewPost(long cadreId, long orgId, String post, RankLevel rankLevel, RankGrade rankGrade, boolean leadership,
                          LocalDate startedOn, LocalDate endedOn, String note) {
    }

    /** Stores the cadres; returns their ids, in the order given. */
    public long[] loadCadres(List<NewCadre> cadres) {
        long[] ids = SerialIds.next(jdbc, "cadre", cadres.size());
        List<Object[]> rows = new ArrayList<>(cadres.size());
        for (int i = 0; i < cadres.size(); i++) {
            NewCadre c = cadres.get(i);
            rows.add(new Object[]{ids[i], c.name(), c.gender().name(), c.ethnicity(), c.birthDate(),
                    cipher.encrypt(c.citizenId()), cipher.blindIndex(c.citizenId()), CitizenId.mask(c.citizenId()),
                    name(c.education()), c.politicalStatus().name(), c.joinedPartyOn(), c.orgId(), c.post(),
                    name(c.rankLevel()), name(c.rankGrade()), c.leadership(), c.staffCategory().name(), c.enteredWorkOn(),
                    c.phone(), c.reserveCadre(), c.partyOrgId(), c.mobileMember()});
        }
        jdbc.batchUpdate("""
                        insert into cadre (id, name, gender, ethnicity, birth_date, citizen_id_enc, citizen_id_hash,
                            citizen_id_masked, education, political_status, joined_party_on, org_id, post, rank_level,
                            rank_grade, leadership, staff_category, entered_work_on, phone, reserve_cadre, party_org_id,
                            mobile_member, status)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE')""", rows,
                new int[]{Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.VARCHAR, Types.CHAR,
                        Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
                        Types.VARCHAR, Types.BOOLEAN, Types.VARCHAR, Types.DATE, Types.VARCHAR, Types.BOOLEAN, Types.BIGINT,
                        Types.BOOLEAN});
        return ids;
    }

    /** Stores post periods of cadres already stored. */
    public void loadPostHistory(List<NewPost> posts) {
        List<Object[]> rows = new ArrayList<>(posts.size());
        for (NewPost p : posts) {
            rows.add(new Object[]{p.cadreId(), p.orgId(), p.post(), name(p.rankLevel()), name(p.rankGrade()),
                    p.leadership(), p.startedOn(), p.endedOn(), p.note()});
        }
        jdbc.batchUpdate("""
                        insert into cadre_post_history (cadre_id, org_id, post, rank_level, rank_grade, leadership,
                            started_on, ended_on, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows,
                new int[]{Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.DATE,
                        Types.DATE, Types.VARCHAR});
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
