package org.ganxun.people;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.ganxun.audit.AuditLog;
import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.internal.cadre.CadreValidator;
import org.ganxun.people.internal.cadre.PhoneNumber;
import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.db.CopyRows;
import org.ganxun.platform.db.SqlArrays;
import org.ganxun.platform.security.DataScope;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes many cadres at once for the Excel import, with the rules of {@link Roster#upsert}: a citizen ID
 * already in the roster updates that cadre, a change of unit, post or rank closes the current history
 * period and opens a new one, and every created or updated cadre gets its audit entry (compact: a new
 * cadre's stored fields, or only the fields an update changed). A row that would store exactly what the roster
 * has (compared with the cadre read by {@link #existing}, so no query per row) is left alone: no update, no
 * history, no audit entry.
 *
 * <p>Two steps, so that the work in Java overlaps with the database's: {@link #prepare} (any thread, no
 * transaction) checks the units against the scope, encrypts, takes ids for new cadres from the sequence
 * and renders every row, history period and audit entry as COPY text; {@link #write} (the import's
 * transaction) only streams them: COPY into {@code cadre} for new cadres, COPY into a staging table and one
 * UPDATE for changed ones, COPY of history and audit. A whole import commits or rolls back as one.
 */
@Component
public class RosterBatch {

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final DataSource dataSource;
    private final TransactionTemplate idTransaction;
    private final CodeTables codes;
    private final Clock clock;

    RosterBatch(JdbcClient jdbc, FieldCipher cipher, AuditLog audit, DataSource dataSource,
                PlatformTransactionManager transactions, CodeTables codes, Clock clock) {
        this.clock = clock;
        this.codes = codes;
        this.dataSource = dataSource;
        this.idTransaction = new TransactionTemplate(transactions);
        this.idTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
    }

    /**
     * A cadre already in the roster, with the path of their unit (for the scope check) and their citizen ID as stored
     * (encrypted and its blind index), for rows that name the cadre by 人员编号 instead of the full number.
     */
    public record Existing(CadreView view, String orgPath, String encryptedId, String idHash) {
    }

    /** A citizen ID as stored: encrypted, blind index, masked. Computed once per row, on the reading thread. */
    public record SealedId(CitizenId cid, String encrypted, String hash) {
    }

    /** One row to write; {@code before} is the cadre it updates (null: a new cadre). */
    public record Item(int row, CadreForm form, SealedId id, CadreView before) {
    }

    /** What became of a row: a new cadre, an update, or nothing to change. */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED
    }

    public record Written(int row, long id, Outcome outcome) {
    }

    /** Who writes: recorded in the audit log. */
    public record Actor(Long id, String username, String remoteAddr) {
    }

    /** A batch rendered by {@link #prepare}, ready for {@link #write}. */
    public record Prepared(CopyRows inserts, CopyRows updates, Long[] movedIds, String[] movedOn, CopyRows history,
                           AuditLog.Prepared audit, List<Written> written) {
    }

    public SealedId seal(CitizenId cid) {
        return new SealedId(cid, cipher.encrypt(cid.value()), cipher.blindIndex(cid.value()));
    }

    /** The cadres already in the roster with these citizen IDs, by blind index. */
    @Transactional(readOnly = true)
    public Map<String, Existing> existing(Collection<SealedId> ids) {
        Map<String, Existing> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String[] hashes = ids.stream().map(SealedId::hash).distinct().toArray(String[]::new);
        jdbc.sql(EXISTING + " where c.citizen_id_hash = any(cast(? as char(64)[]))")
                .param(SqlArrays.of("text", hashes))
                .query(rs -> {
                    out.put(rs.getString("hash_"), existing(rs, LocalDate.now(clock)));
                });
        return out;
    }

    /** The cadres with these ids (人员编号), by id. */
    @Transactional(readOnly = true)
    public Map<Long, Existing> existingByIds(Collection<Long> ids) {
        Map<Long, Existing> out = new HashMap<>();
        Long[] distinct = ids.stream().filter(Objects::nonNull).distinct().toArray(Long[]::new);
        if (distinct.length == 0) {
            return out;
        }
        jdbc.sql(EXISTING + " where c.id = any(cast(? as bigint[]))")
                .param(SqlArrays.of("bigint", distinct))
                .query(rs -> {
                    Existing e = existing(rs, LocalDate.now(clock));
                    out.put(e.view().id(), e);
                });
        return out;
    }

    /** The stored citizen ID of an existing cadre, decrypted (for a row that names them by 人员编号). */
    public CitizenId storedId(Existing e) {
        return CitizenId.parse(cipher.decrypt(e.encryptedId()), LocalDate.now(clock)).id()
                .orElseThrow(() -> new IllegalStateException("stored citizen ID of cadre " + e.view().id() + " does not parse"));
    }

    /** A stored citizen ID as a sealed one, without encrypting it again. */
    public SealedId sealed(Existing e, CitizenId cid) {
        return new SealedId(cid, e.encryptedId(), e.idHash());
    }

    private static final String EXISTING = CadreSearch.SELECT.replaceFirst("select ",
            "select c.citizen_id_hash as hash_, c.citizen_id_enc as enc_, o.path as org_path_, ");

    private static Existing existing(java.sql.ResultSet rs, LocalDate today) throws java.sql.SQLException {
        return new Existing(CadreSearch.view(rs, today), rs.getString("org_path_"), rs.getString("enc_"), rs.getString("hash_"));
    }

    /**
     * Renders the rows. The caller has validated the forms ({@link CadreValidator}) and resolved units
     * within the scope; the scope is checked again here, against the stored tree, so that nothing outside it
     * is ever written. Runs outside the import's transaction: it reads the tree and takes ids from the
     * sequence (unused ids of a rolled-back import are only a gap).
     */
    public Prepared prepare(List<Item> items, DataScope scope, Actor actor) {
        List<Long> orgIds = new ArrayList<>();
        int newCount = 0;
        for (Item i : items) {
            orgIds.add(i.form().orgId());
            if (i.before() != null) {
                orgIds.add(i.before().orgId());
            } else {
                newCount++;
            }
        }
        Map<Long, String[]> orgs = names("organization", orgIds);
        Map<Long, String[]> parties = names("party_organization", items.stream().map(i -> i.form().partyOrgId()).toList());
        for (Item i : items) {
            String[] org = orgs.get(i.form().orgId());
            if (org == null || !scope.coversOrgPath(org[1])) {
                throw new IllegalStateException("row " + i.row() + ": unit outside the importer's scope");
            }
            if (i.before() != null) {
                String[] old = orgs.get(i.before().orgId());
                if (old == null || !scope.coversOrgPath(old[1])) {
                    throw new IllegalStateException("row " + i.row() + ": cadre outside the importer's scope");
                }
            }
        }
        List<Long> newIds = newCount == 0 ? List.of() : reserveIds(newCount);

        CopyRows inserts = new CopyRows();
        CopyRows updates = new CopyRows();
        CopyRows history = new CopyRows();
        List<Long> movedIds = new ArrayList<>();
        List<String> movedOn = new ArrayList<>();
        List<AuditLog.Change> changes = new ArrayList<>(items.size());
        List<Written> written = new ArrayList<>(items.size());
        LocalDate today = LocalDate.now(clock);
        int next = 0;
        for (Item item : items) {
            Values v = new Values(item, codes);
            CadreForm f = item.form();
            String[] party = f.partyOrgId() == null ? null : parties.get(f.partyOrgId());
            CadreView before = item.before();
            long id = before == null ? newIds.get(next++) : before.id();
            CadreView after = v.view(id, orgs.get(f.orgId())[0], party == null ? null : party[0], today);
            if (before == null) {
                written.add(new Written(item.row(), id, Outcome.CREATED));
                v.render(inserts.add(id)).endRow();
                LocalDate on = f.changedOn() != null ? f.changedOn() : Objects.requireNonNullElse(f.enteredWorkOn(), today);
                history(history, id, f, on, "建档");
                changes.add(new AuditLog.Change("CREATE", "Cadre", id, "导入新建干部：" + v.name, null, CadreAudit.createdJson(after)));
            } else {
                Map<String, Object>[] diff = CadreAudit.changed(before, after);
                if (diff[1].size() == 1) { // only the id: every stored field as it is
                    written.add(new Written(item.row(), id, Outcome.UNCHANGED));
                    continue;
                }
                written.add(new Written(item.row(), id, Outcome.UPDATED));
                v.render(updates.add(id)).add(before.version()).endRow(); // the version the comparison was made with
                if (Roster.postChanged(before, f)) {
                    LocalDate on = f.changedOn() != null ? f.changedOn() : today;
                    movedIds.add(id);
                    movedOn.add(on.toString());
                    history(history, id, f, on, Roster.describeChange(before, f));
                }
                changes.add(new AuditLog.Change("UPDATE", "Cadre", id, "导入更新干部信息：" + v.name, diff[0], diff[1]));
            }
        }
        return new Prepared(inserts, updates, movedIds.toArray(Long[]::new), movedOn.toArray(String[]::new), history,
                audit.prepare(actor.id(), actor.username(), actor.remoteAddr(), changes), written);
    }

    /**
     * Takes ids for new cadres from the sequence in a short transaction of its own. It need not wait for the
     * disk: the import's commit flushes the log past these records, and if the import never commits the ids
     * are simply unused.
     */
    private List<Long> reserveIds(int count) {
        return idTransaction.execute(status -> {
            jdbc.sql("set local synchronous_commit = off").update();
            // the sequence as a literal: PostgreSQL resolves it once per statement, not once per value
            // (looking it up per value cost ten times the values themselves)
            return jdbc.sql("select nextval('" + cadreIdSequence() + "') from generate_series(1, ?)")
                    .param(count).query(Long.class).list();
        });
    }

    private volatile String cadreIdSequence;

    /** The name of cadre.id's sequence, as the catalog gives it (a plain schema-qualified identifier). */
    private String cadreIdSequence() {
        String s = cadreIdSequence;
        if (s == null) {
            s = jdbc.sql("select pg_get_serial_sequence('cadre', 'id')").query(String.class).single();
            if (s.indexOf('\'') >= 0) {
                throw new IllegalStateException("unexpected sequence name " + s);
            }
            cadreIdSequence = s;
        }
        return s;
    }

    /** Stores a prepared batch in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Written> write(Prepared p) {
        p.inserts().copyIn(dataSource, "COPY cadre (id, " + COLUMNS + ") FROM STDIN");
        if (p.updates().rows() > 0) {
            jdbc.sql(STAGE).update();
            jdbc.sql("truncate cadre_import_stage").update();
            p.updates().copyIn(dataSource, "COPY cadre_import_stage FROM STDIN");
            int updated = jdbc.sql(UPDATE).update();
            if (updated != p.updates().rows()) {
                // someone saved one of these cadres after the batch read them: writing now would overwrite their
                // change, and the audit entry's "before" would be wrong
                throw new OptimisticLockingFailureException((p.updates().rows() - updated)
                        + " cadre(s) were changed by someone else during the import");
            }
        }
        if (p.movedIds().length > 0) {
            jdbc.sql("""
                    update cadre_post_history h set ended_on = u.on_
                    from unnest(cast(? as bigint[]), cast(? as date[])) as u(id_, on_)
                    where h.cadre_id = u.id_ and h.ended_on is null""")
                    .params(SqlArrays.of("bigint", p.movedIds()), SqlArrays.of("date", p.movedOn()))
                    .update();
        }
        p.history().copyIn(dataSource, "COPY cadre_post_history (cadre_id, org_id, post, rank_level, rank_grade,"
                + " leadership, started_on, note) FROM STDIN");
        if (p.movedIds().length > 0) {
            Roster.collapseSameDayPeriods(jdbc, p.movedIds(), p.movedOn());
        }
        audit.recordAll(p.audit());
        return p.written();
    }

    private static void history(CopyRows rows, long id, CadreForm f, LocalDate on, String note) {
        rows.add(id).add(f.orgId()).add(trim(f.post())).add(f.rankLevel() == null ? null : f.rankLevel().name())
                .add(f.rankGrade() == null ? null : f.rankGrade().name()).add(Boolean.TRUE.equals(f.leadership()))
                .add(on).add(note).endRow();
    }

    private static final String COLUMNS = """
            name, gender, ethnicity, birth_date, citizen_id_enc, citizen_id_hash, citizen_id_masked,
            education, political_status, joined_party_on, org_id, post, rank_level, rank_grade, leadership,
            staff_category, entered_work_on, phone, reserve_cadre, party_org_id, mobile_member, status,
            political_status_code, education_full_time, education_in_service, rank_title, leadership_basis""";

    /** Per transaction (dropped at commit or rollback), emptied before each batch of updates. */
    private static final String STAGE = """
            create temp table if not exists cadre_import_stage (id bigint, name varchar(50), gender varchar(10),
                ethnicity varchar(20), birth_date date, citizen_id_enc text, citizen_id_hash char(64),
                citizen_id_masked varchar(20), education varchar(30), political_status varchar(30), joined_party_on date,
                org_id bigint, post varchar(100), rank_level varchar(20), rank_grade varchar(20), leadership boolean,
                staff_category varchar(40), entered_work_on date, phone varchar(30), reserve_cadre boolean,
                party_org_id bigint, mobile_member boolean, status varchar(20), political_status_code varchar(10),
                education_full_time varchar(10), education_in_service varchar(10), rank_title varchar(10),
                leadership_basis varchar(120), version int) on commit drop""";

    private static final String UPDATE = """
            update cadre c set name = s.name, gender = s.gender, ethnicity = s.ethnicity, birth_date = s.birth_date,
                citizen_id_enc = s.citizen_id_enc, citizen_id_hash = s.citizen_id_hash, citizen_id_masked = s.citizen_id_masked,
                education = s.education,
                political_status = s.political_status, joined_party_on = s.joined_party_on, org_id = s.org_id,
                post = s.post, rank_level = s.rank_level, rank_grade = s.rank_grade, leadership = s.leadership,
                staff_category = s.staff_category, entered_work_on = s.entered_work_on, phone = s.phone,
                reserve_cadre = s.reserve_cadre, party_org_id = s.party_org_id, mobile_member = s.mobile_member,
                status = s.status, political_status_code = s.political_status_code,
                education_full_time = s.education_full_time, education_in_service = s.education_in_service,
                rank_title = s.rank_title, leadership_basis = s.leadership_basis, updated_at = now(), version = c.version + 1
            from cadre_import_stage s where c.id = s.id and c.version = s.version""";

    /** Names and paths of the nodes of a tree table ({@code [name, path]} by id). */
    private Map<Long, String[]> names(String table, List<Long> ids) {
        Long[] distinct = ids.stream().filter(Objects::nonNull).distinct().toArray(Long[]::new);
        Map<Long, String[]> m = new HashMap<>();
        if (distinct.length > 0) {
            jdbc.sql("select id, name, path from " + table + " where id = any(cast(? as bigint[]))")
                    .param(SqlArrays.of("bigint", distinct))
                    .query(rs -> {
                        m.put(rs.getLong(1), new String[]{rs.getString(2), rs.getString(3)});
                    });
        }
        return m;
    }

    /** The stored values of one row, as {@link Roster} stores them. */
    private static final class Values {
        final String name;
        final String gender;
        final String ethnicity;
        final String birth;
        final String enc;
        final String hash;
        final String masked;
        final String education;
        final String ps;
        final String joined;
        final Long orgId;
        final String post;
        final String rankLevel;
        final String rankGrade;
        final Boolean leadership;
        final String staffCategory;
        final String entered;
        final String phone;
        final Boolean reserve;
        final Long partyOrgId;
        final Boolean mobile;
        final String status;
        private final CadreForm f;
        private final CitizenId cid;
        private final CodeTables codes;

        Values(Item item, CodeTables codes) {
            this.codes = codes;
            f = item.form();
            cid = item.id().cid();
            name = f.name().strip();
            gender = cid.gender().name();
            ethnicity = f.ethnicity() == null || f.ethnicity().isBlank() ? "汉族" : f.ethnicity().strip();
            birth = cid.birthDate().toString();
            enc = item.id().encrypted();
            hash = item.id().hash();
            masked = cid.masked();
            education = f.education() == null ? null : f.education().name();
            ps = f.politicalStatus().name();
            joined = f.joinedPartyOn() == null ? null : f.joinedPartyOn().toString();
            orgId = f.orgId();
            post = trim(f.post());
            rankLevel = f.rankLevel() == null ? null : f.rankLevel().name();
            rankGrade = f.rankGrade() == null ? null : f.rankGrade().name();
            leadership = Boolean.TRUE.equals(f.leadership());
            staffCategory = f.staffCategory().name();
            entered = f.enteredWorkOn() == null ? null : f.enteredWorkOn().toString();
            phone = PhoneNumber.normalize(f.phone());
            reserve = Boolean.TRUE.equals(f.reserveCadre());
            partyOrgId = f.partyOrgId();
            mobile = Boolean.TRUE.equals(f.mobileMember());
            status = (f.status() == null ? CadreStatus.ACTIVE : f.status()).name();
        }

        /** The cadre as {@link CadreSearch} would read it back (for the audit entry). */
        CadreView view(long id, String orgName, String partyOrgName, LocalDate today) {
            Gender g = cid.gender();
            Education edu = f.education();
            PoliticalStatus pst = f.politicalStatus();
            RankLevel rl = f.rankLevel();
            RankGrade rg = f.rankGrade();
            StaffCategory sc = f.staffCategory();
            CadreStatus st = f.status() == null ? CadreStatus.ACTIVE : f.status();
            return new CadreView(id, name, g, g.label(), ethnicity, cid.birthDate(),
                    Period.between(cid.birthDate(), today).getYears(), masked, edu,
                    edu == null ? null : edu.label(), pst,
                    Objects.requireNonNullElse(codes.label(CodeSet.POLITICAL_STATUS, f.politicalStatusCode()), pst.label()),
                    f.joinedPartyOn(), orgId, orgName, post, rl,
                    rl == null ? null : rl.label(), rg, rg == null ? null : rg.label(), leadership, sc, sc.label(),
                    f.enteredWorkOn(), phone, reserve, partyOrgId, partyOrgName, mobile, st, st.label(), 0, PersonNo.of(id),
                    f.politicalStatusCode(), f.educationFullTime(), codes.label(CodeSet.EDUCATION, f.educationFullTime()),
                    f.educationInService(), codes.label(CodeSet.EDUCATION, f.educationInService()), f.rankTitle(),
                    codes.label(CodeSet.RANK_TITLE, f.rankTitle()), f.leadershipBasis());
        }

        /** The fields of {@link #COLUMNS}, in order. */
        CopyRows render(CopyRows r) {
            return r.add(name).add(gender).add(ethnicity).add(birth).add(enc).add(hash).add(masked).add(education)
                    .add(ps).add(joined).add(orgId).add(post).add(rankLevel).add(rankGrade).add(leadership)
                    .add(staffCategory).add(entered).add(phone).add(reserve).add(partyOrgId).add(mobile).add(status)
                    .add(f.politicalStatusCode()).add(f.educationFullTime()).add(f.educationInService()).add(f.rankTitle())
                    .add(f.leadershipBasis());
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
