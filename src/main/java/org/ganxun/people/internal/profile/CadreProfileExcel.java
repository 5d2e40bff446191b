package org.ganxun.people.internal.profile;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import cn.idev.excel.FastExcel;
import cn.idev.excel.metadata.Head;
import cn.idev.excel.write.style.column.AbstractHeadColumnWidthStyleStrategy;
import org.ganxun.platform.excel.Workbooks;

/**
 * Writes a {@link CadreProfile} as the sheet a county hands in: a title row (“盐亭县干部队伍结构统计表（截至2026年11月21日）”)
 * over the columns 项目 / 人数 / 占比. A section with several items gets a heading row and indented items.
 */
public final class CadreProfileExcel {

    private CadreProfileExcel() {
    }

    /** A wide 项目 column and narrow figure columns (in characters). */
    private static final class ColumnWidths extends AbstractHeadColumnWidthStyleStrategy {
        @Override
        protected Integer columnWidth(Head head, Integer columnIndex) {
            return columnIndex != null && columnIndex == 0 ? 28 : 12;
        }
    }

    public static String title(CadreProfile p) {
        return p.scopeName() + "干部队伍结构统计表（截至" + chineseDate(p.asOf()) + "）";
    }

    public static String fileName(CadreProfile p) {
        return p.scopeName() + "干部队伍结构统计表-" + p.asOf() + ".xlsx";
    }

    static String chineseDate(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    public static void write(CadreProfile p, OutputStream out) {
        String title = title(p);
        List<List<String>> head = List.of(List.of(title, "项目"), List.of(title, "人数"), List.of(title, "占比"));
        List<List<Object>> rows = new ArrayList<>();
        // a number formatted as a share like every other row (it was the text "100.0%")
        rows.add(List.of("干部总数", p.total(), Workbooks.percent(java.math.BigDecimal.valueOf(p.total() == 0 ? 0 : 100))));
        for (CadreProfile.Section s : p.sections()) {
            boolean single = s.items().size() == 1;
            if (!single) {
                rows.add(List.of(s.title()));
            }
            for (CadreProfile.Item i : s.items()) {
                rows.add(List.of(single ? i.label() : "    " + i.label(), i.count(), Workbooks.percent(i.share())));
            }
        }
        FastExcel.write(out).autoCloseStream(false).head(head).registerWriteHandler(new ColumnWidths())
                .sheet("干部队伍结构").doWrite(rows);
    }
}
