package org.ganxun.archive.internal.statistics;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.FastExcel;
import cn.idev.excel.metadata.Head;
import cn.idev.excel.write.metadata.WriteSheet;
import cn.idev.excel.write.style.column.AbstractHeadColumnWidthStyleStrategy;
import org.ganxun.platform.excel.Workbooks;

/**
 * The {@link TrainingStatistics.Report} as the sheets a county hands in: 按职级 and 按单位, each under the title
 * “盐亭县2026年度干部教育培训情况统计表”, with the definitions of the figures below the table.
 */
public final class TrainingStatisticsExcel {

    private TrainingStatisticsExcel() {
    }

    private static final class ColumnWidths extends AbstractHeadColumnWidthStyleStrategy {
        @Override
        protected Integer columnWidth(Head head, Integer columnIndex) {
            return columnIndex != null && columnIndex == 0 ? 26 : 12;
        }
    }

    public static String title(TrainingStatistics.Report r) {
        return r.scopeName() + r.year() + "年度干部教育培训情况统计表";
    }

    public static String fileName(TrainingStatistics.Report r) {
        return title(r) + ".xlsx";
    }

    static List<String> columns(TrainingStatistics.Report r) {
        return List.of("项目", "干部人数", "参训人数", "参训率", "参训人次", "网络培训人数", "网络培训率", "人均学时",
                "人均集中学时", "人均网络学时", "近" + r.windowYears() + "年未参训人数", "未参训占比",
                "近" + r.windowYears() + "年参训" + TrainingStatistics.FREQUENT + "次及以上人数");
    }

    static List<Object> cells(TrainingStatistics.Row row) {
        return List.of(row.label(), row.cadres(), row.trained(), Workbooks.percent(row.trainedShare()), row.personTimes(),
                row.onlineTrained(), Workbooks.percent(row.onlineShare()), row.hoursPerHead(), row.concentratedHoursPerHead(),
                row.onlineHoursPerHead(), row.untrainedInWindow(), Workbooks.percent(row.untrainedShare()), row.frequentInWindow());
    }

    /** What the figures mean, under each table (the reader of a handed-in sheet has no other place to look). */
    static List<List<Object>> notes(TrainingStatistics.Report r) {
        return List.of(List.of(),
                List.of("统计期间：" + r.from() + " 至 " + r.to() + "；干部为统计范围内在职干部，按现所在单位和职级统计。"),
                List.of("参训：本年度培训班结业或认定外出培训；参训人次按每次培训计；全年共涉及培训班" + r.classes() + "期。"),
                List.of("网络培训：本年度有认定的网络学时；人均学时含集中培训、网络培训和集体学习等全部认定学时。"),
                List.of("近" + r.windowYears() + "年：" + (r.year() - r.windowYears() + 1) + "年1月1日至" + r.year()
                        + "年12月31日，未参训指期间内没有培训班结业或外出培训记录。"));
    }

    public static void write(TrainingStatistics.Report r, OutputStream out) {
        String title = title(r);
        List<List<String>> head = columns(r).stream().map(c -> List.of(title, c)).toList();
        try (ExcelWriter writer = FastExcel.write(out).autoCloseStream(false).head(head)
                .registerWriteHandler(new ColumnWidths()).build()) {
            writer.write(rows(r.byRank(), r), sheet(0, "按职级"));
            writer.write(rows(r.byUnit(), r), sheet(1, "按单位"));
        }
    }

    private static WriteSheet sheet(int no, String name) {
        return FastExcel.writerSheet(no, name).build();
    }

    private static List<List<Object>> rows(List<TrainingStatistics.Row> items, TrainingStatistics.Report r) {
        List<List<Object>> rows = new ArrayList<>();
        items.forEach(i -> rows.add(cells(i)));
        rows.add(cells(r.total()));
        rows.addAll(notes(r));
        return rows;
    }
}
