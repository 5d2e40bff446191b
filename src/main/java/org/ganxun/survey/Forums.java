package org.ganxun.survey;

import jakarta.validation.Valid;
import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/** Forums (座谈会) of a survey: place, date, attendees by group, and the points raised tagged to questions. */
@Service
public class Forums {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Surveys surveys;
    private final AuditLog audit;

    Forums(JdbcClient jdbc, JsonMapper json, Surveys surveys, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.surveys = surveys;
        this.audit = audit;
    }

    public record Attendee(@Size(max = 50, message = "参会对象最多{max}个字") String group, int count) {
    }

    public record Point(@Size(max = 2000, message = "意见建议最多{max}个字") @PlainText(message = "意见建议不能包含网页标记或脚本") String text,
                        List<@Size(max = 100, message = "相关题目最多{max}个字") String> topics) {
    }

    public record ForumRequest(@Size(max = 200, message = "座谈地点最多{max}个字") @PlainText(message = "座谈地点不能包含网页标记或脚本") String place, LocalDate heldOn, List<@Valid Attendee> attendees, @Size(max = 2000, message = "备注最多{max}个字") @PlainText(message = "备注不能包含网页标记或脚本") String note, List<@Valid Point> points) {
    }

    public record Forum(long id, String place, LocalDate heldOn, List<Attendee> attendees, int attendeeCount, String note, List<Point> points) {
    }

    @Transactional(readOnly = true)
    public List<Forum> list(long surveyId) {
        surveys.requireVisible(surveyId);
        return of(surveyId);
    }

    List<Forum> of(long surveyId) {
        return jdbc.sql("select id, place, held_on, attendees::text, note from survey_forum where survey_id = ? order by held_on, id")
                .param(surveyId)
                .query((rs, i) -> {
                    List<Attendee> a = List.of(json.readValue(rs.getString(4), Attendee[].class));
                    return new Forum(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), a,
                            a.stream().mapToInt(Attendee::count).sum(), rs.getString(5), points(rs.getLong(1)));
                }).list();
    }

    private List<Point> points(long forumId) {
        return jdbc.sql("select text, topics from survey_forum_point where forum_id = ? order by id").param(forumId)
                .query((rs, i) -> new Point(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()))).list();
    }

    @Transactional
    public Forum create(long surveyId, ForumRequest req) {
        Surveys.Survey s = surveys.requireVisible(surveyId);
        SurveyReturns.requireClerk();
        return save(s, null, req);
    }

    @Transactional
    public Forum update(long surveyId, long forumId, ForumRequest req) {
        Surveys.Survey s = surveys.requireVisible(surveyId);
        SurveyReturns.requireClerk();
        requireForum(surveyId, forumId);
        return save(s, forumId, req);
    }

    @Transactional
    public void delete(long surveyId, long forumId) {
        Surveys.Survey s = surveys.requireVisible(surveyId);
        SurveyReturns.requireClerk();
        Forum before = requireForum(surveyId, forumId);
        jdbc.sql("delete from survey_forum where id = ?").param(forumId).update();
        audit.record("DELETE", "SurveyForum", forumId, "删除座谈会：" + s.title() + " " + before.place(), before, null);
    }

    private Forum requireForum(long surveyId, long forumId) {
        return of(surveyId).stream().filter(f -> f.id() == forumId).findFirst().orElseThrow(() -> BusinessException.notFound("座谈会"));
    }

    private Forum save(Surveys.Survey s, Long forumId, ForumRequest req) {
        if (req == null || !StringUtils.hasText(req.place())) {
            throw new BusinessException("请填写座谈会地点");
        }
        if (req.heldOn() == null) {
            throw new BusinessException("请填写座谈会日期");
        }
        List<Attendee> attendees = req.attendees() == null ? List.of() : req.attendees().stream()
                .filter(a -> StringUtils.hasText(a.group())).toList();
        if (attendees.stream().anyMatch(a -> a.count() < 0)) {
            throw new BusinessException("参会人数不能为负数");
        }
        SurveyModel model = SurveyModel.parse(s.model());
        List<Point> points = req.points() == null ? List.of() : req.points().stream().filter(p -> StringUtils.hasText(p.text())).toList();
        for (Point p : points) {
            for (String t : p.topics() == null ? List.<String>of() : p.topics()) {
                if (model.question(t) == null) {
                    throw new BusinessException("意见所关联的题目“" + t + "”不在问卷中");
                }
            }
        }
        Forum before = forumId == null ? null : requireForum(s.id(), forumId);
        long id;
        if (forumId == null) {
            id = jdbc.sql("insert into survey_forum (survey_id, place, held_on, attendees, note) values (?, ?, ?, cast(? as jsonb), ?) returning id")
                    .params(s.id(), req.place().strip(), req.heldOn(), json.writeValueAsString(attendees), req.note())
                    .query(Long.class).single();
        } else {
            id = forumId;
            jdbc.sql("update survey_forum set place = ?, held_on = ?, attendees = cast(? as jsonb), note = ? where id = ?")
                    .params(req.place().strip(), req.heldOn(), json.writeValueAsString(attendees), req.note(), id).update();
            jdbc.sql("delete from survey_forum_point where forum_id = ?").param(id).update();
        }
        for (Point p : points) {
            jdbc.sql("insert into survey_forum_point (forum_id, text, topics) values (:f, :t, :topics)")
                    .param("f", id).param("t", p.text().strip())
                    .param("topics", (p.topics() == null ? List.<String>of() : p.topics()).toArray(new String[0])).update();
        }
        Forum after = requireForum(s.id(), id);
        audit.record(forumId == null ? "CREATE" : "UPDATE", "SurveyForum", id, "座谈会：" + s.title() + " " + after.place(), before, after);
        return after;
    }
}
