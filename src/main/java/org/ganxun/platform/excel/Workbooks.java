package org.ganxun.platform.excel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.FastExcel;
import cn.idev.excel.write.handler.SheetWriteHandler;
import cn.idev.excel.write.handler.context.SheetWriteHandlerContext;
import cn.idev.excel.write.metadata.WriteSheet;
import cn.idev.excel.write.style.column.SimpleColumnWidthStyleStrategy;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Workbook;

/** FastExcel writers shared by templates, exports and error reports (streaming, SXSSF). */
public final class Workbooks {

    private Workbooks() {
    }

    /** A writer on the stream; the caller closes it (which finishes the workbook), not the stream. */
    public static ExcelWriter open(OutputStream out) {
        return FastExcel.write(out).autoCloseStream(false).registerWriteHandler(new SimpleColumnWidthStyleStrategy(16))
                .build();
    }

    /** A sheet with a one-row header; {@code textColumns} are formatted as text so long numbers stay intact. */
    public static WriteSheet sheet(int no, String name, List<String> titles, int... textColumns) {
        List<List<String>> head = new ArrayList<>();
        for (String t : titles) {
            head.add(List.of(t));
        }
        return FastExcel.writerSheet(no, name).head(head).registerWriteHandler(new TextColumns(textColumns)).build();
    }

    /**
     * A one-sheet table: a header row of {@code titles}, then {@code rows} (a cell may be text, a number, a date or
     * {@link #percent}); {@code textColumns} as in {@link #sheet}. The stream stays open.
     */
    public static void table(OutputStream out, String sheetName, List<String> titles, List<? extends List<?>> rows, int... textColumns) {
        try (ExcelWriter w = open(out)) {
            w.write(rows, sheet(0, sheetName, titles, textColumns));
        }
    }

    /** {@link #table} as the file's bytes. */
    public static byte[] tableBytes(String sheetName, List<String> titles, List<? extends List<?>> rows, int... textColumns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table(out, sheetName, titles, rows, textColumns);
        return out.toByteArray();
    }

    /** {@link #tableBytes} of a row per item, and {@code footnote} (if any) below them after a blank row. */
    public static <T> byte[] tableBytes(String sheetName, List<String> titles, List<T> items,
                                        Function<? super T, ? extends List<?>> toRow, String footnote) {
        List<List<?>> rows = new ArrayList<>();
        for (T item : items) {
            rows.add(toRow.apply(item));
        }
        if (footnote != null) {
            rows.add(List.of());
            rows.add(List.of(footnote));
        }
        return tableBytes(sheetName, titles, rows);
    }

    /** A sheet without a header row (rows are written as they are). */
    public static WriteSheet plainSheet(int no, String name) {
        return FastExcel.writerSheet(no, name).needHead(false).build();
    }

    private record TextColumns(int[] columns) implements SheetWriteHandler {
        @Override
        public void afterSheetCreate(SheetWriteHandlerContext context) {
            if (columns.length == 0) {
                return;
            }
            Workbook book = context.getWriteWorkbookHolder().getWorkbook();
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            for (int c : columns) {
                context.getWriteSheetHolder().getSheet().setDefaultColumnStyle(c, text);
            }
        }
    }

    /**
     * A share as Excel keeps one: the number (57.1 % as 0.571) formatted {@code 0.0%}, so that a reader can sum, sort and
     * chart it; {@code percent} is the share in percent (57.1). Null stays an empty cell.
     */
    public static Object percent(java.math.BigDecimal percent) {
        if (percent == null) {
            return "";
        }
        cn.idev.excel.metadata.data.WriteCellData<Void> cell =
                new cn.idev.excel.metadata.data.WriteCellData<>(percent.movePointLeft(2));
        cn.idev.excel.metadata.data.DataFormatData format = new cn.idev.excel.metadata.data.DataFormatData();
        format.setFormat("0.0%");
        cell.getOrCreateStyle().setDataFormatData(format);
        return cell;
    }

    /** {@link #percent(java.math.BigDecimal)} of a double percentage (57.1). */
    public static Object percent(Double percent) {
        return percent == null ? "" : percent(java.math.BigDecimal.valueOf(percent));
    }
}
