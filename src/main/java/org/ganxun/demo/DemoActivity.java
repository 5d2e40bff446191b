package org.ganxun.demo;

import static org.ganxun.platform.security.RunAs.as;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.archive.TrainingType;
import org.ganxun.partyedu.ActivityKind;
import org.ganxun.partyedu.Members;
import org.ganxun.partyedu.MemberView;
import org.ganxun.partyedu.StudyActivities;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.survey.SurveyReturns;
import org.ganxun.survey.Surveys;
import org.ganxun.classroom.Attendance;
import org.ganxun.classroom.AttendanceStatus;
import org.ganxun.training.ClassType;
import org.ganxun.classroom.Completion;
import org.ganxun.training.EnrollmentView;
import org.ganxun.training.Enrollments;
import org.ganxun.training.InstructorKind;
import org.ganxun.training.Instructors;
import org.ganxun.training.ProviderKind;
import org.ganxun.training.Providers;
import org.ganxun.training.SessionView;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Demo activity on top of the loaded county, so that the trainee's pages and the organisation department's
 * lists are not empty: driven through the training and survey modules' own services (and, for secondment,
 * {@link DemoSecondment} through that module's), each step signed in as
 * the demo account whose job it is (组织部 {@code zzb} registers the provider, approves filings, calls trainees
 * up and runs the survey; 党校教务 {@code dangxiao} keeps the instructor pool, files the classes, takes roll
 * call and completes the finished class), so every rule, audit entry, notification and event happens as in
 * real use. Completing the finished class publishes {@code ClassCompleted}; the archive credits its hours
 * after the transaction commits.
 * <p>
 * Dates are relative to today (the users' clock, Asia/Shanghai by default); every other choice is fixed.
 */
@Component
public class DemoActivity {

    /** The timetables' wall clock (the training module's classroom zone). */
    static final ZoneId ZONE = ZoneId.systemDefault(); // the users' clock: GanxunApplication.useUsersTimeZone

    static final String PROVIDER = "县委党校";
    static final int CURRENT_TRAINEES = 30;
    static final int FINISHED_TRAINEES = 24;

    private final UserDetailsService users;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Providers providers;
    private final Instructors instructors;
    private final TrainingClasses classes;
    private final Enrollments enrollments;
    private final Attendance attendance;
    private final Completion completion;
    private final Surveys surveys;
    private final SurveyReturns returns;
    private final ArchiveEntries archive;
    private final Members members;
    private final StudyActivities studies;
    private final DemoSecondment secondment;
    private final Clock clock;

    DemoActivity(UserDetailsService users, JdbcClient jdbc, JsonMapper json, Providers providers, Instructors instructors,
                 TrainingClasses classes, Enrollments enrollments, Attendance attendance, Completion completion, Surveys surveys,
                 SurveyReturns returns, ArchiveEntries archive,
                 Members members, StudyActivities studies, DemoSecondment secondment, Clock clock) {
        this.clock = clock;
        this.users = users;
        this.jdbc = jdbc;
        this.json = json;
        this.providers = providers;
        this.instructors = instructors;
        this.classes = classes;
        this.enrollments = enrollments;
        this.attendance = attendance;
        this.completion = completion;
        this.surveys = surveys;
        this.returns = returns;
        this.archive = archive;
        this.members = members;
        this.studies = studies;
        this.secondment = secondment;
    }

    /** What was created, with the ids the tests look at. */
    public record Loaded(long providerId, long currentClassId, String currentClassName, int currentTrainees, int sessionsToday,
                         long finishedClassId, String finishedClassName, int finishedTrainees, BigDecimal finishedHours,
                         long surveyId, String surveyTitle, int surveyQuestions, int surveyPaperReturns, int onlineCourses,
                         int onlineLearners, int partyActivities, int partyAttendances, DemoSecondment.Loaded secondment,
                         long ganbuCadreId, long millis) {
    }

    /** Creates the activity in the caller's transaction (one unit: all of it or none). */
    Loaded load(DemoDataLoader.Summary county) {
        long started = System.nanoTime();
        CurrentUser zzb = account("zzb");
        CurrentUser dangxiao = account("dangxiao");
        CurrentUser ganbu = account("ganbu");
        long ganbuCadre = ganbu.cadreId();
        LocalDate today = LocalDate.now(clock);

        // 1. the party school as a training provider, and its instructor pool
        long providerId = as(zzb, () -> providers.create(new Providers.ProviderForm(PROVIDER, ProviderKind.PARTY_SCHOOL,
                dangxiao.scopeOrgId(), "县委党校教务处")).id());
        long zhang = instructor(dangxiao, "张明远", InstructorKind.IN_HOUSE, "县委党校", "副教授", "习近平新时代中国特色社会主义思想、党史党建");
        long li = instructor(dangxiao, "李晓梅", InstructorKind.IN_HOUSE, "县委党校", "讲师", "基层治理、群众工作、应急管理");
        long wang = instructor(dangxiao, "王志刚", InstructorKind.INVITED, "县司法局", "公职律师", "法治政府建设、依法行政、矛盾纠纷化解");
        long chen = instructor(dangxiao, "陈丽", InstructorKind.INVITED, "县农业农村局", "高级农艺师", "乡村振兴、现代农业、农村集体经济");

        List<Long> eligible = townshipLeaders(county.countyId(), ganbuCadre, today);

        // 2. the finished class (last month): filed, approved, called up, roll call, assessment, completion
        LocalDate fStart = today.minusMonths(1).withDayOfMonth(10);
        String fName = fStart.getYear() + "年乡镇领导干部乡村振兴专题培训班";
        List<TrainingClasses.SessionForm> fSessions = finishedTimetable(fStart, zhang, li, wang, chen);
        long finished = fileAndApprove(dangxiao, zzb, new TrainingClasses.ClassForm(null, null, providerId, fName, ClassType.THEMATIC,
                fStart, fStart.plusDays(4), "县委党校第二教室", List.of(RankLevel.TOWNSHIP), List.of(), 30, true,
                List.of("乡村振兴", "农村集体经济", "乡村治理"), new BigDecimal("36000"),
                "围绕全面推进乡村振兴，提升乡镇领导干部推动产业发展、抓好乡村治理的能力。", fSessions, null));
        List<Long> fCadres = new ArrayList<>();
        fCadres.add(ganbuCadre);
        fCadres.addAll(spread(eligible, FINISHED_TRAINEES - 1, 1));
        callUp(zzb, finished, fCadres);
        List<EnrollmentView> fEnrolled = as(dangxiao, () -> enrollments.list(finished));
        List<SessionView> fTimetable = as(dangxiao, () -> classes.sessionsOf(finished));
        rollCall(dangxiao, fTimetable, fEnrolled, ganbuCadre, LocalDateTime.now(clock));
        as(dangxiao, () -> {
            List<Completion.Component> components = completion.setComponents(finished, null);
            List<Completion.ScoreForm> scores = new ArrayList<>();
            int[] ganbuScores = {88, 92, 86, 90};
            for (int i = 0; i < fEnrolled.size(); i++) {
                EnrollmentView e = fEnrolled.get(i);
                for (int j = 0; j < components.size(); j++) {
                    int score = e.cadreId() == ganbuCadre ? ganbuScores[j % ganbuScores.length] : 76 + (i * 5 + j * 7) % 20;
                    scores.add(new Completion.ScoreForm(e.id(), components.get(j).id(), BigDecimal.valueOf(score)));
                }
            }
            completion.scores(finished, scores);
            return completion.complete(finished);
        });

        // 3. the current class: running from three days ago to three days ahead, sessions today
        LocalDate cStart = today.minusDays(3);
        String cName = today.getYear() + "年" + season(today) + "中青年干部培训班";
        List<TrainingClasses.SessionForm> cSessions = currentTimetable(cStart, 7, zhang, li, wang, chen);
        long current = fileAndApprove(dangxiao, zzb, new TrainingClasses.ClassForm(null, null, providerId, cName, ClassType.CORE,
                cStart, cStart.plusDays(6), "县委党校第一教室", List.of(RankLevel.TOWNSHIP), List.of(), 40, true,
                List.of("理想信念", "党性修养", "履职能力", "基层治理"), new BigDecimal("48000"),
                "面向全县45岁以下乡科级干部，加强理想信念和党性教育，提升推动高质量发展和基层治理的能力。", cSessions, null));
        List<Long> cCadres = new ArrayList<>();
        cCadres.add(ganbuCadre);
        cCadres.addAll(spread(eligible, CURRENT_TRAINEES, 0));
        callUp(zzb, current, cCadres);
        List<EnrollmentView> cEnrolled = as(dangxiao, () -> enrollments.list(current));
        List<SessionView> cTimetable = as(dangxiao, () -> classes.sessionsOf(current));
        // the registrar has taken roll call of every session that has already ended
        rollCall(dangxiao, cTimetable, cEnrolled, ganbuCadre, LocalDateTime.now(clock));
        int sessionsToday = (int) cTimetable.stream().filter(s -> s.sessionDate().equals(today)).count();

        // 4. the open training-needs survey, for every cadre of the county
        String sTitle = today.getYear() + "年干部教育培训需求调研问卷";
        long surveyId = as(zzb, () -> {
            Surveys.Survey s = surveys.create(new Surveys.SurveyRequest(sTitle,
                    "为科学制定下一年度干部教育培训计划，了解全县干部的培训需求和对现有培训的意见建议。问卷不记名，请如实填写。",
                    county.countyId(), true, today.minusDays(2), today.plusDays(12), json.readTree(SURVEY_MODEL)));
            surveys.replaceTargets(s.id(), List.of(new Surveys.TargetRequest("全县干部", county.countyId(), null, null, null)));
            return surveys.open(s.id()).id();
        });
        int questions = json.readTree(SURVEY_MODEL).path("pages").get(0).path("elements").size();
        int paper = as(zzb, () -> paperReturns(surveyId, county.countyId(), ganbuCadre));

        // 5. this year's online courses, as the online-learning platform's export would credit them
        int[] online = as(zzb, () -> onlineCourses(zzb, county.countyId(), ganbuCadre, today));

        // 6. this year's study in a few party branches: 主题党日, 党课, a lecture, with who attended
        int[] party = partyStudy(zzb, account("zhibu"), county.countyId(), ganbuCadre, today);

        // 7. secondment: this year's 上挂 programme under way (ganbu posted, writing logs), an earlier one evaluated
        DemoSecondment.Loaded posted = secondment.load(zzb, account("fuyi"), ganbu, county.countyId(), today);

        BigDecimal finishedHours = fSessions.stream().map(TrainingClasses.SessionForm::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Loaded(providerId, current, cName, cEnrolled.size(), sessionsToday, finished, fName, fEnrolled.size(),
                finishedHours, surveyId, sTitle, questions, paper, online[0], online[1], party[0], party[1], posted, ganbuCadre, (System.nanoTime() - started) / 1_000_000);
    }

    // ---------------------------------------------------------------- steps

    private long instructor(CurrentUser registrar, String name, InstructorKind kind, String unit, String title, String topics) {
        return as(registrar, () -> instructors.create(new Instructors.InstructorForm(null, name, kind, unit, title, topics,
                null, null, true)).id());
    }

    /** 党校 drafts and submits the filing (备案); 组织部 approves it. */
    private long fileAndApprove(CurrentUser registrar, CurrentUser department, TrainingClasses.ClassForm form) {
        long id = as(registrar, () -> classes.create(form).id());
        as(registrar, () -> classes.submit(id));
        as(department, () -> classes.approve(id, "同意举办"));
        return id;
    }

    /** 组织部 calls each person up by name (点名调训). */
    private void callUp(CurrentUser department, long classId, List<Long> cadreIds) {
        as(department, () -> {
            for (long cadre : cadreIds) {
                enrollments.name(classId, cadre);
            }
            return null;
        });
    }

    /**
     * Roll call of every session that has ended by {@code now}: everyone present, except (fixed choices) the
     * second trainee who came late to the first session and, in classes of more than two days, the third
     * trainee absent from the third session. The demo cadre is always present.
     */
    private void rollCall(CurrentUser registrar, List<SessionView> timetable, List<EnrollmentView> trainees, long ganbuCadre,
                          LocalDateTime now) {
        List<EnrollmentView> others = trainees.stream().filter(e -> e.cadreId() != ganbuCadre).toList();
        as(registrar, () -> {
            for (int si = 0; si < timetable.size(); si++) {
                SessionView s = timetable.get(si);
                if (!now.isAfter(s.sessionDate().atTime(s.endsAt()))) {
                    continue;
                }
                List<Attendance.Mark> marks = new ArrayList<>();
                for (EnrollmentView e : trainees) {
                    AttendanceStatus status = AttendanceStatus.PRESENT;
                    String note = null;
                    if (si == 0 && !others.isEmpty() && e.id() == others.get(0).id()) {
                        status = AttendanceStatus.LATE;
                        note = "迟到10分钟";
                    } else if (si == 2 && others.size() > 1 && e.id() == others.get(1).id()) {
                        status = AttendanceStatus.ABSENT;
                        note = "未请假缺课";
                    }
                    marks.add(new Attendance.Mark(e.id(), status, note));
                }
                attendance.rollCall(s.id(), marks);
            }
            return null;
        });
    }

    /** Courses of the online-learning platform (干部网络学院): code, title, 学时. */
    private static final Object[][] COURSES = {
            {"N101", "习近平新时代中国特色社会主义思想概论", 6}, {"N102", "党的二十大精神专题解读", 4},
            {"N103", "中国共产党纪律处分条例解读", 3}, {"N104", "全面推进乡村振兴的实践路径", 4},
            {"N105", "基层治理现代化案例", 3}, {"N106", "数字政府建设与数据安全", 3},
            {"N107", "法治思维与依法行政", 3}, {"N108", "应急管理与安全生产", 3},
            {"N109", "生态文明建设专题", 2}, {"N110", "优化营商环境政策解读", 2},
            {"N111", "信访工作条例解读", 2}, {"N112", "领导干部心理健康", 2},
            {"N113", "中华优秀传统文化", 2}, {"N114", "党史专题：从延安到西柏坡", 4},
            {"N115", "公文写作与调查研究", 3}, {"N116", "统计法律法规", 2},
            {"N117", "保密工作基本知识", 2}, {"N118", "农村集体经济组织法解读", 3},
            {"N119", "防范化解重大风险", 3}, {"N120", "新时代群众工作方法", 3},
            {"N121", "总体国家安全观", 3}, {"N122", "铸牢中华民族共同体意识", 3},
            {"N123", "意识形态工作责任制", 2}, {"N124", "高质量发展与县域经济", 4},
            {"N125", "耕地保护与粮食安全", 3}, {"N126", "基层减负与作风建设", 2},
            {"N127", "网络舆情应对", 2}, {"N128", "民法典与基层工作", 3},
            {"N129", "共同富裕的理论与实践", 3}, {"N130", "红色家风与廉洁文化", 2}};

    /**
     * Online courses finished this year, credited the way the online-hours import credits them
     * ({@link ArchiveEntries#creditImported}: one entry per person and course, its audit entry, one archive change
     * per person, after which the standings are recomputed). Fixed seed: most cadres of the county study online,
     * some enough for the year's 50 学时, some halfway, some not at all — so the 达标情况 dashboard shows a spread.
     * The demo cadre's own record stays the two classes only. Returns {entries, people}.
     */
    private int[] onlineCourses(CurrentUser by, long countyId, long ganbuCadre, LocalDate today) {
        List<Long> cadres = countyCadres(countyId, ganbuCadre);
        java.util.Random random = new java.util.Random(50);
        LocalDate yearStart = today.withDayOfYear(1);
        int days = (int) java.time.temporal.ChronoUnit.DAYS.between(yearStart, today) + 1;
        List<ArchiveEntries.ImportedCredit> batch = new ArrayList<>();
        int entries = 0;
        int people = 0;
        for (long cadre : cadres) {
            int draw = random.nextInt(100);
            // a quarter study a lot (enough for the year), half some, a quarter not at all this year
            int courses = draw < 25 ? 20 + random.nextInt(11) : draw < 75 ? 2 + random.nextInt(12) : 0;
            if (courses == 0) {
                continue;
            }
            people++;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < COURSES.length; i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, random);
            for (int k = 0; k < courses; k++) {
                Object[] c = COURSES[order.get(k)];
                BigDecimal hours = BigDecimal.valueOf((Integer) c[2]);
                LocalDate on = yearStart.plusDays(random.nextInt(days));
                batch.add(new ArchiveEntries.ImportedCredit(++entries, new ArchiveEntries.EntryRequest(cadre, CreditSource.ONLINE_COURSE,
                        (String) c[0], (String) c[1], "干部网络学院", on, on, on, hours, QuantityUnit.HOURS, true, Delivery.ONLINE,
                        false, false, TrainingType.ON_THE_JOB, null), hours, null));
            }
            if (batch.size() >= 2_000) {
                archive.creditImported(batch, by, null);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            archive.creditImported(batch, by, null);
        }
        return new int[]{entries, people};
    }

    /** Branches besides the demo secretary's and the demo cadre's whose year of study is loaded. */
    static final int OTHER_STUDY_BRANCHES = 8;

    /**
     * A year of branch study so far (三会一课): a 主题党日 of 2 学时 each month on the 10th, a 党课 of 3 学时 each
     * quarter on the 25th, a 4-学时 lecture on 20 May — those already held — with attendance recorded as the
     * branch records it (on site; a fixed share of members miss some), which credits cadre members' archives.
     * The demo secretary ({@code zhibu}) records his own branch; the organisation department the others
     * (the demo cadre's branch and the {@link #OTHER_STUDY_BRANCHES} largest). Returns {activities, attendances}.
     */
    private int[] partyStudy(CurrentUser department, CurrentUser secretary, long countyId, long ganbuCadre, LocalDate today) {
        as(department, members::syncCadreMembers);
        Long ganbuBranch = jdbc.sql(Unscoped.because("demo data") + "select party_org_id from cadre_card where id = ?").param(ganbuCadre).query(Long.class).optional()
                .orElse(null);
        List<Long> branches = new ArrayList<>();
        branches.add(secretary.scopePartyOrgId());
        if (ganbuBranch != null && !branches.contains(ganbuBranch)) {
            branches.add(ganbuBranch);
        }
        jdbc.sql(Unscoped.because("demo data") + """
                select c.party_org_id from cadre_card c join org_unit o on o.id = c.org_id
                where o.path like (select path from org_unit where id = :county) || '%' and c.party_org_id is not null
                  and c.status = 'ACTIVE'
                group by c.party_org_id order by count(*) desc, c.party_org_id limit :n""")
                .param("county", countyId).param("n", OTHER_STUDY_BRANCHES + 2).query(Long.class).list().stream()
                .filter(b -> !branches.contains(b)).limit(OTHER_STUDY_BRANCHES).forEach(branches::add);

        List<Object[]> plan = new ArrayList<>(); // {kind, topic, day, hours}
        for (int month = 1; month <= 12; month++) {
            plan.add(new Object[]{ActivityKind.PARTY_DAY, month + "月主题党日：" + PARTY_DAYS[month - 1], today.withMonth(month).withDayOfMonth(10), "2"});
            if (month % 3 == 0) {
                plan.add(new Object[]{ActivityKind.PARTY_LECTURE, "第" + (month / 3) + "季度党课：" + LECTURES[month / 3 - 1],
                        today.withMonth(month).withDayOfMonth(25), "3"});
            }
        }
        plan.add(new Object[]{ActivityKind.LECTURE, "专题讲座：学习贯彻《中国共产党纪律处分条例》", today.withMonth(5).withDayOfMonth(20), "4"});

        java.util.Random random = new java.util.Random(32);
        int activities = 0;
        int attendances = 0;
        for (long branch : branches) {
            CurrentUser by = branch == secretary.scopePartyOrgId() ? secretary : department;
            int[] done = as(by, () -> {
                List<Long> memberIds = members.list(new Members.MemberQuery(null, branch, null, null, null, null)).stream()
                        .map(MemberView::id).toList();
                int a = 0;
                int n = 0;
                for (Object[] p : plan) {
                    LocalDate on = (LocalDate) p[2];
                    if (!on.isBefore(today) || memberIds.isEmpty()) {
                        continue;
                    }
                    StudyActivities.Activity act = studies.create(new StudyActivities.ActivityRequest(branch, (ActivityKind) p[0],
                            (String) p[1], on, new BigDecimal((String) p[3]), "党员活动室", null, null));
                    a++;
                    // about one in eight misses each activity (work, illness, away)
                    List<Long> present = memberIds.stream().filter(m -> random.nextInt(8) != 0).toList();
                    if (!present.isEmpty()) {
                        n += studies.recordAttendance(act.id(), present, StudyActivities.Mode.ON_SITE).added();
                    }
                }
                return new int[]{a, n};
            });
            activities += done[0];
            attendances += done[1];
        }
        return new int[]{activities, attendances};
    }

    private static final String[] PARTY_DAYS = {"重温入党誓词", "学习新修订的党章", "学雷锋志愿服务", "清明祭英烈",
            "走访慰问困难群众", "防汛安全知识学习", "庆祝建党周年", "学习《中国共产党纪律处分条例》", "人居环境整治义务劳动",
            "学习党的路线方针政策", "民主评议党员准备", "年终总结与组织生活会准备"};

    private static final String[] LECTURES = {"坚定理想信念，争做合格党员", "从党史中汲取奋进力量", "全面从严治党永远在路上",
            "发挥基层党组织战斗堡垒作用"};

    static final int PAPER_RETURNS = 240;

    /**
     * Paper questionnaires collected at township meetings and entered by the organisation department (录入纸质问卷),
     * so that the analysis, cross-tabs and report have something to show: {@link #PAPER_RETURNS} cadres spread over
     * the county (not the demo cadre, who answers in the app), each form with its respondent's rank, category,
     * township and age band, answers drawn from a fixed seed with the leanings such surveys report (乡村振兴 and
     * 基层治理 wanted most, 案例 and 现场教学 preferred, a week-long course, "work gets in the way").
     */
    private int paperReturns(long surveyId, long countyId, long ganbuCadre) {
        long target = surveys.get(surveyId).targets().get(0).id();
        List<Long> cadres = countyCadres(countyId, ganbuCadre);
        java.util.Random random = new java.util.Random(2026);
        int step = Math.max(1, cadres.size() / PAPER_RETURNS);
        int entered = 0;
        for (int i = 0; i < cadres.size() && entered < PAPER_RETURNS; i += step, entered++) {
            // the form carries its respondent's rank, category, township and age band, as an in-app return would
            returns.enterPaper(surveyId, target, paperAnswers(random), returns.groupOf(cadres.get(i)));
        }
        return entered;
    }

    private tools.jackson.databind.node.ObjectNode paperAnswers(java.util.Random r) {
        tools.jackson.databind.node.ObjectNode a = json.createObjectNode();
        var content = a.putArray("content_wanted");
        pick(r, 1 + r.nextInt(3), new String[]{"rural", "social", "law", "digital", "economy", "emergency", "skills", "theory",
                "policy", "integrity"}, new int[]{30, 26, 18, 16, 14, 12, 10, 8, 6, 5}).forEach(content::add);
        var form = a.putArray("form_preferred");
        pick(r, 1 + r.nextInt(2), new String[]{"case", "field", "discussion", "lecture", "online", "attachment"},
                new int[]{30, 26, 14, 12, 10, 8}).forEach(form::add);
        a.put("length_preferred", pick(r, 1, new String[]{"d4_7", "d1_3", "d8_15", "d15"}, new int[]{50, 30, 15, 5}).get(0));
        a.put("satisfaction", Integer.parseInt(pick(r, 1, new String[]{"4", "5", "3", "2"}, new int[]{45, 25, 24, 6}).get(0)));
        String conflict = pick(r, 1, new String[]{"sometimes", "yes", "no"}, new int[]{45, 35, 20}).get(0);
        a.put("time_conflict", conflict);
        if (conflict.equals("yes") && r.nextInt(100) < 70) {
            a.put("conflict_detail", CONFLICTS[r.nextInt(CONFLICTS.length)]);
        }
        if (r.nextInt(100) < 60) {
            a.put("suggestions", SUGGESTIONS[r.nextInt(SUGGESTIONS.length)]);
        }
        return a;
    }

    /** {@code n} different values, each drawn with its weight. */
    private static List<String> pick(java.util.Random r, int n, String[] values, int[] weights) {
        List<String> out = new ArrayList<>();
        while (out.size() < Math.min(n, values.length)) {
            int total = 0;
            for (int i = 0; i < values.length; i++) {
                total += out.contains(values[i]) ? 0 : weights[i];
            }
            int x = r.nextInt(total);
            for (int i = 0; i < values.length; i++) {
                if (out.contains(values[i])) {
                    continue;
                }
                x -= weights[i];
                if (x < 0) {
                    out.add(values[i]);
                    break;
                }
            }
        }
        return out;
    }

    private static final String[] CONFLICTS = {
            "乡镇工作任务重，人员少，脱产学习时间难以保证", "防汛和森林防火期间不能离岗", "集中培训时间与重点工作冲突",
            "村里事务多，离开几天就积压", "培训通知太晚，工作来不及安排"};

    private static final String[] SUGGESTIONS = {
            "多安排现场教学和案例教学，少一些照本宣科", "希望增加乡村振兴产业发展方面的实用课程",
            "培训内容要贴近基层实际，讲解决问题的办法", "建议把培训安排在农闲时节，避开重点工作",
            "多请基层一线的优秀干部来讲经验", "增加网络培训课程，方便工学矛盾突出的同志学习",
            "希望培训后有跟踪问效，学用结合", "基层治理和群众工作方法讲得再具体一些",
            "适当增加分组研讨，多交流多互动", "法律法规培训要结合信访和矛盾纠纷化解的案例",
            "数字政务和信息化应用培训很需要", "培训名额向年轻干部和村干部倾斜"};

    // ---------------------------------------------------------------- data

    /** The county's active cadres but the demo cadre, in load order. */
    private List<Long> countyCadres(long countyId, long ganbuCadre) {
        return jdbc.sql(Unscoped.because("demo data") + """
                select c.id from cadre_card c join org_unit o on o.id = c.org_id
                where o.path like (select path from org_unit where id = :county) || '%' and c.status = 'ACTIVE' and c.id <> :ganbu
                order by c.id""")
                .param("county", countyId).param("ganbu", ganbuCadre).query(Long.class).list();
    }

    /** Active 乡科级 cadres of the county under 45 (中青年), in load order, without the demo cadre. */
    private List<Long> townshipLeaders(long countyId, long ganbuCadre, LocalDate today) {
        return jdbc.sql(Unscoped.because("demo data") + """
                select c.id from cadre_card c join org_unit o on o.id = c.org_id
                where o.path like (select path from org_unit where id = :county) || '%'
                  and c.status = 'ACTIVE' and c.rank_level = 'TOWNSHIP' and c.id <> :ganbu and c.birth_date > :born
                order by c.id""")
                .param("county", countyId).param("ganbu", ganbuCadre).param("born", today.minusYears(45))
                .query(Long.class).list();
    }

    /** {@code n} ids spread evenly over the list (the {@code phase}-th of each stretch), so that many units take part. */
    static List<Long> spread(List<Long> ids, int n, int phase) {
        List<Long> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        int take = Math.min(n, ids.size());
        int step = ids.size() / take;
        for (int i = 0; i < take; i++) {
            out.add(ids.get(Math.min(i * step + Math.min(phase, step - 1), ids.size() - 1)));
        }
        return out;
    }

    static String season(LocalDate d) {
        return switch (d.getMonthValue()) {
            case 3, 4, 5 -> "春季";
            case 6, 7, 8 -> "夏季";
            case 9, 10, 11 -> "秋季";
            default -> "冬季";
        };
    }

    /** Five days, a morning and an afternoon session of 3 学时 each (30 学时). */
    static List<TrainingClasses.SessionForm> finishedTimetable(LocalDate start, long zhang, long li, long wang, long chen) {
        Object[][] plan = {
                {"开班式暨专题辅导：全面推进乡村振兴", zhang}, {"农村集体经济发展路径与实践", chen},
                {"现代农业与特色产业培育", chen}, {"农村人居环境整治实务", li},
                {"现场教学：现代农业园区", null}, {"基层党组织建设与乡村治理", li},
                {"农村法治建设与矛盾纠纷化解", wang}, {"巩固拓展脱贫攻坚成果", zhang},
                {"分组研讨：乡村振兴中的难点与对策", null}, {"结业式暨调研成果交流", null}};
        List<TrainingClasses.SessionForm> out = new ArrayList<>();
        for (int i = 0; i < plan.length; i++) {
            boolean morning = i % 2 == 0;
            out.add(session(start.plusDays(i / 2), morning ? LocalTime.of(9, 0) : LocalTime.of(14, 30),
                    morning ? LocalTime.of(12, 0) : LocalTime.of(17, 30), (String) plan[i][0], (Long) plan[i][1],
                    ((String) plan[i][0]).startsWith("现场教学") ? "县现代农业园区" : null, "3"));
        }
        return out;
    }

    /**
     * {@code days} days: a lecture in the morning (08:30–11:30) and the afternoon (14:30–17:30), 3 学时 each, and a
     * group discussion in the evening (19:00–21:00, 2 学时); the first morning opens the class, the last afternoon
     * closes it and has no evening.
     */
    static List<TrainingClasses.SessionForm> currentTimetable(LocalDate start, int days, long zhang, long li, long wang, long chen) {
        Object[][] lectures = {
                {"开班式暨开班第一课：学习贯彻习近平新时代中国特色社会主义思想", zhang}, {"党章党规党纪专题教育", zhang},
                {"乡村振兴战略与县域经济高质量发展", chen}, {"基层治理现代化与群众工作方法", li},
                {"法治政府建设与依法行政", wang}, {"应急管理与突发事件处置", li},
                {"现场教学：嫘祖故里乡村振兴示范点", null}, {"中华优秀传统文化与领导干部修养", zhang},
                {"信访工作实务与矛盾纠纷化解", wang}, {"农村集体经济发展与产业培育", chen},
                {"领导干部心理调适与压力管理", li}, {"党史学习：红色资源与党性锤炼", zhang},
                {"数字政务与信息化应用", chen}, {"结业式暨学习成果交流", null}};
        String[] discussions = {"分组研讨：坚定理想信念", "分组研讨：推动乡村振兴", "分组研讨：提升基层治理能力",
                "分组研讨：依法行政与担当作为", "学员论坛：岗位实践交流", "分组研讨：学习体会与调研选题"};
        List<TrainingClasses.SessionForm> out = new ArrayList<>();
        int lecture = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = start.plusDays(d);
            for (int half = 0; half < 2; half++) {
                Object[] l = d == days - 1 && half == 1 ? lectures[lectures.length - 1] : lectures[Math.min(lecture++, lectures.length - 2)];
                String topic = (String) l[0];
                out.add(session(day, half == 0 ? LocalTime.of(8, 30) : LocalTime.of(14, 30), half == 0 ? LocalTime.of(11, 30)
                        : LocalTime.of(17, 30), topic, (Long) l[1], topic.startsWith("现场教学") ? "金鸡镇嫘祖文化园" : null, "3"));
            }
            if (d < days - 1) {
                out.add(session(day, LocalTime.of(19, 0), LocalTime.of(21, 0), discussions[d % discussions.length], null,
                        "县委党校研讨室", "2"));
            }
        }
        return out;
    }

    private static TrainingClasses.SessionForm session(LocalDate day, LocalTime from, LocalTime to, String topic, Long instructor,
                                                       String venue, String hours) {
        return new TrainingClasses.SessionForm(null, day, from, to, topic, instructor, venue, new BigDecimal(hours));
    }

    /** A training-needs questionnaire from the question bank's wording: choices, multiple choice, a rating, open questions. */
    static final String SURVEY_MODEL = """
            {"pages": [{"name": "p1", "elements": [
              {"type": "checkbox", "name": "content_wanted", "title": "您最希望参加哪些内容的培训？（最多选3项）", "isRequired": true,
               "maxSelectedChoices": 3, "ganxunTopic": true,
               "choices": [{"value": "theory", "text": "政治理论"}, {"value": "policy", "text": "党的路线方针政策"},
                 {"value": "law", "text": "法律法规"}, {"value": "economy", "text": "经济发展与招商引资"},
                 {"value": "social", "text": "社会管理与基层治理"}, {"value": "rural", "text": "乡村振兴与农业技术"},
                 {"value": "integrity", "text": "党风廉政建设"}, {"value": "emergency", "text": "应急管理与群众工作"},
                 {"value": "digital", "text": "信息化与数字政务"}, {"value": "skills", "text": "岗位业务技能"}]},
              {"type": "checkbox", "name": "form_preferred", "title": "您喜欢哪些培训形式？（最多选2项）", "maxSelectedChoices": 2,
               "choices": [{"value": "lecture", "text": "专题讲座"}, {"value": "case", "text": "案例教学"},
                 {"value": "field", "text": "现场教学"}, {"value": "discussion", "text": "研讨交流"},
                 {"value": "online", "text": "网络培训"}, {"value": "attachment", "text": "挂职锻炼"}]},
              {"type": "radiogroup", "name": "length_preferred", "title": "您认为一期脱产培训多长时间比较合适？", "isRequired": true,
               "choices": [{"value": "d1_3", "text": "1至3天"}, {"value": "d4_7", "text": "4至7天"},
                 {"value": "d8_15", "text": "8至15天"}, {"value": "d15", "text": "15天以上"}]},
              {"type": "rating", "name": "satisfaction", "title": "您对近年参加的培训总体满意度打分（1分最低，5分最高）",
               "isRequired": true, "rateMin": 1, "rateMax": 5},
              {"type": "radiogroup", "name": "time_conflict", "title": "工作忙时是否影响您参加培训？",
               "choices": [{"value": "yes", "text": "经常影响"}, {"value": "sometimes", "text": "有时影响"}, {"value": "no", "text": "不影响"}]},
              {"type": "comment", "name": "conflict_detail", "title": "请简要说明影响您参加培训的主要原因",
               "visibleIf": "{time_conflict} = 'yes'"},
              {"type": "comment", "name": "suggestions", "title": "您对改进干部教育培训工作有什么意见和建议？"}
            ]}]}""";

    // ---------------------------------------------------------------- security

    /** The demo account as the server builds it at login (without the password hash). */
    private CurrentUser account(String username) {
        return ((CurrentUser) users.loadUserByUsername(username)).withoutPassword();
    }

}
