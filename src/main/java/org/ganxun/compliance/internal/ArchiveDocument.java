package org.ganxun.compliance.internal;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.FastExcel;
import cn.idev.excel.write.metadata.WriteSheet;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.ArchiveEntry;
import org.ganxun.archive.EntryStatus;
import org.ganxun.audit.AuditLog;
import org.ganxun.compliance.internal.standing.Standing;
import org.ganxun.compliance.internal.standing.StandingService;
import org.ganxun.people.CadreView;
import org.ganxun.people.Roster;
import org.ganxun.platform.pdf.CjkFonts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's learning archive (学习档案) as a printable PDF and as Excel: who, standing, every entry. */
@Service
public class ArchiveDocument {

    private static final DateTimeFormatter D = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final Roster roster;
    private final ArchiveEntries entries;
    private final StandingService standings;
    private final AuditLog audit;
    private final Clock clock;

    ArchiveDocument(Roster roster, ArchiveEntries entries, StandingService standings, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.audit = audit;
        this.roster = roster;
        this.entries = entries;
        this.standings = standings;
    }

    private record Content(CadreView cadre, StandingService.PersonStanding standing, List<ArchiveEntry> entries, LocalDate asOf) {
    }

    private Content content(long cadreId, LocalDate asOf) {
        CadreView c = roster.get(cadreId);
        return new Content(c, standings.of(cadreId, asOf), entries.of(cadreId), asOf);
    }

    /** A cadre's archive leaves the system: one EXPORT entry naming the person and how many 学时 records. */
    private void audited(Content c, String format) {
        audit.recordExport("LearningArchive", c.cadre().id(), "学习档案（" + format + "）：" + c.cadre().name(),
                AuditLog.filter("cadreId", c.cadre().id(), "asOf", c.asOf()), c.entries().size());
    }

    @Transactional
    public byte[] pdf(long cadreId, LocalDate asOf) {
        Content c = content(cadreId, asOf);
        audited(c, "PDF");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 42, 36);
        PdfWriter.getInstance(doc, out);
        doc.addTitle(c.cadre().name() + "学习档案");
        doc.addCreator("Ganxun 干部教育培训管理平台");
        doc.open();
        Paragraph title = new Paragraph("干部教育培训学习档案", CjkFonts.boldFont(18));
        title.setAlignment(Element.ALIGN_CENTER);
        title.setSpacingAfter(12);
        doc.add(title);

        PdfPTable who = new PdfPTable(new float[]{1.2f, 2f, 1.2f, 2f});
        who.setWidthPercentage(100);
        CadreView v = c.cadre();
        cellPair(who, "姓名", v.name());
        cellPair(who, "性别", v.genderLabel());
        cellPair(who, "出生年月", v.birthDate().getYear() + "年" + v.birthDate().getMonthValue() + "月");
        cellPair(who, "公民身份号码", v.citizenIdMasked());
        cellPair(who, "工作单位", v.orgName());
        cellPair(who, "职务", v.post() == null ? "" : v.post());
        cellPair(who, "职级层次", v.rankLevelLabel() == null ? "" : v.rankLevelLabel() + (v.rankGradeLabel() == null ? "" : v.rankGradeLabel()));
        cellPair(who, "人员类别", v.staffCategoryLabel());
        doc.add(who);

        section(doc, "学时达标情况（截至" + c.asOf().format(D) + "，" + (c.standing().ruleSetName() == null ? "无适用规则"
                : c.standing().ruleSetName() + "第" + c.standing().ruleSetVersion() + "版") + "）");
        PdfPTable st = new PdfPTable(new float[]{3f, 1.2f, 1.2f, 1.2f, 1.3f, 1.8f});
        st.setWidthPercentage(100);
        header(st, "要求", "应完成", "已计", "尚差", "状态", "截止日期");
        for (Standing s : c.standing().standings()) {
            body(st, s.title(), Standing.amount(s.requiredHours(), s.requiredDays()),
                    plain(s.countedHours()) + "学时" + (s.countedDays() == null ? "" : "、" + plain(s.countedDays()) + "天"),
                    s.shortfall() == null ? "" : s.shortfall(), s.statusLabel(), s.deadline() == null ? "" : s.deadline().format(D));
        }
        if (c.standing().standings().isEmpty()) {
            PdfPCell none = new PdfPCell(new Phrase("无适用的学时要求", CjkFonts.font(9)));
            none.setColspan(6);
            st.addCell(none);
        }
        doc.add(st);
        for (Standing s : c.standing().standings()) {
            Paragraph why = new Paragraph("· " + s.explanation(), CjkFonts.font(8));
            doc.add(why);
        }

        section(doc, "培训记录");
        PdfPTable t = new PdfPTable(new float[]{1.6f, 3.6f, 1.4f, 1.2f, 1f, 1.1f});
        t.setWidthPercentage(100);
        t.setHeaderRows(1);
        header(t, "日期", "培训名称", "来源", "方式", "学时", "状态");
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (ArchiveEntry e : c.entries()) {
            body(t, dates(e), e.title() + (e.provider() == null ? "" : "（" + e.provider() + "）"), e.sourceLabel(),
                    e.deliveryLabel() + (e.fullTime() ? "·脱产" : ""), plain(e.hours()), e.statusLabel());
            if (e.status() == EntryStatus.APPROVED) {
                total = total.add(e.hours());
            }
        }
        doc.add(t);
        Paragraph sum = new Paragraph("已认定学时合计：" + plain(total) + "　　共" + c.entries().size() + "条记录　　打印日期："
                + LocalDate.now(clock).format(D), CjkFonts.font(9));
        sum.setSpacingBefore(6);
        doc.add(sum);
        doc.close();
        return out.toByteArray();
    }

    @Transactional
    public byte[] excel(long cadreId, LocalDate asOf) {
        Content c = content(cadreId, asOf);
        audited(c, "Excel");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExcelWriter w = FastExcel.write(out).build()) {
            List<List<String>> sHead = List.of(List.of("要求"), List.of("依据"), List.of("要求学时"), List.of("已计学时"),
                    List.of("尚差学时"), List.of("要求天数"), List.of("已计天数"), List.of("尚差"), List.of("状态"), List.of("截止日期"),
                    List.of("说明"));
            List<List<Object>> sRows = new ArrayList<>();
            for (Standing s : c.standing().standings()) {
                sRows.add(List.of(s.title(), s.source(), s.requiredHours(), s.countedHours(), s.missingHours(),
                        s.requiredDays() == null ? "" : s.requiredDays(), s.countedDays() == null ? "" : s.countedDays(),
                        s.shortfall() == null ? "" : s.shortfall(), s.statusLabel(),
                        s.deadline() == null ? "" : s.deadline().toString(), s.explanation()));
            }
            WriteSheet standingSheet = FastExcel.writerSheet(0, "学时达标情况").head(sHead).build();
            w.write(sRows, standingSheet);
            List<List<String>> eHead = List.of(List.of("开始日期"), List.of("结束日期"), List.of("计入日期"), List.of("培训名称"),
                    List.of("举办单位"), List.of("来源"), List.of("方式"), List.of("是否脱产"), List.of("是否必修"), List.of("学时"), List.of("天数"),
                    List.of("折算说明"), List.of("状态"), List.of("登记人"), List.of("认定人"));
            List<List<Object>> eRows = new ArrayList<>();
            for (ArchiveEntry e : c.entries()) {
                eRows.add(List.of(str(e.startedOn()), str(e.endedOn()), str(e.creditedOn()), e.title(), nz(e.provider()),
                        e.sourceLabel(), e.deliveryLabel(), e.fullTime() ? "是" : "否", e.required() ? "是" : "否", e.hours(), e.days() == null ? "" : e.days(),
                        nz(e.conversionNote()), e.statusLabel(), nz(e.recordedBy()), nz(e.approvedBy())));
            }
            WriteSheet entrySheet = FastExcel.writerSheet(1, "培训记录").head(eHead).build();
            w.write(eRows, entrySheet);
        }
        return out.toByteArray();
    }

    private static String dates(ArchiveEntry e) {
        if (e.startedOn() != null && e.endedOn() != null && !e.startedOn().equals(e.endedOn())) {
            return e.startedOn() + "至" + e.endedOn();
        }
        return String.valueOf(e.creditedOn());
    }

    private static void section(Document doc, String text) {
        Paragraph p = new Paragraph(text, CjkFonts.boldFont(12));
        p.setSpacingBefore(12);
        p.setSpacingAfter(6);
        doc.add(p);
    }

    private static void cellPair(PdfPTable t, String label, String value) {
        PdfPCell l = new PdfPCell(new Phrase(label, CjkFonts.boldFont(9)));
        l.setPadding(4);
        l.setBackgroundColor(new java.awt.Color(0xF2, 0xF2, 0xF2));
        t.addCell(l);
        PdfPCell v = new PdfPCell(new Phrase(value == null ? "" : value, CjkFonts.font(9)));
        v.setPadding(4);
        t.addCell(v);
    }

    private static void header(PdfPTable t, String... labels) {
        for (String s : labels) {
            PdfPCell c = new PdfPCell(new Phrase(s, CjkFonts.boldFont(9)));
            c.setPadding(4);
            c.setBackgroundColor(new java.awt.Color(0xE8, 0xEE, 0xF7));
            t.addCell(c);
        }
    }

    private static void body(PdfPTable t, String... values) {
        for (String s : values) {
            PdfPCell c = new PdfPCell(new Phrase(s == null ? "" : s, CjkFonts.font(9)));
            c.setPadding(4);
            t.addCell(c);
        }
    }

    private static String plain(java.math.BigDecimal b) {
        return b == null ? "" : b.stripTrailingZeros().toPlainString();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
