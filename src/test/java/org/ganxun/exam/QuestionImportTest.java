package org.ganxun.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.excel.RowError;
import org.ganxun.platform.excel.SheetReader;
import org.ganxun.platform.web.BusinessException;
import org.junit.jupiter.api.Test;

/** The exam offices' sheet read row by row: questions, or errors that name the row, the column and what is wrong. */
class QuestionImportTest {

    static SheetReader.RawRow row(int excelRow, String... cells) {
        return new SheetReader.RawRow(excelRow, cells, new LocalDate[cells.length], new boolean[cells.length]);
    }

    static final String[] HEADER = {"题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "难度", "分类", "解析"};

    static List<SheetReader.RawRow> sheet(String[]... rows) {
        List<SheetReader.RawRow> out = new ArrayList<>();
        out.add(row(1, "2026年任前廉政法规知识测试题库"));
        out.add(row(2, HEADER));
        for (int i = 0; i < rows.length; i++) {
            out.add(row(3 + i, rows[i]));
        }
        return out;
    }

    @Test
    void aGoodSheetBecomesQuestions() {
        QuestionBank.Parsed p = QuestionBank.parse(sheet(
                new String[] {"单选题", "《中国共产党纪律处分条例》自何时起施行？", "2024年1月1日", "2024年1月18日", "2024年7月1日", "2023年12月8日", null, null, "B", "易", "党纪", "2024年1月18日起施行"},
                new String[] {"多选", "党的纪律包括", "政治纪律", "组织纪律", "生活纪律", "股票纪律", null, null, "A,B,C", "中", "党纪", null},
                new String[] {"判断题", "领导干部可以接受管理服务对象的宴请。", null, null, null, null, null, null, "错", "易", "廉政法规", null},
                new String[] {"填空题", "党的纪律是党的各级组织和全体党员必须遵守的（ ）。", null, null, null, null, null, null, "行为规则/行为规范", "难", "党纪", null},
                new String[] {"简答题", "<script>alert(1)</script>简述“四风”的内容。", null, null, null, null, null, null, "形式主义、官僚主义、享乐主义和奢靡之风", "", "作风建设", null}));
        assertThat(p.errors()).isEmpty();
        assertThat(p.questions()).hasSize(5);
        assertThat(p.questions().get(0).options()).hasSize(4);
        assertThat(p.questions().get(1).answer()).isEqualTo("ABC");
        assertThat(p.questions().get(2).answer()).isEqualTo("F");
        assertThat(p.questions().get(3).difficulty()).isEqualTo(3);
        // markup is removed, a script's content too; a blank difficulty is 中
        assertThat(p.questions().get(4).stem()).isEqualTo("简述“四风”的内容。");
        assertThat(p.questions().get(4).difficulty()).isEqualTo(2);
    }

    @Test
    void eachBadRowIsReportedWithItsRowColumnAndReason() {
        QuestionBank.Parsed p = QuestionBank.parse(sheet(
                new String[] {"选择题", "题干一", "甲", "乙", null, null, null, null, "A", "易", "党纪", null},
                new String[] {"单选题", "题干二", "甲", "乙", null, null, null, null, "G", "易", "党纪", null},
                new String[] {"多选题", "题干三", "甲", "乙", "丙", "丁", null, null, "AE", "中", "党纪", null},
                new String[] {"判断题", "题干四", null, null, null, null, null, null, "不对", "易", "党纪", null},
                new String[] {"单选题", "题干五", "甲", null, "丙", null, null, null, "A", "很难", null, null},
                new String[] {"单选题", "题干六", "甲", "乙", null, null, null, null, "A", "易", "党纪", null}));
        assertThat(p.questions()).hasSize(1);
        assertThat(p.errors()).containsExactly(
                new RowError(3, "题型", "选择题", "题型应为单选题、多选题、判断题、填空题或简答题"),
                new RowError(4, "答案", "G", "答案应为选项字母，如 B"),
                new RowError(5, "答案", "AE", "答案AE中有不存在的选项（共4个选项）"),
                new RowError(6, "答案", "不对", "判断题的答案应为“对”或“错”"),
                new RowError(7, "选项B", null, "选项B为空，但后面还有选项"),
                new RowError(7, "难度", "很难", "难度应为易、中或难（或1、2、3）"),
                new RowError(7, "分类", null, "请填写分类（组卷按分类抽题）"));
    }

    @Test
    void aSheetWithoutTheHeaderIsRefusedInWordsAClerkCanActOn() {
        assertThatThrownBy(() -> QuestionBank.parse(List.of(row(1, "姓名", "身份证号"), row(2, "张三", "1"))))
                .isInstanceOf(BusinessException.class).hasMessageContaining("题型").hasMessageContaining("题干");
        assertThatThrownBy(() -> QuestionBank.parse(List.of(row(1, "题型", "题干", "答案"), row(2, "单选题", "x", "A"))))
                .isInstanceOf(BusinessException.class).hasMessage("表头缺少“分类”列");
    }
}
