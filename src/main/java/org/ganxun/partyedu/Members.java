package org.ganxun.partyedu;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import org.ganxun.partyedu.internal.member.MemberSync;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Phones;
import org.ganxun.platform.db.Like;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.org.TreeNode;
import org.ganxun.people.CitizenId;
import org.ganxun.people.Roster;
import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;

/**
 * Party members: cadres who are party members (taken from the roster, which stays their source of truth
 * for personal data) and members who are not cadres (kept here, citizen ID encrypted, blind-indexed and
 * masked as the roster does). Every read and write is limited to the current user's data scope: a branch
 * secretary sees and changes the members of their branch only.
 */
@Service
public class Members {

    /** Whether a member is still on the branch's books. */
    public enum Status {
        ACTIVE("正常"), TRANSFERRED_OUT("已转出"), DECEASED("已故");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record MemberForm(@Size(max = 50, message = "姓名最多{max}个字") @PlainText(message = "姓名不能包含网页标记或脚本") String name,
                             @Size(max = 40, message = "公民身份号码应为18位") String citizenId, LocalDate joinedPartyOn, Boolean probationary, @InScope(Ref.PARTY_ORG) Long partyOrgId,
                             @Size(max = 30, message = "联系电话最多{max}个字") String phone, MemberCategory category,
                             List<@Size(max = 50, message = "分组名称最多{max}个字") String> groups, Boolean mobile, @Size(max = 200, message = "外出地点最多{max}个字") @PlainText(message = "外出地点不能包含网页标记或脚本") String awayPlace,
                             @Size(max = 200, message = "外出务工单位最多{max}个字") @PlainText(message = "外出务工单位不能包含网页标记或脚本") String awayEmployer, LocalDate awaySince, Boolean membershipTransferred, @Size(max = 50, message = "联系人最多{max}个字") @PlainText(message = "联系人不能包含网页标记或脚本") String contactPerson,
                             @Size(max = 30, message = "联系人电话最多{max}个字") String contactPersonPhone, LocalDate lastContactOn, ContactVia lastContactVia, @Size(max = 500, message = "备注最多{max}个字") @PlainText(message = "备注不能包含网页标记或脚本") String note,
                             Status status, Integer version) {
    }

    public record MemberQuery(String name, Long partyOrgId, MemberCategory category, Boolean mobile, String group,
                              Boolean cadre) {
        public static MemberQuery all() {
            return new MemberQuery(null, null, null, null, null, null);
        }
    }

    public record Page(List<MemberView> rows, long total, int page, int size) {
    }

    public record Where(String sql, Map<String, Object> params) {
    }

    public static final String FROM = """
            from party_member m
            left join cadre_card c on c.id = m.cadre_id
            left join party_unit p on p.id = coalesce(c.party_org_id, m.party_org_id)
            left join org_unit co on co.id = coalesce(c.org_id, p.org_id)
            """;

    static final String SELECT = """
            select m.id, m.cadre_id, coalesce(c.name, m.name) as name, coalesce(c.gender, m.gender) as gender,
                   coalesce(c.birth_date, m.birth_date) as birth_date,
                   coalesce(c.citizen_id_masked, m.citizen_id_masked) as citizen_id_masked,
                   coalesce(c.joined_party_on, m.joined_party_on) as joined_party_on,
                   (m.probationary or coalesce(c.political_status = 'CPC_PROBATIONARY', false)) as probationary,
                   p.id as party_org_id, p.name as party_org_name, coalesce(c.phone, m.phone) as phone, m.category, m.groups,
                   (m.mobile or coalesce(c.mobile_member, false)) as mobile, m.away_place, m.away_employer, m.away_since,
                   m.membership_transferred, m.contact_person, m.contact_person_phone, m.last_contact_on, m.last_contact_via,
                   m.note, m.version
            """ + FROM;

    /** Members on the books: active non-cadre members and active cadres who are party members. */
    static final String ACTIVE = """
            m.status = 'ACTIVE' and (m.cadre_id is null
                or (c.status = 'ACTIVE' and c.political_status in ('CPC_MEMBER', 'CPC_PROBATIONARY')))""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final DataScopes scopes;
    private final OrganizationTrees trees;
    private final FieldCipher cipher;
    private final Roster roster;
    private final AuditLog audit;
    private final MemberSync sync;
    private final Clock clock;

    Members(JdbcClient jdbc, NamedParameterJdbcTemplate named, DataScopes scopes, OrganizationTrees trees, FieldCipher cipher,
            Roster roster, AuditLog audit, MemberSync sync, Clock clock) {
        this.clock = clock;
        this.sync = sync;
        this.jdbc = jdbc;
        this.named = named;
        this.scopes = scopes;
        this.trees = trees;
        this.cipher = cipher;
        this.roster = roster;
        this.audit = audit;
    }

    /**
     * Gives the roster's party members their member rows ({@link MemberSync}). Once per read-only transaction: a
     * page's statistics read the members several times in one request, and the anti-join over the whole roster
     * would run each time; nothing in a read-only transaction adds party members between the reads.
     */
    public int syncCadreMembers() {
        if (!TransactionSynchronizationManager.isSynchronizationActive() || !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return sync.run();
        }
        if (TransactionSynchronizationManager.hasResource(SYNCED)) {
            return 0;
        }
        int added = sync.run();
        TransactionSynchronizationManager.bindResource(SYNCED, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(SYNCED);
            }
        });
        return added;
    }

    /** The marker of a read-only transaction in which the member rows have been synchronised. */
    private static final Object SYNCED = new Object();

    /** The WHERE clause (starting with "where") for the current user's scope and the query's filters. */
    public Where where(MemberQuery q) {
        return where(q, scopes.current());
    }

    public Where where(MemberQuery q, DataScope scope) {
        Map<String, Object> params = new HashMap<>(scope.sqlParameters());
        StringBuilder w = new StringBuilder("where ").append(ACTIVE).append(" and ")
                .append(scope.sqlCondition("co.path", "p.path", "m.cadre_id"));
        if (q.name() != null && !q.name().isBlank()) {
            w.append(" and coalesce(c.name, m.name) like :name");
            params.put("name", Like.contains(q.name()));
        }
        if (q.partyOrgId() != null) {
            TreeNode node = trees.requireVisible(Tree.PARTY, q.partyOrgId());
            w.append(" and p.path like :branchPath");
            params.put("branchPath", node.path() + "%");
        }
        if (q.category() != null) {
            w.append(" and m.category = :category");
            params.put("category", q.category().name());
        }
        if (q.mobile() != null) {
            w.append(" and (m.mobile or coalesce(c.mobile_member, false)) = :mobile");
            params.put("mobile", q.mobile());
        }
        if (q.group() != null && !q.group().isBlank()) {
            w.append(" and :group = any(m.groups)");
            params.put("group", q.group().strip());
        }
        if (q.cadre() != null) {
            w.append(q.cadre() ? " and m.cadre_id is not null" : " and m.cadre_id is null");
        }
        return new Where(w.toString(), params);
    }

    @Transactional(readOnly = true)
    public Page page(MemberQuery q, int page, int size) {
        syncCadreMembers();
        int pg = Math.max(page, 1);
        int s = Math.min(Math.max(size, 1), 500);
        Where w = where(q);
        Long total = named.queryForObject("select count(*) " + FROM + w.sql(), w.params(), Long.class);
        Map<String, Object> params = new HashMap<>(w.params());
        params.put("limit", s);
        params.put("offset", (long) (pg - 1) * s);
        List<MemberView> rows = named.query(SELECT + w.sql() + " order by p.tree_key, coalesce(c.name, m.name), m.id limit :limit offset :offset",
                params, Members::view);
        return new Page(rows, total == null ? 0 : total, pg, s);
    }

    /** Every match in the current user's scope, in branch order (exports, cards, broadcasts). */
    @Transactional(readOnly = true)
    public List<MemberView> list(MemberQuery q) {
        syncCadreMembers();
        Where w = where(q);
        return named.query(SELECT + w.sql() + " order by p.tree_key, coalesce(c.name, m.name), m.id", w.params(), Members::view);
    }

    /** For system jobs (no signed-in user): every member matching the query within {@code scope}. */
    @Transactional(readOnly = true)
    public List<MemberView> list(MemberQuery q, DataScope scope) {
        syncCadreMembers();
        Where w = where(q, scope);
        return named.query(SELECT + w.sql() + " order by p.tree_key, coalesce(c.name, m.name), m.id", w.params(), Members::view);
    }

    @Transactional(readOnly = true)
    public void forEach(MemberQuery q, Consumer<MemberView> sink) {
        syncCadreMembers();
        Where w = where(q);
        named.query(SELECT + w.sql() + " order by p.tree_key, coalesce(c.name, m.name), m.id", w.params(),
                (RowCallbackHandler) rs -> sink.accept(view(rs, 0)));
    }

    /** One member, if the current user may see them (404 / 403 otherwise). */
    @Transactional(readOnly = true)
    public MemberView get(long id) {
        MemberView v = find(id).orElseThrow(() -> BusinessException.notFound("党员"));
        Where w = where(MemberQuery.all());
        Map<String, Object> params = new HashMap<>(w.params());
        params.put("id", id);
        Long n = named.queryForObject("select count(*) " + FROM + w.sql() + " and m.id = :id", params, Long.class);
        if (n == null || n == 0) {
            throw new BusinessException(403, "无权查看该党员的信息", List.of());
        }
        return v;
    }

    /** The member, if the current user may change their records (their branch is in the user's scope). */
    @Transactional(readOnly = true)
    public MemberView requireManageable(long id) {
        MemberView v = get(id);
        if (v.partyOrgId() == null) {
            throw new BusinessException(403, "该党员未编入党支部，请先在干部花名册中填写所在党组织", List.of());
        }
        requireBranchWritable(v.partyOrgId());
        return v;
    }

    java.util.Optional<MemberView> find(long id) {
        return jdbc.sql(Unscoped.rowChecked("callers of Members.find (requireReadable or requireBranchWritable)") + SELECT + " where m.id = ?").param(id).query(Members::view).optional();
    }

    /** A member who is not a cadre. */
    @Transactional
    public MemberView create(MemberForm f) {
        if (f.partyOrgId() == null) {
            throw new BusinessException("请选择所在党支部", List.of(new FieldProblem("partyOrgId", "请选择所在党支部")));
        }
        requireBranchWritable(f.partyOrgId()); // scope first: an outsider learns nothing from validation
        CitizenId cid = validate(f, true);
        if (roster.idByCitizenId(cid.value()) != null) {
            throw BusinessException.conflict("公民身份号码为 " + cid.masked() + " 的人员已在干部花名册中，请在花名册中维护其政治面貌和所在党组织");
        }
        Long existing = jdbc.sql(Unscoped.because("duplicate citizen ID check, answers an id only") + "select id from party_member where citizen_id_hash = ?").param(cipher.blindIndex(cid.value()))
                .query(Long.class).optional().orElse(null);
        if (existing != null) {
            throw BusinessException.conflict("公民身份号码为 " + cid.masked() + " 的党员已登记");
        }
        Map<String, Object> p = params(f);
        p.put("name", f.name().strip());
        p.put("gender", cid.gender().name());
        p.put("birth", cid.birthDate());
        p.put("enc", cipher.encrypt(cid.value()));
        p.put("hash", cipher.blindIndex(cid.value()));
        p.put("masked", cid.masked());
        long id = jdbc.sql("""
                insert into party_member (name, gender, birth_date, citizen_id_enc, citizen_id_hash, citizen_id_masked,
                    joined_party_on, probationary, party_org_id, phone, category, groups, status, mobile, away_place, away_employer,
                    away_since, membership_transferred, contact_person, contact_person_phone, last_contact_on, last_contact_via, note)
                values (:name, :gender, :birth, :enc, :hash, :masked, :joined, :probationary, :branch, :phone, :category,
                    :groups, :status, :mobile, :awayPlace, :awayEmployer, :awaySince, :transferred, :contactPerson,
                    :contactPhone, :lastContact, :via, :note)
                returning id""").params(p).query(Long.class).single();
        MemberView after = find(id).orElseThrow();
        audit.record("CREATE", "PartyMember", id, "登记党员：" + after.name(), null, after);
        return after;
    }

    /**
     * Updates a member. For a cadre, only what this module owns changes (category, groups, mobile details);
     * personal data is kept in the roster.
     */
    @Transactional
    public MemberView update(long id, MemberForm f) {
        MemberView before = requireManageable(id);
        if (f.version() != null && f.version() != before.version()) {
            throw BusinessException.conflict("该党员信息已被他人修改，请刷新后重试");
        }
        // a reader without PHONE_VIEW edits masked numbers: sent back unchanged they mean "unchanged"
        f = new MemberForm(f.name(), f.citizenId(), f.joinedPartyOn(), f.probationary(), f.partyOrgId(),
                Phones.keepIfMasked(f.phone(), before.phone()), f.category(), f.groups(), f.mobile(), f.awayPlace(),
                f.awayEmployer(), f.awaySince(), f.membershipTransferred(), f.contactPerson(),
                Phones.keepIfMasked(f.contactPersonPhone(), before.contactPersonPhone()), f.lastContactOn(),
                f.lastContactVia(), f.note(), f.status(), f.version());
        Map<String, Object> p = params(f);
        p.put("id", id);
        if (before.cadre()) {
            validateMobile(f, new ArrayList<>());
            jdbc.sql("""
                    update party_member set category = :category, groups = :groups, mobile = :mobile, away_place = :awayPlace,
                        away_employer = :awayEmployer, away_since = :awaySince, membership_transferred = :transferred,
                        contact_person = :contactPerson, contact_person_phone = :contactPhone, last_contact_on = :lastContact,
                        last_contact_via = :via, note = :note, updated_at = now(), version = version + 1
                    where id = :id""").params(p).update();
        } else {
            if (f.partyOrgId() == null) {
                throw new BusinessException("请选择所在党支部", List.of(new FieldProblem("partyOrgId", "请选择所在党支部")));
            }
            requireBranchWritable(f.partyOrgId());
            if (!StringUtils.hasText(f.citizenId())) { // left empty when editing: the number stays as it is
                String stored = jdbc.sql(Unscoped.rowChecked("requireBranchWritable just above") + "select citizen_id_enc from party_member where id = ?").param(id).query(String.class).single();
                f = new MemberForm(f.name(), cipher.decrypt(stored), f.joinedPartyOn(), f.probationary(), f.partyOrgId(), f.phone(),
                        f.category(), f.groups(), f.mobile(), f.awayPlace(), f.awayEmployer(), f.awaySince(), f.membershipTransferred(),
                        f.contactPerson(), f.contactPersonPhone(), f.lastContactOn(), f.lastContactVia(), f.note(), f.status(), f.version());
                p = params(f);
                p.put("id", id);
            }
            CitizenId cid = validate(f, true);
            Long other = jdbc.sql(Unscoped.because("duplicate citizen ID check, answers an id only") + "select id from party_member where citizen_id_hash = ?").param(cipher.blindIndex(cid.value()))
                    .query(Long.class).optional().orElse(null);
            if (other != null && other != id) {
                throw BusinessException.conflict("公民身份号码为 " + cid.masked() + " 的党员已登记");
            }
            p.put("name", f.name().strip());
            p.put("gender", cid.gender().name());
            p.put("birth", cid.birthDate());
            p.put("enc", cipher.encrypt(cid.value()));
            p.put("hash", cipher.blindIndex(cid.value()));
            p.put("masked", cid.masked());
            jdbc.sql("""
                    update party_member set name = :name, gender = :gender, birth_date = :birth, citizen_id_enc = :enc,
                        citizen_id_hash = :hash, citizen_id_masked = :masked, joined_party_on = :joined, probationary = :probationary,
                        party_org_id = :branch, phone = :phone, category = :category, groups = :groups, status = :status,
                        mobile = :mobile, away_place = :awayPlace, away_employer = :awayEmployer, away_since = :awaySince,
                        membership_transferred = :transferred, contact_person = :contactPerson, contact_person_phone = :contactPhone,
                        last_contact_on = :lastContact, last_contact_via = :via, note = :note, updated_at = now(),
                        version = version + 1
                    where id = :id""").params(p).update();
        }
        MemberView after = find(id).orElseThrow();
        audit.record("UPDATE", "PartyMember", id, "修改党员信息：" + after.name(), before, after);
        return after;
    }

    /** A contact with a mobile member: the log keeps every contact, the member keeps the latest. */
    @Transactional
    public MemberView recordContact(long id, LocalDate on, ContactVia via, String note) {
        MemberView before = requireManageable(id);
        if (on == null || via == null) {
            throw new BusinessException("请填写联系日期和联系方式", List.of(new FieldProblem("contactedOn", "必填")));
        }
        if (on.isAfter(LocalDate.now(clock))) {
            throw new BusinessException("联系日期不能晚于今天", List.of(new FieldProblem("contactedOn", "日期不能晚于今天")));
        }
        jdbc.sql("insert into party_member_contact (member_id, contacted_on, via, note, recorded_by) values (?, ?, ?, ?, ?)")
                .params(id, on, via.name(), trim(note), org.ganxun.platform.security.CurrentUsers.require().username()).update();
        jdbc.sql("""
                update party_member set last_contact_on = ?, last_contact_via = ?, updated_at = now(), version = version + 1
                where id = ? and (last_contact_on is null or last_contact_on <= ?)""")
                .params(on, via.name(), id, on).update();
        MemberView after = find(id).orElseThrow();
        audit.record("CONTACT", "PartyMember", id, "联系流动党员：" + after.name() + "（" + via.label() + "，" + on + "）", before, after);
        return after;
    }

    public record Contact(LocalDate contactedOn, ContactVia via, String viaLabel, String note, String recordedBy) {
    }

    @Transactional(readOnly = true)
    public List<Contact> contacts(long id) {
        get(id);
        return jdbc.sql(Unscoped.referenceChecked("Members.get just above") + "select contacted_on, via, note, recorded_by from party_member_contact where member_id = ? order by contacted_on desc, id desc")
                .param(id).query((rs, i) -> {
                    ContactVia v = ContactVia.valueOf(rs.getString(2));
                    return new Contact(rs.getObject(1, LocalDate.class), v, v.label(), rs.getString(3), rs.getString(4));
                }).list();
    }

    /** The groups in use in the current user's scope (for the broadcast form). */
    @Transactional(readOnly = true)
    public List<String> groups() {
        Where w = where(MemberQuery.all());
        return named.queryForList("select distinct g " + FROM.replace("from party_member m", "from party_member m cross join unnest(m.groups) g")
                + w.sql() + " order by g", w.params(), String.class);
    }

    void requireBranchWritable(long partyOrgId) {
        TreeNode node = trees.requireInScope(Tree.PARTY, partyOrgId);
        if (node.retired()) {
            throw new BusinessException("党组织“" + node.name() + "”已撤销");
        }
    }

    private CitizenId validate(MemberForm f, boolean nonCadre) {
        List<FieldProblem> problems = new ArrayList<>();
        CitizenId cid = null;
        if (nonCadre) {
            if (!StringUtils.hasText(f.name())) {
                problems.add(new FieldProblem("name", "请填写姓名"));
            } else if (f.name().strip().length() > 50) {
                problems.add(new FieldProblem("name", "姓名不能超过50个字"));
            }
            CitizenId.Result r = CitizenId.parse(f.citizenId(), LocalDate.now(clock));
            if (!r.ok()) {
                problems.add(new FieldProblem("citizenId", r.error()));
            } else {
                cid = r.id().orElseThrow();
            }
            if (f.joinedPartyOn() == null) {
                problems.add(new FieldProblem("joinedPartyOn", "请填写入党时间"));
            } else if (f.joinedPartyOn().isAfter(LocalDate.now(clock))) {
                problems.add(new FieldProblem("joinedPartyOn", "入党时间不能晚于今天"));
            } else if (cid != null && f.joinedPartyOn().isBefore(cid.birthDate().plusYears(18))) {
                problems.add(new FieldProblem("joinedPartyOn", "入党时应年满十八岁，请核对入党时间"));
            }
            if (f.category() == null) {
                problems.add(new FieldProblem("category", "请选择党员类别"));
            }
            if (f.phone() != null && !f.phone().isBlank() && !f.phone().strip().matches("[0-9+\\-]{7,20}")) {
                problems.add(new FieldProblem("phone", "联系电话格式不正确"));
            }
        }
        validateMobile(f, problems);
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        return cid;
    }

    private void validateMobile(MemberForm f, List<FieldProblem> problems) {
        if (Boolean.TRUE.equals(f.mobile())) {
            if (!StringUtils.hasText(f.awayPlace())) {
                problems.add(new FieldProblem("awayPlace", "流动党员请填写外出地点"));
            }
            if (f.awaySince() == null) {
                problems.add(new FieldProblem("awaySince", "流动党员请填写外出时间"));
            } else if (f.awaySince().isAfter(LocalDate.now(clock))) {
                problems.add(new FieldProblem("awaySince", "外出时间不能晚于今天"));
            }
        }
        if (f.lastContactOn() != null && f.lastContactOn().isAfter(LocalDate.now(clock))) {
            problems.add(new FieldProblem("lastContactOn", "最近联系日期不能晚于今天"));
        }
        if (f.lastContactOn() != null && f.lastContactVia() == null) {
            problems.add(new FieldProblem("lastContactVia", "请选择最近一次的联系方式"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
    }

    private Map<String, Object> params(MemberForm f) {
        Map<String, Object> p = new HashMap<>();
        p.put("joined", f.joinedPartyOn());
        p.put("probationary", Boolean.TRUE.equals(f.probationary()));
        p.put("branch", f.partyOrgId());
        p.put("phone", trim(f.phone()));
        p.put("category", (f.category() == null ? MemberCategory.OTHER : f.category()).name());
        List<String> groups = f.groups() == null ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(f.groups().stream().filter(StringUtils::hasText).map(String::strip).toList()));
        p.put("groups", groups.toArray(String[]::new));
        p.put("status", (f.status() == null ? Status.ACTIVE : f.status()).name());
        boolean mobile = Boolean.TRUE.equals(f.mobile());
        p.put("mobile", mobile);
        p.put("awayPlace", mobile ? trim(f.awayPlace()) : null);
        p.put("awayEmployer", mobile ? trim(f.awayEmployer()) : null);
        p.put("awaySince", mobile ? f.awaySince() : null);
        p.put("transferred", mobile && Boolean.TRUE.equals(f.membershipTransferred()));
        p.put("contactPerson", trim(f.contactPerson()));
        p.put("contactPhone", trim(f.contactPersonPhone()));
        p.put("lastContact", f.lastContactOn());
        p.put("via", f.lastContactVia() == null ? null : f.lastContactVia().name());
        p.put("note", trim(f.note()));
        return p;
    }

    public static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static MemberView view(ResultSet rs, int i) throws SQLException {
        String g = rs.getString("gender");
        String genderLabel = g == null ? null : org.ganxun.people.Gender.valueOf(g).label();
        MemberCategory cat = MemberCategory.valueOf(rs.getString("category"));
        String via = rs.getString("last_contact_via");
        ContactVia v = via == null ? null : ContactVia.valueOf(via);
        Array groups = rs.getArray("groups");
        List<String> gs = groups == null ? List.of() : Arrays.asList((String[]) groups.getArray());
        return new MemberView(rs.getLong("id"), rs.getObject("cadre_id", Long.class), rs.getObject("cadre_id") != null,
                rs.getString("name"), g, genderLabel, rs.getObject("birth_date", LocalDate.class), rs.getString("citizen_id_masked"),
                rs.getObject("joined_party_on", LocalDate.class), rs.getBoolean("probationary"),
                rs.getObject("party_org_id", Long.class), rs.getString("party_org_name"), rs.getString("phone"), cat, cat.label(),
                gs, rs.getBoolean("mobile"), rs.getString("away_place"), rs.getString("away_employer"),
                rs.getObject("away_since", LocalDate.class), rs.getBoolean("membership_transferred"), rs.getString("contact_person"),
                rs.getString("contact_person_phone"), rs.getObject("last_contact_on", LocalDate.class), v,
                v == null ? null : v.label(), rs.getString("note"), rs.getInt("version"));
    }
}
