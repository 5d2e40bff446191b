package org.ganxun.survey;

import jakarta.validation.constraints.Size;
import org.ganxun.platform.security.DataScopeKind;
import org.ganxun.platform.security.Permission;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.notify.Notifications;
import org.ganxun.people.CodeSet;
import org.ganxun.people.CodeTables;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Returns from every channel: an anonymous link (device cookie, submission fingerprint and a per-address
 * rate limit against repeats), a signed-in cadre (one answer per person), a clerk's paper entry and an
 * Excel import. Every return is checked against the questionnaire by {@link SurveyModel}, stored as JSON
 * and as one row per value. Also: issued / returned / return rate, and reminders to named non-respondents.
 */
@Service
public class SurveyReturns {

    private final CodeTables codes;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Surveys surveys;
    private final AuditLog audit;
    private final Notifications notifications;
    private final OpenAnswers openAnswers;
    private final int maxPerAddress;
    private final Clock clock;

    SurveyReturns(JdbcClient jdbc, JsonMapper json, Surveys surveys, AuditLog audit, Notifications notifications, OpenAnswers openAnswers,
                  CodeTables codes, @Value("${ganxun.survey.max-submissions-per-address:30}") int maxPerAddress, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.codes = codes;
        this.json = json;
        this.surveys = surveys;
        this.audit = audit;
        this.notifications = notifications;
        this.openAnswers = openAnswers;
        this.maxPerAddress = maxPerAddress;
    }

    public enum Channel {
        ONLINE("在线（链接/二维码）"), APP("在线（平台内）"), PAPER("纸质录入"), IMPORT("Excel导入");

        final String label;

        Channel(String label) {
            this.label = label;
        }
    }

    /** Respondent-group facts a clerk adds to a paper return when the questionnaire does not ask them. */
    public record Group(@Size(max = 20, message = "职级层次不正确") String rankLevel, @Size(max = 40, message = "人员类别不正确") String staffCategory,
                        @Size(max = 100, message = "乡镇最多{max}个字") String township,
                        @Size(max = 20, message = "年龄段不正确") String ageBand) {
        static final Group NONE = new Group(null, null, null, null);
    }

    public record Receipt(long returnId, String message) {
    }

    /** The public link: who is asking, for the repeat-submission checks. */
    record Client(String deviceToken, String remoteAddr, String userAgent) {
    }

    // ------------------------------------------------------------------ submitting

    /** An anonymous return through the public link. */
    @Transactional
    public Receipt submitAnonymous(String token, Long targetId, JsonNode answers, Client client) {
        Surveys.Survey s = surveys.byToken(token).orElseThrow(() -> BusinessException.notFound("调研问卷"));
        requireOpen(s);
        if (!s.anonymous()) {
            throw new BusinessException(401, "本问卷为记名问卷，请登录后填写", List.of());
        }
        int recent = jdbc.sql("""
                select count(*) from survey_return where survey_id = ? and remote_addr = ? and submitted_at > now() - interval '10 minutes'""")
                .params(s.id(), client.remoteAddr()).query(Integer.class).single();
        if (recent >= maxPerAddress) {
            throw new BusinessException(429, "提交过于频繁，请稍后再试", List.of());
        }
        SurveyModel.Checked checked = SurveyModel.parse(s.model()).check(answers);
        String fingerprint = sha256(s.id() + "|" + client.remoteAddr() + "|" + client.userAgent() + "|" + canonical(checked.data()));
        if (client.deviceToken() != null && jdbc.sql("select count(*) from survey_return where survey_id = ? and device_token = ?")
                .params(s.id(), client.deviceToken()).query(Integer.class).single() > 0) {
            throw BusinessException.conflict("本设备已提交过该问卷，感谢您的参与");
        }
        Long target = validTarget(s, targetId);
        try {
            long id = insert(s, target, Channel.ONLINE, null, checked, Group.NONE, client.deviceToken(), fingerprint,
                    client.remoteAddr(), null, null);
            return new Receipt(id, "提交成功，感谢您的参与！");
        } catch (DuplicateKeyException e) {
            throw BusinessException.conflict("本设备已提交过该问卷，感谢您的参与");
        }
    }

    /** A signed-in cadre answers a named (or anonymous) survey in the app: one answer per person. */
    @Transactional
    public Receipt submitMine(String token, JsonNode answers) {
        CurrentUser me = CurrentUsers.require();
        if (me.dataScope() != DataScopeKind.SELF || me.cadreId() == null) {
            throw new BusinessException(403, "请使用本人的干部账号填写问卷", List.of());
        }
        Surveys.Survey s = surveys.byToken(token).orElseThrow(() -> BusinessException.notFound("调研问卷"));
        requireOpen(s);
        Long target = targetOf(s.id(), me.cadreId());
        if (target == null) {
            throw new BusinessException(403, "您不在本次调研的对象范围内", List.of());
        }
        if (alreadyAnswered(s.id(), me.cadreId())) {
            throw BusinessException.conflict("您已提交过本问卷，每人只能提交一次");
        }
        SurveyModel.Checked checked = SurveyModel.parse(s.model()).check(answers);
        try {
            // an anonymous survey answered in the app keeps no link to the person; the group facts are still taken
            Group g = groupOf(me.cadreId());
            long id = insert(s, target, Channel.APP, me.cadreId(), checked, g, null, null, null, me.username(), null);
            audit.record("SUBMIT", "SurveyReturn", id, "提交问卷：" + s.title(), null, null);
            return new Receipt(id, "提交成功，感谢您的参与！");
        } catch (DuplicateKeyException e) {
            throw BusinessException.conflict("您已提交过本问卷，每人只能提交一次");
        }
    }

    /** A paper questionnaire entered by a clerk. */
    @Transactional
    public Receipt enterPaper(long surveyId, Long targetId, JsonNode answers, Group group) {
        Surveys.Survey s = surveys.requireVisible(surveyId);
        requireClerk();
        if (s.status() == Surveys.Status.DRAFT) {
            throw new BusinessException("问卷尚未发布，不能录入答卷");
        }
        SurveyModel.Checked checked = SurveyModel.parse(s.model()).check(answers);
        long id = insert(s, validTarget(s, targetId), Channel.PAPER, null, checked, normalise(group), null, null, null,
                CurrentUsers.require().username(), null);
        audit.record("ENTER", "SurveyReturn", id, "录入纸质问卷：" + s.title(), null, checked.data());
        return new Receipt(id, "已录入第" + count(s.id()) + "份");
    }

    /** Rows of an Excel import already checked; all stored or none (the caller's transaction). */
    long insertImported(Surveys.Survey s, Long targetId, SurveyModel.Checked checked, Group group, String batch) {
        return insert(s, targetId, Channel.IMPORT, null, checked, normalise(group), null, null, null, CurrentUsers.require().username(), batch);
    }

    static void requireClerk() {
        if (!CurrentUsers.require().canAny(Permission.SURVEY_MANAGE, Permission.SURVEY_ENTER)) {
            throw new BusinessException(403, "只有组织部门和单位培训专管员可以录入问卷", List.of());
        }
    }

    void requireOpen(Surveys.Survey s) {
        if (s.status() == Surveys.Status.DRAFT) {
            throw new BusinessException(404, "问卷尚未发布", List.of());
        }
        if (s.status() == Surveys.Status.CLOSED || (s.endsOn() != null && s.endsOn().isBefore(LocalDate.now(clock)))) {
            throw BusinessException.conflict("本次调研已结束，感谢您的关注");
        }
    }

    Long validTarget(Surveys.Survey s, Long targetId) {
        if (targetId == null) {
            return null;
        }
        if (s.targets().stream().noneMatch(t -> t.id() == targetId)) {
            throw new BusinessException("调研对象范围无效");
        }
        return targetId;
    }

    private long insert(Surveys.Survey s, Long target, Channel channel, Long cadreId, SurveyModel.Checked checked, Group given,
                        String device, String fingerprint, String addr, String by, String batch) {
        Map<String, String> g = checked.groups();
        String rank = g.getOrDefault("rank_level", given.rankLevel());
        String staff = g.getOrDefault("staff_category", given.staffCategory());
        String township = g.getOrDefault("township", given.township());
        String age = g.getOrDefault("age_band", given.ageBand());
        boolean keepPerson = channel == Channel.APP && !s.anonymous();
        long id = jdbc.sql("""
                insert into survey_return (survey_id, target_id, channel, cadre_id, rank_level, staff_category, township, age_band,
                    answers, device_token, fingerprint, remote_addr, entered_by, batch_ref)
                values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?) returning id""")
                .params(s.id(), target, channel.name(), keepPerson ? cadreId : null, rank, staff, township, age,
                        json.writeValueAsString(checked.data()), device, fingerprint, addr, keepPerson ? by : (channel == Channel.APP ? null : by), batch)
                .query(Long.class).single();
        if (channel == Channel.APP && s.anonymous()) {
            // anonymous survey answered in the app: remember that the person answered, not what
            jdbc.sql("insert into survey_answered (survey_id, cadre_id) values (?, ?)").params(s.id(), cadreId).update();
        }
        java.util.Set<String> open = new java.util.HashSet<>();
        SurveyModel.parse(s.model()).questions().stream().filter(SurveyModel.Question::open).forEach(q -> open.add(q.name()));
        insertValues(id, s.id(), groupId(rank, staff, township, age), checked.values(), open);
        return id;
    }

    /**
     * The values of a return, each with the return's respondent group (for the cross-tabs) and, for an open
     * answer, its keywords: segmented here, once, so that the analysis only counts them.
     */
    void insertValues(long returnId, long surveyId, int groupId, List<SurveyModel.Value> values, java.util.Set<String> openQuestions) {
        if (values.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(
                "insert into survey_answer_value (return_id, survey_id, question, value, rank, first, group_id, keywords) values ");
        List<Object> args = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            SurveyModel.Value v = values.get(i);
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?)");
            args.add(returnId);
            args.add(surveyId);
            args.add(v.question());
            args.add(v.value());
            args.add(v.rank());
            args.add(seen.add(v.question()));
            args.add(groupId);
            args.add(openQuestions.contains(v.question()) ? openAnswers.words(v.value()).toArray(new String[0]) : null);
        }
        jdbc.sql(sql.toString()).params(args).update();
    }

    /** The id of a combination of the four respondent-group facts, created on first use. */
    int groupId(String rank, String staff, String township, String age) {
        jdbc.sql("""
                insert into survey_respondent_group (rank_level, staff_category, township, age_band) values (?, ?, ?, ?)
                on conflict do nothing""").params(rank, staff, township, age).update();
        // a separate statement: it sees a row another transaction committed while this insert waited for it
        return jdbc.sql("""
                select id from survey_respondent_group
                where rank_level is not distinct from ? and staff_category is not distinct from ?
                  and township is not distinct from ? and age_band is not distinct from ?""")
                .params(rank, staff, township, age).query(Integer.class).single();
    }

    boolean alreadyAnswered(long surveyId, long cadreId) {
        return jdbc.sql("""
                select exists (select 1 from survey_return where survey_id = :s and cadre_id = :c)
                    or exists (select 1 from survey_answered where survey_id = :s and cadre_id = :c)""")
                .param("s", surveyId).param("c", cadreId).query(Boolean.class).single();
    }

    private long count(long surveyId) {
        return jdbc.sql("select count(*) from survey_return where survey_id = ?").param(surveyId).query(Long.class).single();
    }

    private Group normalise(Group g) {
        if (g == null) {
            return Group.NONE;
        }
        String rank = g.rankLevel();
        if (rank != null && !rank.isBlank()) {
            RankLevel rl = org.ganxun.people.Labeled.parse(RankLevel.class, rank);
            if (rl == null) {
                // a 2019 grade (一级科员, 四级调研员 …) stands at the level of the post it corresponds to (people's code table)
                rl = codes.find(CodeSet.RANK_TITLE, rank).map(i -> i.mapsTo(RankLevel.class)).orElse(null);
            }
            if (rl == null) {
                throw new BusinessException("职级“" + rank + "”无效");
            }
            rank = rl.name();
        }
        String staff = g.staffCategory();
        if (staff != null && !staff.isBlank()) {
            StaffCategory sc = org.ganxun.people.Labeled.parse(StaffCategory.class, staff);
            if (sc == null) {
                throw new BusinessException("人员类别“" + staff + "”无效");
            }
            staff = sc.name();
        }
        String age = g.ageBand();
        if (age != null && !age.isBlank() && AgeBand.parse(age) == null) {
            throw new BusinessException("年龄段“" + age + "”无效");
        }
        return new Group(blankToNull(rank), blankToNull(staff), blankToNull(g.township()),
                age == null || age.isBlank() ? null : AgeBand.parse(age).name());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ------------------------------------------------------------------ who is asked

    /** The first target group (in order) a cadre belongs to, or null. */
    Long targetOf(long surveyId, long cadreId) {
        return jdbc.sql(Unscoped.because("the target group of a respondent, the signed-in cadre or a paper form person") + """
                select t.id from survey_target t join org_unit tor on tor.id = t.org_id, cadre c join org_unit o on o.id = c.org_id
                where t.survey_id = ? and c.id = ? and c.status = 'ACTIVE' and o.path like tor.path || '%'
                  and (t.rank_level is null or t.rank_level = c.rank_level)
                  and (t.staff_category is null or t.staff_category = c.staff_category)
                order by t.sort_order, t.id limit 1""")
                .params(surveyId, cadreId).query(Long.class).optional().orElse(null);
    }

    /**
     * A cadre's respondent-group facts as of today: rank level, staff category, township, age band (what an
     * in-app return records, and what a paper form entered for a known cadre should carry).
     */
    public Group groupOf(long cadreId) {
        return jdbc.sql(Unscoped.because("the target group of a respondent, the signed-in cadre or a paper form person") + """
                select c.rank_level, c.staff_category, c.birth_date,
                       coalesce((select t.name from org_unit t where o.path like t.path || '%' and t.kind = 'TOWNSHIP'
                                 order by t.depth desc limit 1), o.name) as township
                from cadre_card c join org_unit o on o.id = c.org_id where c.id = ?""")
                .param(cadreId)
                .query((rs, i) -> new Group(rs.getString(1), rs.getString(2), rs.getString(4),
                        AgeBand.of(rs.getObject(3, LocalDate.class), LocalDate.now(clock)).name()))
                .single();
    }

    /** Age bands as cadre statistics use them. */
    public enum AgeBand {
        A35("35岁及以下"), A36_45("36至45岁"), A46_55("46至55岁"), A56("56岁及以上");

        final String label;

        AgeBand(String label) {
            this.label = label;
        }

        static AgeBand of(LocalDate birth, LocalDate on) {
            int age = Period.between(birth, on).getYears();
            return age <= 35 ? A35 : age <= 45 ? A36_45 : age <= 55 ? A46_55 : A56;
        }

        static AgeBand parse(String s) {
            for (AgeBand b : values()) {
                if (b.name().equals(s) || b.label.equals(s)) {
                    return b;
                }
            }
            return null;
        }
    }

    /** Open surveys the signed-in cadre is asked to answer, with whether they have answered. */
    public record MySurvey(long id, String title, String purpose, boolean anonymous, LocalDate endsOn, String token, boolean answered) {
    }

    @Transactional(readOnly = true)
    public List<MySurvey> mine() {
        CurrentUser me = CurrentUsers.require();
        if (me.cadreId() == null) {
            return List.of();
        }
        return jdbc.sql(Unscoped.own() + """
                select s.id, s.title, s.purpose, s.anonymous, s.ends_on, s.public_token,
                       exists (select 1 from survey_return r where r.survey_id = s.id and r.cadre_id = :c)
                       or exists (select 1 from survey_answered a where a.survey_id = s.id and a.cadre_id = :c) as answered
                from survey s
                where s.status = 'OPEN' and (s.ends_on is null or s.ends_on >= :today)
                  and exists (select 1 from survey_target t join org_unit tor on tor.id = t.org_id, cadre c join org_unit o on o.id = c.org_id
                              where t.survey_id = s.id and c.id = :c and c.status = 'ACTIVE' and o.path like tor.path || '%'
                                and (t.rank_level is null or t.rank_level = c.rank_level)
                                and (t.staff_category is null or t.staff_category = c.staff_category))
                order by s.created_at desc""")
                .param("c", me.cadreId()).param("today", LocalDate.now(clock))
                .query((rs, i) -> new MySurvey(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getBoolean(7)))
                .list();
    }

    // ------------------------------------------------------------------ progress and reminders

    public record GroupProgress(Long targetId, String label, Integer issued, long returned, Double rate) {
    }

    /**
     * The survey's returns. When no number was issued (an anonymous survey without issued counts), {@code addressed}
     * is the number of active cadres its target groups cover and {@code addressedRate} the share of them who answered
     * (占调研对象的比例) — the figure the Word report's text gives; otherwise both are null.
     */
    public record Progress(Integer issued, long returned, Double rate, List<GroupProgress> groups, Map<String, Long> byChannel,
                           Integer addressed, Double addressedRate) {
    }

    /** Issued, returned and return rate (percent, one decimal), overall and per target group. */
    @Transactional(readOnly = true)
    public Progress progress(long surveyId) {
        Surveys.Survey s = surveys.requireVisible(surveyId);
        List<GroupProgress> groups = new ArrayList<>();
        Integer total = 0;
        for (Surveys.Target t : s.targets()) {
            Integer issued = t.issuedCount() != null ? t.issuedCount() : !s.anonymous() ? matching(t) : null;
            long returned = jdbc.sql("select count(*) from survey_return where survey_id = ? and target_id = ?")
                    .params(s.id(), t.id()).query(Long.class).single();
            groups.add(new GroupProgress(t.id(), t.label(), issued, returned, rate(returned, issued)));
            total = total == null || issued == null ? null : total + issued;
        }
        long returned = count(s.id());
        long unassigned = returned - groups.stream().mapToLong(GroupProgress::returned).sum();
        if (unassigned > 0) {
            groups.add(new GroupProgress(null, "未区分对象范围", null, unassigned, null));
        }
        Map<String, Long> byChannel = new LinkedHashMap<>();
        jdbc.sql("select channel, count(*) from survey_return where survey_id = ? group by channel order by channel").param(s.id())
                .query((rs, i) -> byChannel.put(Channel.valueOf(rs.getString(1)).label, rs.getLong(2))).list();
        if (s.targets().isEmpty()) {
            total = null;
        }
        Integer addressed = total == null ? addressed(s) : null;
        return new Progress(total, returned, rate(returned, total), groups, byChannel, addressed,
                addressed == null ? null : rate(returned, addressed));
    }

    static Double rate(long returned, Integer issued) {
        if (issued == null || issued == 0) {
            return null;
        }
        return Math.round(returned * 1000.0 / issued) / 10.0;
    }

    private int matching(Surveys.Target t) {
        return jdbc.sql(Unscoped.countsOnly() + """
                select count(*) from cadre_card c join org_unit o on o.id = c.org_id
                where c.status = 'ACTIVE' and o.path like :path
                  and (cast(:rank as varchar) is null or c.rank_level = :rank)
                  and (cast(:staff as varchar) is null or c.staff_category = :staff)""")
                .param("path", t.orgPath() + "%").param("rank", t.rankLevel() == null ? null : t.rankLevel().name())
                .param("staff", t.staffCategory() == null ? null : t.staffCategory().name())
                .query(Integer.class).single();
    }

    /** The active cadres in a survey's target groups: FROM and WHERE over target t, cadre c (the survey is :s). */
    private static final String TARGETED = """
            survey_target t join org_unit tor on tor.id = t.org_id, cadre c join org_unit o on o.id = c.org_id
            where t.survey_id = :s and c.status = 'ACTIVE' and o.path like tor.path || '%'
              and (t.rank_level is null or t.rank_level = c.rank_level)
              and (t.staff_category is null or t.staff_category = c.staff_category)""";

    /**
     * How many people the survey is addressed to: the active cadres its target groups cover, each once (anonymous or
     * named alike), or null when it has no target groups.
     */
    Integer addressed(Surveys.Survey s) {
        if (s.targets().isEmpty()) {
            return null;
        }
        return jdbc.sql(Unscoped.countsOnly() + "select count(distinct c.id) from " + TARGETED).param("s", s.id()).query(Integer.class).single();
    }

    /**
     * Reminds the named non-respondents in the target groups (in-app, and an SMS copy when a phone is on
     * record). At most one reminder per person per survey per day. Returns how many were reminded.
     */
    @Transactional
    public int remind(long surveyId) {
        Surveys.Survey s = surveys.requireManageable(surveyId);
        if (s.status() != Surveys.Status.OPEN) {
            throw new BusinessException("只有回收中的问卷可以催办");
        }
        record Person(long id, String phone) {
        }
        List<Person> people = jdbc.sql(Unscoped.ofChecked("survey", "Surveys.requireManageable, reminding its target groups") + "select distinct c.id, c.phone from " + TARGETED + "\n" + """
                  and not exists (select 1 from survey_return r where r.survey_id = :s and r.cadre_id = c.id)
                  and not exists (select 1 from survey_answered a where a.survey_id = :s and a.cadre_id = c.id)""")
                .param("s", s.id()).query((rs, i) -> new Person(rs.getLong(1), rs.getString(2))).list();
        String today = LocalDate.now(clock).toString();
        String body = "请于" + (s.endsOn() == null ? "近日" : s.endsOn() + "前") + "登录平台“我的问卷”填写《" + s.title() + "》。";
        int n = 0;
        for (Person p : people) {
            if (notifications.toCadre(p.id(), "SURVEY_REMINDER", "培训需求调研问卷待填写", body, "/me/surveys",
                    "survey-remind:" + s.id() + ":" + p.id() + ":" + today, p.phone())) {
                n++;
            }
        }
        audit.record("REMIND", "Survey", s.id(), "催办问卷：" + s.title() + "，提醒" + n + "人", null, Map.of("reminded", n));
        return n;
    }

    public record ReturnRow(long id, String channel, String target, String cadreName, String rankLevel, String staffCategory,
                            String township, String ageBand, String enteredBy, OffsetDateTime submittedAt) {
    }

    /** A page of a survey's returns, with how many match the filters in all. */
    public record ReturnPage(List<ReturnRow> rows, long total, int page, int size) {
    }

    /**
     * A page of the survey's returns, newest first unless {@code oldestFirst}; filtered by channel and by target
     * group. Paged in SQL: a survey of 50,000 returns sends the browser 20 of them.
     */
    @Transactional(readOnly = true)
    public ReturnPage list(long surveyId, Channel channel, Long targetId, boolean oldestFirst, int page, int size) {
        Surveys.Survey s = surveys.requireVisible(surveyId);
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 200);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("survey", s.id());
        StringBuilder w = new StringBuilder(" where r.survey_id = :survey");
        if (channel != null) {
            w.append(" and r.channel = :channel");
            p.put("channel", channel.name());
        }
        if (targetId != null) {
            w.append(" and r.target_id = :target");
            p.put("target", targetId);
        }
        String checked = Unscoped.ofChecked("survey", "Surveys.requireVisible");
        long total = jdbc.sql(checked + "select count(*) from survey_return r" + w).params(p).query(Long.class).single();
        List<ReturnRow> rows = jdbc.sql(checked + """
                select r.id, r.channel, t.label, c.name, r.rank_level, r.staff_category, r.township, r.age_band, r.entered_by, r.submitted_at
                from survey_return r left join survey_target t on t.id = r.target_id left join cadre_card c on c.id = r.cadre_id"""
                + w + (oldestFirst ? " order by r.id" : " order by r.id desc") + " limit :limit offset :offset")
                .params(p).param("limit", sz).param("offset", (long) (pg - 1) * sz)
                .query((rs, i) -> new ReturnRow(rs.getLong(1), Channel.valueOf(rs.getString(2)).label, rs.getString(3), rs.getString(4),
                        Surveys.label(RankLevel.class, rs.getString(5)), Surveys.label(StaffCategory.class, rs.getString(6)),
                        rs.getString(7), rs.getString(8) == null ? null : AgeBand.parse(rs.getString(8)).label, rs.getString(9),
                        rs.getObject(10, OffsetDateTime.class)))
                .list();
        return new ReturnPage(rows, total, pg, sz);
    }

    // ------------------------------------------------------------------ helpers

    private String canonical(JsonNode data) {
        // sorted keys: the same answers give the same fingerprint whatever order the client sent
        java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
        data.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return json.writeValueAsString(sorted);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
