package org.ganxun.partyedu.internal.study;

import jakarta.validation.Valid;
import org.ganxun.partyedu.ActivityKind;
import org.ganxun.partyedu.StudyActivities;
import org.ganxun.platform.web.Downloads;
import org.ganxun.partyedu.internal.statistics.PartyEduStatistics;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.ganxun.audit.AuditLog;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Study activities, materials, attendance, online-attendance links and yearly hours. */
@RestController
@RequestMapping("/api/partyedu")
@Requires(PARTYEDU_MANAGE)
class StudyController {

    private final StudyActivities activities;
    private final PartyEduStatistics statistics;
    private final AuditLog audit;
    private final Clock clock;

    StudyController(StudyActivities activities, PartyEduStatistics statistics, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.audit = audit;
        this.activities = activities;
        this.statistics = statistics;
    }

    record AttendanceRequest(@InScope(Ref.MEMBER) List<Long> memberIds, StudyActivities.Mode mode) {
    }

    record InviteRequest(@InScope(Ref.MEMBER) List<Long> memberIds, Boolean sendSms) {
    }

    @GetMapping("/activities")
    StudyActivities.ActivityPage list(@RequestParam(required = false) Long partyOrgId, @RequestParam(required = false) Integer year,
                                      @RequestParam(required = false) ActivityKind kind, @RequestParam(defaultValue = "1") int page,
                                      @RequestParam(defaultValue = "20") int size) {
        return activities.page(partyOrgId, year, kind, page, size);
    }

    @PostMapping("/activities")
    StudyActivities.Activity create(@Valid @RequestBody StudyActivities.ActivityRequest r) {
        return activities.create(r);
    }

    @GetMapping("/activities/{id}")
    StudyActivities.Activity get(@PathVariable long id) {
        return activities.get(id);
    }

    @PutMapping("/activities/{id}")
    StudyActivities.Activity update(@PathVariable long id, @Valid @RequestBody StudyActivities.ActivityRequest r) {
        return activities.update(id, r);
    }

    @GetMapping("/activities/{id}/materials")
    List<StudyActivities.Material> materials(@PathVariable long id) {
        return activities.materials(id);
    }

    @PostMapping(path = "/activities/{id}/materials", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    StudyActivities.Material upload(@PathVariable long id, @RequestPart("file") MultipartFile file) throws IOException {
        if (file.getSize() > StudyActivities.MAX_MATERIAL_BYTES) {
            throw new org.ganxun.platform.web.BusinessException(413, "学习材料不能超过10MB", List.of());
        }
        return activities.addMaterial(id, file.getOriginalFilename(), file.getContentType(), file.getBytes());
    }

    @GetMapping("/activities/{id}/materials/{materialId}")
    ResponseEntity<byte[]> material(@PathVariable long id, @PathVariable long materialId) {
        StudyActivities.MaterialFile f = activities.material(id, materialId);
        return Downloads.inline(f.fileName(), MediaType.parseMediaType(f.contentType()), f.content());
    }

    @DeleteMapping("/activities/{id}/materials/{materialId}")
    Map<String, Boolean> deleteMaterial(@PathVariable long id, @PathVariable long materialId) {
        activities.deleteMaterial(id, materialId);
        return Map.of("ok", true);
    }

    @GetMapping("/activities/{id}/attendance")
    List<StudyActivities.Attendance> attendance(@PathVariable long id) {
        return activities.attendance(id);
    }

    @PostMapping("/activities/{id}/attendance")
    StudyActivities.AttendanceResult attend(@PathVariable long id, @RequestBody AttendanceRequest r) {
        return activities.recordAttendance(id, r.memberIds(), r.mode());
    }

    @PostMapping("/activities/{id}/invitations")
    List<StudyActivities.InvitationLink> invite(@PathVariable long id, @RequestBody InviteRequest r) {
        return activities.invite(id, r.memberIds(), r.sendSms() == null || r.sendSms());
    }

    /** One page of the members' yearly 学时, with the totals and the branches' figures; the export has every row. */
    @GetMapping("/hours")
    Map<String, Object> hours(@RequestParam(required = false) Long partyOrgId, @RequestParam(required = false) Integer year,
                              @RequestParam(required = false) String name, @RequestParam(defaultValue = "false") boolean shortOnly,
                              @RequestParam(required = false) String sort, @RequestParam(defaultValue = "1") int page,
                              @RequestParam(defaultValue = "20") int size) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        StudyActivities.HoursPage p = activities.yearlyPage(partyOrgId, y, name, shortOnly, sort, page, size);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("year", y);
        out.put("required", activities.yearlyHours());
        out.put("source", "《中国共产党党员教育管理工作条例》(2019) 第二十条：党员每年集中学习培训时间一般不少于32学时");
        out.put("rows", p.rows());
        out.put("total", p.total());
        out.put("page", p.page());
        out.put("size", p.size());
        out.put("totals", p.totals());
        out.put("branches", p.branches());
        return out;
    }

    @GetMapping("/statistics")
    PartyEduStatistics.Summary statistics(@RequestParam(required = false) Long partyOrgId, @RequestParam(required = false) Integer year) {
        return statistics.summary(partyOrgId, year == null ? LocalDate.now(clock).getYear() : year);
    }

    @GetMapping("/statistics/export")
    void export(@RequestParam(required = false) Long partyOrgId, @RequestParam(required = false) Integer year,
                HttpServletResponse res) throws IOException {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        PartyEduStatistics.Summary s = statistics.summary(partyOrgId, y);
        List<StudyActivities.YearlyHours> rows = activities.yearly(partyOrgId, y);
        audit.recordExport("PartyEduStatistics", null, "党员教育统计（" + y + "年）",
                AuditLog.filter("partyOrgId", partyOrgId, "year", y), rows.size());
        Downloads.attachment(res, "党员教育统计-" + y + "年-" + LocalDate.now(clock) + ".xlsx", Downloads.XLSX);
        PartyEduStatistics.writeExcel(s, rows, res.getOutputStream());
    }
}
