package org.ganxun.secondment;

import jakarta.validation.constraints.Size;
import org.ganxun.platform.web.PlainText;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.MaskedPhone;
import tools.jackson.databind.annotation.JsonSerialize;
import org.ganxun.platform.security.DataScopeKind;
import org.ganxun.platform.db.Like;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.secondment.internal.SecondmentAccess;
import org.ganxun.secondment.internal.evaluation.Grade;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * During the posting: the list of seconded cadres (scoped: organiser, sending unit, receiving unit,
 * the cadre), work logs written by the cadre and commented on by the receiving unit, rotation to another
 * post of the programme (only for postings of at least {@value #ROTATION_MIN_MONTHS} months), mid-term
 * reviews, and support expenses against the programme's budget. An expense beyond the remaining budget
 * of its category is refused (the budget must be raised first, which is audited); the answer warns once
 * 90% of a category is used.
 */
@Service
public class Postings {

    static final int ROTATION_MIN_MONTHS = 12;
    static final BigDecimal WARN_SHARE = BigDecimal.valueOf(90);

    private final JdbcClient jdbc;
    private final SecondmentAccess access;
    private final Programmes programmes;
    private final AuditLog audit;
    private final Clock clock;

    Postings(JdbcClient jdbc, SecondmentAccess access, Programmes programmes, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.access = access;
        this.programmes = programmes;
        this.audit = audit;
    }

    public record Posting(long id, long programmeId, String programmeName, Direction direction, String directionLabel,
                          long cadreId, String cadreName, @JsonSerialize(using = MaskedPhone.class) String cadrePhone, long postId, String postTitle, String duties,
                          long sendingOrgId, String sendingOrgName, long receivingOrgId, String receivingOrgName,
                          LocalDate startsOn, LocalDate endsOn, String status, String statusLabel, int logCadenceDays,
                          LocalDate lastLogOn, long logCount, boolean finalEvaluation, BigDecimal finalScore,
                          String finalGrade, boolean organiser, boolean receiver, boolean self) {
    }

    public record LogEntry(long id, long postingId, LocalDate writtenOn, String content, Instant createdAt, String comment,
                           String commentedBy, Instant commentedAt) {
    }

    public record Rotation(long id, String fromPost, String fromOrgName, String toPost, String toOrgName, LocalDate rotatedOn,
                           String reason, String createdBy) {
    }

    public record Review(long id, LocalDate reviewedOn, String findings, ReviewConclusion conclusion, String conclusionLabel,
                         String createdBy) {
    }

    public record Expense(long id, long postingId, String cadreName, ExpenseCategory category, String categoryLabel,
                          BigDecimal amount, LocalDate spentOn, String note, String createdBy) {
    }

    public record ExpenseResult(Expense expense, Programmes.BudgetLine budget, String warning) {
    }

    public record Detail(Posting posting, List<Rotation> rotations, List<Review> reviews, List<Expense> expenses,
                         List<Programmes.PostView> otherPosts, boolean canRotate) {
    }

    public record LogForm(LocalDate writtenOn, @Size(max = 5000, message = "日志内容最多{max}个字") String content) {
    }

    public record CommentForm(@Size(max = 2000, message = "点评最多{max}个字") @PlainText(message = "点评不能包含网页标记或脚本") String comment) {
    }

    public record RotationForm(Long toPostId, LocalDate rotatedOn, @Size(max = 500, message = "轮岗原因最多{max}个字") @PlainText(message = "轮岗原因不能包含网页标记或脚本") String reason) {
    }

    public record ReviewForm(LocalDate reviewedOn, @Size(max = 5000, message = "考核意见最多{max}个字") @PlainText(message = "考核意见不能包含网页标记或脚本") String findings, ReviewConclusion conclusion) {
    }

    public record ExpenseForm(ExpenseCategory category, BigDecimal amount, LocalDate spentOn, @Size(max = 500, message = "备注最多{max}个字") @PlainText(message = "备注不能包含网页标记或脚本") String note) {
    }

    static final String SELECT = """
            select sp.*, pr.name as programme_name, pr.direction, pr.log_cadence_days, op.path as organiser_path,
                   c.name as cadre_name, c.phone as cadre_phone, pst.title as post_title, pst.duties,
                   so.name as sending_name, ro.name as receiving_name, ro.path as receiving_path,
                   (select max(l.written_on) from secondment_log l where l.posting_id = sp.id) as last_log_on,
                   (select count(*) from secondment_log l where l.posting_id = sp.id) as log_count,
                   fe.total_score as final_score, fe.grade as final_grade
            from secondment_posting sp
            join secondment_programme pr on pr.id = sp.programme_id
            join org_unit op on op.id = pr.organiser_org_id
            join org_unit so on so.id = sp.sending_org_id
            join org_unit ro on ro.id = sp.receiving_org_id
            join cadre_card c on c.id = sp.cadre_id
            join secondment_post pst on pst.id = sp.post_id
            left join secondment_evaluation fe on fe.posting_id = sp.id and fe.kind = 'FINAL'
            """;

    @Transactional(readOnly = true)
    public List<Posting> list(Long programmeId, String name, Boolean includeCancelled) {
        Map<String, Object> p = access.params();
        String w = where(p, programmeId, name, includeCancelled);
        return jdbc.sql(SELECT + w + " order by sp.starts_on desc, sp.id desc").params(p).query(this::row).list();
    }

    /** The postings the user may see, filtered (the list and the page): the where clause; its parameters go into {@code p}. */
    private static String where(Map<String, Object> p, Long programmeId, String name, Boolean includeCancelled) {
        StringBuilder w = new StringBuilder(" where ").append(SecondmentAccess.POSTING_VISIBLE);
        if (!Boolean.TRUE.equals(includeCancelled)) {
            w.append(" and sp.status = 'ACTIVE'");
        }
        if (programmeId != null) {
            w.append(" and sp.programme_id = :programme");
            p.put("programme", programmeId);
        }
        if (StringUtils.hasText(name)) {
            w.append(" and c.name like :name");
            p.put("name", Like.contains(name));
        }
        return w.toString();
    }

    /** A page of the postings the user may see, with how many match in all. */
    public record PostingPage(List<Posting> rows, long total, int page, int size) {
    }

    /** The orders the postings list offers (a column of the table, ascending or descending). */
    private static final Map<String, String> SORTS = Map.of(
            "startsOn", "sp.starts_on %s, sp.id %s", "endsOn", "sp.ends_on %s, sp.id %s",
            "cadreName", "c.name %s, sp.id %s", "programmeName", "pr.name %s, sp.id %s");

    /**
     * A page of the postings the user may see (the same scope as {@link #list}), filtered and sorted in SQL, with
     * the count of all that match: a county's secondments over the years are not sent to the browser at once.
     */
    @Transactional(readOnly = true)
    public PostingPage page(Long programmeId, String name, Boolean includeCancelled, String sort, boolean ascending, int page, int size) {
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 200);
        Map<String, Object> p = access.params();
        String w = where(p, programmeId, name, includeCancelled);
        String dir = ascending ? "asc" : "desc";
        String order = SORTS.getOrDefault(sort == null ? "startsOn" : sort, SORTS.get("startsOn")).formatted(dir, dir);
        long total = jdbc.sql("""
                select count(*) from secondment_posting sp
                join secondment_programme pr on pr.id = sp.programme_id
                join org_unit op on op.id = pr.organiser_org_id
                join org_unit so on so.id = sp.sending_org_id
                join org_unit ro on ro.id = sp.receiving_org_id
                join cadre_card c on c.id = sp.cadre_id""" + w).params(p).query(Long.class).single();
        List<Posting> rows = jdbc.sql(SELECT + w + " order by " + order + " limit :limit offset :offset")
                .params(p).param("limit", sz).param("offset", (long) (pg - 1) * sz).query(this::row).list();
        return new PostingPage(rows, total, pg, sz);
    }

    /** The posting if the current user may see it. */
    @Transactional(readOnly = true)
    public Posting get(long id) {
        Map<String, Object> p = access.params();
        p.put("id", id);
        Posting v = jdbc.sql(SELECT + " where sp.id = :id and " + SecondmentAccess.POSTING_VISIBLE).params(p)
                .query(this::row).optional().orElse(null);
        if (v == null) {
            if (jdbc.sql(Unscoped.countsOnly() + "select count(*) from secondment_posting where id = ?").param(id).query(Long.class).single() == 0) {
                throw BusinessException.notFound("挂职安排");
            }
            throw new BusinessException(403, "无权查看该挂职人员的信息", List.of());
        }
        return v;
    }

    Posting load(long id) {
        return jdbc.sql(Unscoped.rowChecked("every caller of Postings.load (SecondmentAccess)") + SELECT + " where sp.id = ?").param(id).query(this::row).optional()
                .orElseThrow(() -> BusinessException.notFound("挂职安排"));
    }

    @Transactional(readOnly = true)
    public Detail detail(long id) {
        Posting v = get(id);
        List<Rotation> rotations = jdbc.sql("""
                select r.id, fp.title as from_title, fo.name as from_org, tp.title as to_title, tpo.name as to_org,
                       r.rotated_on, r.reason, r.created_by
                from secondment_rotation r
                join secondment_post fp on fp.id = r.from_post_id join org_unit fo on fo.id = r.from_receiving_org_id
                join secondment_post tp on tp.id = r.to_post_id join org_unit tpo on tpo.id = tp.receiving_org_id
                where r.posting_id = ? order by r.rotated_on, r.id""")
                .param(id)
                .query((rs, i) -> new Rotation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8)))
                .list();
        List<Review> reviews = jdbc.sql("select * from secondment_review where posting_id = ? order by reviewed_on, id").param(id)
                .query((rs, i) -> {
                    ReviewConclusion c = ReviewConclusion.valueOf(rs.getString("conclusion"));
                    return new Review(rs.getLong("id"), rs.getObject("reviewed_on", LocalDate.class), rs.getString("findings"),
                            c, c.label(), rs.getString("created_by"));
                }).list();
        List<Programmes.PostView> others = programmes.load(v.programmeId()).posts().stream()
                .filter(p -> p.id() != v.postId()).toList();
        return new Detail(v, rotations, reviews, expenses(v), others, v.organiser() && rotationAllowed(v));
    }

    // ---- work logs ----

    @Transactional(readOnly = true)
    public List<LogEntry> logs(long postingId) {
        get(postingId);
        return jdbc.sql(Unscoped.ofChecked("posting", "SecondmentAccess") + "select * from secondment_log where posting_id = ? order by written_on desc, id desc")
                .param(postingId).query(Postings::logRow).list();
    }

    /** A page of a posting's work logs, newest first, with how many there are. */
    public record LogPage(List<LogEntry> rows, long total, int page, int size) {
    }

    /** A page of the posting's work logs (a two-year posting logged weekly has about a hundred), newest first. */
    @Transactional(readOnly = true)
    public LogPage logs(long postingId, int page, int size) {
        get(postingId);
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 200);
        String checked = Unscoped.ofChecked("posting", "SecondmentAccess");
        long total = jdbc.sql(checked + "select count(*) from secondment_log where posting_id = ?").param(postingId).query(Long.class).single();
        List<LogEntry> rows = jdbc.sql(checked + "select * from secondment_log where posting_id = ? order by written_on desc, id desc limit ? offset ?")
                .params(postingId, sz, (long) (pg - 1) * sz).query(Postings::logRow).list();
        return new LogPage(rows, total, pg, sz);
    }

    /** The seconded cadre writes a log for a day of the posting (not in the future). */
    @Transactional
    public LogEntry writeLog(long postingId, LogForm f) {
        Posting v = get(postingId);
        CurrentUser me = CurrentUsers.require();
        if (me.dataScope() != DataScopeKind.SELF || me.cadreId() == null || me.cadreId() != v.cadreId()) {
            throw new BusinessException(403, "工作日志由挂职干部本人填写", List.of());
        }
        requireActive(v);
        if (f.writtenOn() == null || !StringUtils.hasText(f.content())) {
            throw new BusinessException("请填写日志日期和工作内容");
        }
        if (f.writtenOn().isBefore(v.startsOn()) || f.writtenOn().isAfter(v.endsOn())) {
            throw new BusinessException("日志日期须在挂职期（" + v.startsOn() + "至" + v.endsOn() + "）之内");
        }
        if (f.writtenOn().isAfter(LocalDate.now(clock))) {
            throw new BusinessException("不能填写今天以后的日志");
        }
        if (f.content().strip().length() > 5000) {
            throw new BusinessException("日志内容不能超过5000个字");
        }
        long id = jdbc.sql("insert into secondment_log (posting_id, written_on, content) values (?, ?, ?) returning id")
                .params(postingId, f.writtenOn(), f.content().strip()).query(Long.class).single();
        LogEntry after = log(id);
        audit.record("CREATE", "SecondmentLog", id, "填写挂职工作日志：" + v.cadreName() + " " + f.writtenOn(), null, after);
        return after;
    }

    /** The receiving unit (or the organiser) comments on a log. */
    @Transactional
    public LogEntry comment(long logId, CommentForm f) {
        LogEntry before = log(logId);
        Posting v = get(before.postingId());
        if (!(v.receiver() || v.organiser())) {
            throw new BusinessException(403, "只有接收单位或主办的组织部门可以点评工作日志", List.of());
        }
        if (f == null || !StringUtils.hasText(f.comment())) {
            throw new BusinessException("请填写点评意见");
        }
        jdbc.sql("update secondment_log set comment = ?, commented_by = ?, commented_at = now() where id = ?")
                .params(f.comment().strip(), CurrentUsers.require().displayName(), logId).update();
        LogEntry after = log(logId);
        audit.record("COMMENT", "SecondmentLog", logId, "点评挂职工作日志：" + v.cadreName() + " " + before.writtenOn(), before, after);
        return after;
    }

    LogEntry log(long id) {
        return jdbc.sql(Unscoped.ofChecked("posting", "SecondmentAccess") + "select * from secondment_log where id = ?").param(id).query(Postings::logRow).optional()
                .orElseThrow(() -> BusinessException.notFound("工作日志"));
    }

    // ---- rotation, review ----

    @Transactional
    public Detail rotate(long postingId, RotationForm f) {
        Posting v = get(postingId);
        requireOrganiser(v);
        requireActive(v);
        if (!rotationAllowed(v)) {
            throw new BusinessException("挂职期不足" + ROTATION_MIN_MONTHS + "个月，不安排轮岗");
        }
        if (f.toPostId() == null || f.rotatedOn() == null) {
            throw new BusinessException("请选择轮岗岗位和轮岗日期");
        }
        if (!f.rotatedOn().isAfter(v.startsOn()) || f.rotatedOn().isAfter(v.endsOn())) {
            throw new BusinessException("轮岗日期须在挂职期内（晚于" + v.startsOn() + "，不晚于" + v.endsOn() + "）");
        }
        Programmes.PostView to = programmes.post(f.toPostId());
        if (to.programmeId() != v.programmeId() || to.id() == v.postId()) {
            throw new BusinessException("请选择本批次的其他岗位");
        }
        jdbc.sql("select id from secondment_post where id = ? for update").param(to.id()).query(Long.class).single();
        if (to.filled() >= to.seats()) {
            throw BusinessException.conflict("岗位“" + to.title() + "”职数" + to.seats() + "人已满");
        }
        jdbc.sql("""
                insert into secondment_rotation (posting_id, from_post_id, from_receiving_org_id, to_post_id, rotated_on, reason, created_by)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(postingId, v.postId(), v.receivingOrgId(), to.id(), f.rotatedOn(), Programmes.trim(f.reason()),
                        CurrentUsers.require().username()).update();
        jdbc.sql("update secondment_posting set post_id = ?, receiving_org_id = ?, version = version + 1 where id = ?")
                .params(to.id(), to.receivingOrgId(), postingId).update();
        Posting after = load(postingId);
        audit.record("ROTATE", "SecondmentPosting", postingId, "挂职轮岗：" + v.cadreName() + " " + v.receivingOrgName() + "·"
                + v.postTitle() + " → " + to.receivingOrgName() + "·" + to.title(), v, after);
        return detail(postingId);
    }

    @Transactional
    public Review review(long postingId, ReviewForm f) {
        Posting v = get(postingId);
        requireOrganiser(v);
        requireActive(v);
        if (f.reviewedOn() == null || f.conclusion() == null || !StringUtils.hasText(f.findings())) {
            throw new BusinessException("请填写检查日期、检查情况和结论");
        }
        if (f.reviewedOn().isBefore(v.startsOn())) {
            throw new BusinessException("中期检查日期不能早于挂职开始日期");
        }
        long id = jdbc.sql("""
                insert into secondment_review (posting_id, reviewed_on, findings, conclusion, created_by)
                values (?, ?, ?, ?, ?) returning id""")
                .params(postingId, f.reviewedOn(), f.findings().strip(), f.conclusion().name(), CurrentUsers.require().displayName())
                .query(Long.class).single();
        Review r = new Review(id, f.reviewedOn(), f.findings().strip(), f.conclusion(), f.conclusion().label(),
                CurrentUsers.require().displayName());
        audit.record("CREATE", "SecondmentReview", id, "挂职中期检查：" + v.cadreName() + "，结论：" + f.conclusion().label(), null, r);
        return r;
    }

    // ---- expenses ----

    @Transactional(readOnly = true)
    public List<Expense> expenses(long postingId) {
        return expenses(get(postingId));
    }

    private List<Expense> expenses(Posting v) {
        return jdbc.sql(Unscoped.ofChecked("posting", "SecondmentAccess") + """
                select e.*, c.name as cadre_name from secondment_expense e join secondment_posting sp on sp.id = e.posting_id
                join cadre_card c on c.id = sp.cadre_id where e.posting_id = ? order by e.spent_on desc, e.id desc""")
                .param(v.id()).query(Postings::expenseRow).list();
    }

    @Transactional
    public ExpenseResult addExpense(long postingId, ExpenseForm f) {
        Posting v = get(postingId);
        if (!(v.organiser() || v.receiver())) {
            throw new BusinessException(403, "只有主办的组织部门或接收单位可以登记保障经费", List.of());
        }
        if (f.category() == null || f.amount() == null || f.spentOn() == null) {
            throw new BusinessException("请填写经费类别、金额和支出日期");
        }
        if (f.amount().signum() <= 0 || f.amount().scale() > 2) {
            throw new BusinessException("金额须大于0，最多两位小数");
        }
        if (v.status().equals("CANCELLED")) {
            throw BusinessException.conflict("该挂职安排已取消");
        }
        // serialise expenses of one programme so two clerks cannot overspend together
        jdbc.sql("select id from secondment_programme where id = ? for update").param(v.programmeId()).query(Long.class).single();
        Programmes.ProgrammeView pr = programmes.load(v.programmeId());
        BigDecimal budget = Programmes.budgetOf(pr, f.category());
        BigDecimal spent = programmes.spent(pr.id(), f.category());
        BigDecimal remaining = budget.subtract(spent);
        if (f.amount().compareTo(remaining) > 0) {
            throw BusinessException.conflict(f.category().label() + "经费超出预算：预算" + money(budget) + "元，已支出" + money(spent)
                    + "元，剩余" + money(remaining) + "元，本笔" + money(f.amount()) + "元。请先调整批次预算后再登记");
        }
        long id = jdbc.sql("""
                insert into secondment_expense (posting_id, category, amount, spent_on, note, created_by)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(postingId, f.category().name(), f.amount(), f.spentOn(), Programmes.trim(f.note()),
                        CurrentUsers.require().displayName())
                .query(Long.class).single();
        Expense e = jdbc.sql(Unscoped.ofChecked("posting", "SecondmentAccess") + """
                select e.*, c.name as cadre_name from secondment_expense e join secondment_posting sp on sp.id = e.posting_id
                join cadre_card c on c.id = sp.cadre_id where e.id = ?""").param(id).query(Postings::expenseRow).single();
        audit.record("CREATE", "SecondmentExpense", id, "登记挂职保障经费：" + v.cadreName() + " " + f.category().label() + " "
                + money(f.amount()) + "元", null, e);
        Programmes.BudgetLine line = programmes.budgetLines(pr).stream().filter(b -> b.category() == f.category()).findFirst().orElseThrow();
        String warning = line.usedShare() != null && line.usedShare().compareTo(WARN_SHARE) >= 0
                ? f.category().label() + "预算已使用" + line.usedShare().setScale(1, RoundingMode.HALF_UP).toPlainString()
                + "%，剩余" + money(line.remaining()) + "元" : null;
        return new ExpenseResult(e, line, warning);
    }

    // ---- helpers ----

    static boolean rotationAllowed(Posting v) {
        return ChronoUnit.MONTHS.between(v.startsOn(), v.endsOn().plusDays(1)) >= ROTATION_MIN_MONTHS;
    }

    private static void requireOrganiser(Posting v) {
        if (!v.organiser()) {
            throw new BusinessException(403, "只有主办该批次挂职的组织部门可以进行此操作", List.of());
        }
    }

    private static void requireActive(Posting v) {
        if (!"ACTIVE".equals(v.status())) {
            throw BusinessException.conflict("该挂职安排已取消");
        }
    }

    static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private Posting row(ResultSet rs, int i) throws SQLException {
        Direction d = Direction.valueOf(rs.getString("direction"));
        String status = rs.getString("status");
        String organiserPath = rs.getString("organiser_path");
        String receivingPath = rs.getString("receiving_path");
        CurrentUser me = CurrentUsers.current().orElse(null);
        boolean organiser = me != null && SecondmentAccess.isOrgDept(me) && access.covers(organiserPath);
        boolean receiver = me != null && SecondmentAccess.isManager(me) && access.covers(receivingPath);
        long cadreId = rs.getLong("cadre_id");
        boolean self = me != null && me.dataScope() == DataScopeKind.SELF && me.cadreId() != null && me.cadreId() == cadreId;
        String grade = rs.getString("final_grade");
        return new Posting(rs.getLong("id"), rs.getLong("programme_id"), rs.getString("programme_name"), d, d.label(),
                cadreId, rs.getString("cadre_name"), rs.getString("cadre_phone"), rs.getLong("post_id"), rs.getString("post_title"),
                rs.getString("duties"), rs.getLong("sending_org_id"), rs.getString("sending_name"), rs.getLong("receiving_org_id"),
                rs.getString("receiving_name"), rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                status, statusLabel(status, rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class), LocalDate.now(clock)),
                rs.getInt("log_cadence_days"), rs.getObject("last_log_on", LocalDate.class), rs.getLong("log_count"),
                grade != null, rs.getBigDecimal("final_score"), grade == null ? null : Grade.valueOf(grade).label(),
                organiser, receiver, self);
    }

    static String statusLabel(String status, LocalDate starts, LocalDate ends, LocalDate today) {
        if ("CANCELLED".equals(status)) {
            return "已取消";
        }
        if (today.isBefore(starts)) {
            return "未开始";
        }
        return today.isAfter(ends) ? "已期满" : "挂职中";
    }

    private static LogEntry logRow(ResultSet rs, int i) throws SQLException {
        return new LogEntry(rs.getLong("id"), rs.getLong("posting_id"), rs.getObject("written_on", LocalDate.class),
                rs.getString("content"), rs.getTimestamp("created_at").toInstant(), rs.getString("comment"),
                rs.getString("commented_by"), rs.getTimestamp("commented_at") == null ? null : rs.getTimestamp("commented_at").toInstant());
    }

    private static Expense expenseRow(ResultSet rs, int i) throws SQLException {
        ExpenseCategory c = ExpenseCategory.valueOf(rs.getString("category"));
        return new Expense(rs.getLong("id"), rs.getLong("posting_id"), rs.getString("cadre_name"), c, c.label(),
                rs.getBigDecimal("amount"), rs.getObject("spent_on", LocalDate.class), rs.getString("note"), rs.getString("created_by"));
    }
}
