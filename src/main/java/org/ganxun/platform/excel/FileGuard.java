package org.ganxun.platform.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.ganxun.platform.web.BusinessException;

/**
 * Checks an uploaded spreadsheet (roster, online-learning export …) before anything parses it: size, type, and for .xlsx (a zip archive)
 * the unpacked size of its parts (a "zip bomb" unpacks to gigabytes) and the sheet's declared
 * dimension. POI's own zip guard stays on as well, for archives whose directory lies about sizes.
 */
public final class FileGuard {

    /** An entry may unpack to at most this many times its packed size (POI's own default is 100). */
    public static final int MAX_RATIO = 100;
    /** No part of an uploaded workbook needs more than this unpacked. */
    public static final long MAX_ENTRY_BYTES = 1024L * 1024 * 1024;
    private static final Pattern DIMENSION = Pattern.compile("<(?:\\w+:)?dimension\\s+ref=\"[A-Z]+\\d+(?::[A-Z]+(\\d+))?\"");

    static {
        ZipSecureFile.setMinInflateRatio(1.0 / MAX_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    }

    public static final String ZIP_BOMB = "文件解压后的体积异常巨大（疑似“压缩炸弹”），已拒绝导入。请用 Excel 另存为新的 .xlsx 文件后重试";

    private FileGuard() {
    }

    /** Makes sure POI's static zip limits are set before any workbook is opened. */
    public static void init() {
        // the static initialiser did it
    }

    public static FileType checkNameAndSize(String fileName, long size, ImportLimits limits) {
        FileType type = FileType.ofFileName(fileName);
        if (type == null) {
            throw new BusinessException("只能导入 Excel 文件（.xlsx、.xls）或 CSV 文件（.csv）");
        }
        if (size <= 0) {
            throw new BusinessException("上传的文件是空的");
        }
        if (size > limits.maxBytes()) {
            throw new BusinessException(413, "文件大小为 " + (size / 1024) + " KB，超过了 " + limits.maxBytesText()
                    + " 的上限，请拆分后分批导入", java.util.List.of());
        }
        return type;
    }

    /**
     * For .xlsx: rejects zip bombs by the sizes in the archive's directory and returns the last row the
     * first worksheet declares (0 when it declares none). Also fails for a file that is not really an .xlsx.
     */
    public static int checkXlsx(java.io.File file, ImportLimits limits) {
        int declaredRows = 0;
        try (ZipFile zip = new ZipFile(file)) {
            long total = 0;
            ZipEntry firstSheet = null;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                long size = e.getSize();
                long packed = e.getCompressedSize();
                if (size > MAX_ENTRY_BYTES || (size > 1024 * 1024 && packed > 0 && size / packed > MAX_RATIO)) {
                    throw new BusinessException(ZIP_BOMB);
                }
                total += Math.max(size, 0);
                if (total > MAX_ENTRY_BYTES * 2) {
                    throw new BusinessException(ZIP_BOMB);
                }
                String n = e.getName();
                if (n.startsWith("xl/worksheets/sheet") && n.endsWith(".xml")
                        && (firstSheet == null || sheetNo(n) < sheetNo(firstSheet.getName()))) {
                    firstSheet = e;
                }
            }
            if (firstSheet == null || zip.getEntry("[Content_Types].xml") == null) {
                throw new BusinessException("文件不是有效的 .xlsx 工作簿，请用 Excel 打开后另存为 .xlsx 再导入");
            }
            declaredRows = declaredLastRow(zip, firstSheet);
        } catch (IOException e) {
            throw new BusinessException("文件不是有效的 .xlsx 工作簿，请用 Excel 打开后另存为 .xlsx 再导入");
        }
        // a few rows of titles and the header come on top of the data rows
        if (declaredRows > limits.maxRows() + 20) {
            throw tooManyRows(limits, declaredRows);
        }
        return declaredRows;
    }

    /**
     * Checks an upload before it is stored: name and size, then what the bytes are. Returns the number of
     * data rows the file seems to have (0 if unknown); rejects files that are not what their name says,
     * zip bombs and files over the row limit.
     */
    public static FileType precheck(String fileName, byte[] data, ImportLimits limits, int[] estimatedRows) {
        FileType type = checkNameAndSize(fileName, data == null ? 0 : data.length, limits);
        estimatedRows[0] = switch (type) {
            case XLSX -> {
                java.io.File temp = null;
                try {
                    temp = java.nio.file.Files.createTempFile("ganxun-upload-", ".xlsx").toFile();
                    java.nio.file.Files.write(temp.toPath(), data);
                    yield Math.max(checkXlsx(temp, limits) - 1, 0);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    if (temp != null) {
                        temp.delete();
                    }
                }
            }
            case XLS -> {
                if (data.length < 8 || (data[0] & 0xFF) != 0xD0 || (data[1] & 0xFF) != 0xCF || (data[2] & 0xFF) != 0x11
                        || (data[3] & 0xFF) != 0xE0) {
                    throw new BusinessException("文件不是有效的 .xls 工作簿，请用 Excel 打开后另存为 .xlsx 再导入");
                }
                yield 0;
            }
            case CSV -> {
                int lines = 0;
                for (byte b : data) {
                    if (b == '\n') {
                        lines++;
                    }
                }
                if (lines > limits.maxRows() + 20) {
                    throw tooManyRows(limits, lines);
                }
                yield Math.max(lines - 1, 0);
            }
        };
        return type;
    }

    public static BusinessException tooManyRows(ImportLimits limits, int rows) {
        return new BusinessException("文件有" + (rows > 0 ? "约 " + rows + " " : "超过 " + limits.maxRows() + " ")
                + "行，超过了单次导入最多 " + limits.maxRows() + " 行的上限，请拆分后分批导入");
    }

    private static int sheetNo(String name) {
        try {
            return Integer.parseInt(name.substring("xl/worksheets/sheet".length(), name.length() - 4));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The dimension element comes first in a worksheet; only its first few KB are inflated. */
    private static int declaredLastRow(ZipFile zip, ZipEntry sheet) throws IOException {
        try (InputStream in = zip.getInputStream(sheet)) {
            byte[] head = in.readNBytes(8192);
            Matcher m = DIMENSION.matcher(new String(head, StandardCharsets.UTF_8));
            if (m.find() && m.group(1) != null) {
                return Integer.parseInt(m.group(1));
            }
            return 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether an exception thrown while parsing is POI's zip-bomb guard. */
    public static boolean isZipBomb(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && (c.getMessage().contains("Zip bomb") || c.getMessage().contains("zip bomb"))) {
                return true;
            }
        }
        return false;
    }
}
