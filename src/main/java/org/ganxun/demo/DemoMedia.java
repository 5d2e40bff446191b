package org.ganxun.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import org.ganxun.platform.pdf.CjkFonts;
import org.jcodec.api.awt.AWTSequenceEncoder;

/**
 * The demo's course media, made by the project itself (nothing downloaded, no tool installed): an H.264 MP4 video
 * drawn frame by frame and encoded with JCodec (pure Java), a WAV lecture of tones, and a PDF reader with the CJK
 * font the platform embeds. Also used by tests, which need real files.
 */
public final class DemoMedia {

    private DemoMedia() {
    }

    /** A video of {@code seconds} at {@code fps} frames a second: slides with a title, the time, a progress bar. */
    public static byte[] video(String title, int seconds, int fps) {
        try {
            Path tmp = Files.createTempFile("ganxun-demo-", ".mp4");
            try {
                AWTSequenceEncoder enc = AWTSequenceEncoder.createSequenceEncoder(tmp.toFile(), fps);
                Font cjk = awtFont();
                int w = 320, h = 176;
                Color[] slides = {new Color(0xB7, 0x1C, 0x1C), new Color(0x1E, 0x3A, 0x5F), new Color(0x2E, 0x5E, 0x3A)};
                for (int i = 0; i < seconds * fps; i++) {
                    double t = (double) i / fps;
                    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
                    Graphics2D g = img.createGraphics();
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    int slide = (int) (t / 20) % slides.length;
                    g.setColor(slides[slide]);
                    g.fillRect(0, 0, w, h);
                    g.setColor(new Color(0xFF, 0xD7, 0x00));
                    g.setStroke(new BasicStroke(3));
                    g.drawLine(16, 40, w - 16, 40);
                    g.setColor(Color.WHITE);
                    if (cjk != null) {
                        g.setFont(cjk.deriveFont(Font.PLAIN, 18f));
                        g.drawString(title.length() > 14 ? title.substring(0, 14) : title, 16, 30);
                        g.setFont(cjk.deriveFont(Font.PLAIN, 14f));
                        g.drawString("第" + (slide + 1) + "讲  演示课件（由平台生成）", 16, 70);
                    }
                    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
                    g.drawString(String.format("%02d:%02d", (int) t / 60, (int) t % 60), 16, 124);
                    g.setColor(new Color(255, 255, 255, 90));
                    g.fillRect(16, 146, w - 32, 10);
                    g.setColor(Color.WHITE);
                    g.fillRect(16, 146, (int) ((w - 32) * (t / seconds)), 10);
                    int cx = 250 + (int) (30 * Math.cos(t)), cy = 105 + (int) (20 * Math.sin(t));
                    g.setColor(new Color(0xFF, 0xD7, 0x00));
                    g.fillOval(cx - 8, cy - 8, 16, 16);
                    g.dispose();
                    enc.encodeImage(img);
                }
                enc.finish();
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 320×180 PNG cover: the title on a coloured ground. */
    public static byte[] cover(String title, int rgb) {
        BufferedImage img = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(rgb));
        g.fillRect(0, 0, 320, 180);
        g.setColor(new Color(0xFF, 0xD7, 0x00));
        g.fillRect(20, 120, 60, 4);
        Font cjk = awtFont();
        if (cjk != null) {
            g.setColor(Color.WHITE);
            g.setFont(cjk.deriveFont(Font.BOLD, 24f));
            String t = title.replaceAll("[《》（）]", "");
            g.drawString(t.length() > 11 ? t.substring(0, 11) : t, 20, 80);
            if (t.length() > 11) {
                g.drawString(t.substring(11, Math.min(t.length(), 22)), 20, 110);
            }
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mono 8 kHz 16-bit WAV of {@code seconds}: a slow melody of soft tones (a stand-in for a lecture). */
    public static byte[] wav(int seconds) {
        int rate = 8000;
        int samples = rate * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples * 2);
        double[] notes = {261.63, 293.66, 329.63, 392.00, 440.00, 392.00, 329.63, 293.66};
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            int n = (int) (t / 1.5) % notes.length;
            double within = t % 1.5;
            double env = Math.min(1, within * 8) * Math.max(0, 1 - within / 1.5);
            b.putShort((short) (3000 * env * Math.sin(2 * Math.PI * notes[n] * t)));
        }
        return b.array();
    }

    /** A PDF reader of {@code pages} pages of text in Chinese. */
    public static byte[] pdf(String title, String[] paragraphs, int pages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A5);
        PdfWriter.getInstance(doc, out);
        doc.open();
        for (int p = 0; p < pages; p++) {
            if (p > 0) {
                doc.newPage();
            }
            doc.add(new Paragraph(title + "（第" + (p + 1) + "页，共" + pages + "页）", CjkFonts.boldFont(14)));
            doc.add(new Paragraph(" ", CjkFonts.font(8)));
            for (int i = 0; i < 3; i++) {
                doc.add(new Paragraph(paragraphs[(p * 3 + i) % paragraphs.length], CjkFonts.font(11)));
            }
        }
        doc.close();
        return out.toByteArray();
    }

    private static Font awtFont() {
        try (InputStream in = DemoMedia.class.getResourceAsStream("/fonts/NotoSansSC_400Regular.ttf")) {
            return in == null ? null : Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (Exception e) {
            return null;
        }
    }
}
