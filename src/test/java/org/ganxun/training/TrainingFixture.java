package org.ganxun.training;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.springframework.stereotype.Component;

/** A county with two townships, a party school, an organisation department, liaisons and classes. */
@Component
public class TrainingFixture {

    public final Fixture fixture;
    public final Roster roster;
    public final TrainingClasses classes;
    public final Instructors instructors;
    public final Enrollments enrollments;

    TrainingFixture(Fixture fixture, Roster roster, TrainingClasses classes, Instructors instructors, Enrollments enrollments) {
        this.fixture = fixture;
        this.roster = roster;
        this.classes = classes;
        this.instructors = instructors;
        this.enrollments = enrollments;
    }

    /** One test's world: fresh orgs and accounts. */
    public class County {
        public final long county = fixture.org(null, Fixture.unique("训县"), "COUNTY");
        public final long school = fixture.org(county, Fixture.unique("县委党校"), "INSTITUTION");
        public final long townA = fixture.org(county, Fixture.unique("甲镇"), "TOWNSHIP");
        public final long townB = fixture.org(county, Fixture.unique("乙镇"), "TOWNSHIP");
        public final CurrentUser admin = fixture.user(Fixture.unique("zzb"), Role.ORG_DEPT_ADMIN, county, null, null);
        public final CurrentUser registrar = fixture.user(Fixture.unique("dx"), Role.PROVIDER_REGISTRAR, school, null, null);
        public final CurrentUser liaisonA = fixture.user(Fixture.unique("lia"), Role.UNIT_LIAISON, townA, null, null);
        public final CurrentUser liaisonB = fixture.user(Fixture.unique("lib"), Role.UNIT_LIAISON, townB, null, null);

        public long cadre(String name, long org, RankLevel level, StaffCategory category) {
            CadreForm f = Fixture.cadreForm(name, org, Fixture.citizenId(LocalDate.of(1985, 6, 1), true));
            CadreForm c = new CadreForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), f.citizenId(), f.education(),
                    f.politicalStatus(), f.joinedPartyOn(), org, f.post(), level, null, false, category, f.enteredWorkOn(),
                    "13900000000", false, null, false, f.status(), LocalDate.of(2020, 1, 1));
            return fixture.as(Fixture.systemAdmin(), () -> roster.create(c).id());
        }

        public long staff(String name, long org) {
            return cadre(name, org, RankLevel.STAFF, StaffCategory.CIVIL_SERVANT);
        }

        public long instructor(String name) {
            return fixture.as(admin, () -> instructors.create(new Instructors.InstructorForm(county, name, InstructorKind.IN_HOUSE,
                    "县委党校", "讲师", "党的理论", "13700000000", null, true)).id());
        }

        /** A draft filed by the party school. */
        public long draft(String name, LocalDate starts, LocalDate ends, List<RankLevel> ranks, int seats, List<TrainingClasses.SessionForm> sessions) {
            return fixture.as(registrar, () -> classes.create(form(name, starts, ends, ranks, seats, sessions)).id());
        }

        public TrainingClasses.ClassForm form(String name, LocalDate starts, LocalDate ends, List<RankLevel> ranks, int seats,
                                       List<TrainingClasses.SessionForm> sessions) {
            return new TrainingClasses.ClassForm(county, school, null, name, ClassType.THEMATIC, starts, ends, "党校第一教室",
                    ranks, List.of(), seats, true, List.of(), new BigDecimal("20000"), null, sessions, null);
        }

        /** A class of the one day {@code day} with {@code sessions}: drafted, submitted and approved. */
        public long approved(String name, LocalDate day, TrainingClasses.SessionForm... sessions) {
            long id = draft(name, day, day, List.of(), 5, List.of(sessions));
            fixture.as(registrar, () -> classes.submit(id));
            fixture.as(admin, () -> classes.approve(id, null));
            return id;
        }

        /** A cadre of township A named to the classes, and the cadre's own account. */
        public CurrentUser trainee(String name, long... classIds) {
            long cadre = staff(name, townA);
            for (long cls : classIds) {
                fixture.as(admin, () -> enrollments.name(cls, cadre));
            }
            return fixture.user(Fixture.unique("xy"), Role.CADRE, null, null, cadre);
        }

        /** Drafted, submitted and approved. */
        public long approved(String name, LocalDate starts, LocalDate ends, List<RankLevel> ranks, int seats) {
            long id = draft(name, starts, ends, ranks, seats, List.of(session(starts, 9, 12, "开班动员", null, null)));
            fixture.as(registrar, () -> classes.submit(id));
            fixture.as(admin, () -> classes.approve(id, null));
            return id;
        }
    }

    public County county() {
        return new County();
    }

    /**
     * Tests with a session "today 00:00–23:59" (Asia/Shanghai) must not straddle midnight: within 10 minutes of
     * it, wait until the new day has begun.
     */
    public static void awayFromMidnight() {
        awayFromMidnight(10);
    }

    public static void awayFromMidnight(int minutesNeeded) {
        java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneId.systemDefault());
        if (now.isAfter(java.time.LocalTime.MAX.minusMinutes(minutesNeeded))) {
            long ms = java.time.Duration.between(now, java.time.LocalTime.MAX).toMillis() + 5_000;
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A session all day long (00:00–23:59): open for check-in whenever the test runs. */
    public static TrainingClasses.SessionForm allDay(LocalDate day, String topic, String hours) {
        return new TrainingClasses.SessionForm(null, day, LocalTime.of(0, 0), LocalTime.of(23, 59), topic, null, "党校报告厅",
                new BigDecimal(hours));
    }

    public static TrainingClasses.SessionForm session(LocalDate day, int from, int to, String topic, Long instructor, String venue) {
        return new TrainingClasses.SessionForm(null, day, LocalTime.of(from, 0), LocalTime.of(to, 0), topic, instructor, venue,
                BigDecimal.valueOf(to - from));
    }
}
