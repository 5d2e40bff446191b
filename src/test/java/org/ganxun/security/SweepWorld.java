package org.ganxun.security;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.archive.TrainingType;
import org.ganxun.partyedu.ActivityKind;
import org.ganxun.partyedu.internal.message.Broadcasts;
import org.ganxun.partyedu.MemberCategory;
import org.ganxun.partyedu.Members;
import org.ganxun.partyedu.internal.mobileclassroom.MobileClassroom;
import org.ganxun.partyedu.internal.site.RemoteSites;
import org.ganxun.partyedu.StudyActivities;
import org.ganxun.people.Roster;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.secondment.Direction;
import org.ganxun.secondment.Programmes;
import org.ganxun.support.Fixture;
import org.ganxun.survey.Forums;
import org.ganxun.survey.Surveys;
import org.ganxun.training.ClassType;
import org.ganxun.training.Enrollments;
import org.ganxun.training.InstructorKind;
import org.ganxun.training.Instructors;
import org.ganxun.training.ProviderKind;
import org.ganxun.training.Providers;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two townships A and B of one county, each with a village, a party committee and branch with members, a
 * training provider with an approved class (enrollments, sessions), and as many other kinds of object as
 * the endpoints touch. Everything on the B side carries {@link #marker} in its name; {@link #bIds} holds
 * B's ids by kind, the kind named as endpoints name it (path segment or parameter name without "Id").
 * Built through the product's services; a kind that cannot be built is reported in {@link #problems} and
 * the sweep goes on without it.
 */
final class SweepWorld {

    final String marker;
    final Map<String, Set<Long>> bIds = new LinkedHashMap<>();
    /** A's ids by kind, each within the scope of every A-side user who works with that kind. */
    final Map<String, Set<Long>> aIds = new LinkedHashMap<>();
    /** Ids anyone may reference by design (the county-wide lecturer pool), by kind: neither A's nor B's. */
    final Map<String, Long> shared = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    long county;
    long townA;
    long townB;
    long villageA;
    long villageB;
    long schoolA;
    long schoolB;
    long committeeA;
    long committeeB;
    long branchA;
    long branchB;
    long cadreA;
    long cadreB;
    long classB;

    /** The A-side users the sweep signs in as, by the label the findings show. */
    final Map<String, CurrentUser> users = new LinkedHashMap<>();

    private final Fixture fixture;
    private final JdbcClient jdbc;

    SweepWorld(Fixture fixture, JdbcClient jdbc) {
        this.fixture = fixture;
        this.jdbc = jdbc;
        StringBuilder m = new StringBuilder("Qzx");
        for (int i = 0; i < 6; i++) {
            m.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        this.marker = m.toString();
    }

    String b(String name) {
        return name + marker;
    }

    void putA(String kind, long id) {
        aIds.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(id);
    }

    void put(String kind, long id) {
        bIds.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(id);
    }

    private void step(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            problems.add(what + ": " + e);
        }
    }

    private <T> T as(CurrentUser u, Supplier<T> work) {
        return fixture.as(u, work);
    }

    void build(Services s) {
        String tag = Fixture.unique("");
        county = fixture.org(null, "扫描县" + tag, "COUNTY");
        townA = fixture.org(county, "扫描甲镇" + tag, "TOWNSHIP");
        townB = fixture.org(county, b("扫描乙镇"), "TOWNSHIP");
        villageA = fixture.org(townA, "扫描甲村" + tag, "VILLAGE");
        villageB = fixture.org(townB, b("扫描乙村"), "VILLAGE");
        schoolA = fixture.org(townA, "甲镇党校" + tag, "INSTITUTION");
        schoolB = fixture.org(townB, b("乙镇党校"), "INSTITUTION");
        committeeA = fixture.partyOrg(null, "甲镇党委" + tag, "COMMITTEE", townA);
        committeeB = fixture.partyOrg(null, b("乙镇党委"), "COMMITTEE", townB);
        branchA = fixture.partyOrg(committeeA, "甲村党支部" + tag, "BRANCH", villageA);
        branchB = fixture.partyOrg(committeeB, b("乙村党支部"), "BRANCH", villageB);
        put("org", townB);
        put("org", villageB);
        put("org", schoolB);
        put("partyOrg", committeeB);
        put("partyOrg", branchB);

        cadreA = fixture.cadreInBranch("甲干部", villageA, branchA);
        cadreB = fixture.cadreInBranch("乙干部" + marker, villageB, branchB);
        long cadreB2 = fixture.cadre("乙镇长" + marker, townB);
        put("cadre", cadreB);
        put("cadre", cadreB2);
        putA("org", villageA);
        putA("partyOrg", branchA);
        putA("cadre", cadreA);

        // the A side's users, each scoped to A
        users.put("ORG_DEPT_ADMIN(A镇)", fixture.user(Fixture.unique("swadm"), Role.ORG_DEPT_ADMIN, townA, null, null));
        users.put("UNIT_LIAISON(A村)", fixture.user(Fixture.unique("swlia"), Role.UNIT_LIAISON, villageA, null, null));
        users.put("BRANCH_SECRETARY(A支部)", fixture.user(Fixture.unique("swsec"), Role.BRANCH_SECRETARY, null, branchA, null));
        users.put("PROVIDER_REGISTRAR(A党校)", fixture.user(Fixture.unique("swreg"), Role.PROVIDER_REGISTRAR, schoolA, null, null));
        users.put("CADRE(A)", fixture.user(Fixture.unique("swcad"), Role.CADRE, null, null, cadreA));
        // the security and audit administrators of township A (三员分立): no business data at all, accounts and the
        // audit log within A only
        users.put("SECURITY_ADMIN(A镇)", fixture.user(Fixture.unique("swsca"), Role.SECURITY_ADMIN, townA, null, null));
        users.put("AUDIT_ADMIN(A镇)", fixture.user(Fixture.unique("swaud"), Role.AUDIT_ADMIN, townA, null, null));

        // the B side's staff, who create B's objects as they would
        CurrentUser adminB = fixture.user(Fixture.unique("swadmb"), Role.ORG_DEPT_ADMIN, townB, null, null);
        CurrentUser registrarB = fixture.user(Fixture.unique("swregb"), Role.PROVIDER_REGISTRAR, schoolB, null, null);
        CurrentUser secretaryB = fixture.user(Fixture.unique("swsecb"), Role.BRANCH_SECRETARY, null, branchB, null);
        CurrentUser cadreUserB = fixture.user(Fixture.unique("swcadb"), Role.CADRE, null, null, cadreB);
        for (CurrentUser u : List.of(adminB, registrarB, secretaryB, cadreUserB)) {
            put("user", u.id());
        }
        CurrentUser admin = Fixture.systemAdmin();

        step("provider", () -> {
            put("provider", as(admin, () -> s.providers.create(new Providers.ProviderForm(b("乙镇党校"), ProviderKind.PARTY_SCHOOL,
                    schoolB, "13800000009"))).id());
            putA("provider", as(admin, () -> s.providers.create(new Providers.ProviderForm("甲镇党校" + tag, ProviderKind.PARTY_SCHOOL,
                    schoolA, null))).id());
        });
        step("instructor", () -> put("instructor", as(adminB, () -> s.instructors.create(new Instructors.InstructorForm(townB,
                b("乙讲师"), InstructorKind.IN_HOUSE, b("乙镇党校"), "讲师", b("乡村振兴"), "13700000009", null, true))).id()));
        step("class", () -> {
            LocalDate d = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(20);
            Long providerId = bIds.getOrDefault("provider", Set.of()).stream().findFirst().orElse(null);
            long instructor = bIds.getOrDefault("instructor", Set.of(0L)).iterator().next();
            TrainingClasses.ClassForm form = new TrainingClasses.ClassForm(townB, schoolB, providerId, b("乙镇专题班"),
                    ClassType.THEMATIC, d, d.plusDays(2), b("乙镇党校教室"), List.of(), List.of(), 30, true, List.of(b("专题")),
                    new BigDecimal("1000"), b("说明"), List.of(
                            new TrainingClasses.SessionForm(null, d, LocalTime.of(9, 0), LocalTime.of(12, 0), b("开班"),
                                    instructor == 0L ? null : instructor, b("教室"), new BigDecimal("3")),
                            new TrainingClasses.SessionForm(null, d.plusDays(1), LocalTime.of(9, 0), LocalTime.of(12, 0), b("专题课"),
                                    null, null, new BigDecimal("3"))), null);
            classB = as(registrarB, () -> s.classes.create(form)).id();
            put("class", classB);
            as(registrarB, () -> s.classes.submit(classB));
            as(adminB, () -> s.classes.approve(classB, b("同意")));
            jdbc.sql("select id from class_session where class_id = ? order by id").param(classB).query(Long.class).list()
                    .forEach(id -> put("session", id));
            put("enrollment", as(adminB, () -> s.enrollments.name(classB, cadreB)).enrollment().id());
            // a second class, filed but not yet approved
            TrainingClasses.ClassForm filed = new TrainingClasses.ClassForm(townB, schoolB, providerId, b("乙镇待审班"),
                    ClassType.THEMATIC, d.plusDays(30), d.plusDays(31), null, List.of(), List.of(), 10, true, List.of(), null, null,
                    List.of(new TrainingClasses.SessionForm(null, d.plusDays(30), LocalTime.of(9, 0), LocalTime.of(11, 0), b("课"),
                            null, null, new BigDecimal("2"))), null);
            long filedId = as(registrarB, () -> s.classes.create(filed)).id();
            as(registrarB, () -> s.classes.submit(filedId));
            put("class", filedId);
            as(registrarB, () -> s.completion.setComponents(classB, List.of(
                    new org.ganxun.classroom.Completion.ComponentForm(b("理论考试"), new BigDecimal("100"), new BigDecimal("60")))));
        });
        step("class A", () -> {
            // A's class for the county, on B's class's days: its clash list meets B's class
            LocalDate d = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(20);
            CurrentUser registrarA = users.get("PROVIDER_REGISTRAR(A党校)");
            long classA = as(registrarA, () -> s.classes.create(new TrainingClasses.ClassForm(county, schoolA, null,
                    "甲镇专题班" + tag, ClassType.THEMATIC, d, d.plusDays(2), "甲镇党校教室", List.of(), List.of(), 30, true,
                    List.of(), null, null, List.of(new TrainingClasses.SessionForm(null, d, LocalTime.of(9, 0), LocalTime.of(12, 0),
                            "开班", null, null, new BigDecimal("3"))), null))).id();
            as(registrarA, () -> s.classes.submit(classA));
            putA("class", classA);
        });
        step("plan", () -> jdbc.sql("select id from annual_plan where jurisdiction_org_id = ?").param(townB).query(Long.class)
                .list().forEach(id -> put("plan", id)));
        step("member A", () -> putA("member", as(admin, () -> s.members.create(new Members.MemberForm("甲党员",
                Fixture.citizenId(LocalDate.of(1977, 3, 4), true), LocalDate.of(2001, 7, 1), false, branchA, "13655550008",
                MemberCategory.FARMER, List.of(), false, null, null, null, false, null, null, null, null, null, null, null))).id()));
        step("member", () -> put("member", as(admin, () -> s.members.create(new Members.MemberForm(b("乙党员"),
                Fixture.citizenId(LocalDate.of(1976, 3, 4), true), LocalDate.of(2000, 7, 1), false, branchB, "13655550009",
                MemberCategory.FARMER, List.of(b("组")), true, b("浙江"), b("某厂"), LocalDate.now().minusMonths(2), false,
                b("联系人"), "13900001119", null, null, b("备注"), null, null))).id()));
        step("activity", () -> {
            StudyActivities.Activity a = as(secretaryB, () -> s.activities.create(new StudyActivities.ActivityRequest(branchB,
                    ActivityKind.PARTY_DAY, b("乙主题党日"), LocalDate.now().minusDays(1), new BigDecimal("2"), b("乙村会议室"),
                    b("内容"), LocalDate.now().plusDays(10))));
            put("activity", a.id());
            put("material", as(secretaryB, () -> s.activities.addMaterial(a.id(), b("材料") + ".png", "image/png",
                    SweepFiles.png())).id());
        });
        step("activity A", () -> putA("activity", as(users.get("BRANCH_SECRETARY(A支部)"), () -> s.activities.create(
                new StudyActivities.ActivityRequest(branchA, ActivityKind.PARTY_DAY, "甲主题党日", LocalDate.now().minusDays(1),
                        new BigDecimal("2"), "甲村会议室", "内容", LocalDate.now().plusDays(10)))).id()));
        step("survey A", () -> putA("survey", as(users.get("ORG_DEPT_ADMIN(A镇)"), () -> s.surveys.create(new Surveys.SurveyRequest(
                "甲调研" + tag, "目的", townA, true, LocalDate.now(), LocalDate.now().plusDays(30), null))).id()));
        step("template", () -> put("template", as(secretaryB, () -> s.broadcasts.saveTemplate(null,
                new Broadcasts.TemplateRequest(b("乙模板"), b("{姓名}同志乙支部提醒"))).id())));
        step("broadcast", () -> put("broadcast", as(secretaryB, () -> s.broadcasts.send(new Broadcasts.BroadcastRequest(null,
                b("{姓名}同志：乙支部通知"), branchB, null, null, null, null, Fixture.unique("sw")))).id()));
        step("site", () -> {
            RemoteSites.Site site = as(adminB, () -> s.sites.create(new RemoteSites.SiteRequest(villageB, b("乙站点"), b("乙村"),
                    b("管理员"), "13800000019", null, null, 2, true)));
            put("site", site.id());
            put("equipment", as(adminB, () -> s.sites.saveEquipment(site.id(), null, new RemoteSites.EquipmentRequest(b("电视"),
                    RemoteSites.EquipmentStatus.values()[0], 2020, null, null))).id());
            as(adminB, () -> s.sites.addSession(site.id(), new RemoteSites.SessionRequest(LocalDate.now().minusDays(2), b("远教课"),
                    5, b("听众"), null)));
        });
        step("lecturer/visit", () -> {
            // the lecturer pool is shared county-wide by design (anyone may pick B's lecturer for a visit): not marked
            long lecturer = as(adminB, () -> s.classroom.saveLecturer(null, new MobileClassroom.LecturerRequest("乙宣讲员" + tag,
                    "讲师", "乙镇", "13800000029", "课题", true))).id();
            shared.put("lecturer", lecturer);
            put("visit", as(adminB, () -> s.classroom.saveVisit(null, new MobileClassroom.VisitRequest(villageB,
                    LocalDate.now().plusDays(3), b("送课"), lecturer, MobileClassroom.VisitStatus.PLANNED, null, b("备注")))).id());
        });
        step("survey", () -> {
            Surveys.Survey sv = as(adminB, () -> s.surveys.create(new Surveys.SurveyRequest(b("乙调研"), b("目的"), townB, true,
                    LocalDate.now(), LocalDate.now().plusDays(30), null)));
            put("survey", sv.id());
            put("forum", as(adminB, () -> s.forums.create(sv.id(), new Forums.ForumRequest(b("乙会议室"), LocalDate.now(),
                    List.of(new Forums.Attendee(b("乡镇干部"), 5)), b("座谈"), List.of(new Forums.Point(b("意见"), List.of()))))).id());
        });
        step("archive entry", () -> put("entry", as(admin, () -> s.archive.record(new ArchiveEntries.EntryRequest(cadreB,
                CreditSource.values()[CreditSource.values().length - 1], null, b("乙学习"), b("乙党校"), LocalDate.now().minusDays(5),
                LocalDate.now().minusDays(4), LocalDate.now().minusDays(4), new BigDecimal("8"), QuantityUnit.HOURS, true,
                Delivery.values()[0], false, false, TrainingType.values()[0], b("证明")))).id()));
        step("programme", () -> {
            Programmes.ProgrammeView p = as(adminB, () -> s.programmes.create(new Programmes.ProgrammeForm(b("乙挂职"), Direction.DOWNWARD,
                    townB, LocalDate.now().minusMonths(1), LocalDate.now().plusMonths(5), b("说明"), null, null, null, null, null,
                    List.of(), null, null, null, null, null, null, null, null, null, null, null, null, List.of())));
            put("programme", p.id());
            put("post", as(adminB, () -> s.programmes.addPost(p.id(), new Programmes.PostForm(villageB, b("乙岗位"), b("职责"), 1))).id());
        });
        step("course", () -> put("course", jdbc.sql("""
                        insert into course (title, category, owner_org_id, status, hours, created_by, published_at)
                        values (?, 'BUSINESS', ?, 'PUBLISHED', 0.25, 'sweep', now()) returning id""")
                .params(b("乙镇网络课程"), townB).query(Long.class).single()));
        step("course assignment", () -> {
            long assignment = jdbc.sql("""
                            insert into course_assignment (kind, title, owner_org_id, starts_on, due_on, target_org_ids, target_cadre_ids, created_by)
                            values ('REQUIRED', ?, ?, current_date - 1, current_date + 7, array[?::bigint], array[?::bigint], 'sweep') returning id""")
                    .params(b("乙镇必修"), townB, townB, cadreB).query(Long.class).single();
            jdbc.sql("insert into course_assignment_course (assignment_id, course_id) select ?, id from course where title = ?")
                    .params(assignment, b("乙镇网络课程")).update();
            put("assignment", assignment);
        });
        step("exam", () -> {
            long q = jdbc.sql("""
                            insert into exam_question (owner_org_id, kind, stem, answer, difficulty, category, created_by)
                            values (?, 'TRUE_FALSE', ?, 'T', 1, ?, 'sweep') returning id""")
                    .params(townB, b("乙镇试题"), b("乙类")).query(Long.class).single();
            put("question", q);
            long e = jdbc.sql("""
                            insert into exam (owner_org_id, target_org_id, title, purpose, blueprint, total_score, pass_score,
                                              time_limit_minutes, max_attempts, counts, status, created_by, published_at)
                            values (?, ?, ?, 'LAW', ?::jsonb, 1, 1, 10, 1, 'BEST', 'PUBLISHED', 'sweep', now()) returning id""")
                    .params(townB, townB, b("乙镇考试"), "[{\"category\": \"" + b("乙类") + "\", \"count\": 1, \"points\": 1}]")
                    .query(Long.class).single();
            put("exam", e);
            long a = jdbc.sql("""
                            insert into exam_attempt (exam_id, cadre_id, attempt_no, paper, deadline_at)
                            values (?, ?, 1, ?::jsonb, now() + interval '1 hour') returning id""")
                    .params(e, cadreB, "[{\"q\": " + q + ", \"o\": [], \"p\": 1}]").query(Long.class).single();
            jdbc.sql("insert into exam_answer (attempt_id, question_id, max_score) values (?, ?, 1)").params(a, q).update();
            put("attempt", a);
        });
        step("notification", () -> jdbc.sql("select id from notification where user_id in (?, ?, ?, ?)")
                .params(adminB.id(), registrarB.id(), secretaryB.id(), cadreUserB.id()).query(Long.class).list()
                .forEach(id -> put("notification", id)));
        // reads of the member list bring cadres who are party members into it: do it now, not during the sweep
        step("member sync", () -> as(admin, () -> s.members.syncCadreMembers()));
    }

    /** The services the world is built with. */
    record Services(Roster roster, Providers providers, Instructors instructors, TrainingClasses classes, Enrollments enrollments,
                    Members members, StudyActivities activities, Broadcasts broadcasts, RemoteSites sites,
                    MobileClassroom classroom, Surveys surveys, Forums forums, ArchiveEntries archive, Programmes programmes,
                    org.ganxun.classroom.Completion completion) {
    }
}
