package org.ganxun.partyedu.internal.member;

import org.ganxun.partyedu.MemberView;
import org.ganxun.partyedu.Members;
import org.ganxun.platform.security.Phones;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.org.TreeNode;
import org.ganxun.platform.pdf.CjkFonts;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Member information cards (党员信息卡) as PDF, Chinese embedded: one member, or every member of a branch,
 * two cards across an A4 page, each with the member's details and their branch's contacts (书记, 联系电话),
 * to be printed, cut and handed out ("卡式"工作法). The citizen ID is never printed.
 */
@Service
public class MemberCards {

    private final Members members;
    private final OrganizationTrees trees;
    private final JdbcClient jdbc;
    private final Clock clock;

    MemberCards(Members members, OrganizationTrees trees, JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.members = members;
        this.trees = trees;
        this.jdbc = jdbc;
    }

    /** The cards of {@code members} people. */
    public record Pdf(String fileName, byte[] content, int members) {
    }

    record Contacts(String branchName, String secretary, String phone) {
    }

    @Transactional(readOnly = true)
    public Pdf member(long id) {
        MemberView m = members.get(id);
        return new Pdf(m.name() + "-党员信息卡.pdf", render(List.of(m)), 1);
    }

    @Transactional(readOnly = true)
    public Pdf branch(long partyOrgId) {
        TreeNode node = trees.requireVisible(Tree.PARTY, partyOrgId);
        List<MemberView> list = members.list(new Members.MemberQuery(null, partyOrgId, null, null, null, null));
        if (list.isEmpty()) {
            throw new BusinessException("“" + node.name() + "”没有在册党员");
        }
        return new Pdf(node.name() + "-党员信息卡.pdf", render(list), list.size());
    }

    private Contacts contacts(Long partyOrgId) {
        if (partyOrgId == null) {
            return new Contacts("", null, null);
        }
        return jdbc.sql("select name, secretary_name, contact_phone from party_unit where id = ?").param(partyOrgId)
                .query((rs, i) -> new Contacts(rs.getString(1), rs.getString(2), rs.getString(3))).optional()
                .orElse(new Contacts("", null, null));
    }

    byte[] render(List<MemberView> list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 28, 28, 28, 28);
        PdfWriter.getInstance(doc, out);
        doc.addTitle("党员信息卡");
        doc.open();
        PdfPTable grid = new PdfPTable(2);
        grid.setWidthPercentage(100);
        java.util.Map<Long, Contacts> cache = new java.util.HashMap<>();
        for (MemberView m : list) {
            Contacts c = cache.computeIfAbsent(m.partyOrgId() == null ? -1L : m.partyOrgId(), k -> contacts(m.partyOrgId()));
            PdfPCell cell = new PdfPCell(card(m, c));
            cell.setPadding(6);
            cell.setBorder(Rectangle.NO_BORDER);
            grid.addCell(cell);
        }
        if (list.size() % 2 == 1) {
            PdfPCell empty = new PdfPCell(new Phrase(""));
            empty.setBorder(Rectangle.NO_BORDER);
            grid.addCell(empty);
        }
        doc.add(grid);
        doc.close();
        return out.toByteArray();
    }

    private PdfPTable card(MemberView m, Contacts c) {
        Font title = CjkFonts.boldFont(14);
        title.setColor(java.awt.Color.WHITE);
        Font label = CjkFonts.boldFont(9);
        Font text = CjkFonts.font(9);
        Font small = CjkFonts.font(8);
        PdfPTable t = new PdfPTable(new float[]{1.1f, 2f, 1.1f, 2f});
        t.setWidthPercentage(100);
        PdfPCell head = new PdfPCell(new Phrase("党员信息卡", title));
        head.setColspan(4);
        head.setHorizontalAlignment(Element.ALIGN_CENTER);
        head.setPadding(6);
        head.setBackgroundColor(new java.awt.Color(0xC8, 0x10, 0x2E));
        t.addCell(head);
        pair(t, "姓名", m.name(), label, text);
        pair(t, "性别", m.genderLabel(), label, text);
        pair(t, "出生年月", ym(m.birthDate()), label, text);
        pair(t, "入党时间", ym(m.joinedPartyOn()) + (m.probationary() ? "（预备）" : ""), label, text);
        pair(t, "党员类别", m.categoryLabel(), label, text);
        pair(t, "联系电话", Phones.forReader(m.phone()), label, text);
        wide(t, "所在支部", m.partyOrgName(), label, text);
        if (m.mobile()) {
            wide(t, "流动情况", "外出" + (m.awayPlace() == null ? "" : "：" + m.awayPlace())
                    + (m.awayEmployer() == null ? "" : "（" + m.awayEmployer() + "）")
                    + (m.awaySince() == null ? "" : "，" + ym(m.awaySince()) + "起"), label, text);
        }
        String contact = (c.secretary() == null ? "（未登记书记）" : "书记 " + c.secretary())
                + (c.phone() == null ? "" : "  电话 " + c.phone());
        wide(t, "支部联系人", contact, label, text);
        PdfPCell foot = new PdfPCell(new Phrase("有困难找支部，联系方式如上。打印日期：" + LocalDate.now(clock), small));
        foot.setColspan(4);
        foot.setPadding(4);
        foot.setBorder(Rectangle.TOP);
        t.addCell(foot);
        return t;
    }

    private static void pair(PdfPTable t, String k, String v, Font label, Font text) {
        pair(t, k, label, new PdfPCell(new Phrase(v == null ? "" : v, text)));
    }

    /** A value across the rest of the row. */
    private static void wide(PdfPTable t, String k, String v, Font label, Font text) {
        PdfPCell b = new PdfPCell(new Paragraph(v == null ? "" : v, text));
        b.setColspan(3);
        pair(t, k, label, b);
    }

    private static void pair(PdfPTable t, String k, Font label, PdfPCell value) {
        PdfPCell a = new PdfPCell(new Phrase(k, label));
        a.setPadding(4);
        a.setBackgroundColor(new java.awt.Color(0xF5, 0xF5, 0xF5));
        t.addCell(a);
        value.setPadding(4);
        t.addCell(value);
    }

    static String ym(LocalDate d) {
        return d == null ? "" : d.getYear() + "年" + d.getMonthValue() + "月";
    }
}
