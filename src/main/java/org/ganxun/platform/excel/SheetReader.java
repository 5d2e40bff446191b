package org.ganxun.platform.excel;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.idev.excel.FastExcel;
import cn.idev.excel.context.AnalysisContext;
import cn.idev.excel.enums.CellDataTypeEnum;
import cn.idev.excel.enums.ReadDefaultReturnEnum;
import cn.idev.excel.metadata.data.DataFormatData;
import cn.idev.excel.metadata.data.ReadCellData;
import cn.idev.excel.read.builder.ExcelReaderBuilder;
import cn.idev.excel.read.listener.ReadListener;
import cn.idev.excel.support.ExcelTypeEnum;
import cn.idev.excel.util.DateUtils;
import org.ganxun.platform.web.BusinessException;

/**
 * Streams the first sheet of an uploaded file row by row (FastExcel's SAX reading for .xlsx, so memory
 * stays flat), as raw cells: the header is found by the caller. Formulas are never evaluated: the
 * value Excel cached in the file is read.
 */
public final class SheetReader {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SheetReader.class);

    private static final Pattern FIXED_DECIMALS = Pattern.compile("^0\\.(0+)$");

    /** One row as read: texts by column index, and the date of cells Excel stores as dates. */
    public record RawRow(int excelRow, String[] texts, LocalDate[] dates, boolean[] numeric) {

        public String text(int col) {
            return col >= 0 && col < texts.length ? texts[col] : null;
        }

        public LocalDate date(int col) {
            return col >= 0 && col < dates.length ? dates[col] : null;
        }

        public boolean isNumeric(int col) {
            return col >= 0 && col < numeric.length && numeric[col];
        }

        public boolean blank() {
            for (String t : texts) {
                if (t != null && !t.isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Receives rows; returning false stops the reading. */
    public interface RowSink {
        boolean accept(RawRow row);
    }

    private SheetReader() {
    }

    /**
     * Reads the file: {@code file} for .xlsx/.xls (random access, no copy in memory), {@code bytes} for .csv.
     */
    public static void read(FileType type, File file, byte[] bytes, RowSink sink) {
        Listener listener = new Listener(sink);
        try {
            ExcelReaderBuilder b;
            if (type == FileType.CSV) {
                b = FastExcel.read(new ByteArrayInputStream(bytes), listener).excelType(ExcelTypeEnum.CSV)
                        .charset(csvCharset(bytes));
            } else {
                b = FastExcel.read(file, listener).excelType(type == FileType.XLS ? ExcelTypeEnum.XLS : ExcelTypeEnum.XLSX);
            }
            b.headRowNumber(0).readDefaultReturn(ReadDefaultReturnEnum.READ_CELL_DATA).ignoreEmptyRow(true)
                    .autoCloseStream(true).sheet(0).doRead();
        } catch (RuntimeException | Error e) {
            // what the sink threw is the caller's own failure; anything else is the file's (a DOCTYPE, broken
            // XML, bytes that are not UTF-8, a .xls that is not one, a zip bomb): refuse it in words a clerk can act on
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof SinkFailure f) {
                    throw f.getCause();
                }
            }
            if (e instanceof Error err && !(e instanceof StackOverflowError)) {
                throw err;
            }
            throw unreadable(e);
        }
    }

    public static final String UNREADABLE = "无法读取该文件（文件已损坏，或不是 Excel 保存的工作簿），请用 Excel 打开后另存为 .xlsx 再上传";

    /** The refusal for a file the reader failed on. */
    public static BusinessException unreadable(Throwable e) {
        if (FileGuard.isZipBomb(e)) {
            return new BusinessException(FileGuard.ZIP_BOMB);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof BusinessException b) {
                return b;
            }
        }
        log.info("unreadable spreadsheet: {}", e.toString());
        return new BusinessException(UNREADABLE);
    }

    /** Carries what the row sink threw through the reader, so that it is not taken for a broken file. */
    private static final class SinkFailure extends RuntimeException {
        SinkFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    /** Excel saves Chinese CSV files in GB18030 (GBK); other tools in UTF-8. */
    public static Charset csvCharset(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return Charset.forName("GB18030");
        }
    }

    private static final class Listener implements ReadListener<Map<Integer, ReadCellData<?>>> {

        private final RowSink sink;
        private boolean more = true;

        Listener(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void invoke(Map<Integer, ReadCellData<?>> cells, AnalysisContext context) {
            int width = 0;
            for (Integer k : cells.keySet()) {
                width = Math.max(width, k + 1);
            }
            String[] texts = new String[width];
            LocalDate[] dates = new LocalDate[width];
            boolean[] numeric = new boolean[width];
            Boolean w1904 = context.readWorkbookHolder().getGlobalConfiguration().getUse1904windowing();
            for (Map.Entry<Integer, ReadCellData<?>> e : cells.entrySet()) {
                int i = e.getKey();
                ReadCellData<?> c = e.getValue();
                if (c == null || c.getType() == null) {
                    continue;
                }
                CellDataTypeEnum t = c.getType();
                switch (t) {
                    case NUMBER -> {
                        BigDecimal n = c.getNumberValue();
                        if (n == null) {
                            break;
                        }
                        numeric[i] = true;
                        DataFormatData f = c.getDataFormatData();
                        if (f != null && DateUtils.isADateFormat(f.getIndex(), f.getFormat())
                                && DateUtils.isValidExcelDate(n.doubleValue())) {
                            dates[i] = DateUtils.getLocalDate(n.doubleValue(), Boolean.TRUE.equals(w1904));
                            texts[i] = dates[i].toString();
                        } else {
                            texts[i] = plain(n, f);
                        }
                    }
                    case BOOLEAN -> texts[i] = Boolean.TRUE.equals(c.getBooleanValue()) ? "是" : "否";
                    case EMPTY, ERROR -> texts[i] = null;
                    default -> texts[i] = CellText.normalize(c.getStringValue());
                }
            }
            int row = context.readRowHolder().getRowIndex() + 1;
            try {
                more = sink.accept(new RawRow(row, texts, dates, numeric));
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        }

        @Override
        public boolean hasNext(AnalysisContext context) {
            return more;
        }

        @Override
        public void doAfterAllAnalysed(AnalysisContext context) {
        }
    }

    /** A number as the clerk typed it: 1975.10 in a cell formatted "0.00" stays 1975.10, not 1975.1. */
    public static String plain(BigDecimal n, DataFormatData f) {
        if (f != null && f.getFormat() != null) {
            Matcher m = FIXED_DECIMALS.matcher(f.getFormat());
            if (m.matches()) {
                return n.setScale(m.group(1).length(), java.math.RoundingMode.HALF_UP).toPlainString();
            }
        }
        BigDecimal s = n.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
