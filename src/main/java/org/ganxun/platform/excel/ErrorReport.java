package org.ganxun.platform.excel;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.write.metadata.WriteSheet;

/**
 * The error report of an import: the uploaded sheet again with two added columns, 错误说明 (every problem of
 * the row) and 原行号. With {@code allRows} every row is kept (an all-or-nothing import: the whole file has to
 * be imported again); otherwise only the title rows, the header and the bad rows (the good ones are stored).
 */
public final class ErrorReport {

    private static final int CHUNK = 1000;

    private ErrorReport() {
    }

    /** The report's file name: the uploaded file's without its extension, then 错误报告. */
    public static String fileName(String uploaded) {
        return uploaded.replaceAll("\\.(xlsx|xls|csv)$", "") + "-错误报告.xlsx";
    }

    /**
     * @param isHeader tells the header row (the first row it accepts is taken as the header; rows above it
     *                 are titles and are kept as they are)
     */
    public static void write(FileType type, byte[] data, boolean allRows, Predicate<SheetReader.RawRow> isHeader,
                             List<RowError> errors, OutputStream out) {
        Map<Integer, StringBuilder> byRow = new HashMap<>();
        for (RowError e : errors) {
            StringBuilder b = byRow.computeIfAbsent(e.row(), r -> new StringBuilder());
            if (!b.isEmpty()) {
                b.append("；");
            }
            b.append(e.column()).append("：").append(e.message());
        }
        File temp = null;
        try (ExcelWriter w = Workbooks.open(out)) {
            WriteSheet sheet = Workbooks.plainSheet(0, "错误报告");
            byte[] csv = null;
            if (type == FileType.CSV) {
                csv = data;
            } else {
                temp = Files.createTempFile("ganxun-report-", "." + type.name().toLowerCase()).toFile();
                Files.write(temp.toPath(), data);
            }
            List<List<String>> chunk = new ArrayList<>(CHUNK);
            int[] headerWidth = {-1};
            java.util.Set<Integer> idColumns = new java.util.HashSet<>();
            SheetReader.read(type, temp, csv, row -> {
                boolean header = headerWidth[0] < 0 && isHeader.test(row);
                if (header) {
                    headerWidth[0] = row.texts().length;
                    for (int c = 0; c < row.texts().length; c++) {
                        if (Masking.isCitizenIdColumn(row.texts()[c])) {
                            idColumns.add(c);
                        }
                    }
                }
                boolean beforeData = headerWidth[0] < 0 || header;
                StringBuilder err = byRow.get(row.excelRow());
                if (!(allRows || beforeData || err != null)) {
                    return true;
                }
                int width = Math.max(headerWidth[0], 0);
                List<String> cells = new ArrayList<>(Arrays.asList(row.texts()));
                // a clerk downloads this: citizen IDs masked, in their column and wherever else one was typed
                for (int c = 0; !header && c < cells.size(); c++) {
                    cells.set(c, idColumns.contains(c) ? Masking.citizenId(cells.get(c)) : Masking.citizenIdsIn(cells.get(c)));
                }
                while (cells.size() < width) {
                    cells.add(null);
                }
                if (header) {
                    cells.add("错误说明");
                    cells.add("原行号");
                } else if (!beforeData) {
                    cells.add(err == null ? null : Masking.citizenIdsIn(err.toString()));
                    cells.add(String.valueOf(row.excelRow()));
                }
                chunk.add(cells);
                if (chunk.size() >= CHUNK) {
                    w.write(chunk, sheet);
                    chunk.clear();
                }
                return true;
            });
            w.write(chunk, sheet);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                temp.delete();
            }
        }
    }
}
