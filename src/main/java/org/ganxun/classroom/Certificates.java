package org.ganxun.classroom;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import org.ganxun.audit.AuditLog;
import org.ganxun.platform.pdf.ChineseLineBreaks;
import org.ganxun.platform.pdf.CjkFonts;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * 结业证书: issued when a trainee completes a class, with a serial number and a QR code that opens the public
 * verification page ({@code /#/verify/<serial>}, backed by {@code /api/public/certificates/<serial>}), which
 * shows the masked name, class, dates, 学时 and whether the certificate is valid or revoked. Revocation needs a
 * reason and is audited. Serials are random (not guessable from a class id) so the public page lists nothing.
 */
@Service
public class Certificates {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final DateTimeFormatter CN_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final JdbcClient jdbc;
    private final Classroom classroom;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    Certificates(JdbcClient jdbc, Classroom classroom, AuditLog audit) {
        this.jdbc = jdbc;
        this.classroom = classroom;
        this.audit = audit;
    }

    public record CertificateView(long id, String serial, long enrollmentId, long classId, long cadreId, String cadreName,
                                  String className, String providerName, LocalDate startsOn, LocalDate endsOn, BigDecimal hours,
                                  Instant issuedAt, boolean revoked, Instant revokedAt, String revokeReason) {
    }

    /**
     * What the public verification page shows: no ids, the name masked, and for a revoked certificate the day but not
     * the registrar's reason (it may name the trainee's misconduct; anyone holding the serial can read this page).
     */
    public record Verification(String serial, boolean valid, String statusLabel, String maskedName, String className,
                               String issuer, LocalDate startsOn, LocalDate endsOn, BigDecimal hours, LocalDate issuedOn,
                               LocalDate revokedOn, String message) {
    }

    void issue(long enrollmentId, long classId, long cadreId, BigDecimal hours, int year) {
        for (int attempt = 0; attempt < 5; attempt++) {
            StringBuilder sb = new StringBuilder().append(year).append('-');
            // 10 of 32 characters = 50 random bits per year: with 100,000 certificates of a year issued, one guess in
            // 10^10 hits one, and a hit shows only a masked name and a class (the public page's whole content)
            for (int i = 0; i < 10; i++) {
                sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            int n = jdbc.sql("""
                    insert into certificate (serial, enrollment_id, class_id, cadre_id, hours, issued_by) values (?, ?, ?, ?, ?, ?)
                    on conflict do nothing""")
                    .params(sb.toString(), enrollmentId, classId, cadreId, hours, CurrentUsers.current().map(u -> u.username()).orElse("system"))
                    .update();
            if (n == 1 || jdbc.sql(Unscoped.countsOnly() + "select count(*) from certificate where enrollment_id = ?").param(enrollmentId).query(Long.class).single() > 0) {
                return;
            }
        }
        throw new IllegalStateException("could not allocate a certificate serial");
    }

    // a class completed before its planned last day ended on the day of 结业, as its archive entries say
    private static final String SELECT = Unscoped.ofChecked("class", "ClassRows, or a certificate the caller checks") + """
            select ce.*, c.name as cadre_name, tc.name as class_name, coalesce(tc.provider_name, fo.name) as provider_name, tc.starts_on,
                   least(tc.ends_on, tc.completed_at::date) as ends_on
            from certificate ce join cadre_card c on c.id = ce.cadre_id join class_card tc on tc.id = ce.class_id
            join org_unit fo on fo.id = tc.filer_org_id""";

    private List<CertificateView> query(String where, Object... params) {
        return jdbc.sql(SELECT + " " + where).params(params).query((rs, i) -> new CertificateView(rs.getLong("id"), rs.getString("serial"),
                rs.getLong("enrollment_id"), rs.getLong("class_id"), rs.getLong("cadre_id"), rs.getString("cadre_name"),
                rs.getString("class_name"), rs.getString("provider_name"), rs.getObject("starts_on", LocalDate.class),
                rs.getObject("ends_on", LocalDate.class), rs.getBigDecimal("hours"), rs.getTimestamp("issued_at").toInstant(),
                rs.getTimestamp("revoked_at") != null, rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant(),
                rs.getString("revoke_reason"))).list();
    }

    @Transactional(readOnly = true)
    public List<CertificateView> ofClass(long classId) {
        classroom.requireManager(classId, false);
        return query("where ce.class_id = ? order by c.name, ce.id", classId);
    }

    CertificateView get(long id) {
        return query("where ce.id = ?", id).stream().findFirst().orElseThrow(() -> BusinessException.notFound("证书"));
    }

    /** Public: anyone with the serial (printed and in the QR code) may verify it. */
    @Transactional(readOnly = true)
    public Verification verify(String serial) {
        String s = serial == null ? "" : serial.strip().toUpperCase();
        CertificateView c = query("where ce.serial = ?", s).stream().findFirst()
                .orElseThrow(() -> new BusinessException(404, "未找到编号为" + s + "的结业证书，请核对证书编号", List.of()));
        LocalDate revokedOn = c.revokedAt() == null ? null : LocalDate.ofInstant(c.revokedAt(), Classroom.ZONE);
        String msg = c.revoked() ? "该证书已于" + revokedOn.format(CN_DATE) + "被撤销，不再有效。如有疑问，请向发证单位（"
                + c.providerName() + "）核实" : "该证书真实有效";
        return new Verification(c.serial(), !c.revoked(), c.revoked() ? "已撤销" : "有效", Classroom.masked(c.cadreName()),
                c.className(), c.providerName(), c.startsOn(), c.endsOn(), c.hours(), LocalDate.ofInstant(c.issuedAt(), Classroom.ZONE),
                revokedOn, msg);
    }

    @Transactional
    public CertificateView revoke(long id, String reason) {
        CertificateView before = get(id);
        classroom.requireManager(before.classId(), true);
        if (!StringUtils.hasText(reason)) {
            throw new BusinessException("撤销证书须填写原因");
        }
        if (before.revoked()) {
            throw BusinessException.conflict("该证书已被撤销");
        }
        jdbc.sql("update certificate set revoked_at = now(), revoked_by = ?, revoke_reason = ? where id = ?")
                .params(CurrentUsers.require().username(), reason.strip(), id).update();
        CertificateView after = get(id);
        audit.record("REVOKE_CERTIFICATE", "Certificate", id, "撤销结业证书" + after.serial() + "：" + after.cadreName() + "，"
                + after.className() + "。原因：" + reason.strip(), before, after);
        return after;
    }

    /** One certificate's PDF: the trainee themself or the class's registrar. Audited as an export. */
    @Transactional
    public byte[] pdf(long id, String baseUrl) {
        CertificateView c = get(id);
        if (!classroom.isManager(c.classId())) {
            long mine = classroom.requireTrainee(c.classId());
            if (mine != c.enrollmentId()) {
                throw new BusinessException(403, "只能下载本人的结业证书", List.of());
            }
        }
        byte[] pdf = render(List.of(c), baseUrl);
        audit.recordExport("Certificate", id, "结业证书：" + c.cadreName(), AuditLog.filter("certificateId", id), 1);
        return pdf;
    }

    /** Batch printing: one PDF with a page per valid certificate of the class. Audited as an export. */
    @Transactional
    public byte[] batch(long classId, String baseUrl) {
        List<CertificateView> all = valid(classId);
        byte[] pdf = render(all, baseUrl);
        audit.recordExport("Certificate", null, "结业证书（全班批量打印）", AuditLog.filter("classId", classId), all.size());
        return pdf;
    }

    /** The batch PDF without its audit entry, for exports that audit themselves (一期一档). */
    byte[] batchPdf(long classId, String baseUrl) {
        return render(valid(classId), baseUrl);
    }

    private List<CertificateView> valid(long classId) {
        classroom.requireManager(classId, false);
        List<CertificateView> all = query("where ce.class_id = ? and ce.revoked_at is null order by c.name, ce.id", classId);
        if (all.isEmpty()) {
            throw BusinessException.conflict("本班没有有效的结业证书可打印");
        }
        return all;
    }

    static String verifyUrl(String baseUrl, String serial) {
        return baseUrl + "/#/verify/" + serial;
    }

    static byte[] render(List<CertificateView> certs, String baseUrl) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Document doc = new Document(PageSize.A4.rotate(), 60, 60, 50, 40);
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            doc.addTitle("结业证书");
            doc.open();
            boolean first = true;
            for (CertificateView c : certs) {
                if (!first) {
                    doc.newPage();
                }
                first = false;
                PdfContentByte cb = writer.getDirectContent();
                Rectangle page = doc.getPageSize();
                cb.setColorStroke(new Color(176, 31, 36));
                cb.setLineWidth(3f);
                cb.rectangle(25, 25, page.getWidth() - 50, page.getHeight() - 50);
                cb.stroke();
                cb.setLineWidth(0.8f);
                cb.rectangle(33, 33, page.getWidth() - 66, page.getHeight() - 66);
                cb.stroke();
                Paragraph title = new Paragraph("结 业 证 书", CjkFonts.boldFont(40));
                title.getFont().setColor(new Color(176, 31, 36));
                title.setAlignment(Element.ALIGN_CENTER);
                title.setSpacingBefore(20);
                title.setSpacingAfter(40);
                doc.add(title);
                String body = c.cadreName() + " 同志于" + c.startsOn().format(CN_DATE) + "至" + c.endsOn().format(CN_DATE)
                        + "参加" + c.providerName() + "举办的“" + c.className() + "”，完成规定的学习任务，经考核合格，准予结业，计"
                        + CompletionPolicy.fmt(c.hours()) + "学时。";
                Paragraph p = ChineseLineBreaks.paragraph(body, CjkFonts.font(20));
                p.setFirstLineIndent(40);
                p.setLeading(38);
                p.setIndentationLeft(30);
                p.setIndentationRight(30);
                doc.add(p);
                Paragraph issuer = new Paragraph(c.providerName() + "\n" + LocalDate.ofInstant(c.issuedAt(), Classroom.ZONE).format(CN_DATE),
                        CjkFonts.font(16));
                issuer.setAlignment(Element.ALIGN_RIGHT);
                issuer.setSpacingBefore(40);
                issuer.setIndentationRight(60);
                doc.add(issuer);
                Image qr = Image.getInstance(Attendance.png(verifyUrl(baseUrl, c.serial()), 300));
                qr.scaleAbsolute(90, 90);
                qr.setAbsolutePosition(60, 50);
                doc.add(qr);
                cb.beginText();
                cb.setFontAndSize(CjkFonts.regular(), 10);
                cb.setColorFill(Color.DARK_GRAY);
                cb.showTextAligned(Element.ALIGN_LEFT, "证书编号：" + c.serial(), 160, 100, 0);
                cb.showTextAligned(Element.ALIGN_LEFT, "扫描二维码或访问 " + verifyUrl(baseUrl, c.serial()) + " 查验真伪", 160, 82, 0);
                if (c.revoked()) {
                    cb.setFontAndSize(CjkFonts.bold(), 28);
                    cb.setColorFill(new Color(176, 31, 36));
                    cb.showTextAligned(Element.ALIGN_CENTER, "已撤销", page.getWidth() / 2, 70, 0);
                }
                cb.endText();
            }
            doc.close();
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("certificate PDF failed", e);
        }
    }

}
