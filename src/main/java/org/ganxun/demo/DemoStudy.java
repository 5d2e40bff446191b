package org.ganxun.demo;

import static org.ganxun.learning.ScriptedStudy.Move.FAST_FORWARD;
import static org.ganxun.learning.ScriptedStudy.Move.HIDDEN;
import static org.ganxun.learning.ScriptedStudy.Move.PRESENCE_IGNORED;
import static org.ganxun.learning.ScriptedStudy.Move.SECOND_DEVICE;
import static org.ganxun.learning.ScriptedStudy.Move.WATCH;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.ganxun.learning.AssignmentKind;
import org.ganxun.learning.Assignments;
import org.ganxun.learning.Courses;
import org.ganxun.learning.ScriptedStudy;
import org.ganxun.learning.ScriptedStudy.Move;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.RunAs;
import org.ganxun.platform.security.Unscoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo's learners in 网络学院: the county organisation department (zzb) gives this year's theme study (专题: the
 * three demo courses) to every 乡科级 cadre of the county, due in three weeks, and the 条例 course as required (必修) to
 * the demo cadre's unit, due in ten days. Then some of them studied over the past days, replayed through the crediting
 * rules ({@link ScriptedStudy}): {@link #FINISHED} finished the theme, {@link #PART_WAY} are part-way through, and four
 * were refused heartbeats (fast-forwarding, a second phone, an ignored presence check, another app in front) that the
 * integrity report shows. The demo cadre (ganbu) has begun the 条例 course. Loaded once, after the courses.
 */
@Component
class DemoStudy {

    private static final Logger log = LoggerFactory.getLogger(DemoStudy.class);

    static final int FINISHED = 3, PART_WAY = 4;
    static final String THEME_TITLE_SUFFIX = "年度主题学习专题";

    private final Assignments assignments;
    private final Courses courses;
    private final ScriptedStudy study;
    private final JdbcClient jdbc;
    private final UserDetailsService users;
    private final Clock clock;

    DemoStudy(Assignments assignments, Courses courses, ScriptedStudy study, JdbcClient jdbc, UserDetailsService users, Clock clock) {
        this.clock = clock;
        this.assignments = assignments;
        this.courses = courses;
        this.study = study;
        this.jdbc = jdbc;
        this.users = users;
    }

    /** What was made: the two assignments, and how many learners finished, are part-way, were refused. */
    record Loaded(long themeId, long requiredId, int finished, int partWay, int refused) {
    }

    synchronized Loaded loadIfMissing() {
        Boolean accounts = jdbc.sql(Unscoped.because("demo data") + "select count(*) = 2 from account_name where username in ('zzb', 'ganbu')").query(Boolean.class).single();
        if (!Boolean.TRUE.equals(accounts)) {
            return null;
        }
        CurrentUser zzb = ((CurrentUser) users.loadUserByUsername("zzb")).withoutPassword();
        CurrentUser ganbu = ((CurrentUser) users.loadUserByUsername("ganbu")).withoutPassword();
        if (zzb.scopeOrgId() == null || ganbu.cadreId() == null) {
            return null;
        }
        boolean none = !assignments.anyOwnedBy(zzb.scopeOrgId());
        List<Long> courses = this.courses.ownedBy(zzb.scopeOrgId()).stream().filter(Courses.OwnedCourse::published)
                .map(Courses.OwnedCourse::id).toList();
        if (!none || courses.size() < 3) {
            return null;
        }
        LocalDate today = LocalDate.now(clock);
        long ganbuOrg = jdbc.sql(Unscoped.because("demo data") + "select org_id from cadre_card where id = ?").param(ganbu.cadreId()).query(Long.class).single();
        long theme = RunAs.as(zzb, () -> assignments.create(new Assignments.AssignmentForm(AssignmentKind.THEME,
                today.getYear() + THEME_TITLE_SUFFIX, "全县乡科级干部学习本年度主题学习的三门课程：条例解读、基层治理经验谈和理论学习读本。",
                today.minusDays(14), today.plusDays(21), courses, List.of(), List.of("TOWNSHIP"), List.of(), List.of())).id());
        long required = RunAs.as(zzb, () -> assignments.create(new Assignments.AssignmentForm(AssignmentKind.REQUIRED,
                "《干部教育培训工作条例》必学", "本单位干部必学课程，学完计入学习档案（必修）。",
                today.minusDays(7), today.plusDays(10), courses.subList(0, 1), List.of(ganbuOrg), List.of(), List.of(), List.of())).id());

        // the theme's learners: 乡科级 cadres of the county but the demo cadre, spread over the list
        List<Long> targets = jdbc.sql(Unscoped.because("demo data") + """
                        select c.id from cadre_card c join org_unit o on o.id = c.org_id
                        where c.status = 'ACTIVE' and c.rank_level = 'TOWNSHIP' and c.id <> ?
                          and o.path like (select path from org_unit where id = ?) || '%'
                        order by c.id""")
                .params(ganbu.cadreId(), zzb.scopeOrgId()).query(Long.class).list();
        List<Long> learners = new ArrayList<>();
        int want = FINISHED + PART_WAY + 4;
        for (int i = 0; i < want && !targets.isEmpty(); i++) {
            learners.add(targets.get((int) ((long) i * targets.size() / want)));
        }
        if (learners.size() < want) {
            return null;
        }
        long video = courses.get(0), audio = courses.get(1), reader = courses.get(2);
        Instant now = Instant.now(clock);
        int l = 0;
        for (int i = 0; i < FINISHED; i++, l++) {
            Instant day = now.minus(Duration.ofDays(6 - i)).minus(Duration.ofHours(3));
            study.study(learners.get(l), video, day, watch(10));                       // 180 s, 162 needed
            study.study(learners.get(l), audio, day.plusSeconds(600), watch(7));       // 120 s, 108 needed
            study.study(learners.get(l), reader, day.plusSeconds(1200), watch(13));    // 6 pages × 30 s, 162 needed
        }
        for (int i = 0; i < PART_WAY; i++, l++) {
            Instant day = now.minus(Duration.ofDays(4 - i)).minus(Duration.ofHours(5));
            study.study(learners.get(l), video, day, watch(10));
            study.study(learners.get(l), audio, day.plusSeconds(600), watch(2 + i));
        }
        // caught: refused heartbeats for the integrity report (each also studied honestly before and after)
        List<List<Move>> caught = List.of(
                List.of(WATCH, WATCH, FAST_FORWARD, FAST_FORWARD, WATCH),
                List.of(WATCH, WATCH, SECOND_DEVICE, WATCH, WATCH),
                List.of(WATCH, PRESENCE_IGNORED, WATCH, WATCH),
                List.of(WATCH, HIDDEN, HIDDEN, WATCH));
        for (int i = 0; i < caught.size(); i++, l++) {
            study.study(learners.get(l), video, now.minus(Duration.ofDays(2)).plus(Duration.ofHours(i)), caught.get(i));
        }
        // the demo cadre has begun the required course
        study.study(ganbu.cadreId(), video, now.minus(Duration.ofDays(1)), watch(4));
        log.info("Loaded the demo's 网络学院 assignments and study: {} finished, {} part-way, {} refused", FINISHED, PART_WAY, caught.size());
        return new Loaded(theme, required, FINISHED, PART_WAY, caught.size());
    }

    private static List<Move> watch(int n) {
        return Collections.nCopies(n, WATCH);
    }
}
