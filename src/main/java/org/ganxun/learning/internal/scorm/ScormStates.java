package org.ganxun.learning.internal.scorm;

import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.learning.Courses;
import org.ganxun.learning.MediumKind;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A learner's SCORM run-time state per SCO, kept so that a package resumes where it was left, on any device: the
 * SCO's {@code cmi.suspend_data}, its location ({@code cmi.core.lesson_location} in 1.2, {@code cmi.location} in
 * 2004) and its status. Sizes are bounded by the SCORM limits (1.2: suspend data 4096, location 255 characters;
 * 2004: 64000 and 1000); more is refused, never cut (a cut suspend data would break the SCO). Suspend data is the
 * SCO's own opaque string: kept verbatim (changing it would break the SCO) and only ever returned as JSON to the
 * same learner's player, which hands it back to the SCO.
 *
 * <p>A multi-SCO package ({@link ScormPackage#scos}) plays as a table of contents: each SCO has its own state, and the
 * package's status is {@code completed} only when every SCO is completed or passed (what the player then sends with
 * its heartbeats, as for one SCO: the status is half of completion, the credited time the other half).
 */
@Service
public class ScormStates {

    static final int MAX_SUSPEND_12 = 4096, MAX_SUSPEND_2004 = 64000, MAX_LOCATION_12 = 255, MAX_LOCATION_2004 = 1000;

    private final JdbcClient jdbc;
    private final Courses courses;

    ScormStates(JdbcClient jdbc, Courses courses) {
        this.jdbc = jdbc;
        this.courses = courses;
    }

    /** One SCO as the player shows it: {@code id} is '' for a single-SCO package. */
    public record ScoState(String id, String title, String launchUrl, String status, String location, String suspendData) {
    }

    /** {@code status}: the package's, from its SCOs; {@code done}: every SCO completed or passed. */
    public record PackageState(String version, List<ScoState> scos, String status, boolean done) {
    }

    /** What the player sends when the SCO commits, finishes or changes its location or suspend data. */
    public record StateForm(@Size(max = 200, message = "课件标识最多{max}个字符") String sco, @Size(max = 20, message = "学习状态最多{max}个字符") String status,
                            @Size(max = 1000, message = "学习位置最多{max}个字符") String location,
                            @Size(max = 64000, message = "学习进度数据最多{max}个字符") String suspendData) {
    }

    private record Stored(String status, String location, String suspendData) {
    }

    @Transactional(readOnly = true)
    public PackageState of(long courseId) {
        long cadre = cadre();
        Courses.Course c = courses.open(courseId); // 404 unless the course is open to the learner
        if (c.medium() == null || c.medium().kind() != MediumKind.PACKAGE) {
            throw BusinessException.notFound("课件包");
        }
        Courses.PackageInfo info = courses.packageInfo(courseId);
        Map<String, Stored> stored = new HashMap<>();
        jdbc.sql(Unscoped.own() + "select sco_id, status, location, suspend_data from scorm_state where cadre_id = ? and course_id = ?")
                .params(cadre, courseId).query(rs -> {
                    stored.put(rs.getString(1), new Stored(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        List<ScoState> scos = new ArrayList<>();
        String prefix = "/api/learning/courses/" + courseId + "/package/";
        if (info.scos().isEmpty()) {
            Stored s = stored.getOrDefault("", new Stored(null, null, null));
            scos.add(new ScoState("", c.title(), info.launchUrl(), s.status(), s.location(), s.suspendData()));
        } else {
            for (ScormPackage.Sco sco : info.scos()) {
                Stored s = stored.getOrDefault(sco.id(), new Stored(null, null, null));
                scos.add(new ScoState(sco.id(), sco.title(), prefix + sco.launch(), s.status(), s.location(), s.suspendData()));
            }
        }
        boolean done = scos.stream().allMatch(s -> PackageStatus.done(true, s.status()));
        String status = scos.size() == 1 ? scos.get(0).status()
                : done ? "completed" : scos.stream().anyMatch(s -> s.status() != null) ? "incomplete" : null;
        return new PackageState(info.version(), scos, status, done);
    }

    @Transactional
    public PackageState save(long courseId, StateForm f) {
        long cadre = cadre();
        PackageState now = of(courseId);
        if (f == null) {
            throw new BusinessException("课件状态不完整");
        }
        String sco = f.sco() == null ? "" : f.sco();
        if (now.scos().stream().noneMatch(s -> s.id().equals(sco))) {
            throw new BusinessException("课件包中没有这个学习单元", List.of(new FieldProblem("sco", "不是本课件包的学习单元")));
        }
        boolean v12 = !"2004".equals(now.version());
        List<FieldProblem> p = new ArrayList<>();
        String status = null;
        if (f.status() != null && !f.status().isBlank()) {
            status = PackageStatus.normalise(f.status());
            if (status == null) {
                p.add(new FieldProblem("status", "不是 SCORM 定义的学习状态"));
            }
        }
        int maxLocation = v12 ? MAX_LOCATION_12 : MAX_LOCATION_2004, maxSuspend = v12 ? MAX_SUSPEND_12 : MAX_SUSPEND_2004;
        if (f.location() != null && f.location().length() > maxLocation) {
            p.add(new FieldProblem("location", "学习位置超过" + maxLocation + "个字符"));
        }
        if (f.suspendData() != null && f.suspendData().length() > maxSuspend) {
            p.add(new FieldProblem("suspendData", "课件暂存数据超过" + maxSuspend + "个字符"));
        }
        for (String v : new String[] {f.location(), f.suspendData()}) {
            if (v != null && v.indexOf('\u0000') >= 0) {
                p.add(new FieldProblem(v == f.location() ? "location" : "suspendData", "含有非法字符"));
            }
        }
        if (!p.isEmpty()) {
            throw new BusinessException(p.get(0).message(), p);
        }
        jdbc.sql("""
                        insert into scorm_state (cadre_id, course_id, sco_id, status, location, suspend_data) values (?, ?, ?, ?, ?, ?)
                        on conflict (cadre_id, course_id, sco_id) do update set status = coalesce(excluded.status, scorm_state.status),
                            location = coalesce(excluded.location, scorm_state.location),
                            suspend_data = coalesce(excluded.suspend_data, scorm_state.suspend_data), updated_at = now()""")
                .params(cadre, courseId, sco, status, f.location(), f.suspendData()).update();
        return of(courseId);
    }

    private static long cadre() {
        CurrentUser me = CurrentUsers.require();
        if (me.cadreId() == null) {
            throw new BusinessException(403, "本账号未关联干部信息", List.of());
        }
        return me.cadreId();
    }
}
