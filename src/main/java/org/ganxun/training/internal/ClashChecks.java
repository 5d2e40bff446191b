package org.ganxun.training.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.training.Clash;
import org.ganxun.training.ClashKind;
import org.ganxun.training.ClassStatus;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Clash checks on filing (备案冲突提示), over the whole jurisdiction: classes filed to the same organisation
 * department, to the departments above it and to those below it. Drafts and cancelled classes are left out.
 * All results are warnings; nothing is blocked.
 * <ol>
 * <li>the same target group (rank levels and staff categories intersect; an empty list means everyone)
 *     with overlapping dates;</li>
 * <li>near-duplicate content in the same year ({@link TextSimilarity}: titles, and topics incl. session topics);</li>
 * <li>an instructor teaching two sessions at overlapping times;</li>
 * <li>a venue (the session's, else the class's) used by two sessions at overlapping times;</li>
 * <li>a session credited with more 学时 than its length allows ({@link #MINUTES_PER_HOUR_AT_LEAST} minutes each):
 *     the hours go onto certificates and into every trainee's archive.</li>
 * </ol>
 */
@Component
public class ClashChecks {

    private final JdbcClient jdbc;

    ClashChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String OTHERS = """
            select tc.id, tc.name, tc.status, tc.starts_on, tc.ends_on, tc.target_rank_levels, tc.target_staff_categories,
                   tc.topics, fo.name as filer_name
            from training_class tc join org_unit jo on jo.id = tc.jurisdiction_org_id
            join org_unit fo on fo.id = tc.filer_org_id
            where tc.id <> :id and tc.status not in ('DRAFT', 'CANCELLED')
              and (jo.path like :jpath || '%' or :jpath like jo.path || '%')
            """;

    record Other(long id, String name, ClassStatus status, LocalDate startsOn, LocalDate endsOn, List<String> ranks,
                 List<String> cats, List<String> topics, String filerName) {
    }

    public List<Clash> of(long classId) {
        Map<String, Object> me = jdbc.sql("""
                select tc.id, tc.name, tc.starts_on, tc.ends_on, tc.target_rank_levels, tc.target_staff_categories, tc.topics,
                       jo.path as jpath
                from training_class tc join org_unit jo on jo.id = tc.jurisdiction_org_id where tc.id = ?""")
                .param(classId).query((rs, i) -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("name", rs.getString("name"));
                    m.put("starts", rs.getObject("starts_on", LocalDate.class));
                    m.put("ends", rs.getObject("ends_on", LocalDate.class));
                    m.put("ranks", TrainingClasses.strings(rs, "target_rank_levels"));
                    m.put("cats", TrainingClasses.strings(rs, "target_staff_categories"));
                    m.put("topics", TrainingClasses.strings(rs, "topics"));
                    m.put("jpath", rs.getString("jpath"));
                    return m;
                }).single();
        String jpath = (String) me.get("jpath");
        LocalDate starts = (LocalDate) me.get("starts");
        LocalDate ends = (LocalDate) me.get("ends");
        @SuppressWarnings("unchecked") List<String> ranks = (List<String>) me.get("ranks");
        @SuppressWarnings("unchecked") List<String> cats = (List<String>) me.get("cats");
        @SuppressWarnings("unchecked") List<String> topics = new ArrayList<>((List<String>) me.get("topics"));
        topics.addAll(sessionTopics(classId));

        List<Other> others = jdbc.sql(OTHERS).param("id", classId).param("jpath", jpath)
                .query((rs, i) -> new Other(rs.getLong("id"), rs.getString("name"), ClassStatus.valueOf(rs.getString("status")),
                        rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                        TrainingClasses.strings(rs, "target_rank_levels"), TrainingClasses.strings(rs, "target_staff_categories"),
                        TrainingClasses.strings(rs, "topics"), rs.getString("filer_name")))
                .list();

        List<Clash> out = new ArrayList<>();
        for (Other o : others) {
            // (a) same target group, overlapping dates
            if (!o.startsOn().isAfter(ends) && !starts.isAfter(o.endsOn())) {
                List<String> commonRanks = common(ranks, o.ranks());
                List<String> commonCats = common(cats, o.cats());
                if (commonRanks != null && commonCats != null) {
                    LocalDate from = starts.isAfter(o.startsOn()) ? starts : o.startsOn();
                    LocalDate to = ends.isBefore(o.endsOn()) ? ends : o.endsOn();
                    String group = label(commonRanks, true) + "、" + label(commonCats, false);
                    String when = from + "至" + to;
                    out.add(new Clash(ClashKind.TARGET_DATES, ClashKind.TARGET_DATES.label(), o.id(), o.name(), o.status().label(),
                            null, null, when, "与“" + o.name() + "”（" + o.filerName() + "，" + o.startsOn() + "至" + o.endsOn()
                            + "）培训对象重叠（" + group + "），且" + when + "时间重叠，同一批干部可能被重复调训", null));
                }
            }
            // (b) near-duplicate content in the same year
            if (o.startsOn().getYear() == starts.getYear()) {
                double t = TextSimilarity.titles((String) me.get("name"), o.name());
                List<String> otherTopics = new ArrayList<>(o.topics());
                otherTopics.addAll(sessionTopics(o.id()));
                double c = topics.isEmpty() || otherTopics.isEmpty() ? 0 : TextSimilarity.topics(topics, otherTopics);
                if (t >= TextSimilarity.DUPLICATE_TITLE || c >= TextSimilarity.DUPLICATE_TOPICS) {
                    String why = "名称相似度" + pct(t) + (topics.isEmpty() || otherTopics.isEmpty() ? "" : "，课程内容相似度" + pct(c));
                    out.add(new Clash(ClashKind.DUPLICATE_CONTENT, ClashKind.DUPLICATE_CONTENT.label(), o.id(), o.name(),
                            o.status().label(), null, null, o.startsOn() + "至" + o.endsOn(),
                            "与同年度班次“" + o.name() + "”（" + o.filerName() + "，" + o.startsOn() + "至" + o.endsOn()
                                    + "）内容相近（" + why + "），请核实是否重复办班", Math.max(t, c)));
                }
            }
        }
        out.addAll(sessionClashes(classId, jpath));
        out.addAll(hoursBeyondLength(classId, (String) me.get("name")));
        return out;
    }

    /** The shortest 学时 in common use (40–50 minutes): a session of an hour carries at most 1.5 学时. */
    static final int MINUTES_PER_HOUR_AT_LEAST = 40;

    /** (e) sessions credited with more 学时 than fit into their length. */
    private List<Clash> hoursBeyondLength(long classId, String className) {
        return jdbc.sql("""
                        select id, session_date, starts_at, ends_at, topic, hours, minutes, trunc(minutes / :per, 1) as most
                        from (select s.*, round(extract(epoch from (ends_at - starts_at)) / 60) as minutes
                              from class_session s where class_id = :id and status = 'SCHEDULED') s
                        where hours * :per > minutes
                        order by session_date, starts_at""")
                .param("id", classId).param("per", MINUTES_PER_HOUR_AT_LEAST)
                .query((rs, i) -> {
                    String when = rs.getObject("session_date", LocalDate.class) + " " + hm(rs, "starts_at") + "-" + hm(rs, "ends_at");
                    return new Clash(ClashKind.HOURS_BEYOND_LENGTH, ClashKind.HOURS_BEYOND_LENGTH.label(), classId, className,
                            null, rs.getLong("id"), null, when,
                            "“" + rs.getString("topic") + "”（" + when + "）共" + rs.getLong("minutes") + "分钟，却计"
                                    + plain(rs.getBigDecimal("hours")) + "学时；按每学时不少于" + MINUTES_PER_HOUR_AT_LEAST
                                    + "分钟，最多可计" + plain(rs.getBigDecimal("most"))
                                    + "学时，请核实（学时将记入结业证书和学员学时档案）", null);
                }).list();
    }

    private static String plain(java.math.BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }

    private List<String> sessionTopics(long classId) {
        return jdbc.sql("select topic from class_session where class_id = ? and status = 'SCHEDULED'").param(classId)
                .query(String.class).list();
    }

    /** (c) instructors and (d) venues booked twice: against other classes in the jurisdiction and within the class. */
    private List<Clash> sessionClashes(long classId, String jpath) {
        String base = """
                select s1.id as sid, s1.session_date, s1.starts_at as s1s, s1.ends_at as s1e, s1.topic as t1,
                       s2.id as oid, s2.starts_at as s2s, s2.ends_at as s2e, s2.topic as t2,
                       c2.id as cid, c2.name as cname, c2.status as cstatus, i.name as iname,
                       coalesce(nullif(btrim(s1.venue), ''), c1.venue) as venue
                from class_session s1 join training_class c1 on c1.id = s1.class_id
                join class_session s2 on s2.session_date = s1.session_date and s2.id <> s1.id
                     and s2.starts_at < s1.ends_at and s1.starts_at < s2.ends_at and s2.status = 'SCHEDULED'
                join training_class c2 on c2.id = s2.class_id
                join org_unit jo on jo.id = c2.jurisdiction_org_id
                left join instructor i on i.id = s1.instructor_id
                where s1.class_id = :id and s1.status = 'SCHEDULED'
                  and (c2.id = :id and s2.id > s1.id
                       or c2.id <> :id and c2.status not in ('DRAFT', 'CANCELLED') and (jo.path like :jpath || '%' or :jpath like jo.path || '%'))
                """;
        List<Clash> out = new ArrayList<>(clashes(base + " and s1.instructor_id is not null and s2.instructor_id = s1.instructor_id"
                        + " order by s1.session_date, s1.starts_at", ClashKind.INSTRUCTOR, classId, jpath,
                (rs, when, where) -> "授课教师" + rs.getString("iname") + "在" + when + "讲授“" + rs.getString("t1") + "”，同时被安排在"
                        + where + "讲授“" + rs.getString("t2") + "”"));
        out.addAll(clashes(base + "\n" + """
                 and coalesce(nullif(btrim(s1.venue), ''), c1.venue) is not null
                 and regexp_replace(coalesce(nullif(btrim(s1.venue), ''), c1.venue), '\\s', '', 'g')
                   = regexp_replace(coalesce(nullif(btrim(s2.venue), ''), c2.venue, ''), '\\s', '', 'g')
                 order by s1.session_date, s1.starts_at""", ClashKind.VENUE, classId, jpath,
                (rs, when, where) -> "场地“" + rs.getString("venue") + "”在" + when + "（“" + rs.getString("t1") + "”）已被"
                        + where + "的“" + rs.getString("t2") + "”占用"));
        return out;
    }

    /** What a clash says, given when the session is and where the other one is (this class or another). */
    private interface ClashText {
        String of(ResultSet rs, String when, String where) throws SQLException;
    }

    /** The clashes {@code sql} (the select of {@link #sessionClashes} and a condition) finds, with the other session's times. */
    private List<Clash> clashes(String sql, ClashKind kind, long classId, String jpath, ClashText text) {
        return jdbc.sql(sql).param("id", classId).param("jpath", jpath)
                .query((rs, i) -> {
                    String when = rs.getObject("session_date", LocalDate.class) + " " + hm(rs, "s1s") + "-" + hm(rs, "s1e");
                    String other = rs.getString("cname");
                    String where = rs.getLong("cid") == classId ? "本班" : "“" + other + "”";
                    return new Clash(kind, kind.label(), rs.getLong("cid"), other,
                            ClassStatus.valueOf(rs.getString("cstatus")).label(), rs.getLong("sid"), rs.getLong("oid"), when,
                            text.of(rs, when, where) + "（" + hm(rs, "s2s") + "-" + hm(rs, "s2e") + "）", null);
                }).list();
    }

    /** The intersection of two target lists, an empty list meaning "everyone"; null when they do not meet. */
    static List<String> common(List<String> a, List<String> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        Set<String> s = new LinkedHashSet<>(a);
        s.retainAll(b);
        return s.isEmpty() ? null : List.copyOf(s);
    }

    private static String label(List<String> values, boolean ranks) {
        if (values.isEmpty()) {
            return ranks ? "各职级" : "各类人员";
        }
        return String.join("/", values.stream().map(v -> ranks ? RankLevel.valueOf(v).label() : StaffCategory.valueOf(v).label()).toList());
    }

    private static String pct(double d) {
        return Math.round(d * 100) + "%";
    }

    private static String hm(ResultSet rs, String col) throws SQLException {
        LocalTime t = rs.getObject(col, LocalTime.class);
        return t == null ? "" : String.format("%02d:%02d", t.getHour(), t.getMinute());
    }
}
