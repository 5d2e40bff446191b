package org.ganxun.people;

import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.internal.cadre.CadreValidator;
import org.ganxun.people.internal.cadre.CodeValues;
import org.ganxun.people.internal.cadre.Leadership;
import org.ganxun.people.internal.cadre.PhoneNumber;
import org.ganxun.people.internal.cadre.PostHistoryEntry;
import org.ganxun.platform.security.Phones;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.MemberCounts;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.db.SqlArrays;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cadre roster: read one, create, update (keeping post and rank history), all within the current
 * user's data scope and audited. The Excel import writes through {@link #upsert} so that it shares every
 * rule with the edit dialog.
 */
@Service
public class Roster implements MemberCounts {

    private final JdbcClient jdbc;
    private final CadreSearch search;
    private final OrganizationTrees trees;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final CodeTables codes;
    private final Clock clock;

    Roster(JdbcClient jdbc, CadreSearch search, OrganizationTrees trees, FieldCipher cipher, AuditLog audit,
           CodeTables codes, Clock clock) {
        this.clock = clock;
        this.codes = codes;
        this.jdbc = jdbc;
        this.search = search;
        this.trees = trees;
        this.cipher = cipher;
        this.audit = audit;
    }

    /** The result of writing one cadre. */
    public record Saved(long id, boolean created) {
    }

    @Transactional(readOnly = true)
    public CadreView get(long id) {
        CadreView v = find(id).orElseThrow(() -> BusinessException.notFound("干部"));
        requireReadable(v);
        return v;
    }

    /** The cadre, if the current user may change their records (their unit is in the user's scope). */
    @Transactional(readOnly = true)
    public CadreView requireManageable(long id) {
        CadreView v = get(id);
        requireWritable(v.orgId());
        return v;
    }

    @Transactional(readOnly = true)
    public List<PostHistoryEntry> history(long id) {
        get(id);
        return jdbc.sql(Unscoped.referenceChecked("Roster.get just above") + """
                select h.id, h.org_id, o.name as org_name, h.post, h.rank_level, h.rank_grade, h.leadership,
                       h.started_on, h.ended_on, h.note
                from cadre_post_history h join org_unit o on o.id = h.org_id
                where h.cadre_id = ? order by h.started_on desc, h.id desc""")
                .param(id)
                .query((rs, i) -> {
                    RankLevel rl = CadreSearch.enumOrNull(RankLevel.class, rs.getString("rank_level"));
                    RankGrade rg = CadreSearch.enumOrNull(RankGrade.class, rs.getString("rank_grade"));
                    return new PostHistoryEntry(rs.getLong("id"), rs.getLong("org_id"), rs.getString("org_name"),
                            rs.getString("post"), rl, rl == null ? null : rl.label(), rg, rg == null ? null : rg.label(),
                            rs.getBoolean("leadership"), rs.getObject("started_on", LocalDate.class),
                            rs.getObject("ended_on", LocalDate.class), rs.getString("note"));
                }).list();
    }

    @Transactional
    public CadreView create(CadreForm form) {
        requireWritable(form.orgId()); // scope first: an outsider learns nothing from validation messages
        form = complete(form);
        CitizenId cid = validOrThrow(form);
        Long existing = idByCitizenId(cid.value());
        if (existing != null) {
            throw duplicate(existing, cid);
        }
        return get(upsert(form, cid).id());
    }

    @Transactional
    public CadreView update(long id, CadreForm form) {
        CadreView before = get(id);
        requireWritable(before.orgId());
        if (form.version() != null && form.version() != before.version()) {
            throw BusinessException.conflict("该干部信息已被他人修改，请关闭后重新打开再改");
        }
        requireWritable(form.orgId());
        // a reader without PHONE_VIEW edits a masked number: sent back unchanged it means "unchanged"
        form = form.withPhone(Phones.keepIfMasked(form.phone(), before.phone()));
        if ((form.politicalStatusCode() == null || form.politicalStatusCode().isBlank())
                && form.politicalStatus() == before.politicalStatus()) {
            // a form that gives the status only (民主党派) keeps the party the roster knows
            form = form.withCodes(form.ethnicity(), form.politicalStatus(), before.politicalStatusCode(), form.education(),
                    form.educationFullTime(), form.educationInService(), form.rankLevel(), form.rankGrade(), form.rankTitle());
        }
        if (form.partyOrgId() != null && !form.partyOrgId().equals(before.partyOrgId())) {
            // as upsert does: a new party organisation must be one the writer may see
            trees.requireVisible(Tree.PARTY, form.partyOrgId());
        }
        if (form.citizenId() == null || form.citizenId().isBlank()) {
            // the UI only ever holds the masked number: an empty one on an update means "unchanged"
            form = form.withCitizenId(cipher.decrypt(jdbc.sql(Unscoped.rowChecked("requireManageable before the update") + "select citizen_id_enc from cadre where id = ?")
                    .param(id).query(String.class).single()));
        }
        form = complete(form);
        CitizenId cid = validOrThrow(form);
        Long other = idByCitizenId(cid.value());
        if (other != null && other != id) {
            throw duplicate(other, cid);
        }
        write(id, form, cid, before);
        CadreView after = get(id);
        audit.record("UPDATE", "Cadre", id, "修改干部信息：" + after.name(), before, after);
        return after;
    }

    /**
     * Creates the cadre, or updates the one with the same citizen ID. The form must already be valid
     * ({@link CadreValidator}); organisation scope is checked here. Audited.
     */
    @Transactional
    public Saved upsert(CadreForm form, CitizenId cid) {
        requireWritable(form.orgId());
        form = complete(form);
        if (form.partyOrgId() != null) {
            trees.requireVisible(Tree.PARTY, form.partyOrgId());
        }
        Long existing = idByCitizenId(cid.value());
        if (existing != null) {
            CadreView before = find(existing).orElseThrow();
            requireWritable(before.orgId());
            write(existing, form, cid, before);
            audit.record("UPDATE", "Cadre", existing, "更新干部信息：" + form.name(), before, find(existing).orElseThrow());
            return new Saved(existing, false);
        }
        long id = jdbc.sql("""
                insert into cadre (name, gender, ethnicity, birth_date, citizen_id_enc, citizen_id_hash, citizen_id_masked,
                    education, political_status, joined_party_on, org_id, post, rank_level, rank_grade, leadership,
                    staff_category, entered_work_on, phone, reserve_cadre, party_org_id, mobile_member, status,
                    political_status_code, education_full_time, education_in_service, rank_title, leadership_basis)
                values (:name, :gender, :ethnicity, :birth, :enc, :hash, :masked, :education, :ps, :joined, :org, :post,
                    :rl, :rg, :leadership, :sc, :entered, :phone, :reserve, :party, :mobile, :status,
                    :psCode, :eduFullTime, :eduInService, :rankTitle, :leadershipBasis)
                returning id""")
                .params(params(form, cid))
                .query(Long.class).single();
        jdbc.sql("""
                insert into cadre_post_history (cadre_id, org_id, post, rank_level, rank_grade, leadership, started_on, note)
                values (?, ?, ?, ?, ?, ?, ?, '建档')""")
                .params(id, form.orgId(), trim(form.post()), name(form.rankLevel()), name(form.rankGrade()),
                        Boolean.TRUE.equals(form.leadership()), form.changedOn() != null ? form.changedOn()
                                : Optional.ofNullable(form.enteredWorkOn()).orElse(LocalDate.now(clock)))
                .update();
        audit.record("CREATE", "Cadre", id, "新建干部：" + form.name(), null, find(id).orElseThrow());
        return new Saved(id, true);
    }

    private void write(long id, CadreForm form, CitizenId cid, CadreView before) {
        boolean postChanged = postChanged(before, form);
        LocalDate on = form.changedOn() != null ? form.changedOn() : LocalDate.now(clock);
        if (postChanged) {
            checkChangeDate(id, on);
        }
        Map<String, Object> p = params(form, cid);
        p.put("id", id);
        int n = jdbc.sql("""
                update cadre set name = :name, gender = :gender, ethnicity = :ethnicity, birth_date = :birth,
                    citizen_id_enc = :enc, citizen_id_hash = :hash, citizen_id_masked = :masked, education = :education,
                    political_status = :ps, joined_party_on = :joined, org_id = :org, post = :post, rank_level = :rl,
                    rank_grade = :rg, leadership = :leadership, staff_category = :sc, entered_work_on = :entered,
                    phone = :phone, reserve_cadre = :reserve, party_org_id = :party, mobile_member = :mobile,
                    status = :status, political_status_code = :psCode, education_full_time = :eduFullTime,
                    education_in_service = :eduInService, rank_title = :rankTitle, leadership_basis = :leadershipBasis,
                    updated_at = now(), version = version + 1
                where id = :id""")
                .params(p).update();
        if (n != 1) {
            throw BusinessException.notFound("干部");
        }
        if (postChanged) {
            jdbc.sql("update cadre_post_history set ended_on = ? where cadre_id = ? and ended_on is null")
                    .params(on, id).update();
            jdbc.sql("""
                    insert into cadre_post_history (cadre_id, org_id, post, rank_level, rank_grade, leadership, started_on, note)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, form.orgId(), trim(form.post()), name(form.rankLevel()), name(form.rankGrade()),
                            Boolean.TRUE.equals(form.leadership()), on, describeChange(before, form))
                    .update();
            collapseSameDayPeriods(jdbc, new Long[] {id}, new String[] {on.toString()});
        }
    }

    /** Whether the form changes what the post history records: unit, post, rank level or grade, leadership. */
    static boolean postChanged(CadreView before, CadreForm form) {
        return before.orgId() != form.orgId() || !Objects.equals(trim(before.post()), trim(form.post()))
                || before.rankLevel() != form.rankLevel() || before.rankGrade() != form.rankGrade()
                || before.leadership() != Boolean.TRUE.equals(form.leadership());
    }

    /**
     * After the changes dated {@code on[i]} closed the open periods of {@code cadreIds[i]}: a period that began that
     * same day now ends the day it starts, which would say the person held a post for no time at all. The new period
     * replaces it (a second change that day corrects the first), keeping a new cadre's 建档 note.
     */
    static void collapseSameDayPeriods(JdbcClient jdbc, Long[] cadreIds, String[] on) {
        jdbc.sql(Unscoped.because("rewrites the post history of cadres being written") + """
                with emptied as (
                    delete from cadre_post_history h
                    using unnest(cast(? as bigint[]), cast(? as date[])) as u(id_, on_)
                    where h.cadre_id = u.id_ and h.started_on = u.on_ and h.ended_on = u.on_
                    returning h.cadre_id, h.note)
                update cadre_post_history h set note = e.note
                from emptied e
                where h.cadre_id = e.cadre_id and h.ended_on is null and e.note = '建档'""")
                .params(SqlArrays.of("bigint", cadreIds), SqlArrays.of("date", on))
                .update();
    }

    /** Refuses a change date in the future, or one before the open period of the post history began. */
    private void checkChangeDate(long cadreId, LocalDate on) {
        if (on.isAfter(LocalDate.now(clock))) {
            throw changeDateProblem("变动日期 " + on + " 晚于今天；职务、职级变动请在生效后登记");
        }
        LocalDate since = jdbc.sql(Unscoped.referenceChecked("the cadre being changed (requireManageable)") + "select max(started_on) from cadre_post_history where cadre_id = ? and ended_on is null")
                .param(cadreId).query(LocalDate.class).single();
        if (since != null && on.isBefore(since)) {
            throw changeDateProblem("变动日期 " + on + " 早于现任职务的起始日期 " + since + "，不能登记在它之前");
        }
    }

    private static BusinessException changeDateProblem(String message) {
        return new BusinessException("变动日期：" + message, List.of(new FieldProblem("changedOn", message)));
    }

    static String describeChange(CadreView before, CadreForm form) {
        if (before.rankLevel() != form.rankLevel() || before.rankGrade() != form.rankGrade()) {
            return "职级变动";
        }
        if (before.orgId() != form.orgId()) {
            return "调动";
        }
        return "职务变动";
    }

    private Map<String, Object> params(CadreForm f, CitizenId cid) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", f.name().strip());
        p.put("gender", cid.gender().name());
        p.put("ethnicity", f.ethnicity() == null || f.ethnicity().isBlank() ? "汉族" : f.ethnicity().strip());
        p.put("birth", cid.birthDate());
        p.put("enc", cipher.encrypt(cid.value()));
        p.put("hash", cipher.blindIndex(cid.value()));
        p.put("masked", cid.masked());
        p.put("education", name(f.education()));
        p.put("ps", f.politicalStatus().name());
        p.put("joined", f.joinedPartyOn());
        p.put("org", f.orgId());
        p.put("post", trim(f.post()));
        p.put("rl", name(f.rankLevel()));
        p.put("rg", name(f.rankGrade()));
        p.put("leadership", Boolean.TRUE.equals(f.leadership()));
        p.put("sc", f.staffCategory().name());
        p.put("entered", f.enteredWorkOn());
        p.put("phone", PhoneNumber.normalize(f.phone()));
        p.put("reserve", Boolean.TRUE.equals(f.reserveCadre()));
        p.put("party", f.partyOrgId());
        p.put("mobile", Boolean.TRUE.equals(f.mobileMember()));
        p.put("status", (f.status() == null ? CadreStatus.ACTIVE : f.status()).name());
        p.put("psCode", f.politicalStatusCode());
        p.put("eduFullTime", f.educationFullTime());
        p.put("eduInService", f.educationInService());
        p.put("rankTitle", f.rankTitle());
        p.put("leadershipBasis", f.leadershipBasis());
        return p;
    }

    /** The code-table values checked and completed ({@link CodeValues}), 是否领导职务 decided ({@link Leadership}). */
    private CadreForm complete(CadreForm form) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        CadreForm f = CodeValues.resolve(codes, form, problems);
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).field() + "：" + problems.get(0).message(), problems);
        }
        return Leadership.apply(f);
    }

    private CitizenId validOrThrow(CadreForm form) {
        CitizenId[] out = new CitizenId[1];
        List<FieldProblem> problems = CadreValidator.validate(form, out, LocalDate.now(clock));
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).field() + "：" + problems.get(0).message(), problems);
        }
        return out[0];
    }

    /**
     * A 409 for a citizen ID already on the roster. When that person lies outside the writer's scope, it says
     * only that they are on the roster elsewhere and whom to ask: not where, nor their (masked) number.
     */
    private BusinessException duplicate(long existingId, CitizenId cid) {
        boolean readable;
        try {
            find(existingId).ifPresent(this::requireReadable);
            readable = true;
        } catch (BusinessException e) {
            readable = false;
        }
        if (readable) {
            return BusinessException.conflict("公民身份号码为 " + cid.masked() + " 的干部已在花名册中");
        }
        return BusinessException.conflict("此人已在其他单位的花名册中，不能重复建档；如需调入本单位，请联系组织部（干部的调动由组织部门办理）");
    }

    public Long idByCitizenId(String citizenId) {
        // a citizen ID is on the roster once in the whole county: the duplicate check looks everywhere, and
        // answers only an id, which callers turn into a message that names no unit (see duplicate)
        return jdbc.sql(Unscoped.because("duplicate citizen ID check, answers an id only") + "select id from cadre where citizen_id_hash = ?").param(cipher.blindIndex(citizenId))
                .query(Long.class).optional().orElse(null);
    }

    private Optional<CadreView> find(long id) {
        // private: every caller checks the row (get: requireReadable; upsert: requireWritable; duplicate)
        return jdbc.sql(Unscoped.rowChecked("Roster.requireReadable or requireWritable") + CadreSearch.SELECT + " where c.id = ?").param(id).query((rs, i) -> CadreSearch.view(rs, LocalDate.now(clock))).optional();
    }

    private void requireReadable(CadreView v) {
        // the same rule as the list: one query decides, so list and detail never disagree
        CadreQuery q = new CadreQuery(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, v.status(), null);
        CadreSearch.Where w = search.where(q);
        Map<String, Object> params = new HashMap<>(w.params());
        params.put("id", v.id());
        boolean ok = jdbc.sql("select count(*) from cadre c join org_unit o on o.id = c.org_id"
                        + " left join party_unit p on p.id = c.party_org_id " + w.sql() + " and c.id = :id")
                .params(params).query(Long.class).single() > 0;
        if (!ok) {
            throw new BusinessException(403, "无权查看该干部的信息", List.of());
        }
    }

    private void requireWritable(Long orgId) {
        if (orgId == null) {
            throw new BusinessException("单位不能为空", List.of(new FieldProblem("orgId", "单位不能为空")));
        }
        trees.requireInScope(Tree.ADMINISTRATIVE, orgId);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---- MemberCounts for the organisation trees ----

    @Override
    public Map<Long, Long> cadresByOrganization() {
        Map<Long, Long> m = new HashMap<>();
        jdbc.sql(Unscoped.countsOnly() + "select org_id, count(*) from cadre where status = 'ACTIVE' group by org_id")
                .query(rs -> {
                    m.put(rs.getLong(1), rs.getLong(2));
                });
        return m;
    }

    @Override
    public Map<Long, Long> membersByPartyOrganization() {
        Map<Long, Long> m = new HashMap<>();
        jdbc.sql(Unscoped.countsOnly() + """
                select party_org_id, count(*) from cadre
                where status = 'ACTIVE' and party_org_id is not null and political_status in ('CPC_MEMBER','CPC_PROBATIONARY')
                group by party_org_id""")
                .query(rs -> {
                    m.put(rs.getLong(1), rs.getLong(2));
                });
        return m;
    }
}
