package org.ganxun.classroom;

import jakarta.validation.constraints.Size;
import org.ganxun.training.forclassroom.ClassroomCommands;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import org.ganxun.audit.AuditLog;
import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.crypto.Hmac;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.training.Instructors;
import org.ganxun.training.SessionStatus;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * 评教: trainees rate sessions (and their instructors) after each session, and the class as a whole at the end,
 * anonymously on the class's criteria (1–5). An evaluation row holds no trainee id; double rating is refused
 * by a separate one-way token HMAC(key, enrollment : session), which cannot be turned back into either.
 * Each session evaluation also moves the instructor's running average in the instructor pool.
 * Averages below {@link #LOW_SCORE} are flagged.
 */
@Service
public class TeachingEvaluations {

    /** An average below this (out of 5) is flagged as low. */
    public static final BigDecimal LOW_SCORE = new BigDecimal("3.5");

    private final JdbcClient jdbc;
    private final Classroom classroom;
    private final Instructors instructors;
    private final AuditLog audit;
    private final Hmac mac;
    private final Clock clock;
    private final ClassroomCommands commands;

    TeachingEvaluations(JdbcClient jdbc, Classroom classroom, AuditLog audit, FieldCipher cipher, Instructors instructors, Clock clock,
                        ClassroomCommands commands) {
        this.commands = commands;
        this.clock = clock;
        this.jdbc = jdbc;
        this.instructors = instructors;
        this.classroom = classroom;
        this.audit = audit;
        this.mac = cipher.hmac("ganxun-evaluation-token");
    }

    public record Criterion(long id, String name) {
    }

    public record EvaluationForm(Long sessionId, Map<Long, Integer> scores,
                                 @Size(max = 500, message = "意见建议不能超过{max}字") String comment) {
    }

    public record Stat(String key, String label, long count, BigDecimal average, boolean low, Map<String, BigDecimal> perCriterion) {
    }

    public record ClassEvaluation(long classId, List<Criterion> criteria, List<Stat> sessions, List<Stat> instructors, Stat overall,
                                  List<String> comments) {
    }

    public record InstructorEvaluation(long instructorId, String name, BigDecimal ratingAvg, int ratingCount, List<Stat> byClass,
                                       List<Stat> byMonth) {
    }

    String token(long enrollmentId, Long sessionId, long classId) {
        String subject = enrollmentId + ":" + (sessionId == null ? "class-" + classId : "session-" + sessionId);
        return HexFormat.of().formatHex(mac.sign(subject));
    }

    boolean rated(long enrollmentId, Long sessionId, long classId) {
        return jdbc.sql("select count(*) from evaluation_token where token = ?").param(token(enrollmentId, sessionId, classId))
                .query(Long.class).single() > 0;
    }

    @Transactional(readOnly = true)
    public List<Criterion> criteria(long classId) {
        // read by the class's trainees (who rate it) and by those who may open the class, nobody else
        if (!isTrainee(classId)) {
            classroom.requireVisible(classId);
        }
        return criteriaOf(classId);
    }

    private boolean isTrainee(long classId) {
        try {
            classroom.requireTrainee(classId);
            return true;
        } catch (BusinessException notOne) {
            return false;
        }
    }

    List<Criterion> criteriaOf(long classId) {
        List<Criterion> own = jdbc.sql("select id, name from evaluation_criterion where class_id = ? order by sort_order, id")
                .param(classId).query((rs, i) -> new Criterion(rs.getLong(1), rs.getString(2))).list();
        return !own.isEmpty() ? own : jdbc.sql("select id, name from evaluation_criterion where class_id is null order by sort_order, id")
                .query((rs, i) -> new Criterion(rs.getLong(1), rs.getString(2))).list();
    }

    /** Sets a class's own criteria (before anyone rated it). */
    @Transactional
    public List<Criterion> setCriteria(long classId, List<String> names) {
        TrainingClasses.Row row = classroom.requireManager(classId, true);
        if (jdbc.sql("select count(*) from evaluation where class_id = ?").param(classId).query(Long.class).single() > 0) {
            throw BusinessException.conflict("已有学员评教，评价指标不能再修改");
        }
        List<String> clean = names == null ? List.of() : names.stream().filter(StringUtils::hasText).map(String::strip).distinct().toList();
        if (clean.isEmpty() || clean.size() > 10) {
            throw new BusinessException("请填写1至10项评价指标");
        }
        List<Criterion> before = criteriaOf(classId);
        jdbc.sql("delete from evaluation_criterion where class_id = ?").param(classId).update();
        int order = 0;
        for (String n : clean) {
            jdbc.sql("insert into evaluation_criterion (class_id, name, sort_order) values (?, ?, ?)").params(classId, n, order++).update();
        }
        List<Criterion> after = criteriaOf(classId);
        audit.record("SET_EVALUATION_CRITERIA", "TrainingClass", classId, "评教指标：" + row.name() + "，" + String.join("、", clean), before, after);
        return after;
    }

    /** A trainee rates a session (sessionId) or the whole class (sessionId null, after the last session has begun). */
    @Transactional
    public void submit(long classId, EvaluationForm form) {
        long enrollmentId = classroom.requireTrainee(classId);
        Long instructorId = null;
        if (form.sessionId() != null) {
            Classroom.SessionRow s = classroom.session(form.sessionId());
            if (s.classId() != classId || s.status() != SessionStatus.SCHEDULED) {
                throw new BusinessException("课次不属于本班或已取消");
            }
            if (LocalDateTime.now(clock).isBefore(s.start())) {
                throw BusinessException.conflict("课次开始后才能评价");
            }
            instructorId = s.instructorId();
        } else {
            LocalDateTime lastStart = jdbc.sql("select max(session_date + starts_at) from session_card where class_id = ? and status = 'SCHEDULED'")
                    .param(classId).query(LocalDateTime.class).list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (lastStart == null || LocalDateTime.now(clock).isBefore(lastStart)) {
                throw BusinessException.conflict("最后一个课次开始后才能对全班进行总体评价");
            }
        }
        List<Criterion> criteria = criteriaOf(classId);
        Map<Long, Integer> scores = form.scores() == null ? Map.of() : form.scores();
        int sum = 0;
        for (Criterion c : criteria) {
            Integer v = scores.get(c.id());
            if (v == null || v < 1 || v > 5) {
                throw new BusinessException("请为“" + c.name() + "”打1至5分");
            }
            sum += v;
        }
        int n = jdbc.sql("insert into evaluation_token (token) values (?) on conflict do nothing")
                .param(token(enrollmentId, form.sessionId(), classId)).update();
        if (n == 0) {
            throw BusinessException.conflict(form.sessionId() == null ? "您已对本班作过总体评价，不能重复评价" : "您已评价过该课次，不能重复评价");
        }
        BigDecimal avg = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(criteria.size()), 2, RoundingMode.HALF_UP);
        String comment = StringUtils.hasText(form.comment()) ? form.comment().strip() : null;
        if (comment != null && comment.length() > 500) {
            throw new BusinessException("意见建议不能超过500字");
        }
        Long sessionId = form.sessionId();
        Long evaluated = instructorId;
        Runnable store = () -> {
            long id = jdbc.sql("""
                    insert into evaluation (class_id, session_id, instructor_id, average, comment, submitted_on)
                    values (?, ?, ?, ?, ?, ?) returning id""")
                    .params(classId, sessionId, evaluated, avg, comment, LocalDate.now(clock)) // the users' day, not the database's
                    .query(Long.class).single();
            for (Criterion c : criteria) {
                jdbc.sql("insert into evaluation_score (evaluation_id, criterion_id, score) values (?, ?, ?)").params(id, c.id(), scores.get(c.id())).update();
            }
        };
        if (instructorId == null) {
            store.run();
        } else {
            // stored while training holds the instructor's row, and the rating recomputed from the evaluations themselves:
            // a running mean rounded at every step drifts from the per-class results
            commands.rate(instructorId, i -> {
                store.run();
                return jdbc.sql("select round(avg(average), 2), count(*) from evaluation where instructor_id = ?").param(i)
                        .query((rs, row) -> new ClassroomCommands.Rating(rs.getBigDecimal(1), rs.getInt(2))).single();
            });
        }
        // no audit entry: it would say who rated; the evaluation itself is the record
    }

    /** A session whose evaluations average below {@link #LOW_SCORE}: its class, topic, instructor, average and how many rated. */
    public record LowRatedSession(String className, String topic, String instructor, BigDecimal average, long ratings) {
    }

    /**
     * The sessions of these classes rated below {@link #LOW_SCORE} on average, lowest first, at most {@code limit}
     * (planning's evaluation report). No scope check: the caller chose the classes within its reader's scope.
     */
    public List<LowRatedSession> lowRatedSessions(List<Long> classIds, int limit) {
        if (classIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select tc.name as class_name, s.topic, i.name as instructor, round(avg(e.average), 2) as avg, count(*) as n
                  from evaluation e join session_card s on s.id = e.session_id join class_card tc on tc.id = e.class_id
                  left join instructor_card i on i.id = s.instructor_id
                 where e.class_id in (:ids) group by tc.name, s.id, s.topic, i.name having avg(e.average) < :low
                 order by avg(e.average), s.id limit :limit""")
                .param("ids", classIds).param("low", LOW_SCORE).param("limit", limit)
                .query((rs, i) -> new LowRatedSession(rs.getString("class_name"), rs.getString("topic"), rs.getString("instructor"),
                        rs.getBigDecimal("avg"), rs.getLong("n")))
                .list();
    }

    @Transactional(readOnly = true)
    public ClassEvaluation ofClass(long classId) {
        classroom.requireManager(classId, false);
        return classStats(classId);
    }

    ClassEvaluation classStats(long classId) {
        List<Criterion> criteria = criteriaOf(classId);
        Map<Long, String> names = new LinkedHashMap<>();
        criteria.forEach(c -> names.put(c.id(), c.name()));
        List<Stat> sessions = stats("""
                select 'S' || s.id as k, to_char(s.session_date, 'YYYY-MM-DD') || ' ' || s.topic || coalesce('（' || i.name || '）', '') as label,
                       ev.id as eid, ev.average, sc.criterion_id, sc.score
                from session_card s left join instructor_card i on i.id = s.instructor_id
                join evaluation ev on ev.session_id = s.id join evaluation_score sc on sc.evaluation_id = ev.id
                where s.class_id = ? order by s.session_date, s.starts_at, s.id""", names, classId);
        List<Stat> instructors = stats("""
                select 'I' || i.id as k, i.name as label, ev.id as eid, ev.average, sc.criterion_id, sc.score
                from evaluation ev join instructor_card i on i.id = ev.instructor_id join evaluation_score sc on sc.evaluation_id = ev.id
                where ev.class_id = ? order by i.name, i.id""", names, classId);
        List<Stat> overall = stats("""
                select 'C' as k, '全班总体评价' as label, ev.id as eid, ev.average, sc.criterion_id, sc.score
                from evaluation ev join evaluation_score sc on sc.evaluation_id = ev.id
                where ev.class_id = ? and ev.session_id is null""", names, classId);
        List<String> comments = jdbc.sql("select comment from evaluation where class_id = ? and comment is not null order by id")
                .param(classId).query(String.class).list();
        return new ClassEvaluation(classId, criteria, sessions, instructors, overall.isEmpty() ? null : overall.get(0), comments);
    }

    @Transactional(readOnly = true)
    public InstructorEvaluation ofInstructor(long instructorId) {
        instructors.get(instructorId); // an instructor outside the reader's pool is not there for them (404)
        Map<String, Object> i = jdbc.sql("select name, rating_avg, rating_count from instructor_card where id = ?").param(instructorId)
                .query().listOfRows().stream().findFirst().orElseThrow(() -> BusinessException.notFound("授课教师"));
        Map<Long, String> names = new LinkedHashMap<>();
        jdbc.sql("select id, name from evaluation_criterion order by class_id nulls first, sort_order, id")
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        List<Stat> byClass = stats("""
                select 'C' || tc.id as k, tc.name as label, ev.id as eid, ev.average, sc.criterion_id, sc.score
                from evaluation ev join class_card tc on tc.id = ev.class_id join evaluation_score sc on sc.evaluation_id = ev.id
                where ev.instructor_id = ? order by tc.starts_on, tc.id""", names, instructorId);
        List<Stat> byMonth = stats("""
                select to_char(ev.submitted_on, 'YYYY-MM') as k, to_char(ev.submitted_on, 'YYYY年MM月') as label, ev.id as eid, ev.average,
                       sc.criterion_id, sc.score
                from evaluation ev join evaluation_score sc on sc.evaluation_id = ev.id
                where ev.instructor_id = ? order by 1""", names, instructorId);
        return new InstructorEvaluation(instructorId, (String) i.get("name"), (BigDecimal) i.get("rating_avg"),
                ((Number) i.get("rating_count")).intValue(), byClass, byMonth);
    }

    /** Groups rows (k, label, eid, average, criterion_id, score) into stats per key. */
    private List<Stat> stats(String sql, Map<Long, String> criterionNames, Object param) {
        record Acc(String label, java.util.Set<Long> evals, BigDecimal[] avgSum, Map<String, long[]> per) {
        }
        Map<String, Acc> acc = new LinkedHashMap<>();
        jdbc.sql(sql).param(param).query(rs -> {
            Acc a = acc.computeIfAbsent(rs.getString("k"), k -> {
                try {
                    return new Acc(rs.getString("label"), new java.util.HashSet<>(), new BigDecimal[]{BigDecimal.ZERO}, new LinkedHashMap<>());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (a.evals().add(rs.getLong("eid"))) {
                a.avgSum()[0] = a.avgSum()[0].add(rs.getBigDecimal("average"));
            }
            String cname = criterionNames.getOrDefault(rs.getLong("criterion_id"), "其他");
            long[] s = a.per().computeIfAbsent(cname, k -> new long[2]);
            s[0] += rs.getInt("score");
            s[1]++;
        });
        List<Stat> out = new ArrayList<>();
        acc.forEach((k, a) -> {
            long count = a.evals().size();
            BigDecimal avg = a.avgSum()[0].divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
            Map<String, BigDecimal> per = new LinkedHashMap<>();
            a.per().forEach((name, s) -> per.put(name, BigDecimal.valueOf(s[0]).divide(BigDecimal.valueOf(s[1]), 2, RoundingMode.HALF_UP)));
            out.add(new Stat(k, a.label(), count, avg, avg.compareTo(LOW_SCORE) < 0, per));
        });
        return out;
    }

}
