package org.ganxun.platform.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.lowagie.text.Font;
import com.lowagie.text.pdf.BaseFont;

/**
 * The Chinese font embedded (as a subset) in every PDF Ganxun makes, so documents render the same on any
 * reader: Noto Sans SC, packed into the jar by the build from fonts/ (SIL Open Font License).
 */
public final class CjkFonts {

    private static volatile BaseFont regular;
    private static volatile BaseFont bold;

    private CjkFonts() {
    }

    public static BaseFont regular() {
        if (regular == null) {
            regular = load("/fonts/NotoSansSC_400Regular.ttf");
        }
        return regular;
    }

    public static BaseFont bold() {
        if (bold == null) {
            bold = load("/fonts/NotoSansSC_700Bold.ttf");
        }
        return bold;
    }

    public static Font font(float size) {
        return new Font(regular(), size);
    }

    public static Font boldFont(float size) {
        return new Font(bold(), size);
    }

    private static synchronized BaseFont load(String resource) {
        try (InputStream in = CjkFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("CJK font " + resource + " is missing from the classpath; build with ./mvnw (it installs fonts/)");
            }
            byte[] bytes = in.readAllBytes();
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (com.lowagie.text.DocumentException e) {
            throw new IllegalStateException(e);
        }
    }
}
