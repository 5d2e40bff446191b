package org.ganxun.security;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Small valid files for multipart endpoints. */
final class SweepFiles {

    private static byte[] xlsx;
    private static byte[] png;

    private SweepFiles() {
    }

    /** A file an endpoint of this kind accepts: a picture for study materials and attachments, else a workbook. */
    static SweepClient.Part partFor(String pattern, String field) {
        if (pattern.contains("materials") || pattern.contains("reports") || pattern.contains("attachment")) {
            return new SweepClient.Part(field, "sweep.png", "image/png", png());
        }
        return new SweepClient.Part(field, "sweep.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx());
    }

    /** A one-sheet workbook with a header and one row: valid, and meaningless to every importer. */
    static synchronized byte[] xlsx() {
        if (xlsx == null) {
            try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                var sheet = wb.createSheet("Sheet1");
                sheet.createRow(0).createCell(0).setCellValue("姓名");
                sheet.createRow(1).createCell(0).setCellValue("扫描测试");
                wb.write(out);
                xlsx = out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return xlsx;
    }

    /** A 2×2 PNG. */
    static synchronized byte[] png() {
        if (png == null) {
            try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", out);
                png = out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return png;
    }
}
