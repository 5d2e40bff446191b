package org.ganxun.partyedu;

import jakarta.validation.constraints.Size;
import org.ganxun.platform.web.PlainText;
import org.ganxun.partyedu.internal.SystemUser;
import org.ganxun.partyedu.internal.member.MobileMemberAlerts;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.MaskedPhone;
import tools.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.audit.AuditLog;
import org.ganxun.notify.SmsOutbox;
import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.org.TreeNode;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.PublicUrl;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Study activities of a branch (支部学习, 主题党日, 党课, 专题讲座) with materials and attendance. Each attendance
 * is one row per member and activity (a repeat is a no-op) with the activity's 学时; a member who is a cadre
 * is also credited in the learning archive (source PARTY_STUDY, reference {@code PA-<activity id>}, itself
 * idempotent), so their PARTY_YEARLY standing sees it. Members away attend online through a personal link
 * while the activity's online window is open.
 */
@Service
public class StudyActivities {

    public static final int MAX_MATERIAL_BYTES = 10 * 1024 * 1024;
    static final ZoneId ZONE = ZoneId.systemDefault(); // the users' clock: GanxunApplication.useUsersTimeZone

    public enum Mode {
        ON_SITE("现场参加"), ONLINE("在线参加");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record ActivityRequest(@InScope(Ref.PARTY_ORG) Long partyOrgId, ActivityKind kind,
                                  @Size(max = 200, message = "学习主题最多{max}个字") @PlainText(message = "学习主题不能包含网页标记或脚本") String topic, LocalDate heldOn, BigDecimal hours,
                                  @Size(max = 200, message = "活动地点最多{max}个字") @PlainText(message = "活动地点不能包含网页标记或脚本") String location,
                                  @Size(max = 5000, message = "活动内容最多{max}个字") @PlainText(message = "活动内容不能包含网页标记或脚本") String content, LocalDate onlineUntil) {
    }

    public record Activity(long id, long partyOrgId, String partyOrgName, ActivityKind kind, String kindLabel, String topic,
                           LocalDate heldOn, BigDecimal hours, String location, String content, LocalDate onlineUntil,
                           int attendees, int onlineAttendees, int materials, String createdBy) {
    }

    public record Material(long id, String fileName, String contentType, int sizeBytes) {
    }

    public record MaterialFile(String fileName, String contentType, byte[] content) {
    }

    public record Attendance(long memberId, String name, boolean cadre, Mode mode, String modeLabel, LocalDate attendedOn,
                             BigDecimal hours, boolean archiveCredited) {
    }

    /** The result of recording attendance: how many were new, and how many had already been recorded. */
    public record AttendanceResult(int added, int alreadyRecorded, int archiveCredits) {
    }

    /** What a member sees on their phone through their personal link. */
    public record Invitation(String memberName, String partyOrgName, String kindLabel, String topic, LocalDate heldOn,
                             BigDecimal hours, String content, LocalDate onlineUntil, boolean open, boolean attended,
                             LocalDate attendedOn, List<Material> materials, String message) {
    }

    public record YearlyHours(long memberId, String name, String partyOrgName, MemberCategory category, String categoryLabel,
                              boolean mobile, int activities, BigDecimal hours, BigDecimal required, BigDecimal missing,
                              boolean met) {
    }

    private final JdbcClient jdbc;
    private final Members members;
    private final OrganizationTrees trees;
    private final DataScopes scopes;
    private final ArchiveEntries archive;
    private final SmsOutbox sms;
    private final AuditLog audit;
    private final BigDecimal yearlyHours;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    StudyActivities(JdbcClient jdbc, Members members, OrganizationTrees trees, DataScopes scopes, ArchiveEntries archive,
                    SmsOutbox sms, AuditLog audit, @Value("${ganxun.partyedu.yearly-hours:32}") BigDecimal yearlyHours,
                    PublicUrl publicUrl, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.members = members;
        this.trees = trees;
        this.scopes = scopes;
        this.archive = archive;
        this.sms = sms;
        this.audit = audit;
        this.yearlyHours = yearlyHours;
        this.publicUrl = publicUrl;
    }

    public BigDecimal yearlyHours() {
        return yearlyHours;
    }

    @Transactional
    public Activity create(ActivityRequest r) {
        if (r.partyOrgId() == null) {
            throw new BusinessException("请选择党支部", List.of(new FieldProblem("partyOrgId", "请选择党支部")));
        }
        members.requireBranchWritable(r.partyOrgId());
        validate(r);
        long id = jdbc.sql("""
                insert into study_activity (party_org_id, kind, topic, held_on, hours, location, content, online_until, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(r.partyOrgId(), r.kind().name(), r.topic().strip(), r.heldOn(), r.hours(), Members.trim(r.location()),
                        Members.trim(r.content()), r.onlineUntil(), CurrentUsers.require().username())
                .query(Long.class).single();
        Activity a = find(id);
        audit.record("CREATE", "StudyActivity", id, "登记" + a.kindLabel() + "：" + a.topic(), null, a);
        return a;
    }

    /** Changes an activity; its 学时 cannot change once attendance has been credited. */
    @Transactional
    public Activity update(long id, ActivityRequest r) {
        Activity before = requireManageable(id);
        validate(r);
        if (before.attendees() > 0 && before.hours().compareTo(r.hours()) != 0) {
            throw BusinessException.conflict("已有" + before.attendees() + "人计入学时，不能再修改学时数");
        }
        if (r.partyOrgId() != null && r.partyOrgId() != before.partyOrgId()) {
            throw new BusinessException("不能把学习活动改到其他党支部");
        }
        boolean redated = before.attendees() > 0 && !before.heldOn().equals(r.heldOn());
        if (redated) {
            refuseRedateBeyondAttendance(id, before, r.heldOn());
        }
        jdbc.sql("""
                update study_activity set kind = ?, topic = ?, held_on = ?, hours = ?, location = ?, content = ?, online_until = ?,
                    version = version + 1 where id = ?""")
                .params(r.kind().name(), r.topic().strip(), r.heldOn(), r.hours(), Members.trim(r.location()),
                        Members.trim(r.content()), r.onlineUntil(), id).update();
        if (redated) {
            // a corrected date: those who came on the day came on the corrected day, and their 学时 go with it
            jdbc.sql("update study_attendance set attended_on = ? where activity_id = ? and mode = 'ON_SITE' and attended_on = ?")
                    .params(r.heldOn(), id, before.heldOn()).update();
            archive.correctDate(CreditSource.PARTY_STUDY, sourceRef(id), before.heldOn(), r.heldOn());
        }
        Activity after = find(id);
        audit.record("UPDATE", "StudyActivity", id, "修改学习活动：" + after.topic(), before, after);
        return after;
    }

    /**
     * With attendance recorded, the date may be corrected but not to a day not yet come (attendance is only
     * recorded for held activities), nor after someone already studied it online.
     */
    private void refuseRedateBeyondAttendance(long id, Activity before, LocalDate heldOn) {
        if (heldOn.isAfter(LocalDate.now(clock))) {
            throw BusinessException.conflict("已有" + before.attendees() + "人登记参加，活动日期不能改到今天以后");
        }
        LocalDate firstOnline = jdbc.sql(Unscoped.countsOnly() + "select min(attended_on) from study_attendance where activity_id = ? and mode = 'ONLINE'")
                .param(id).query(LocalDate.class).optional().orElse(null);
        if (firstOnline != null && heldOn.isAfter(firstOnline)) {
            throw BusinessException.conflict("已有人员于" + firstOnline + "在线参学，活动日期不能晚于该日");
        }
    }

    private void validate(ActivityRequest r) {
        List<FieldProblem> p = new ArrayList<>();
        if (r.kind() == null) {
            p.add(new FieldProblem("kind", "请选择活动类型"));
        }
        if (!StringUtils.hasText(r.topic())) {
            p.add(new FieldProblem("topic", "请填写学习主题"));
        } else if (r.topic().strip().length() > 200) {
            p.add(new FieldProblem("topic", "学习主题不能超过200字"));
        }
        if (r.heldOn() == null) {
            p.add(new FieldProblem("heldOn", "请填写活动日期"));
        }
        Bounds.planDate(p, "heldOn", "活动日期", r.heldOn(), LocalDate.now(clock));
        Bounds.planDate(p, "onlineUntil", "在线参学截止日期", r.onlineUntil(), LocalDate.now(clock));
        if (r.hours() == null || r.hours().signum() <= 0 || r.hours().compareTo(new BigDecimal("24")) > 0) {
            p.add(new FieldProblem("hours", "学时须大于0且不超过24"));
        }
        if (r.onlineUntil() != null && r.heldOn() != null && r.onlineUntil().isBefore(r.heldOn())) {
            p.add(new FieldProblem("onlineUntil", "在线参学截止日期不能早于活动日期"));
        }
        if (!p.isEmpty()) {
            throw new BusinessException(p.get(0).message(), p);
        }
    }

    private String scopeSql(DataScope scope) {
        return scope.sqlCondition("o.path", "p.path", null);
    }

    private static final String SELECT = Unscoped.countsOnly() + """
            select a.*, p.name as party_org_name,
                   (select count(*) from study_attendance t where t.activity_id = a.id) as n,
                   (select count(*) from study_attendance t where t.activity_id = a.id and t.mode = 'ONLINE') as n_online,
                   (select count(*) from study_material s where s.activity_id = a.id) as n_materials
            from study_activity a
            join party_unit p on p.id = a.party_org_id
            left join org_unit o on o.id = p.org_id
            """;

    private static Activity map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        ActivityKind k = ActivityKind.valueOf(rs.getString("kind"));
        return new Activity(rs.getLong("id"), rs.getLong("party_org_id"), rs.getString("party_org_name"), k, k.label(),
                rs.getString("topic"), rs.getObject("held_on", LocalDate.class), rs.getBigDecimal("hours"), rs.getString("location"),
                rs.getString("content"), rs.getObject("online_until", LocalDate.class), rs.getInt("n"), rs.getInt("n_online"),
                rs.getInt("n_materials"), rs.getString("created_by"));
    }

    Activity find(long id) {
        return jdbc.sql(SELECT + " where a.id = ?").param(id).query(StudyActivities::map).optional()
                .orElseThrow(() -> BusinessException.notFound("学习活动"));
    }

    /** A page of the activities, with how many the filter selects. */
    public record ActivityPage(List<Activity> rows, long total, int page, int size) {
    }

    /**
     * A page of the activities in scope, latest first: a county holds hundreds a year (150 in the demo county), and
     * the 学习活动 page showed them all (up to 1,000 rows with their buttons) before.
     */
    @Transactional(readOnly = true)
    public ActivityPage page(Long partyOrgId, Integer year, ActivityKind kind, int page, int size) {
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>(scope.sqlParameters());
        StringBuilder w = new StringBuilder(" where ").append(scopeSql(scope));
        if (partyOrgId != null) {
            TreeNode node = trees.requireVisible(Tree.PARTY, partyOrgId);
            w.append(" and p.path like :branchPath");
            params.put("branchPath", node.path() + "%");
        }
        if (year != null) {
            w.append(" and extract(year from a.held_on) = :year");
            params.put("year", year);
        }
        if (kind != null) {
            w.append(" and a.kind = :kind");
            params.put("kind", kind.name());
        }
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 500);
        long total = jdbc.sql("select count(*) from study_activity a join party_unit p on p.id = a.party_org_id"
                + " left join org_unit o on o.id = p.org_id" + w).params(params).query(Long.class).single();
        params.put("limit", sz);
        params.put("offset", (long) (pg - 1) * sz);
        List<Activity> rows = jdbc.sql(SELECT + w + " order by a.held_on desc, a.id desc limit :limit offset :offset").params(params)
                .query(StudyActivities::map).list();
        return new ActivityPage(rows, total, pg, sz);
    }

    @Transactional(readOnly = true)
    public Activity get(long id) {
        Activity a = find(id);
        DataScope scope = scopes.current();
        Map<String, Object> params = new HashMap<>(scope.sqlParameters());
        params.put("id", id);
        Long n = jdbc.sql("select count(*) from study_activity a join party_unit p on p.id = a.party_org_id"
                        + " left join org_unit o on o.id = p.org_id where a.id = :id and " + scopeSql(scope))
                .params(params).query(Long.class).single();
        if (n == 0) {
            throw new BusinessException(403, "无权查看该学习活动", List.of());
        }
        return a;
    }

    Activity requireManageable(long id) {
        Activity a = get(id);
        members.requireBranchWritable(a.partyOrgId());
        return a;
    }

    // ---- materials ----

    @Transactional
    public Material addMaterial(long activityId, String fileName, String contentType, byte[] content) {
        Activity a = requireManageable(activityId);
        if (content == null || content.length == 0) {
            throw new BusinessException("请选择要上传的学习材料");
        }
        if (content.length > MAX_MATERIAL_BYTES) {
            throw new BusinessException(413, "学习材料不能超过10MB", List.of());
        }
        String type = sniff(content);
        if (type == null) {
            throw new BusinessException("学习材料只接受PDF、JPG或PNG文件", List.of(new FieldProblem("file", "文件类型不支持")));
        }
        String name = StringUtils.hasText(fileName) ? fileName.strip() : "学习材料";
        name = name.replaceAll("[\\\\/:*?\"<>|\\r\\n]", "_");
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        long id = jdbc.sql("""
                insert into study_material (activity_id, file_name, content_type, size_bytes, content, uploaded_by)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(activityId, name, type, content.length, content, CurrentUsers.require().username())
                .query(Long.class).single();
        Material m = new Material(id, name, type, content.length);
        audit.record("UPLOAD", "StudyMaterial", id, "上传学习材料：" + a.topic() + " / " + name, null, m);
        return m;
    }

    /** The type the bytes say, not the one declared: PDF, JPEG or PNG, else null. */
    static String sniff(byte[] b) {
        if (b.length > 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') {
            return "application/pdf";
        }
        if (b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D && b[5] == 0x0A) {
            return "image/png";
        }
        return null;
    }

    @Transactional(readOnly = true)
    public List<Material> materials(long activityId) {
        get(activityId);
        return materialsOf(activityId);
    }

    private List<Material> materialsOf(long activityId) {
        return jdbc.sql("select id, file_name, content_type, size_bytes from study_material where activity_id = ? order by id")
                .param(activityId).query((rs, i) -> new Material(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4))).list();
    }

    @Transactional(readOnly = true)
    public MaterialFile material(long activityId, long materialId) {
        get(activityId);
        return materialFile(activityId, materialId);
    }

    private MaterialFile materialFile(long activityId, long materialId) {
        return jdbc.sql("select file_name, content_type, content from study_material where id = ? and activity_id = ?")
                .params(materialId, activityId)
                .query((rs, i) -> new MaterialFile(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional()
                .orElseThrow(() -> BusinessException.notFound("学习材料"));
    }

    @Transactional
    public void deleteMaterial(long activityId, long materialId) {
        Activity a = requireManageable(activityId);
        int n = jdbc.sql("delete from study_material where id = ? and activity_id = ?").params(materialId, activityId).update();
        if (n == 0) {
            throw BusinessException.notFound("学习材料");
        }
        audit.record("DELETE", "StudyMaterial", materialId, "删除学习材料：" + a.topic(), null, null);
    }

    // ---- attendance ----

    /** Attendance recorded by the branch (on site, or online as reported). Repeats are no-ops. */
    @Transactional
    public AttendanceResult recordAttendance(long activityId, List<Long> memberIds, Mode mode) {
        Activity a = requireManageable(activityId);
        if (memberIds == null || memberIds.isEmpty()) {
            throw new BusinessException("请选择参加人员", List.of(new FieldProblem("memberIds", "请选择参加人员")));
        }
        if (a.heldOn().isAfter(LocalDate.now(clock))) {
            throw new BusinessException("活动尚未举行（" + a.heldOn() + "），不能登记参加人员");
        }
        List<MemberView> people = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(memberIds)) {
            people.add(members.get(id)); // every attendee must be within the recorder's scope
        }
        int added = 0;
        int credits = 0;
        String by = CurrentUsers.require().username();
        Mode m = mode == null ? Mode.ON_SITE : mode;
        for (MemberView p : people) {
            Outcome o = attend(a, p, m, a.heldOn(), by);
            added += o.added() ? 1 : 0;
            credits += o.credited() ? 1 : 0;
        }
        AttendanceResult result = new AttendanceResult(added, people.size() - added, credits);
        audit.record("ATTENDANCE", "StudyActivity", activityId, "登记参学：" + a.topic() + "，新增" + added + "人", null, result);
        return result;
    }

    private record Outcome(boolean added, boolean credited) {
    }

    /**
     * One member attends once: the row is inserted only if absent; a cadre is credited in the archive
     * (idempotent by cadre, source and reference there too, so a retry after a crash is also safe).
     */
    private Outcome attend(Activity a, MemberView p, Mode mode, LocalDate on, String by) {
        int n = jdbc.sql("""
                insert into study_attendance (activity_id, member_id, mode, attended_on, hours, recorded_by)
                values (?, ?, ?, ?, ?, ?) on conflict (activity_id, member_id) do nothing""")
                .params(a.id(), p.id(), mode.name(), on, a.hours(), by).update();
        boolean credited = false;
        if (p.cadreId() != null) {
            LocalDate creditedOn = jdbc.sql(Unscoped.ofChecked("study activity", "the attendance being recorded") + "select attended_on from study_attendance where activity_id = ? and member_id = ?")
                    .params(a.id(), p.id()).query(LocalDate.class).single();
            Long before = archiveEntryId(p.cadreId(), a.id());
            if (before == null) {
                archive.credit(new ArchiveEntries.EntryRequest(p.cadreId(), CreditSource.PARTY_STUDY, sourceRef(a.id()),
                        a.kindLabel() + "：" + a.topic(), a.partyOrgName(), a.heldOn(), a.heldOn(), creditedOn, a.hours(),
                        QuantityUnit.HOURS, null, mode == Mode.ONLINE ? Delivery.ONLINE : Delivery.CONCENTRATED, true, false,
                        null, "党员学习活动#" + a.id()), by);
                credited = true;
            }
        }
        return new Outcome(n == 1, credited);
    }

    static String sourceRef(long activityId) {
        return "PA-" + activityId;
    }

    private Long archiveEntryId(long cadreId, long activityId) {
        return jdbc.sql(Unscoped.because("a system credit finds its earlier self") + "select id from approved_credit where cadre_id = ? and source = 'PARTY_STUDY' and source_ref = ?")
                .params(cadreId, sourceRef(activityId)).query(Long.class).optional().orElse(null);
    }

    @Transactional(readOnly = true)
    public List<Attendance> attendance(long activityId) {
        get(activityId);
        return jdbc.sql(Unscoped.ofChecked("study activity", "StudyActivities.get") + """
                select t.member_id, coalesce(c.name, m.name) as name, m.cadre_id, t.mode, t.attended_on, t.hours,
                       exists (select 1 from approved_credit e where e.cadre_id = m.cadre_id and e.source = 'PARTY_STUDY'
                               and e.source_ref = 'PA-' || t.activity_id) as credited
                from study_attendance t join party_member m on m.id = t.member_id left join cadre_card c on c.id = m.cadre_id
                where t.activity_id = ? order by t.created_at, t.id""")
                .param(activityId)
                .query((rs, i) -> {
                    Mode md = Mode.valueOf(rs.getString("mode"));
                    return new Attendance(rs.getLong("member_id"), rs.getString("name"), rs.getObject("cadre_id") != null, md,
                            md.label(), rs.getObject("attended_on", LocalDate.class), rs.getBigDecimal("hours"),
                            rs.getBoolean("credited"));
                }).list();
    }

    // ---- online attendance through a personal link ----

    public record InvitationLink(long memberId, String name, @JsonSerialize(using = MaskedPhone.class) String phone, String link, boolean smsQueued) {
    }

    /**
     * Personal links for members of the activity's branch who are away (or the members given), each sent by
     * SMS through the outbox when {@code sendSms}. Asking again gives the same link and no second SMS.
     */
    @Transactional
    public List<InvitationLink> invite(long activityId, List<Long> memberIds, boolean sendSms) {
        Activity a = requireManageable(activityId);
        if (a.onlineUntil() == null) {
            throw new BusinessException("该活动未开放在线参学，请先填写在线参学截止日期");
        }
        List<MemberView> people;
        if (memberIds == null || memberIds.isEmpty()) {
            people = members.list(new Members.MemberQuery(null, a.partyOrgId(), null, true, null, null));
        } else {
            people = new ArrayList<>();
            for (Long id : new LinkedHashSet<>(memberIds)) {
                people.add(members.get(id));
            }
        }
        List<InvitationLink> out = new ArrayList<>();
        for (MemberView p : people) {
            String token = jdbc.sql("select token from study_invitation where activity_id = ? and member_id = ?")
                    .params(activityId, p.id()).query(String.class).optional().orElse(null);
            if (token == null) {
                // 192 random bits per member and activity: not guessable, so the public page needs no rate limit
                byte[] b = new byte[24];
                random.nextBytes(b);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                jdbc.sql("insert into study_invitation (token, activity_id, member_id) values (?, ?, ?)")
                        .params(token, activityId, p.id()).update();
            }
            String link = publicUrl.link("/#/m/study/" + token);
            boolean queued = false;
            if (sendSms && StringUtils.hasText(p.phone())) {
                sms.enqueue(p.phone(), p.name() + "同志：" + a.partyOrgName() + "“" + a.topic() + "”" + a.kindLabel()
                        + "可在线参学（" + a.onlineUntil().getMonthValue() + "月" + a.onlineUntil().getDayOfMonth() + "日前）：" + link,
                        "pe-invite:" + activityId + ":" + p.id());
                queued = true;
            }
            out.add(new InvitationLink(p.id(), p.name(), p.phone(), link, queued));
        }
        audit.record("INVITE", "StudyActivity", activityId, "发送在线参学链接：" + a.topic() + "，" + out.size() + "人", null, null);
        return out;
    }

    private record TokenRow(long activityId, long memberId) {
    }

    private TokenRow token(String token) {
        if (token == null || token.length() > 64) {
            throw BusinessException.notFound("参学链接");
        }
        return jdbc.sql("select activity_id, member_id from study_invitation where token = ?").param(token)
                .query((rs, i) -> new TokenRow(rs.getLong(1), rs.getLong(2))).optional()
                .orElseThrow(() -> new BusinessException(404, "参学链接无效或已失效，请联系所在党支部", List.of()));
    }

    @Transactional(readOnly = true)
    public Invitation invitation(String token) {
        TokenRow t = token(token);
        Activity a = find(t.activityId());
        MemberView m = members.find(t.memberId()).orElseThrow(() -> BusinessException.notFound("党员"));
        LocalDate attendedOn = jdbc.sql(Unscoped.because("the member named by their own study token") + "select attended_on from study_attendance where activity_id = ? and member_id = ?")
                .params(a.id(), m.id()).query(LocalDate.class).optional().orElse(null);
        LocalDate today = LocalDate.now(clock);
        boolean open = a.onlineUntil() != null && !today.isBefore(a.heldOn()) && !today.isAfter(a.onlineUntil());
        String message = attendedOn != null ? "您已于" + MobileMemberAlerts.cn(attendedOn) + "完成参学，计" + plain(a.hours()) + "学时"
                : a.onlineUntil() == null ? "该活动未开放在线参学"
                : today.isBefore(a.heldOn()) ? "活动将于" + MobileMemberAlerts.cn(a.heldOn()) + "开始，届时可在线参学"
                : today.isAfter(a.onlineUntil()) ? "在线参学已于" + MobileMemberAlerts.cn(a.onlineUntil()) + "截止"
                : "请学习以上内容后点击“确认参学”"; // the page shows it below the text and materials
        return new Invitation(m.name(), a.partyOrgName(), a.kindLabel(), a.topic(), a.heldOn(), a.hours(), a.content(),
                a.onlineUntil(), open && attendedOn == null, attendedOn != null, attendedOn, materialsOf(a.id()), message);
    }

    @Transactional(readOnly = true)
    public MaterialFile invitationMaterial(String token, long materialId) {
        TokenRow t = token(token);
        return materialFile(t.activityId(), materialId);
    }

    /** The member confirms on their phone: attends online, once; hours credited as for any attendance. */
    @Transactional
    public Invitation attendOnline(String token) {
        TokenRow t = token(token);
        Activity a = find(t.activityId());
        MemberView m = members.find(t.memberId()).orElseThrow(() -> BusinessException.notFound("党员"));
        LocalDate today = LocalDate.now(clock);
        boolean already = jdbc.sql(Unscoped.because("the member named by their own study token") + "select count(*) from study_attendance where activity_id = ? and member_id = ?")
                .params(a.id(), m.id()).query(Long.class).single() > 0;
        if (!already) {
            if (a.onlineUntil() == null || today.isBefore(a.heldOn()) || today.isAfter(a.onlineUntil())) {
                throw new BusinessException(409, "当前不在在线参学时间内（" + a.heldOn() + " 至 " + a.onlineUntil() + "）", List.of());
            }
            SystemUser.run(() -> {
                attend(a, m, Mode.ONLINE, today, "online:" + m.id());
                audit.record("ATTEND_ONLINE", "StudyActivity", a.id(), m.name() + "在线参学：" + a.topic(), null, null);
                return null;
            });
        }
        return invitation(token);
    }

    // ---- yearly hours against the rule ----

    /**
     * Each member's 学时 from study activities attended in a year, against the yearly requirement (32 学时,
     * 《中国共产党党员教育管理工作条例》(2019) 第二十条; configurable as {@code ganxun.partyedu.yearly-hours}).
     */
    @Transactional(readOnly = true)
    public List<YearlyHours> yearly(Long partyOrgId, int year) {
        List<MemberView> people = members.list(new Members.MemberQuery(null, partyOrgId, null, null, null, null));
        Map<Long, BigDecimal> hours = new HashMap<>();
        Map<Long, Integer> counts = new HashMap<>();
        if (!people.isEmpty()) {
            jdbc.sql(Unscoped.ofChecked("member list", "Members.list in the scope") + """
                    select member_id, sum(hours), count(*) from study_attendance
                    where member_id = any(?) and attended_on >= ? and attended_on < ? group by member_id""")
                    .params(people.stream().map(MemberView::id).toArray(Long[]::new), LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1))
                    .query(rs -> {
                        hours.put(rs.getLong(1), rs.getBigDecimal(2));
                        counts.put(rs.getLong(1), rs.getInt(3));
                    });
        }
        List<YearlyHours> out = new ArrayList<>();
        for (MemberView p : people) {
            BigDecimal h = hours.getOrDefault(p.id(), BigDecimal.ZERO).setScale(1, RoundingMode.HALF_UP);
            BigDecimal missing = yearlyHours.subtract(h).max(BigDecimal.ZERO);
            out.add(new YearlyHours(p.id(), p.name(), p.partyOrgName(), p.category(), p.categoryLabel(), p.mobile(),
                    counts.getOrDefault(p.id(), 0), h, yearlyHours, missing, missing.signum() == 0));
        }
        return out;
    }

    /** Per branch: members, how many met the yearly requirement, and average hours. */
    public record BranchHours(String partyOrgName, int members, int met, BigDecimal averageHours) {
    }

    public static List<BranchHours> byBranch(List<YearlyHours> rows) {
        Map<String, List<YearlyHours>> m = new LinkedHashMap<>();
        for (YearlyHours r : rows) {
            m.computeIfAbsent(r.partyOrgName(), k -> new ArrayList<>()).add(r);
        }
        List<BranchHours> out = new ArrayList<>();
        m.forEach((name, list) -> {
            BigDecimal total = list.stream().map(YearlyHours::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
            out.add(new BranchHours(name, list.size(), (int) list.stream().filter(YearlyHours::met).count(),
                    total.divide(BigDecimal.valueOf(list.size()), 1, RoundingMode.HALF_UP)));
        });
        return out;
    }

    /** A page of {@link #yearly}, with the totals over every match and the branches' figures (all computed in SQL). */
    public record HoursPage(List<YearlyHours> rows, long total, int page, int size, HoursTotals totals,
                            List<BranchHours> branches) {
    }

    /** Over every member matching (not only the page): members, how many met the requirement, average hours. */
    public record HoursTotals(long members, long met, BigDecimal averageHours) {
    }

    private static final Map<String, String> HOURS_SORTS = Map.of(
            "name", "name", "partyOrgName", "tree_path_key(branch_path)", "activities", "activities", "hours", "hours",
            "missing", "missing");

    /**
     * {@link #yearly} paged, searched and sorted on the server: a county's members are too many to send to a browser
     * (ten times the demo county: 27,000). {@code shortOnly} keeps the members below the requirement; {@code sort}
     * is {@code name}, {@code partyOrgName}, {@code activities}, {@code hours} or {@code missing}, with
     * {@code ,desc}; by default branch order, then name. The totals and branches cover every member of the filter
     * except {@code shortOnly} (a branch's rate is over all its members).
     */
    @Transactional(readOnly = true)
    public HoursPage yearlyPage(Long partyOrgId, int year, String name, boolean shortOnly, String sort, int page, int size) {
        return hours(partyOrgId, year, name, shortOnly, sort, page, size, true);
    }

    /** The totals and the branches' figures of {@link #yearlyPage} without a page of members (the statistics page). */
    @Transactional(readOnly = true)
    public HoursPage yearlyBranches(Long partyOrgId, int year) {
        return hours(partyOrgId, year, null, false, null, 1, 1, false);
    }

    private HoursPage hours(Long partyOrgId, int year, String name, boolean shortOnly, String sort, int page, int size, boolean withRows) {
        if (year < 1921 || year > 2200) {
            throw new BusinessException("年度不正确", List.of(new FieldProblem("year", "请选择正确的年度")));
        }
        members.syncCadreMembers();
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 500);
        Members.Where w = members.where(new Members.MemberQuery(name, partyOrgId, null, null, null, null));
        Map<String, Object> params = new HashMap<>(w.params());
        params.put("from", LocalDate.of(year, 1, 1));
        params.put("to", LocalDate.of(year + 1, 1, 1));
        params.put("required", yearlyHours);
        // each member's hours rounded to one decimal before comparing, as yearly() does
        String hours = """
                with h as (
                    select m.id, coalesce(c.name, m.name) as name, p.id as branch_id, p.name as party_org_name,
                           p.path as branch_path, m.category, (m.mobile or coalesce(c.mobile_member, false)) as mobile,
                           coalesce(a.n, 0) as activities, round(coalesce(a.hours, 0), 1) as hours
                    """ + Members.FROM + """
                    left join (select sa.member_id, count(*) as n, sum(sa.hours) as hours from study_attendance sa
                                where sa.attended_on >= :from and sa.attended_on < :to group by sa.member_id) a on a.member_id = m.id
                    """ + w.sql() + "\n" + """
                ), r as (
                    select h.*, greatest(:required - hours, 0) as missing from h
                )
                """;
        String order = hoursOrder(sort);
        params.put("limit", sz);
        params.put("offset", (long) (pg - 1) * sz);
        List<YearlyHours> rows = new ArrayList<>();
        HoursPage all = branches(hours, params);
        if (!withRows) {
            return all;
        }
        jdbc.sql(hours + "select * from r" + (shortOnly ? " where missing > 0" : "") + " order by " + order + " limit :limit offset :offset")
                .params(params).query(rs -> {
                    MemberCategory category = MemberCategory.valueOf(rs.getString("category"));
                    BigDecimal missing = rs.getBigDecimal("missing");
                    rows.add(new YearlyHours(rs.getLong("id"), rs.getString("name"), rs.getString("party_org_name"), category,
                            category.label(), rs.getBoolean("mobile"), rs.getInt("activities"),
                            rs.getBigDecimal("hours").setScale(1, RoundingMode.HALF_UP), yearlyHours, missing, missing.signum() == 0));
                });
        // the branches count every match: the rows matching are all of them, or those short of the requirement
        long total = shortOnly ? all.totals().members() - all.totals().met() : all.totals().members();
        return new HoursPage(rows, total, pg, sz, all.totals(), all.branches());
    }

    private HoursPage branches(String hours, Map<String, Object> params) {
        List<BranchHours> branches = new ArrayList<>();
        long[] sums = {0, 0};
        BigDecimal[] hourSum = {BigDecimal.ZERO};
        jdbc.sql(hours + """
                        select party_org_name, count(*) as members, count(*) filter (where missing = 0) as met,
                               round(avg(hours), 1) as average, sum(hours) as hours
                        from r group by branch_id, branch_path, party_org_name order by tree_path_key(branch_path), branch_id""")
                .params(params).query(rs -> {
                    branches.add(new BranchHours(rs.getString("party_org_name"), rs.getInt("members"), rs.getInt("met"),
                            rs.getBigDecimal("average")));
                    sums[0] += rs.getLong("members");
                    sums[1] += rs.getLong("met");
                    hourSum[0] = hourSum[0].add(rs.getBigDecimal("hours"));
                });
        BigDecimal average = sums[0] == 0 ? BigDecimal.ZERO : hourSum[0].divide(BigDecimal.valueOf(sums[0]), 1, RoundingMode.HALF_UP);
        return new HoursPage(List.of(), sums[0], 1, 0, new HoursTotals(sums[0], sums[1], average), branches);
    }

    private static String hoursOrder(String sort) {
        String tail = "tree_path_key(branch_path), name, id";
        if (sort == null || sort.isBlank()) {
            return tail;
        }
        String[] parts = sort.split(",");
        String col = HOURS_SORTS.get(parts[0].strip());
        if (col == null) {
            throw new BusinessException("不支持的排序方式", List.of(new FieldProblem("sort", "只能按姓名、党支部、参学次数、学时或尚差学时排序")));
        }
        return col + (parts.length > 1 && parts[1].strip().equalsIgnoreCase("desc") ? " desc" : " asc") + ", " + tail;
    }

    static String plain(BigDecimal b) {
        return b.stripTrailingZeros().toPlainString();
    }
}
