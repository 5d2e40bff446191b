package org.ganxun.archive;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.DataScopeKind;
import org.ganxun.platform.security.Permission;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.platform.db.SqlArrays;
import org.ganxun.platform.security.DataScope;
import org.ganxun.people.CadreView;
import org.ganxun.people.Roster;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Records archive entries and decides their approval. The organisation department records and approves;
 * a cadre or a unit liaison reports external training, which waits for approval. Every change publishes
 * {@link ArchiveChanged} so only that person's standing is recomputed.
 */
@Service
public class ArchiveEntries {

    public static final int MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
    /** One entry's 学时 at most (five years of 550 学时 several times over; the column holds 99999.99). */
    static final BigDecimal MAX_ENTRY_HOURS = new BigDecimal("5000");
    private static final Set<String> ATTACHMENT_TYPES = Set.of("application/pdf", "image/jpeg", "image/png");

    private final JdbcClient jdbc;
    private final Roster roster;
    private final HoursConverter converter;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final DataScopes scopes;
    private final Clock clock;

    ArchiveEntries(JdbcClient jdbc, Roster roster, HoursConverter converter, AuditLog audit, ApplicationEventPublisher events,
                   DataScopes scopes, Clock clock) {
        this.clock = clock;
        this.scopes = scopes;
        this.jdbc = jdbc;
        this.roster = roster;
        this.converter = converter;
        this.audit = audit;
        this.events = events;
    }

    /**
     * What a clerk or a cadre enters. Either {@code hours} directly, or a quantity and its unit to convert.
     * {@code days}: the days of concentrated (脱产) training the entry stands for, kept beside the hours because a
     * requirement of "12天或者90学时" is met by either (条例第十四条); optional, and taken from the quantity when it
     * is entered in days.
     */
    public record EntryRequest(@InScope(Ref.CADRE) Long cadreId, CreditSource source, @Size(max = 100, message = "来源编号最多{max}个字") @PlainText(message = "来源编号不能包含网页标记或脚本") String sourceRef, @Size(max = 200, message = "培训名称最多{max}个字") @PlainText(message = "培训名称不能包含网页标记或脚本") String title, @Size(max = 100, message = "举办单位最多{max}个字") @PlainText(message = "举办单位不能包含网页标记或脚本") String provider,
                               LocalDate startedOn, LocalDate endedOn, LocalDate creditedOn, BigDecimal quantity,
                               QuantityUnit quantityUnit, Boolean passedTest, Delivery delivery, Boolean required,
                               Boolean fullTime, TrainingType trainingType,
                               @Size(max = 500, message = "证明材料最多{max}个字") @PlainText(message = "证明材料不能包含网页标记或脚本") String evidence,
                               BigDecimal days) {

        /** An entry without days of its own (online learning, a study session, hours only). */
        public EntryRequest(Long cadreId, CreditSource source, String sourceRef, String title, String provider,
                            LocalDate startedOn, LocalDate endedOn, LocalDate creditedOn, BigDecimal quantity,
                            QuantityUnit quantityUnit, Boolean passedTest, Delivery delivery, Boolean required,
                            Boolean fullTime, TrainingType trainingType, String evidence) {
            this(cadreId, source, sourceRef, title, provider, startedOn, endedOn, creditedOn, quantity, quantityUnit, passedTest,
                    delivery, required, fullTime, trainingType, evidence, null);
        }
    }

    /** Days of one entry at most (a long 脱产 class is a few months; the column holds 9999.99). */
    public static final BigDecimal MAX_ENTRY_DAYS = new BigDecimal("400");

    /** An attachment as received (bytes already read within the upload limit). */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }

    /** Entered by the organisation department (or another module such as classes): approved at once. */
    @Transactional
    public ArchiveEntry record(EntryRequest req) {
        CurrentUser me = CurrentUsers.require();
        if (!me.can(Permission.HOURS_APPROVE)) {
            throw new BusinessException(403, "只有组织部门可以直接登记学时；其他人员请提交学时申报", List.of());
        }
        // the form is checked before the cadre is looked up: a missing cadreId is the clerk's to fix, not a 500
        List<FieldProblem> problems = validate(req);
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        CadreView cadre = roster.requireManageable(req.cadreId());
        long id = insert(req, cadre, EntryStatus.APPROVED, me.username());
        audit.record("CREATE", "ArchiveEntry", id, "登记学时：" + cadre.name() + " " + req.title(), null, get(id));
        events.publishEvent(new ArchiveChanged(cadre.id()));
        return get(id);
    }

    /**
     * Credited by the system itself (a class completion, a group-study session): approved, idempotent by
     * source and reference, so the same attendance never credits twice.
     */
    @Transactional
    public ArchiveEntry credit(EntryRequest req, String recordedBy) {
        if (!StringUtils.hasText(req.sourceRef())) {
            throw new IllegalArgumentException("a system credit needs a source reference");
        }
        Long existing = jdbc.sql(Unscoped.because("a system credit finds its earlier self") + "select id from archive_entry where cadre_id = ? and source = ? and source_ref = ?")
                .params(req.cadreId(), req.source().name(), req.sourceRef()).query(Long.class).optional().orElse(null);
        if (existing != null) {
            return get(existing);
        }
        CadreView cadre = roster.get(req.cadreId());
        long id = insert(req, cadre, EntryStatus.APPROVED, recordedBy);
        audit.record("CREATE", "ArchiveEntry", id, "计入学时：" + cadre.name() + " " + req.title(), null, get(id));
        events.publishEvent(new ArchiveChanged(cadre.id()));
        return get(id);
    }

    /**
     * The courses these cadres completed in 网络学院 ({@link CreditSource#ONLINE_ACADEMY}, approved), as keys
     * "cadre id|title|year": an import of the same course from another platform in the same year is not counted again.
     */
    public Set<String> academyCourses(Collection<Long> cadreIds) {
        if (cadreIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql(Unscoped.because("an import matching its rows against the 网络学院 completions of people it matched in scope") + """
                        select cadre_id || '|' || title || '|' || extract(year from credited_on)::int from archive_entry
                        where source = 'ONLINE_ACADEMY' and status = 'APPROVED' and cadre_id = any(?)""")
                .param(cadreIds.toArray(new Long[0])).query(String.class).list());
    }

    /** The key {@link #academyCourses} uses. */
    public static String academyKey(long cadreId, String title, LocalDate on) {
        return cadreId + "|" + title + "|" + on.getYear();
    }

    /** One row of an import, its hours already converted by the importer (with the note saying how). */
    public record ImportedCredit(int row, EntryRequest request, BigDecimal hours, String conversionNote) {
    }

    /** What a batch did: rows credited now, rows whose entry already existed (the same source reference). */
    public record BatchResult(int credited, BigDecimal creditedHours, List<Integer> alreadyCreditedRows) {
    }

    /**
     * Credits many checked rows of an import at once, in the caller's transaction (an import is all one
     * transaction). Idempotent by (cadre, source, source reference) like {@link #credit}: a row whose entry
     * exists is skipped, so importing the same file again credits nothing twice. Each new entry gets its
     * audit entry; each person with new hours gets one {@link ArchiveChanged}.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public BatchResult creditImported(List<ImportedCredit> items, CurrentUser by, String remoteAddr) {
        if (items.isEmpty()) {
            return new BatchResult(0, BigDecimal.ZERO, List.of());
        }
        int n = items.size();
        Object[] cadre = new Object[n], source = new Object[n], ref = new Object[n], title = new Object[n], provider = new Object[n],
                on = new Object[n], quantity = new Object[n], unit = new Object[n], hours = new Object[n], note = new Object[n],
                delivery = new Object[n], required = new Object[n], fullTime = new Object[n], type = new Object[n],
                evidence = new Object[n], row = new Object[n];
        for (int i = 0; i < n; i++) {
            ImportedCredit c = items.get(i);
            EntryRequest r = c.request();
            if (r.cadreId() == null || r.source() == null || !StringUtils.hasText(r.sourceRef()) || c.hours() == null
                    || c.hours().signum() < 0) {
                throw new IllegalArgumentException("row " + c.row() + ": an imported credit needs a person, a source, a reference and hours");
            }
            cadre[i] = r.cadreId();
            source[i] = r.source().name();
            ref[i] = r.sourceRef().strip();
            title[i] = r.title().strip();
            provider[i] = r.provider();
            on[i] = (r.creditedOn() != null ? r.creditedOn() : r.endedOn()).toString();
            quantity[i] = r.quantity();
            unit[i] = (r.quantityUnit() == null ? QuantityUnit.HOURS : r.quantityUnit()).name();
            hours[i] = c.hours();
            note[i] = c.conversionNote();
            delivery[i] = r.delivery().name();
            required[i] = Boolean.TRUE.equals(r.required());
            fullTime[i] = Boolean.TRUE.equals(r.fullTime());
            type[i] = r.trainingType() == null ? null : r.trainingType().name();
            evidence[i] = r.evidence();
            row[i] = c.row();
        }
        record Inserted(long id, long cadreId, String cadreName, String title, BigDecimal hours, int row) {
        }
        List<Inserted> inserted = jdbc.sql(Unscoped.because("a batch insert answering what it inserted") + """
                with rows as (
                    select * from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                        cast(? as text[]), cast(? as date[]), cast(? as numeric[]), cast(? as text[]), cast(? as numeric[]),
                        cast(? as text[]), cast(? as text[]), cast(? as boolean[]), cast(? as boolean[]), cast(? as text[]),
                        cast(? as text[]), cast(? as int[]))
                        as r(cadre_id, source, source_ref, title, provider, credited_on, quantity, quantity_unit, hours,
                             conversion_note, delivery, required, full_time, training_type, evidence, row_no)
                ), ins as (
                    insert into archive_entry (cadre_id, source, source_ref, title, provider, started_on, ended_on, credited_on,
                        quantity, quantity_unit, hours, conversion_note, delivery, required, full_time, training_type, evidence,
                        status, recorded_by, approved_by, approved_at)
                    select cadre_id, source, source_ref, title, provider, credited_on, credited_on, credited_on, quantity,
                        quantity_unit, hours, conversion_note, delivery, required, full_time, training_type, evidence,
                        'APPROVED', ?, ?, now()
                    from rows order by row_no
                    on conflict (cadre_id, source, source_ref) where source_ref is not null do nothing
                    returning id, cadre_id, source, source_ref, title, hours
                )
                select ins.id, ins.cadre_id, c.name, ins.title, ins.hours, rows.row_no
                from ins join rows on rows.cadre_id = ins.cadre_id and rows.source = ins.source and rows.source_ref = ins.source_ref
                join cadre_card c on c.id = ins.cadre_id order by rows.row_no""")
                .params(SqlArrays.of("bigint", cadre), SqlArrays.of("text", source),
                        SqlArrays.of("text", ref), SqlArrays.of("text", title),
                        SqlArrays.of("text", provider), SqlArrays.of("text", on),
                        SqlArrays.of("numeric", quantity), SqlArrays.of("text", unit),
                        SqlArrays.of("numeric", hours), SqlArrays.of("text", note),
                        SqlArrays.of("text", delivery), SqlArrays.of("bool", required),
                        SqlArrays.of("bool", fullTime), SqlArrays.of("text", type),
                        SqlArrays.of("text", evidence), SqlArrays.of("int4", row),
                        by.username(), by.username())
                .query((rs, i) -> new Inserted(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                        rs.getInt(6)))
                .list();
        java.util.Set<Integer> done = new java.util.HashSet<>();
        List<AuditLog.Change> changes = new ArrayList<>(inserted.size());
        java.util.Set<Long> people = new java.util.LinkedHashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Inserted e : inserted) {
            done.add(e.row());
            people.add(e.cadreId());
            total = total.add(e.hours());
            changes.add(new AuditLog.Change("CREATE", "ArchiveEntry", e.id(), "导入网络学时：" + e.cadreName() + " " + e.title()
                    + " " + e.hours().stripTrailingZeros().toPlainString() + "学时", null, Map.of("row", e.row(), "hours", e.hours())));
        }
        audit.recordAll(by.id(), by.username(), remoteAddr, changes);
        for (Long id : people) {
            events.publishEvent(new ArchiveChanged(id));
        }
        List<Integer> skipped = new ArrayList<>();
        for (ImportedCredit c : items) {
            if (!done.contains(c.row())) {
                skipped.add(c.row());
            }
        }
        return new BatchResult(inserted.size(), total, skipped);
    }

    /** What a cadre or liaison may report; everything else is credited by the system or recorded by the department. */
    static final Set<CreditSource> REPORTABLE = EnumSet.of(CreditSource.EXTERNAL_TRAINING, CreditSource.TEACHING, CreditSource.OTHER);

    /** External training reported by the cadre themself or their unit's liaison; waits for approval. */
    @Transactional
    public ArchiveEntry report(EntryRequest req, Attachment attachment) {
        CurrentUser me = CurrentUsers.require();
        if (req.cadreId() == null) {
            throw new BusinessException("请选择干部", List.of(new FieldProblem("cadreId", "请选择干部")));
        }
        CadreView cadre;
        if (me.dataScope() == DataScopeKind.SELF) {
            if (me.cadreId() == null || !me.cadreId().equals(req.cadreId())) {
                throw new BusinessException(403, "只能申报本人的学时", List.of());
            }
            cadre = roster.get(req.cadreId());
        } else {
            cadre = roster.requireManageable(req.cadreId());
        }
        if (attachment == null || attachment.content() == null || attachment.content().length == 0) {
            throw new BusinessException("请上传培训证明材料（结业证书、通知或照片）", List.of(new FieldProblem("attachment", "请上传证明材料")));
        }
        checkAttachment(attachment);
        // classes, online courses and group study are credited by the system under their own references: a report
        // claiming one (e.g. TC-<class>) would stand in for the real credit, which is idempotent by that reference
        if (req.source() != null && !REPORTABLE.contains(req.source())) {
            throw new BusinessException("学时申报只用于外出培训、授课等；" + req.source().label() + "学时由系统自动计入",
                    List.of(new FieldProblem("source", "请选择外出培训认定、授课或其他")));
        }
        req = new EntryRequest(req.cadreId(), req.source(), null, req.title(), req.provider(), req.startedOn(), req.endedOn(),
                req.creditedOn(), req.quantity(), req.quantityUnit(), req.passedTest(), req.delivery(), req.required(),
                req.fullTime(), req.trainingType(), req.evidence(), req.days());
        long id = insert(req, cadre, EntryStatus.PENDING, me.username());
        jdbc.sql("insert into archive_attachment (entry_id, file_name, content_type, size_bytes, content) values (?, ?, ?, ?, ?)")
                .params(id, attachment.fileName(), attachment.contentType(), attachment.content().length, attachment.content())
                .update();
        audit.record("REPORT", "ArchiveEntry", id, "申报学时：" + cadre.name() + " " + req.title(), null, get(id));
        return get(id);
    }

    /**
     * A system-credited activity's date was corrected (a party branch mistyped its study day): every entry it
     * credited takes the right date wherever it had the wrong one, each change audited, and the people's standings
     * are recomputed (the hours may now fall in another year). Returns how many entries changed.
     */
    @Transactional
    public int correctDate(CreditSource source, String sourceRef, LocalDate wrong, LocalDate right) {
        List<Long> ids = jdbc.sql(Unscoped.because("a source own credits, corrected by that source") + "select id from archive_entry where source = ? and source_ref = ? order by id")
                .params(source.name(), sourceRef).query(Long.class).list();
        int changed = 0;
        for (long id : ids) {
            ArchiveEntry before = get(id);
            int n = jdbc.sql("""
                    update archive_entry set
                        started_on = case when started_on = :wrong then :right else started_on end,
                        ended_on = case when ended_on = :wrong then :right else ended_on end,
                        credited_on = case when credited_on = :wrong then :right else credited_on end,
                        version = version + 1
                     where id = :id and :wrong in (started_on, ended_on, credited_on)""")
                    .param("wrong", wrong).param("right", right).param("id", id).update();
            if (n == 1) {
                changed++;
                ArchiveEntry after = get(id);
                audit.record("UPDATE", "ArchiveEntry", id, "更正学时日期：" + after.cadreName() + " " + after.title() + "，"
                        + wrong + " 改为 " + right, before, after);
                events.publishEvent(new ArchiveChanged(after.cadreId()));
            }
        }
        return changed;
    }

    /** The organisation department approves a reported entry; the approver's data scope must cover the person. */
    @Transactional
    public ArchiveEntry approve(long id) {
        ArchiveEntry before = requireDecidable(id);
        jdbc.sql("update archive_entry set status = 'APPROVED', approved_by = ?, approved_at = now(), reject_reason = null,"
                        + " version = version + 1 where id = ?")
                .params(CurrentUsers.require().username(), id).update();
        ArchiveEntry after = get(id);
        audit.record("APPROVE", "ArchiveEntry", id, "认定学时：" + after.cadreName() + " " + after.title(), before, after);
        events.publishEvent(new ArchiveChanged(after.cadreId()));
        return after;
    }

    @Transactional
    public ArchiveEntry reject(long id, String reason) {
        if (!StringUtils.hasText(reason)) {
            throw new BusinessException("请填写不予认定的理由", List.of(new FieldProblem("reason", "请填写理由")));
        }
        ArchiveEntry before = requireDecidable(id);
        jdbc.sql("update archive_entry set status = 'REJECTED', approved_by = ?, approved_at = now(), reject_reason = ?,"
                        + " version = version + 1 where id = ?")
                .params(CurrentUsers.require().username(), reason.strip(), id).update();
        ArchiveEntry after = get(id);
        audit.record("REJECT", "ArchiveEntry", id, "不予认定：" + after.cadreName() + " " + after.title() + "，理由：" + reason, before, after);
        return after;
    }

    /** A person's archive, newest first; readable by whoever may read the person. */
    @Transactional(readOnly = true)
    public List<ArchiveEntry> of(long cadreId) {
        roster.get(cadreId);
        return jdbc.sql(Unscoped.referenceChecked("callers: Roster.get of the person") + SELECT + " where e.cadre_id = ? order by e.credited_on desc, e.id desc").param(cadreId).query(this::map).list();
    }

    /** Entries waiting for approval that the current user may decide. */
    @Transactional(readOnly = true)
    public List<ArchiveEntry> pending() {
        // the same rule as approve(): the person's unit must lie in the approver's administrative scope
        DataScope scope = scopes.current();
        if (!scope.all() && scope.orgPath() == null) {
            return List.of();
        }
        return jdbc.sql(SELECT + " join org_unit o on o.id = c.org_id where e.status = 'PENDING' and " + scope.orgCondition("o.path")
                        + " order by e.recorded_at")
                .params(scope.sqlParameters())
                .query(this::map).list();
    }

    /** A page of the reports waiting for the current approver, oldest first, with how many wait in all. */
    public record PendingPage(List<ArchiveEntry> rows, long total, int page, int size) {
    }

    @Transactional(readOnly = true)
    public PendingPage pending(int page, int size) {
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 500);
        DataScope scope = scopes.current();
        if (!scope.all() && scope.orgPath() == null) {
            return new PendingPage(List.of(), 0, pg, sz);
        }
        String where = " join org_unit o on o.id = c.org_id where e.status = 'PENDING' and " + scope.orgCondition("o.path");
        List<ArchiveEntry> rows = jdbc.sql(SELECT + where + " order by e.recorded_at, e.id limit :limit offset :offset")
                .params(scope.sqlParameters()).param("limit", sz).param("offset", (long) (pg - 1) * sz)
                .query(this::map).list();
        long total = jdbc.sql("select count(*) from archive_entry e join cadre_card c on c.id = e.cadre_id" + where)
                .params(scope.sqlParameters()).query(Long.class).single();
        return new PendingPage(rows, total, pg, sz);
    }

    @Transactional(readOnly = true)
    public ArchiveEntry get(long id) {
        return jdbc.sql(Unscoped.rowChecked("callers of ArchiveEntries.get: the person (Roster)") + SELECT + " where e.id = ?").param(id).query(this::map).optional()
                .orElseThrow(() -> BusinessException.notFound("学时记录"));
    }

    @Transactional // writes its audit entry
    public Attachment attachment(long entryId) {
        ArchiveEntry e = get(entryId);
        roster.get(e.cadreId());
        Attachment a = jdbc.sql(Unscoped.referenceChecked("Roster.get just above") + "select file_name, content_type, content from archive_attachment where entry_id = ? order by id limit 1")
                .param(entryId)
                .query((rs, i) -> new Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional()
                .orElseThrow(() -> BusinessException.notFound("证明材料"));
        audit.recordExport("ArchiveEntry", entryId, "学时证明材料：" + e.cadreName() + " " + e.title(),
                AuditLog.filter("entryId", entryId), 1);
        return a;
    }

    private ArchiveEntry requireDecidable(long id) {
        CurrentUser me = CurrentUsers.require();
        if (!me.can(Permission.HOURS_APPROVE)) {
            throw new BusinessException(403, "只有组织部门可以审核学时", List.of());
        }
        ArchiveEntry e = get(id);
        roster.requireManageable(e.cadreId()); // the approver's data scope must cover the person
        if (e.status() != EntryStatus.PENDING) {
            throw BusinessException.conflict("该学时记录已审核（" + e.statusLabel() + "）");
        }
        return e;
    }

    private long insert(EntryRequest req, CadreView cadre, EntryStatus status, String by) {
        List<FieldProblem> problems = validate(req);
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        BigDecimal hours;
        String note = null;
        BigDecimal quantity = req.quantity();
        QuantityUnit unit = req.quantityUnit() == null ? QuantityUnit.HOURS : req.quantityUnit();
        LocalDate creditedOn = req.creditedOn() != null ? req.creditedOn() : req.endedOn();
        if (unit == QuantityUnit.HOURS && req.source() != CreditSource.TEACHING && req.passedTest() == null) {
            hours = quantity;
        } else {
            HoursConverter.Conversion c = converter.convert(cadre.orgId(), creditedOn, req.source(), quantity, unit,
                    Boolean.TRUE.equals(req.passedTest()));
            hours = c.hours();
            note = c.note();
        }
        // archive_entry.hours is numeric(7,2): a typing slip (99999 days, or a teaching multiplier) must be a clear 400, not a 500
        if (hours.compareTo(MAX_ENTRY_HOURS) > 0) {
            throw new BusinessException("折算后为" + hours.stripTrailingZeros().toPlainString() + "学时，超过单条记录上限"
                    + MAX_ENTRY_HOURS.toPlainString() + "学时，请核对数量和单位", List.of(new FieldProblem("quantity", "数量过大，请核对")));
        }
        BigDecimal days = days(req, unit);
        if (days != null && days.compareTo(MAX_ENTRY_DAYS) > 0) {
            throw new BusinessException("培训天数" + days.stripTrailingZeros().toPlainString() + "天超过单条记录上限" + MAX_ENTRY_DAYS
                    + "天，请核对", List.of(new FieldProblem(req.days() != null ? "days" : "quantity", "天数过大，请核对")));
        }
        Map<String, Object> p = new HashMap<>();
        p.put("cadre", cadre.id());
        p.put("source", req.source().name());
        p.put("ref", StringUtils.hasText(req.sourceRef()) ? req.sourceRef().strip() : null);
        p.put("title", req.title().strip());
        p.put("provider", req.provider());
        p.put("started", req.startedOn());
        p.put("ended", req.endedOn());
        p.put("credited", creditedOn);
        p.put("quantity", quantity);
        p.put("unit", unit.name());
        p.put("hours", hours);
        p.put("days", days);
        p.put("note", note);
        p.put("delivery", req.delivery().name());
        p.put("required", Boolean.TRUE.equals(req.required()));
        p.put("fullTime", Boolean.TRUE.equals(req.fullTime()));
        p.put("type", req.trainingType() == null ? null : req.trainingType().name());
        p.put("evidence", req.evidence());
        p.put("status", status.name());
        p.put("by", by);
        p.put("approvedBy", status == EntryStatus.APPROVED ? by : null);
        p.put("approvedAt", status == EntryStatus.APPROVED ? java.sql.Timestamp.from(Instant.now(clock)) : null);
        try {
            return jdbc.sql("""
                    insert into archive_entry (cadre_id, source, source_ref, title, provider, started_on, ended_on, credited_on,
                        quantity, quantity_unit, hours, conversion_note, delivery, required, full_time, training_type, evidence,
                        status, recorded_by, approved_by, approved_at, days)
                    values (:cadre, :source, :ref, :title, :provider, :started, :ended, :credited, :quantity, :unit, :hours,
                        :note, :delivery, :required, :fullTime, :type, :evidence, :status, :by, :approvedBy, :approvedAt, :days)
                    returning id""").params(p).query(Long.class).single();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw BusinessException.conflict("该学时已登记过（来源编号 " + req.sourceRef() + "）");
        }
    }

    /** The days an entry keeps: as entered, or its quantity when that is in days; none for online learning. */
    private static BigDecimal days(EntryRequest req, QuantityUnit unit) {
        if (req.days() != null) {
            return req.days();
        }
        if (unit == QuantityUnit.DAYS && req.delivery() == Delivery.CONCENTRATED) {
            return req.quantity();
        }
        return null;
    }

    List<FieldProblem> validate(EntryRequest r) {
        List<FieldProblem> p = new ArrayList<>();
        if (r.cadreId() == null) {
            p.add(new FieldProblem("cadreId", "请选择干部"));
        }
        if (r.source() == null) {
            p.add(new FieldProblem("source", "请选择学时来源"));
        }
        if (!StringUtils.hasText(r.title())) {
            p.add(new FieldProblem("title", "请填写培训名称"));
        } else if (r.title().length() > 200) {
            p.add(new FieldProblem("title", "培训名称不能超过200字"));
        }
        if (r.delivery() == null) {
            p.add(new FieldProblem("delivery", "请选择培训方式（集中或网络）"));
        }
        if (r.quantity() == null || r.quantity().signum() <= 0) {
            p.add(new FieldProblem("quantity", "学时（或天数、分钟数）须大于0"));
        } else if (r.quantity().compareTo(new BigDecimal("100000")) > 0) {
            p.add(new FieldProblem("quantity", "数量过大，请核对"));
        }
        LocalDate credited = r.creditedOn() != null ? r.creditedOn() : r.endedOn();
        if (credited == null) {
            p.add(new FieldProblem("creditedOn", "请填写结束日期或计入日期"));
        } else if (credited.isAfter(LocalDate.now(clock))) {
            p.add(new FieldProblem("creditedOn", "计入日期不能晚于今天"));
        }
        if (r.startedOn() != null && r.endedOn() != null && r.endedOn().isBefore(r.startedOn())) {
            p.add(new FieldProblem("endedOn", "结束日期早于开始日期"));
        }
        if (r.days() != null) {
            if (r.days().signum() <= 0) {
                p.add(new FieldProblem("days", "培训天数须大于0（没有天数请留空）"));
            } else if (r.delivery() == Delivery.ONLINE) {
                p.add(new FieldProblem("days", "网络培训不登记培训天数，请留空"));
            } else if (r.days().stripTrailingZeros().scale() > 2) {
                p.add(new FieldProblem("days", "培训天数最多保留两位小数"));
            } else if (r.quantityUnit() == QuantityUnit.DAYS && r.quantity() != null && r.days().compareTo(r.quantity()) != 0) {
                p.add(new FieldProblem("days", "培训天数与按天填写的数量不一致，请核对"));
            } else if (r.startedOn() != null && r.endedOn() != null && !r.endedOn().isBefore(r.startedOn())) {
                long span = java.time.temporal.ChronoUnit.DAYS.between(r.startedOn(), r.endedOn()) + 1;
                if (r.days().compareTo(BigDecimal.valueOf(span)) > 0) {
                    p.add(new FieldProblem("days", "培训天数" + r.days().stripTrailingZeros().toPlainString() + "天多于开始至结束日期的"
                            + span + "天，请核对"));
                }
            }
        }
        Bounds.pastDate(p, "startedOn", "开始日期", r.startedOn(), LocalDate.now(clock));
        Bounds.pastDate(p, "endedOn", "结束日期", r.endedOn(), LocalDate.now(clock));
        Bounds.pastDate(p, "creditedOn", "计入日期", r.creditedOn(), LocalDate.now(clock));
        return p;
    }

    private static void checkAttachment(Attachment a) {
        if (a.content().length > MAX_ATTACHMENT_BYTES) {
            throw new BusinessException(413, "证明材料不能超过10MB", List.of());
        }
        String type = a.contentType() == null ? "" : a.contentType().toLowerCase();
        boolean pdf = a.content().length > 4 && a.content()[0] == '%' && a.content()[1] == 'P' && a.content()[2] == 'D' && a.content()[3] == 'F';
        boolean jpeg = a.content().length > 3 && (a.content()[0] & 0xff) == 0xFF && (a.content()[1] & 0xff) == 0xD8;
        boolean png = a.content().length > 8 && (a.content()[0] & 0xff) == 0x89 && a.content()[1] == 'P' && a.content()[2] == 'N' && a.content()[3] == 'G';
        // trust the bytes, not the declared type: only PDF, JPEG and PNG are accepted
        if (!(pdf || jpeg || png) || (!type.isEmpty() && !ATTACHMENT_TYPES.contains(type) && !type.equals("application/octet-stream"))) {
            throw new BusinessException("证明材料只接受PDF、JPG或PNG文件", List.of(new FieldProblem("attachment", "文件类型不支持")));
        }
    }

    private static final String SELECT = """
            select e.*, c.name as cadre_name,
                   exists (select 1 from archive_attachment a where a.entry_id = e.id) as has_attachment,
                   (select u.display_name from account_name u where u.username = e.recorded_by) as recorded_by_name
            from archive_entry e join cadre_card c on c.id = e.cadre_id""";

    private ArchiveEntry map(ResultSet rs, int i) throws SQLException {
        CreditSource source = CreditSource.valueOf(rs.getString("source"));
        Delivery delivery = Delivery.valueOf(rs.getString("delivery"));
        EntryStatus status = EntryStatus.valueOf(rs.getString("status"));
        String type = rs.getString("training_type");
        String unit = rs.getString("quantity_unit");
        return new ArchiveEntry(rs.getLong("id"), rs.getLong("cadre_id"), rs.getString("cadre_name"), source, source.label(),
                rs.getString("source_ref"), rs.getString("title"), rs.getString("provider"),
                rs.getObject("started_on", LocalDate.class), rs.getObject("ended_on", LocalDate.class),
                rs.getObject("credited_on", LocalDate.class), rs.getBigDecimal("quantity"),
                unit == null ? null : QuantityUnit.valueOf(unit), rs.getBigDecimal("hours"), rs.getString("conversion_note"),
                delivery, delivery.label(), rs.getBoolean("required"), rs.getBoolean("full_time"),
                type == null ? null : TrainingType.valueOf(type), rs.getString("evidence"), status, status.label(),
                rs.getString("reject_reason"), rs.getString("recorded_by"), instant(rs.getTimestamp("recorded_at")),
                rs.getString("approved_by"), instant(rs.getTimestamp("approved_at")), rs.getBoolean("has_attachment"),
                rs.getString("recorded_by_name"), rs.getBigDecimal("days"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Approved credits of one person, for the standing calculation. */
    @Transactional(readOnly = true)
    public List<Credit> approvedCredits(long cadreId) {
        return jdbc.sql(Unscoped.referenceChecked("callers: Roster.get of the person") + """
                select id, credited_on, source, delivery, required, full_time, training_type, hours, days
                from archive_entry where cadre_id = ? and status = 'APPROVED'""")
                .param(cadreId).query(ArchiveEntries::credit).list();
    }

    public static Credit credit(ResultSet rs, int i) throws SQLException {
        String type = rs.getString("training_type");
        return new Credit(rs.getLong("id"), rs.getObject("credited_on", LocalDate.class), CreditSource.valueOf(rs.getString("source")),
                Delivery.valueOf(rs.getString("delivery")), rs.getBoolean("required"), rs.getBoolean("full_time"),
                type == null ? null : TrainingType.valueOf(type), rs.getBigDecimal("hours"), rs.getBigDecimal("days"));
    }
}
