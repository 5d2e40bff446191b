package org.ganxun.platform.word;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/** The paragraphs the platform's Word templates are built of (poi-tl fills their {{tags}}). */
public final class WordParagraphs {

    private WordParagraphs() {
    }

    /** One paragraph of one run in {@code font} (also for Chinese characters), spaced 6 pt after; {@code align} null: left. */
    public static void add(XWPFDocument doc, String text, int size, boolean bold, ParagraphAlignment align, String font) {
        XWPFParagraph p = doc.createParagraph();
        if (align != null) {
            p.setAlignment(align);
        }
        p.setSpacingAfter(120);
        XWPFRun r = p.createRun();
        r.setText(text);
        r.setFontSize(size);
        r.setBold(bold);
        r.setFontFamily(font);
        r.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
    }
}
