package org.ganxun.platform.pdf;

import com.lowagie.text.Chunk;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.SplitCharacter;
import com.lowagie.text.pdf.DefaultSplitCharacter;
import com.lowagie.text.pdf.PdfChunk;

/**
 * Line breaking for Chinese text (the 禁则 of GB/T 15834 typesetting): a line never begins with a closing mark
 * (，。、；：？！）》」』”’) and never ends with an opening one (（《「『“‘). OpenPDF alone breaks after any CJK
 * character, so a certificate could show a line starting with "，".
 */
public final class ChineseLineBreaks implements SplitCharacter {

    static final String CLOSING = "，。、；：？！）》」』”’〕】…·";
    static final String OPENING = "（《「『“‘〔【";

    public static final ChineseLineBreaks INSTANCE = new ChineseLineBreaks();

    private ChineseLineBreaks() {
    }

    /** A paragraph of {@code text} in {@code font} that breaks its lines by these rules. */
    public static Paragraph paragraph(String text, Font font) {
        Chunk chunk = new Chunk(text, font);
        chunk.setSplitCharacter(INSTANCE);
        Paragraph p = new Paragraph(chunk);
        p.setFont(font);
        return p;
    }

    @Override
    public boolean isSplitCharacter(int start, int current, int end, char[] cc, PdfChunk[] ck) {
        if (OPENING.indexOf(at(current, cc, ck)) >= 0) {
            return false;
        }
        if (current + 1 < end && CLOSING.indexOf(at(current + 1, cc, ck)) >= 0) {
            return false;
        }
        return DefaultSplitCharacter.DEFAULT.isSplitCharacter(start, current, end, cc, ck);
    }

    private static char at(int i, char[] cc, PdfChunk[] ck) {
        return ck == null ? cc[i] : (char) ck[Math.min(i, ck.length - 1)].getUnicodeEquivalent(cc[i]);
    }
}
