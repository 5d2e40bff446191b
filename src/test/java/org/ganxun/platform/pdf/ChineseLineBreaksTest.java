package org.ganxun.platform.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;

/** Certificates and reports: no line of Chinese text starts with a closing mark or ends with an opening one. */
class ChineseLineBreaksTest {

    /** The lines of a page with {@code text} laid out as a certificate's body (20 pt, indented). */
    private static List<String> lines(String text, Function<String, Paragraph> paragraph) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4.rotate(), 60, 60, 60, 60);
        PdfWriter.getInstance(doc, out);
        doc.open();
        Paragraph p = paragraph.apply(text);
        p.setFirstLineIndent(40);
        p.setLeading(38);
        doc.add(p);
        doc.close();
        PdfReader reader = new PdfReader(out.toByteArray());
        String page = new PdfTextExtractor(reader).getTextFromPage(1);
        reader.close();
        List<String> lines = new ArrayList<>();
        for (String l : page.split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        return lines;
    }

    private static boolean badBreak(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (i > 0 && ChineseLineBreaks.CLOSING.indexOf(l.charAt(0)) >= 0) {
                return true;
            }
            if (i < lines.size() - 1 && ChineseLineBreaks.OPENING.indexOf(l.charAt(l.length() - 1)) >= 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void noLineStartsWithAClosingMarkOrEndsWithAnOpeningOne() throws Exception {
        int plainBad = 0;
        int ours = 0;
        for (int n = 0; n < 30; n++) {
            // names and class titles of every length move the breaks through the sentence
            String text = "张".repeat(n) + "同志于2026年10月12日至2026年10月16日参加县委党校举办的“学习贯彻党的二十大精神专题培训班”，"
                    + "完成规定的学习任务，经考核合格，准予结业，计30学时。";
            List<String> plain = lines(text, t -> new Paragraph(t, CjkFonts.font(20)));
            List<String> broken = lines(text, t -> ChineseLineBreaks.paragraph(t, CjkFonts.font(20)));
            assertThat(String.join("", broken)).isEqualTo(text.replace(" ", ""));
            plainBad += badBreak(plain) ? 1 : 0;
            ours += badBreak(broken) ? 1 : 0;
        }
        assertThat(plainBad).as("OpenPDF's own breaking puts a mark at a line's edge for some lengths").isPositive();
        assertThat(ours).isZero();
    }
}
