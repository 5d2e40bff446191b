package org.ganxun.people;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.security.DataScope;
import java.nio.charset.StandardCharsets;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes many cadres at once for the Excel import, with the rules of {@link Roster#upsert}: a citizen ID
 * already in the roster updates that cadre, a change of unit, post or rank closes the current history
 * period and opens a new one, and every created or updated cadre gets its audit entry (compact: a new
 * cadre's stored fields, or only the fields an update changed). Each call is a
 * handful of statements whatever the number of rows (COPY into a staging table, one merging INSERT), inside the
 * caller's transaction, so a whole import commits or rolls back as one.
 */
@Component
public class RosterBatch {

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final DataSource dataSource;

    RosterBatch(JdbcClient jdbc, FieldCipher cipher, AuditLog audit, DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
    }

    /** A cadre already in the roster, with the path of their unit (for the scope check). */
    public record Existing(CadreView view, String orgPath) {
    }

    /** One row to write; {@code before} is the cadre it updates (null: a new cadre). */
    public record Item(int row, CadreForm form, CitizenId cid, CadreView before) {
    }

    public record Written(int row, long id, boolean created) {
    }

    /** Who writes: recorded in the audit log. */
    public record Actor(Long id, String username, String remoteAddr) {
    }

    /** The cadres already in the roster with these citizen IDs, by ID value. */
    @Transactional(readOnly = true)
    public Map<String, Existing> existing(Collection<CitizenId> ids) {
        Map<String, String> byHash = new HashMap<>();
        for (CitizenId id : ids) {
            byHash.put(cipher.blindIndex(id.value()), id.value());
        }
        Map<String, Existing> out = new HashMap<>();
        if (byHash.isEmpty()) {
            return out;
        }
        String[] hashes = byHash.keySet().toArray(String[]::new);
        jdbc.sql(CadreSearch.SELECT.replaceFirst("select ", "select c.citizen_id_hash as hash_, o.path as org_path_, ")
                        + " where c.citizen_id_hash = any(cast(? as char(64)[]))")
                .param(array("text", hashes))
                .query(rs -> {
                    out.put(byHash.get(rs.getString("hash_")), new Existing(CadreSearch.view(rs, 0), rs.getString("org_path_")));
                });
        return out;
    }

    /**
     * Creates or updates the cadres. The caller has validated the forms ({@link CadreValidator}) and resolved
     * units within the scope; the scope is checked again here so that nothing outside it is ever written.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Written> write(List<Item> items, DataScope scope, Actor actor) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<Long> orgIds = new ArrayList<>();
        for (Item i : items) {
            orgIds.add(i.form().orgId());
            if (i.before() != null) {
                orgIds.add(i.before().orgId());
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
        int n = items.size();
        List<Values> values = new ArrayList<>(n);
        for (Item i : items) {
            values.add(new Values(i, cipher));
        }
        Map<String, Integer> indexByHash = new HashMap<>();
        for (int k = 0; k < n; k++) {
            indexByHash.put(values.get(k).hash, k);
        }
        // COPY into a staging table, then one INSERT ... ON CONFLICT merges it into the roster
        jdbc.sql(STAGE).update();
        jdbc.sql("truncate cadre_import_stage").update();
        List<Object[]> staged = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Values v = values.get(k);
            staged.add(new Object[]{k, v.name, v.gender, v.ethnicity, v.birth, v.enc, v.hash, v.masked, v.education, v.ps,
                    v.joined, v.orgId, v.post, v.rankLevel, v.rankGrade, v.leadership, v.staffCategory, v.entered,
                    v.phone, v.reserve, v.partyOrgId, v.mobile, v.status});
        }
        copy("COPY cadre_import_stage FROM STDIN", staged);
        List<Object[]> returned = jdbc.sql(MERGE)
                .query((rs, r) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4)}).list();

        List<Written> written = new ArrayList<>(n);
        List<AuditLog.Change> changes = new ArrayList<>(n);
        History opened = new History();
        History moved = new History();
        LocalDate today = LocalDate.now();
        for (Object[] r : returned) {
            long id = (Long) r[0];
            int k = indexByHash.get((String) r[1]);
            boolean created = (Boolean) r[2];
            Item item = items.get(k);
            Values v = values.get(k);
            CadreForm f = item.form();
            String[] org = orgs.get(f.orgId());
            String[] party = f.partyOrgId() == null ? null : parties.get(f.partyOrgId());
            CadreView after = v.view(id, org[0], party == null ? null : party[0], (Integer) r[3]);
            written.add(new Written(item.row(), id, created));
            if (created) {
                opened.add(id, f, f.changedOn() != null ? f.changedOn()
                        : Objects.requireNonNullElse(f.enteredWorkOn(), today), "建档");
                changes.add(new AuditLog.Change("CREATE", "Cadre", id, "导入新建干部：" + v.name, null, CadreAudit.created(after)));
            } else {
                CadreView before = item.before();
                if (before != null && postChanged(before, f)) {
                    moved.add(id, f, f.changedOn() != null ? f.changedOn() : today, Roster.describeChange(before, f));
                }
                Map<String, Object>[] diff = before == null ? null : CadreAudit.changed(before, after);
                changes.add(new AuditLog.Change("UPDATE", "Cadre", id, "导入更新干部信息：" + v.name,
                        diff == null ? null : diff[0], diff == null ? CadreAudit.created(after) : diff[1]));
            }
        }
        if (!moved.ids.isEmpty()) {
            jdbc.sql("""
                    update cadre_post_history h set ended_on = u.on_
                    from unnest(cast(? as bigint[]), cast(? as date[])) as u(id_, on_)
                    where h.cadre_id = u.id_ and h.ended_on is null""")
                    .params(array("bigint", moved.ids.toArray()), array("date", moved.startedOn.stream().map(LocalDate::toString).toArray()))
                    .update();
            moved.insert(this);
        }
        opened.insert(this);
        audit.recordAll(actor.id(), actor.username(), actor.remoteAddr(), changes);
        return written;
    }

    private static boolean postChanged(CadreView before, CadreForm form) {
        return before.orgId() != form.orgId() || !Objects.equals(trim(before.post()), trim(form.post()))
                || before.rankLevel() != form.rankLevel() || before.rankGrade() != form.rankGrade()
                || before.leadership() != Boolean.TRUE.equals(form.leadership());
    }

    private static final String COLUMNS = """
            name, gender, ethnicity, birth_date, citizen_id_enc, citizen_id_hash, citizen_id_masked,
            education, political_status, joined_party_on, org_id, post, rank_level, rank_grade, leadership,
            staff_category, entered_work_on, phone, reserve_cadre, party_org_id, mobile_member, status""";

    /** Per transaction (dropped at commit or rollback), emptied before each batch. */
    private static final String STAGE = """
            create temp table if not exists cadre_import_stage (ord int, name varchar(50), gender varchar(10),
                ethnicity varchar(20), birth_date date, citizen_id_enc text, citizen_id_hash char(64),
                citizen_id_masked varchar(20), education varchar(30), political_status varchar(30), joined_party_on date,
                org_id bigint, post varchar(100), rank_level varchar(20), rank_grade varchar(20), leadership boolean,
                staff_category varchar(40), entered_work_on date, phone varchar(30), reserve_cadre boolean,
                party_org_id bigint, mobile_member boolean, status varchar(20)) on commit drop""";

    private static final String MERGE = "insert into cadre (" + COLUMNS + ") select " + COLUMNS
            + " from cadre_import_stage order by ord" + """

            on conflict (citizen_id_hash) do update set name = excluded.name, gender = excluded.gender,
                ethnicity = excluded.ethnicity, birth_date = excluded.birth_date, citizen_id_enc = excluded.citizen_id_enc,
                citizen_id_masked = excluded.citizen_id_masked, education = excluded.education,
                political_status = excluded.political_status, joined_party_on = excluded.joined_party_on,
                org_id = excluded.org_id, post = excluded.post, rank_level = excluded.rank_level,
                rank_grade = excluded.rank_grade, leadership = excluded.leadership, staff_category = excluded.staff_category,
                entered_work_on = excluded.entered_work_on, phone = excluded.phone, reserve_cadre = excluded.reserve_cadre,
                party_org_id = excluded.party_org_id, mobile_member = excluded.mobile_member, status = excluded.status,
                updated_at = now(), version = cadre.version + 1
            returning id, citizen_id_hash, (xmax = 0) as inserted, version""";

    /** Streams rows into COPY ... FROM STDIN (text format) on the transaction's connection. */
    void copy(String sql, List<Object[]> rows) {
        Connection con = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn in = con.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            StringBuilder b = new StringBuilder(64 * 1024);
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                for (int c = 0; c < row.length; c++) {
                    if (c > 0) {
                        b.append('\t');
                    }
                    Object v = row[c];
                    if (v == null) {
                        b.append("\\N");
                    } else if (v instanceof Boolean bool) {
                        b.append(bool ? 't' : 'f');
                    } else {
                        String t = v.toString();
                        for (int i = 0; i < t.length(); i++) {
                            char ch = t.charAt(i);
                            switch (ch) {
                                case '\\' -> b.append("\\\\");
                                case '\t' -> b.append("\\t");
                                case '\n' -> b.append("\\n");
                                case '\r' -> b.append("\\r");
                                default -> b.append(ch);
                            }
                        }
                    }
                }
                b.append('\n');
                if (b.length() > 60_000 || r == rows.size() - 1) {
                    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    b.setLength(0);
                }
            }
            in.endCopy();
        } catch (SQLException e) {
            throw new UncategorizedSQLException(sql, null, e);
        } finally {
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }

    /** Names and paths of the nodes of a tree table ({@code [name, path]} by id). */
    private Map<Long, String[]> names(String table, List<Long> ids) {
        Long[] distinct = ids.stream().filter(Objects::nonNull).distinct().toArray(Long[]::new);
        Map<Long, String[]> m = new HashMap<>();
        if (distinct.length > 0) {
            jdbc.sql("select id, name, path from " + table + " where id = any(cast(? as bigint[]))")
                    .param(array("bigint", distinct))
                    .query(rs -> {
                        m.put(rs.getLong(1), new String[]{rs.getString(2), rs.getString(3)});
                    });
        }
        return m;
    }

    static SqlTypeValue array(String type, Object[] values) {
        return (ps, index, sqlType, typeName) -> {
            Array a = ps.getConnection().createArrayOf(type, values);
            ps.setArray(index, a);
        };
    }

    /** New history periods, written with one statement. */
    private static final class History {
        final List<Long> ids = new ArrayList<>();
        final List<Long> orgIds = new ArrayList<>();
        final List<String> posts = new ArrayList<>();
        final List<String> levels = new ArrayList<>();
        final List<String> grades = new ArrayList<>();
        final List<Boolean> leadership = new ArrayList<>();
        final List<LocalDate> startedOn = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        void add(long id, CadreForm f, LocalDate on, String note) {
            ids.add(id);
            orgIds.add(f.orgId());
            posts.add(trim(f.post()));
            levels.add(f.rankLevel() == null ? null : f.rankLevel().name());
            grades.add(f.rankGrade() == null ? null : f.rankGrade().name());
            leadership.add(Boolean.TRUE.equals(f.leadership()));
            startedOn.add(on);
            notes.add(note);
        }

        void insert(RosterBatch b) {
            if (ids.isEmpty()) {
                return;
            }
            List<Object[]> rows = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                rows.add(new Object[]{ids.get(i), orgIds.get(i), posts.get(i), levels.get(i), grades.get(i),
                        leadership.get(i), startedOn.get(i), notes.get(i)});
            }
            b.copy("COPY cadre_post_history (cadre_id, org_id, post, rank_level, rank_grade, leadership, started_on, note)"
                    + " FROM STDIN", rows);
        }
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

        Values(Item item, FieldCipher cipher) {
            f = item.form();
            cid = item.cid();
            name = f.name().strip();
            gender = cid.gender().name();
            ethnicity = f.ethnicity() == null || f.ethnicity().isBlank() ? "汉族" : f.ethnicity().strip();
            birth = cid.birthDate().toString();
            enc = cipher.encrypt(cid.value());
            hash = cipher.blindIndex(cid.value());
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
            phone = trim(f.phone());
            reserve = Boolean.TRUE.equals(f.reserveCadre());
            partyOrgId = f.partyOrgId();
            mobile = Boolean.TRUE.equals(f.mobileMember());
            status = (f.status() == null ? CadreStatus.ACTIVE : f.status()).name();
        }

        /** The cadre as {@link CadreSearch} would read it back (for the audit entry). */
        CadreView view(long id, String orgName, String partyOrgName, int version) {
            Gender g = cid.gender();
            Education edu = f.education();
            PoliticalStatus pst = f.politicalStatus();
            RankLevel rl = f.rankLevel();
            RankGrade rg = f.rankGrade();
            StaffCategory sc = f.staffCategory();
            CadreStatus st = f.status() == null ? CadreStatus.ACTIVE : f.status();
            return new CadreView(id, name, g, g.label(), ethnicity, cid.birthDate(),
                    Period.between(cid.birthDate(), LocalDate.now()).getYears(), masked, edu,
                    edu == null ? null : edu.label(), pst, pst.label(), f.joinedPartyOn(), orgId, orgName, post, rl,
                    rl == null ? null : rl.label(), rg, rg == null ? null : rg.label(), leadership, sc, sc.label(),
                    f.enteredWorkOn(), phone, reserve, partyOrgId, partyOrgName, mobile, st, st.label(), version);
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
