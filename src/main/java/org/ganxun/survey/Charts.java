package org.ganxun.survey;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Horizontal bar charts for the Word report, drawn with Java2D (no chart library needed for bars) in the
 * CJK font the build packs into the jar (Noto Sans SC), so they render the same on any server.
 */
final class Charts {

    record Bar(String label, long count, double share) {
    }

    private static volatile Font font;

    private Charts() {
    }

    static byte[] bars(List<Bar> bars, int width) {
        int rowH = 30, top = 10, labelW = 210, right = 120;
        int height = top * 2 + Math.max(1, bars.size()) * rowH;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(font().deriveFont(14f));
            FontMetrics fm = g.getFontMetrics();
            double max = bars.stream().mapToDouble(Bar::share).max().orElse(1);
            if (max <= 0) {
                max = 1;
            }
            int plotW = width - labelW - right;
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                int y = top + i * rowH;
                String label = fit(b.label(), fm, labelW - 12);
                g.setColor(new Color(0x30, 0x30, 0x30));
                g.drawString(label, labelW - 8 - fm.stringWidth(label), y + rowH / 2 + fm.getAscent() / 2 - 2);
                int w = (int) Math.round(plotW * b.share() / max);
                g.setColor(new Color(0x40, 0x7E, 0xC9));
                g.fillRect(labelW, y + 6, Math.max(w, 1), rowH - 12);
                g.setColor(new Color(0x30, 0x30, 0x30));
                g.drawString(b.count() + "人 " + ClassProposals.fmt(b.share()) + "%", labelW + w + 6, y + rowH / 2 + fm.getAscent() / 2 - 2);
            }
            g.setColor(new Color(0x99, 0x99, 0x99));
            g.setStroke(new BasicStroke(1));
            g.drawLine(labelW, top, labelW, height - top);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String fit(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private static Font font() {
        if (font == null) {
            try (InputStream in = Charts.class.getResourceAsStream("/fonts/NotoSansSC_400Regular.ttf")) {
                font = in == null ? new Font(Font.SANS_SERIF, Font.PLAIN, 14) : Font.createFont(Font.TRUETYPE_FONT, in);
            } catch (Exception e) {
                font = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
            }
        }
        return font;
    }
}
