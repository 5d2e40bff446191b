package org.ganxun.classroom;

import org.ganxun.platform.excel.Workbooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.ganxun.audit.AuditLog;
import org.ganxun.training.SessionView;
import org.ganxun.training.TrainingClassView;
import org.ganxun.training.TrainingClasses;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 一期一档: a class's record as a zip of Excel files (plan, roster, timetable, attendance sheet, leave, results,
 * evaluations) and the certificates PDF. Built in memory: a class has at most a few hundred trainees.
 */
@Service
public class ClassDossier {

    private final TrainingClasses classes;
    private final Attendance attendance;
    private final Leaves leaves;
    private final Completion completion;
    private final TeachingEvaluations evaluations;
    private final Certificates certificates;
    private final Classroom classroom;
    private final AuditLog audit;

    ClassDossier(TrainingClasses classes, Attendance attendance, Leaves leaves, Completion completion, TeachingEvaluations evaluations,
                 Certificates certificates, Classroom classroom, AuditLog audit) {
        this.classes = classes;
        this.attendance = attendance;
        this.leaves = leaves;
        this.completion = completion;
        this.evaluations = evaluations;
        this.certificates = certificates;
        this.classroom = classroom;
        this.audit = audit;
    }

    public record Dossier(String fileName, byte[] zip) {
    }

    @Transactional
    public Dossier export(long classId, String baseUrl) {
        TrainingClasses.Row row = classroom.requireManager(classId, false);
        TrainingClasses.Detail d = classes.detail(classId);
        TrainingClassView c = d.trainingClass();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int trainees;
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            // 1 plan
            List<List<Object>> plan = new ArrayList<>();
            plan.add(List.of("班次名称", c.name()));
            plan.add(List.of("班次类型", c.classTypeLabel()));
            plan.add(List.of("年度计划", c.planYear() + "年度"));
            plan.add(List.of("备案机关", c.jurisdictionName()));
            plan.add(List.of("举办单位", c.filerOrgName()));
            plan.add(List.of("培训机构", c.providerName() == null ? "" : c.providerName()));
            plan.add(List.of("培训日期", c.startsOn() + " 至 " + c.endsOn()));
            plan.add(List.of("培训地点", c.venue() == null ? "" : c.venue()));
            plan.add(List.of("培训对象", c.targetText()));
            plan.add(List.of("计划人数", c.seats()));
            plan.add(List.of("是否脱产", c.fullTime() ? "脱产" : "在职"));
            plan.add(List.of("培训主题", String.join("、", c.topics())));
            plan.add(List.of("经费预算（元）", c.budget() == null ? "" : c.budget().toPlainString()));
            plan.add(List.of("总学时", CompletionPolicy.fmt(c.totalHours())));
            plan.add(List.of("状态", c.statusLabel()));
            for (TrainingClasses.Review r : d.reviews()) {
                plan.add(List.of("备案记录", r.at() + " " + r.actionLabel() + " " + r.actor() + (r.reason() == null ? "" : "：" + r.reason())));
            }
            sheet(zip, "01_班次备案信息.xlsx", "班次信息", List.of("项目", "内容"), plan);

            // 2 roster, 4 attendance
            Attendance.Sheet sheet = attendance.sheetOf(classId, null);
            List<List<Object>> roster = new ArrayList<>();
            int n = 1;
            for (Attendance.SheetRow r : sheet.rows()) {
                roster.add(List.of(n++, r.cadreName(), r.orgName()));
            }
            sheet(zip, "02_学员名册.xlsx", "学员名册", List.of("序号", "姓名", "单位"), roster);
            trainees = roster.size();

            List<List<Object>> tt = new ArrayList<>();
            for (SessionView s : sheet.sessions()) {
                tt.add(List.of(s.sessionDate().toString(), s.startsAt() + "-" + s.endsAt(), s.topic(),
                        s.instructorName() == null ? "" : s.instructorName(), s.venue() == null ? "" : s.venue(), CompletionPolicy.fmt(s.hours())));
            }
            sheet(zip, "03_课程表.xlsx", "课程表", List.of("日期", "时间", "课程", "授课教师", "地点", "学时"), tt);

            List<String> head = new ArrayList<>(List.of("姓名", "单位"));
            for (SessionView s : sheet.sessions()) {
                head.add(s.sessionDate().toString().substring(5) + " " + s.startsAt() + " " + s.topic());
            }
            head.addAll(List.of("出勤学时", "请假学时", "缺课学时", "迟到次数"));
            List<List<Object>> att = new ArrayList<>();
            for (Attendance.SheetRow r : sheet.rows()) {
                List<Object> line = new ArrayList<>(List.of(r.cadreName(), r.orgName()));
                r.cells().forEach(cell -> line.add(cell.statusLabel()));
                line.addAll(List.of(CompletionPolicy.fmt(r.attendedHours()), CompletionPolicy.fmt(r.leaveHours()),
                        CompletionPolicy.fmt(r.absenceHours()), r.lateCount()));
                att.add(line);
            }
            sheet(zip, "04_考勤表.xlsx", "考勤表", head, att);

            List<List<Object>> lv = new ArrayList<>();
            for (Leaves.LeaveView l : leaves.ofClass(classId)) {
                lv.add(List.of(l.cadreName(), l.sessionsText() == null ? "" : l.sessionsText(), CompletionPolicy.fmt(l.hours()), l.reason(),
                        l.statusLabel(), l.decidedBy() == null ? "" : l.decidedBy(), l.decisionNote() == null ? "" : l.decisionNote(),
                        l.returnedAt() == null ? "" : l.returnedAt().toString()));
            }
            sheet(zip, "05_请假记录.xlsx", "请假记录", List.of("姓名", "请假课次", "学时", "事由", "状态", "审批人", "审批意见", "销假时间"), lv);

            Completion.Results res = completion.resultsOf(row, null);
            List<String> rh = new ArrayList<>(List.of("姓名", "单位", "总学时", "出勤学时", "请假学时", "缺课学时", "迟到次数"));
            res.components().forEach(x -> rh.add(x.name() + "（" + CompletionPolicy.fmt(x.weight()) + "%，合格" + CompletionPolicy.fmt(x.passMark()) + "）"));
            rh.addAll(List.of("综合成绩", "结果", "计入学时", "证书编号", "说明"));
            List<List<Object>> rr = new ArrayList<>();
            for (Completion.TraineeResult t : res.trainees()) {
                List<Object> line = new ArrayList<>(List.of(t.cadreName(), t.orgName(), CompletionPolicy.fmt(t.totalHours()),
                        CompletionPolicy.fmt(t.attendedHours()), CompletionPolicy.fmt(t.leaveHours()), CompletionPolicy.fmt(t.absenceHours()), t.lateCount()));
                res.components().forEach(x -> line.add(t.scores().get(x.id()) == null ? "" : CompletionPolicy.fmt(t.scores().get(x.id()))));
                line.addAll(List.of(t.score() == null ? "" : CompletionPolicy.fmt(t.score()), t.outcomeLabel() + (res.finalResults() ? "" : "（预览）"),
                        CompletionPolicy.fmt(t.hoursEarned()), t.certificateSerial() == null ? "" : t.certificateSerial() + (t.certificateRevoked() ? "（已撤销）" : ""),
                        String.join("；", t.reasons())));
                rr.add(line);
            }
            sheet(zip, "06_考核结业.xlsx", "考核结业", rh, rr);

            TeachingEvaluations.ClassEvaluation ev = evaluations.classStats(classId);
            List<String> eh = new ArrayList<>(List.of("评价对象", "评价人次", "平均分（5分制）"));
            ev.criteria().forEach(x -> eh.add(x.name()));
            eh.add("低分提示");
            List<List<Object>> er = new ArrayList<>();
            List<TeachingEvaluations.Stat> all = new ArrayList<>(ev.sessions());
            all.addAll(ev.instructors());
            if (ev.overall() != null) {
                all.add(ev.overall());
            }
            for (TeachingEvaluations.Stat s : all) {
                List<Object> line = new ArrayList<>(List.of((s.key().startsWith("I") ? "教师：" : "") + s.label(), s.count(), CompletionPolicy.fmt(s.average())));
                ev.criteria().forEach(x -> line.add(s.perCriterion().get(x.name()) == null ? "" : CompletionPolicy.fmt(s.perCriterion().get(x.name()))));
                line.add(s.low() ? "低于" + TeachingEvaluations.LOW_SCORE + "分" : "");
                er.add(line);
            }
            ev.comments().forEach(x -> er.add(List.of("意见建议", "", "", x)));
            sheet(zip, "07_评教结果.xlsx", "评教结果", eh, er);

            if (!certificates.ofClass(classId).isEmpty() && certificates.ofClass(classId).stream().anyMatch(x -> !x.revoked())) {
                zip.putNextEntry(new ZipEntry("08_结业证书.pdf"));
                zip.write(certificates.batchPdf(classId, baseUrl)); // audited once, as the dossier
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.recordExport("TrainingClass", classId, "一期一档：" + row.name(), AuditLog.filter("classId", classId), trainees);
        return new Dossier(row.name() + "_一期一档.zip", bytes.toByteArray());
    }

    private static void sheet(ZipOutputStream zip, String file, String sheet, List<String> head, List<List<Object>> rows) throws IOException {
        zip.putNextEntry(new ZipEntry(file));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Workbooks.table(b, sheet, head, rows);
        zip.write(b.toByteArray());
        zip.closeEntry();
    }
}
