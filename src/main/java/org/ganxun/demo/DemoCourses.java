package org.ganxun.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.ganxun.learning.CourseCategory;
import org.ganxun.learning.Courses;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.RunAs;
import org.ganxun.platform.security.Unscoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo's 网络学院: three published courses (a video, an audio lecture, a PDF reader) whose media the platform
 * makes at first start ({@link DemoMedia}), offered by the county organisation department (account zzb) to every
 * cadre of the county. Loaded when the demo is on and the county has no course yet, also on a county loaded before.
 */
@Component
class DemoCourses {

    private static final Logger log = LoggerFactory.getLogger(DemoCourses.class);

    private final Courses courses;
    private final JdbcClient jdbc;
    private final UserDetailsService users;
    private final boolean enabled;
    private final DemoStudy study;

    DemoCourses(Courses courses, JdbcClient jdbc, UserDetailsService users, @Value("${ganxun.demo.enabled:false}") boolean enabled,
                DemoStudy study) {
        this.study = study;
        this.courses = courses;
        this.jdbc = jdbc;
        this.users = users;
        this.enabled = enabled;
    }

    /**
     * After the start: the course 学时 need the national rule set, which compliance installs when the application is
     * ready (first among the ready listeners), and the demo county, loaded before that. The media take some seconds
     * to make, so they are made on a thread of their own and the courses appear shortly after the start.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onReady() {
        if (!enabled) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                loadIfMissing();
                loadPackageIfMissing();
                // then the learners: the assignments and some study (also on a county whose courses came before)
                study.loadIfMissing();
            } catch (RuntimeException e) {
                log.error("Could not load the demo's 网络学院 courses", e);
            }
        }, "demo-courses");
        t.setDaemon(true);
        t.start();
    }

    static final String[] READER = {
            "干部教育培训是建设高素质干部队伍的先导性、基础性、战略性工程，要坚持把学习贯彻党的创新理论作为首要任务。",
            "各级干部要发扬理论联系实际的马克思主义学风，学以致用、用以促学，切实提高推动高质量发展的本领。",
            "干部参加教育培训的情况，应当作为干部考核的内容和任职、晋升的重要依据之一。",
            "网络培训要注重实效，学员应当按照要求完成规定的学时，认真学习，独立完成测试。",
            "基层干部要把学到的知识运用到为群众办实事、解难题的具体工作中去。",
            "本读本由平台为演示生成，内容仅供体验网络学院的阅读计时功能。"};

    synchronized void loadIfMissing() {
        Long county = countyOrg();
        // the county's own courses: other organisations may have some
        if (county == null || !courses.ownedBy(county).isEmpty()) {
            return;
        }
        long started = System.currentTimeMillis();
        CurrentUser zzb = ((CurrentUser) users.loadUserByUsername("zzb")).withoutPassword();
        RunAs.as(zzb, () -> {
            course(new Courses.CourseForm("《干部教育培训工作条例》解读", CourseCategory.POLICY_LAW, "县委党校 李老师",
                    "逐条解读2023年修订的《干部教育培训工作条例》：培训内容、方式方法、学时要求和考核。（演示视频由平台生成）",
                    "条例,学时,必修", null, null), 0xB71C1C, "条例解读.mp4", DemoMedia.video("《干部教育培训工作条例》解读", 180, 1));
            course(new Courses.CourseForm("基层治理经验谈", CourseCategory.BUSINESS, "县委组织部 张科长",
                    "一位乡镇党委书记谈网格化管理和为民办实事的做法。（演示音频由平台生成）", "基层治理,音频", null, null),
                    0x2E5E3A, "基层治理经验谈.wav", DemoMedia.wav(120));
            course(new Courses.CourseForm("党的创新理论学习读本（节选）", CourseCategory.POLITICAL_THEORY, "县委宣传部",
                    "六页的学习读本，每页阅读不少于30秒计入学时。（演示文档由平台生成）", "理论学习,读本", null, null),
                    0x8A5A00, "学习读本.pdf", DemoMedia.pdf("党的创新理论学习读本（节选）", READER, 6));
            return null;
        });
        log.info("Loaded the demo's 网络学院 courses (media made at start) in {} ms", System.currentTimeMillis() - started);
    }

    /** The SCORM course, also for a demo county loaded before packages existed. */
    synchronized void loadPackageIfMissing() {
        Long county = countyOrg();
        if (county == null || courses.ownedBy(county).stream().anyMatch(Courses.OwnedCourse::packaged)) {
            return;
        }
        CurrentUser zzb = ((CurrentUser) users.loadUserByUsername("zzb")).withoutPassword();
        RunAs.as(zzb, () -> {
            course(new Courses.CourseForm("廉洁从政知识互动课件", CourseCategory.POLICY_LAW, "县纪委监委",
                    "SCORM 1.2 互动课件：四节内容，翻到最后一节即为学完；学习时长按课件清单注明的5分钟计，"
                            + "课件显示学完且有效学习时间达到要求后才算完成。（演示课件由平台生成）", "廉洁,课件包,SCORM", null, null),
                    0x1E3A5F, "廉洁从政知识.zip", DemoScorm.scorm12Package());
            return null;
        });
        log.info("Loaded the demo's SCORM course");
    }

    /** The county's unit: the scope of its organisation department's account zzb (null: no demo county). */
    private Long countyOrg() {
        return jdbc.sql(Unscoped.because("demo data") + "select scope_org_id from account_name where username = 'zzb'")
                .query(Long.class).optional().orElse(null);
    }

    private void course(Courses.CourseForm form, int colour, String name, byte[] bytes) {
        Courses.Course c = courses.create(form);
        try {
            courses.upload(c.id(), name, new ByteArrayInputStream(bytes));
            courses.uploadCover(c.id(), new ByteArrayInputStream(DemoMedia.cover(form.title(), colour)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        courses.publish(c.id());
    }
}
