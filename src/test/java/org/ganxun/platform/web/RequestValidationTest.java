package org.ganxun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.security.Role;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Request bodies checked by their records' constraints (Bean Validation, {@code @Valid}): a script, an absurd number
 * or a page of text where a name goes is a 400 in the API's one error shape, each problem keyed by the property and
 * said in Chinese, the first one as the message; nothing is stored.
 */
@IntegrationTest
class RequestValidationTest {

    @LocalServerPort int port;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;

    private ApiSession admin(long county) {
        String name = Fixture.unique("valid");
        fixture.user(name, Role.ORG_DEPT_ADMIN, county, null, null);
        ApiSession s = new ApiSession(port);
        assertThat(s.login(name, Fixture.PASSWORD).status()).isEqualTo(200);
        return s;
    }

    private static List<String> fields(ApiSession s, ApiSession.Response r) {
        List<String> fields = new ArrayList<>();
        s.parse(r).get("problems").forEach(p -> fields.add(p.get("field").asString()));
        return fields;
    }

    private static String problem(ApiSession s, ApiSession.Response r, String field) {
        for (JsonNode p : s.parse(r).get("problems")) {
            if (p.get("field").asString().equals(field)) {
                return p.get("message").asString();
            }
        }
        throw new AssertionError("no problem for " + field + ": " + r.text());
    }

    @Test
    void anAccountWithAScriptForANameOrAMalformedUsernameIsRefusedFieldByField() {
        ApiSession s = admin(fixture.org(null, Fixture.unique("校验县"), "COUNTY"));
        String username = "x" + Fixture.unique("v").replaceAll("[^A-Za-z0-9]", "");
        ApiSession.Response r = s.send("POST", "/api/users",
                "{\"username\":\"a b\",\"displayName\":\"<img src=x onerror=alert(1)>\",\"role\":\"UNIT_LIAISON\",\"password\":\"Ganxun#2026xyz\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(fields(s, r)).containsExactly("displayName", "username");
        assertThat(problem(s, r, "displayName")).isEqualTo("姓名不能包含网页标记或脚本");
        assertThat(problem(s, r, "username")).isEqualTo("用户名须为3-50位字母、数字或 _ . @ -");
        // the first problem is the message
        assertThat(s.parse(r).get("message").asString()).isEqualTo("姓名不能包含网页标记或脚本");

        ApiSession.Response tooLong = s.send("POST", "/api/users",
                "{\"username\":\"" + username + "\",\"displayName\":\"" + "张".repeat(51) + "\",\"role\":\"UNIT_LIAISON\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(problem(s, tooLong, "displayName")).isEqualTo("姓名最多50个字");
        assertThat(jdbc.sql("select count(*) from app_user where username = ?").param(username).query(Long.class).single()).isZero();
    }

    @Test
    void aScriptInASurveyTitleOrACadresPostIsRefusedNotStored() {
        long county = fixture.org(null, Fixture.unique("校验县"), "COUNTY");
        ApiSession s = admin(county);
        String title = "<script>alert(1)</script>" + Fixture.unique("问卷");
        ApiSession.Response survey = s.send("POST", "/api/surveys", "{\"title\":\"" + title + "\",\"purpose\":\"测试\"}");
        assertThat(survey.status()).as(survey.text()).isEqualTo(400);
        assertThat(problem(s, survey, "title")).isEqualTo("调研名称不能包含网页标记或脚本");
        assertThat(jdbc.sql("select count(*) from survey where title = ?").param(title).query(Long.class).single()).isZero();

        ApiSession.Response longPurpose = s.send("POST", "/api/surveys", "{\"title\":\"问卷\",\"purpose\":\"" + "目".repeat(1001) + "\"}");
        assertThat(longPurpose.status()).isEqualTo(400);
        assertThat(problem(s, longPurpose, "purpose")).isEqualTo("调研目的不能超过1000个字");

        ApiSession.Response cadre = s.send("POST", "/api/cadres",
                "{\"name\":\"张三\",\"orgId\":" + county + ",\"post\":\"<a href='javascript:alert(1)'>科长</a>\"}");
        assertThat(cadre.status()).as(cadre.text()).isEqualTo(400);
        assertThat(problem(s, cadre, "post")).isEqualTo("职务不能包含网页标记或脚本");
    }

    @Test
    void absurdNumbersInASecondmentProgrammeAreRefusedByTheirFields() {
        long county = fixture.org(null, Fixture.unique("校验县"), "COUNTY");
        ApiSession s = admin(county);
        ApiSession.Response r = s.send("POST", "/api/secondment/programmes",
                "{\"name\":\"下派批次\",\"direction\":\"DOWNWARD\",\"organiserOrgId\":" + county + ",\"startsOn\":\"2026-03-01\","
                        + "\"endsOn\":\"2027-02-28\",\"maxAge\":2147483647,\"budgetHousing\":-1,\"logCadenceDays\":0}");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(fields(s, r)).containsExactly("budgetHousing", "logCadenceDays", "maxAge");
        assertThat(problem(s, r, "maxAge")).isEqualTo("年龄上限须在18到70岁之间");
        assertThat(problem(s, r, "budgetHousing")).isEqualTo("住房预算不能为负数");
        assertThat(problem(s, r, "logCadenceDays")).isEqualTo("日志周期须在1到92天之间");

        // weights each in range that do not add up to 100: the programme's own refusal, in words and by field
        ApiSession.Response weights = s.send("POST", "/api/secondment/programmes",
                "{\"name\":\"下派批次\",\"direction\":\"DOWNWARD\",\"organiserOrgId\":" + county + ",\"startsOn\":\"2026-03-01\","
                        + "\"endsOn\":\"2027-02-28\",\"weightWritten\":40,\"weightInterview\":50,\"weightRecommendation\":20}");
        assertThat(weights.status()).as(weights.text()).isEqualTo(400);
        assertThat(problem(s, weights, "weightWritten")).isEqualTo("笔试、面试、推荐成绩的权重合计须为100%（现为110%）");
    }
    /** A marked text longer than {@code max} characters: the marker finds it in the database if it was stored after all. */
    private static String over(int max) {
        return Fixture.unique("长") + "字".repeat(max);
    }

    /** How many rows of {@code tableAndCondition} match {@code value}: what a refused request must not have stored. */
    private long rows(String tableAndCondition, Object value) {
        return jdbc.sql("select count(*) from " + tableAndCondition).param(value).query(Long.class).single();
    }

    /** A 400 with exactly these problems, in this order: field, message, field, message, … */
    private static void assertRefusedExactly(ApiSession s, ApiSession.Response r, String... fieldsAndMessages) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            expected.add(fieldsAndMessages[i]);
            assertThat(problem(s, r, fieldsAndMessages[i])).isEqualTo(fieldsAndMessages[i + 1]);
        }
        assertThat(fields(s, r)).containsExactlyElementsOf(expected);
    }

    private static void assertTooLong(ApiSession s, ApiSession.Response r, String field, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(problem(s, r, field)).isEqualTo(message);
    }

    /**
     * Text longer than its column (varchar(n) in the migrations) is refused by the request's constraint, keyed by the
     * property, before anything is written; until these had {@code @Size}, it failed at the database instead.
     * Records checked: MobileClassroom.LecturerRequest/VisitRequest, RemoteSites.SiteRequest,
     * StudyActivities.ActivityRequest, Programmes.ForumForm, AnnualPlans.PlanForm, Postings.ReviewForm/RotationForm.
     */
    @Test
    void overLongTextIsRefusedByItsFieldAndNothingIsStored() {
        long county = fixture.org(null, Fixture.unique("校验县"), "COUNTY");
        ApiSession s = admin(county);

        String name = over(50);
        ApiSession.Response lecturer = s.send("POST", "/api/partyedu/classroom/lecturers",
                "{\"name\":\"" + name + "\",\"unit\":\"" + over(100) + "\",\"topics\":\"<script>alert(1)</script>\"}");
        assertThat(lecturer.status()).as(lecturer.text()).isEqualTo(400);
        assertThat(fields(s, lecturer)).containsExactly("name", "topics", "unit");
        assertThat(problem(s, lecturer, "name")).isEqualTo("讲师姓名最多50个字");
        assertThat(problem(s, lecturer, "unit")).isEqualTo("工作单位最多100个字");
        assertThat(problem(s, lecturer, "topics")).isEqualTo("宣讲专长不能包含网页标记或脚本");
        assertThat(jdbc.sql("select count(*) from lecturer where name like ?").param(name.substring(0, 10) + "%").query(Long.class).single()).isZero();

        assertTooLong(s, s.send("POST", "/api/partyedu/classroom/visits",
                "{\"orgId\":" + county + ",\"visitOn\":\"2026-03-01\",\"topic\":\"" + over(200) + "\"}"), "topic", "宣讲主题最多200个字");
        assertThat(jdbc.sql("select count(*) from classroom_visit where org_id = ?").param(county).query(Long.class).single()).isZero();

        ApiSession.Response site = s.send("POST", "/api/partyedu/sites",
                "{\"orgId\":" + county + ",\"name\":\"" + over(100) + "\",\"address\":\"" + over(200) + "\"}");
        assertTooLong(s, site, "name", "站点名称最多100个字");
        assertThat(problem(s, site, "address")).isEqualTo("站点地址最多200个字");
        assertThat(jdbc.sql("select count(*) from remote_site where org_id = ?").param(county).query(Long.class).single()).isZero();

        String content = over(5000); // a text column: only the constraint stops it
        ApiSession.Response activity = s.send("POST", "/api/partyedu/activities",
                "{\"kind\":\"BRANCH_STUDY\",\"topic\":\"学习\",\"heldOn\":\"2026-03-01\",\"location\":\"" + over(200)
                        + "\",\"content\":\"" + content + "\"}");
        assertTooLong(s, activity, "location", "活动地点最多200个字");
        assertThat(problem(s, activity, "content")).isEqualTo("活动内容最多5000个字");
        assertThat(jdbc.sql("select count(*) from study_activity where content = ?").param(content).query(Long.class).single()).isZero();

        ApiSession.Response plan = s.send("POST", "/api/training/plans",
                "{\"jurisdictionOrgId\":" + county + ",\"year\":2026,\"title\":\"" + over(200) + "\",\"note\":\"" + over(1000) + "\"}");
        assertTooLong(s, plan, "title", "计划名称最多200个字");
        assertThat(problem(s, plan, "note")).isEqualTo("说明最多1000个字");
        assertThat(jdbc.sql("select count(*) from annual_plan where jurisdiction_org_id = ?").param(county).query(Long.class).single()).isZero();

        // refused before the programme or posting is even looked up
        assertTooLong(s, s.send("POST", "/api/secondment/programmes/0/forums",
                "{\"title\":\"座谈会\",\"heldOn\":\"2026-03-01\",\"place\":\"" + over(200) + "\"}"), "place", "座谈地点最多200个字");
        String findings = over(5000);
        assertTooLong(s, s.send("POST", "/api/secondment/postings/0/reviews",
                "{\"reviewedOn\":\"2026-03-01\",\"findings\":\"" + findings + "\",\"conclusion\":\"GOOD\"}"), "findings", "考核意见最多5000个字");
        assertThat(jdbc.sql("select count(*) from secondment_review where findings = ?").param(findings).query(Long.class).single()).isZero();
        assertTooLong(s, s.send("POST", "/api/secondment/postings/0/rotations",
                "{\"toPostId\":1,\"rotatedOn\":\"2026-03-01\",\"reason\":\"" + over(500) + "\"}"), "reason", "轮岗原因最多500个字");
    }

    /**
     * The same for the other records the pass over the request bodies found reaching a varchar(n) unchecked: one
     * over-long field each, refused by its property before the handler runs (so the ids in the paths need not exist).
     */
    @Test
    void overLongTextInTheOtherFormsIsRefusedByItsField() {
        long county = fixture.org(null, Fixture.unique("校验县"), "COUNTY");
        ApiSession s = admin(county);
        String[][] cases = {
                {"POST", "/api/training/instructors", "{\"ownerOrgId\":" + county + ",\"name\":\"" + over(50) + "\"}", "name", "师资姓名最多50个字"},
                {"POST", "/api/training/providers", "{\"orgId\":" + county + ",\"name\":\"" + over(100) + "\"}", "name", "机构名称最多100个字"},
                {"POST", "/api/orgs", "{\"parentId\":" + county + ",\"name\":\"某单位\",\"kind\":\"UNIT\",\"code\":\"" + over(40) + "\"}", "code", "编码最多40个字"},
                {"POST", "/api/compliance/rule-sets", "{\"jurisdictionOrgId\":" + county + ",\"name\":\"" + over(100) + "\"}", "name", "规则名称最多100个字"},
                {"POST", "/api/partyedu/sites/0/equipment", "{\"name\":\"投影仪\",\"faultNote\":\"" + over(300) + "\"}", "faultNote", "故障说明最多300个字"},
                {"POST", "/api/partyedu/members/0/contacts", "{\"contactedOn\":\"2026-03-01\",\"note\":\"" + over(500) + "\"}", "note", "联系情况最多500个字"},
                {"POST", "/api/surveys/0/forums", "{\"place\":\"会议室\",\"points\":[{\"text\":\"" + over(2000) + "\"}]}", "points[0].text", "意见建议最多2000个字"},
                {"POST", "/api/training/classes/0/return", "{\"reason\":\"" + over(500) + "\"}", "reason", "理由最多500个字"},
                {"PUT", "/api/training/classes/0/evaluation-criteria", "{\"names\":[\"教学内容\",\"" + over(50) + "\"]}", "names[1]", "评价指标最多50个字"},
                {"POST", "/api/secondment/postings/0/expenses", "{\"category\":\"HOUSING\",\"amount\":1,\"note\":\"" + over(500) + "\"}", "note", "备注最多500个字"},
        };
        for (String[] c : cases) {
            ApiSession.Response r = s.send(c[0], c[1], c[2]);
            assertThat(r.status()).as(c[1] + " " + r.text()).isEqualTo(400);
            assertThat(problem(s, r, c[3])).as(c[1]).isEqualTo(c[4]);
        }
        assertThat(jdbc.sql("select count(*) from instructor where owner_org_id = ?").param(county).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from training_provider where org_id = ?").param(county).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from organization where parent_id = ?").param(county).query(Long.class).single()).isZero();
    }

    /**
     * The fields {@link RequestBodyConstraintsTest} found without a limit: the cadre form's other texts, the question
     * bank, exam answers, roles, courses, plans' indicators, rule documents and forum attendees. Each over-long value is
     * refused by its property path before the handler runs (the ids in the paths need not exist), and nothing is stored.
     */
    @Test
    void overLongTextInTheCadreFormQuestionsAnswersRolesAndNestedRecordsIsRefusedByItsPath() {
        long county = fixture.org(null, Fixture.unique("校验县"), "COUNTY");
        ApiSession s = admin(county);
        String cadre = "{\"name\":\"张三\",\"orgId\":" + county + ",\"staffCategory\":\"CIVIL_SERVANT\",\"politicalStatus\":\"MASSES\",";
        String ethnicity = over(20);
        String[][] cases = {
                {"POST", "/api/cadres", cadre + "\"ethnicity\":\"" + ethnicity + "\"}", "ethnicity", "民族最多20个字"},
                {"POST", "/api/cadres", cadre + "\"phone\":\"" + "1".repeat(31) + "\"}", "phone", "联系电话最多30个字"},
                {"POST", "/api/cadres", cadre + "\"citizenId\":\"" + "1".repeat(41) + "\"}", "citizenId", "公民身份号码应为18位"},
                {"POST", "/api/cadres", cadre + "\"rankTitle\":\"" + "1".repeat(11) + "\"}", "rankTitle", "职级代码最多10位"},
                {"POST", "/api/exams/questions", "{\"kind\":\"SINGLE\",\"stem\":\"" + over(2000) + "\",\"options\":[\"甲\",\"" + over(500)
                        + "\"],\"answer\":\"A\",\"difficulty\":\"易\",\"category\":\"" + over(50) + "\"}", "options[1]", "选项不能超过500个字"},
                {"POST", "/api/learning/courses", "{\"title\":\"课程\",\"category\":\"BUSINESS\",\"lecturer\":\"" + over(50) + "\"}", "lecturer", "主讲人不能超过50个字"},
                {"POST", "/api/planning/plans", "{\"jurisdictionOrgId\":" + county + ",\"title\":\"规划\",\"indicators\":[{\"name\":\"覆盖率\"},{\"name\":\""
                        + over(200) + "\"}]}", "indicators[1].name", "指标名称最多200个字"},
                {"POST", "/api/compliance/rule-sets", "{\"jurisdictionOrgId\":" + county + ",\"name\":\"规则\",\"document\":{\"caps\":[{\"sourceText\":\""
                        + over(300) + "\"}]}}", "document.caps[0].sourceText", "依据最多300个字"},
                {"POST", "/api/surveys/0/forums", "{\"place\":\"会议室\",\"attendees\":[{\"group\":\"" + over(50) + "\",\"count\":3}]}",
                        "attendees[0].group", "参会对象最多50个字"},
        };
        for (String[] c : cases) {
            ApiSession.Response r = s.send(c[0], c[1], c[2]);
            assertThat(r.status()).as(c[1] + " " + r.text()).isEqualTo(400);
            assertThat(problem(s, r, c[3])).as(c[1]).isEqualTo(c[4]);
        }
        // the question's other over-long fields in the same answer, each by its property
        ApiSession.Response question = s.send(cases[4][0], cases[4][1], cases[4][2]);
        assertThat(cases[4][1]).isEqualTo("/api/exams/questions");
        assertThat(fields(s, question)).containsExactly("category", "options[1]", "stem");
        assertThat(rows("cadre where ethnicity = ?", ethnicity)).isZero();

        // a cadre's answers to an exam, refused before the attempt is looked up
        String learnerName = Fixture.unique("learner");
        fixture.user(learnerName, Role.CADRE, null, null, fixture.cadre("答题人", county));
        ApiSession learner = new ApiSession(port);
        assertThat(learner.login(learnerName, Fixture.PASSWORD).status()).isEqualTo(200);
        ApiSession.Response answer = learner.send("PUT", "/api/exams/attempts/0/answers/0", "{\"response\":\"" + over(2000) + "\"}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(problem(learner, answer, "response")).isEqualTo("答案不能超过2000个字");
        ApiSession.Response submit = learner.send("POST", "/api/exams/attempts/0/submit", "{\"answers\":{\"7\":\"" + over(2000) + "\"}}");
        assertThat(submit.status()).as(submit.text()).isEqualTo(400);
        assertThat(problem(learner, submit, "answers[7]")).isEqualTo("答案不能超过2000个字");

        String securityName = Fixture.unique("sec");
        fixture.user(securityName, Role.SECURITY_ADMIN, null, null, null);
        ApiSession security = new ApiSession(port);
        assertThat(security.login(securityName, Fixture.PASSWORD).status()).isEqualTo(200);
        String role = over(30);
        ApiSession.Response r = security.send("POST", "/api/roles",
                "{\"name\":\"" + role + "\",\"description\":\"" + over(200) + "\",\"dataScope\":\"SUBTREE\",\"permissions\":[\"ROSTER_VIEW\"]}");
        assertRefusedExactly(security, r, "description", "说明不能超过200个字", "name", "角色名称不能超过30个字");
        assertThat(rows("app_role where name = ?", role)).isZero();
    }

    /**
     * A class's sessions are checked one by one ({@code @Valid} on the list): an over-long topic or a script for a venue
     * is refused by the session's path, {@code sessions[1].topic}, as the timetable's rows are numbered from 0.
     */
    @Test
    void aClassSessionsTextsAreRefusedByTheirPath() {
        long county = fixture.org(null, Fixture.unique("校验县"), "COUNTY");
        ApiSession s = admin(county);
        String ok = "{\"sessionDate\":\"2026-05-11\",\"startsAt\":\"09:00\",\"endsAt\":\"11:00\",\"topic\":\"开班\",\"hours\":2}";
        String bad = "{\"sessionDate\":\"2026-05-12\",\"startsAt\":\"09:00\",\"endsAt\":\"11:00\",\"topic\":\"" + over(200)
                + "\",\"venue\":\"<script>alert(1)</script>\",\"hours\":2}";
        String name = Fixture.unique("课次班");
        ApiSession.Response r = s.send("POST", "/api/training/classes", "{\"jurisdictionOrgId\":" + county + ",\"filerOrgId\":" + county
                + ",\"name\":\"" + name + "\",\"classType\":\"THEMATIC\",\"startsOn\":\"2026-05-11\",\"endsOn\":\"2026-05-15\",\"seats\":30,"
                + "\"sessions\":[" + ok + "," + bad + "]}");
        assertRefusedExactly(s, r, "sessions[1].topic", "课程主题最多200个字", "sessions[1].venue", "授课地点不能包含网页标记或脚本");
        assertThat(rows("training_class where name = ?", name)).isZero();
    }

    /**
     * A value that is not even of its type (a word for a number) deep in a list is named by the same path the
     * constraints use, counting from 0: the fourth session's hours are {@code sessions[3].hours}, the fourth element of a
     * list body {@code [3].issuedCount}.
     */
    @Test
    void anUnreadableValueInAListIsKeyedFromZeroAsTheConstraintsKeyIt() {
        ApiSession s = admin(fixture.org(null, Fixture.unique("校验县"), "COUNTY"));
        ApiSession.Response r = s.send("POST", "/api/training/classes", "{\"name\":\"班\",\"sessions\":[{},{},{},{\"hours\":\"两个\"}]}");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(fields(s, r)).containsExactly("sessions[3].hours");
        assertThat(s.parse(r).get("message").asString()).isEqualTo("字段sessions[3].hours的值“两个”格式不正确");

        ApiSession.Response list = s.send("PUT", "/api/surveys/0/targets", "[{},{},{},{\"issuedCount\":\"十\"}]");
        assertThat(list.status()).as(list.text()).isEqualTo(400);
        assertThat(fields(s, list)).containsExactly("[3].issuedCount");
    }

    /**
     * The net under the constraints: text the database still finds too long (SQLState 22001, a column no constraint
     * guards) is a 400 in Chinese, without the column, the type or the statement.
     */
    @Test
    void aValueTooLongForItsColumnIsAGenericRefusalWithoutInternals(@Autowired ApiExceptionHandler handler) {
        var tooLong = new org.springframework.dao.DataIntegrityViolationException(
                "PreparedStatementCallback; SQL [insert into lecturer (name) values (?)]; ERROR: value too long for type character varying(50)",
                new java.sql.SQLException("ERROR: value too long for type character varying(50)", "22001"));
        var answer = handler.refusedByDatabase(tooLong);
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().message()).isEqualTo("填写的内容过长，请删减后重试");
        assertThat(answer.getBody().problems()).isEmpty();
        assertThat(answer.getBody().toString()).doesNotContain("varying", "lecturer", "insert", "ERROR");
    }

    /**
     * A body that is a list (a survey's target groups) is checked element by element: each problem keyed by its
     * path from the list ({@code [1].issuedCount}, the second group's count), in the list's order, the first as
     * the message; nothing of the list is stored.
     */
    @Test
    void aListBodyIsRefusedElementByElementKeyedByItsPath() {
        long county = fixture.org(null, Fixture.unique("校验县"), "COUNTY");
        ApiSession s = admin(county);
        ApiSession.Response made = s.send("POST", "/api/surveys", "{\"title\":\"培训需求调研\",\"purpose\":\"了解需求\",\"orgId\":" + county + "}");
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        long survey = s.parse(made).get("id").asLong();
        String ok = "{\"orgId\":" + county + ",\"issuedCount\":10}";
        List<String> targets = new ArrayList<>(java.util.Collections.nCopies(10, ok));
        targets.set(1, "{\"orgId\":" + county + ",\"label\":\"<script>alert(1)</script>\",\"issuedCount\":2147483647}");
        targets.set(2, "{\"issuedCount\":5}");
        targets.set(9, "{\"orgId\":" + county + ",\"issuedCount\":-1}");
        ApiSession.Response r = s.send("PUT", "/api/surveys/" + survey + "/targets", "[" + String.join(",", targets) + "]");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        // the tenth element after the second and third, not between them as text would sort it
        assertThat(fields(s, r)).containsExactly("[1].issuedCount", "[1].label", "[2].orgId", "[9].issuedCount");
        assertThat(problem(s, r, "[1].issuedCount")).isEqualTo("发放份数须在0到100000之间");
        assertThat(problem(s, r, "[1].label")).isEqualTo("范围名称不能包含网页标记或脚本");
        assertThat(problem(s, r, "[2].orgId")).isEqualTo("请选择单位");
        assertThat(problem(s, r, "[9].issuedCount")).isEqualTo("发放份数须在0到100000之间");
        assertThat(s.parse(r).get("message").asString()).isEqualTo("发放份数须在0到100000之间");
        assertThat(jdbc.sql("select count(*) from survey_target where survey_id = ? and issued_count = 10").param(survey)
                .query(Long.class).single()).isZero();

        // the same list put right is taken
        targets.set(1, ok);
        targets.set(2, ok);
        targets.set(9, ok);
        ApiSession.Response fixed = s.send("PUT", "/api/surveys/" + survey + "/targets", "[" + String.join(",", targets) + "]");
        assertThat(fixed.status()).as(fixed.text()).isEqualTo(200);
    }

    /**
     * Every request body that is a list is validated element by element ({@code List<@Valid Item>}, so that method
     * validation checks each element's constraints): without it a list's elements pass unchecked.
     */
    @Test
    void everyListBodyIsValidatedElementByElement(@Autowired @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
            org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings) {
        List<String> unchecked = new ArrayList<>();
        int lists = 0;
        for (var e : mappings.getHandlerMethods().entrySet()) {
            for (var p : e.getValue().getMethodParameters()) {
                if (p.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)
                        && java.util.Collection.class.isAssignableFrom(p.getParameterType())) {
                    lists++;
                    boolean elementsValid = p.getParameter().getAnnotatedType() instanceof java.lang.reflect.AnnotatedParameterizedType t
                            && t.getAnnotatedActualTypeArguments()[0].isAnnotationPresent(jakarta.validation.Valid.class);
                    if (!elementsValid) {
                        unchecked.add(e.getValue().toString());
                    }
                }
            }
        }
        assertThat(lists).as("list bodies found").isPositive();
        assertThat(unchecked).isEmpty();
    }
}
