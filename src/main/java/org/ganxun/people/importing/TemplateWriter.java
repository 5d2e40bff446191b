package org.ganxun.people.importing;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import cn.idev.excel.ExcelWriter;
import org.ganxun.people.Education;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.excel.Workbooks;

/** The import template: the roster's columns with a sample row, and a sheet 填写说明 with the allowed values. */
final class TemplateWriter {

    /** The sample row (GB 11643's own example number); an import skips it when it was left in. */
    static final String SAMPLE_NAME = "张三";
    static final String SAMPLE_ID = "11010519491231002X";

    private TemplateWriter() {
    }

    static boolean isSample(String name, String citizenId) {
        return SAMPLE_NAME.equals(name) && citizenId != null && SAMPLE_ID.equalsIgnoreCase(citizenId.strip());
    }

    static void write(OutputStream out) {
        try (ExcelWriter w = Workbooks.open(out)) {
            List<String> sample = List.of(SAMPLE_NAME, "女", "汉族", "1949-12-31", SAMPLE_ID, "大学本科", "中共党员",
                    "1975-07-01", "某某县/某某镇", "党委书记", "乡科级", "正职", "是", "公务员", "1970-08-01",
                    "13800000000", "否", "某某镇机关党支部", "否");
            w.write(List.of(sample), Workbooks.sheet(0, "干部信息", RosterColumn.titles(),
                    RosterColumn.CITIZEN_ID.ordinal(), RosterColumn.PHONE.ordinal()));
            List<List<String>> help = new ArrayList<>();
            for (RosterColumn c : RosterColumn.values()) {
                help.add(List.of(c.title(), c.required() ? "必填" : "选填", explain(c),
                        String.join("、", c.synonyms())));
            }
            help.add(List.of());
            help.add(List.of("说明", "", "“干部信息”第2行是示例，导入时会自动跳过，可直接删除后填写。"));
            help.add(List.of("说明", "", "表头上方可以保留一两行标题；列的顺序可以调整；“可识别的其他列名”中的写法也能识别。"));
            help.add(List.of("说明", "", "公民身份号码已在花名册中的人员会被更新，不会重复建档；文件中没有的列保持原值。"));
            help.add(List.of("说明", "", "日期可写作 1975-03-12、1975/3/12、1975.03、1975年3月、197503，或使用 Excel 日期格式。"));
            w.write(help, Workbooks.sheet(1, "填写说明", List.of("列名", "是否必填", "填写要求及可选值", "可识别的其他列名")));
        }
    }

    private static String explain(RosterColumn c) {
        return switch (c) {
            case NAME -> "2至30个字";
            case GENDER -> "男、女；可不填，按公民身份号码确定，填写时须与之一致";
            case ETHNICITY -> "如 汉族、彝族；不填为汉族";
            case BIRTH_DATE -> "可不填，按公民身份号码确定；填写时须与之一致（只写年月也可）";
            case CITIZEN_ID -> "18位公民身份号码，末位可为X；请保持该列为文本格式";
            case EDUCATION -> RosterImporter.labels(Education.values());
            case POLITICAL_STATUS -> RosterImporter.labels(PoliticalStatus.values());
            case JOINED_PARTY_ON -> "日期；仅党员填写";
            case ORG -> "系统中的单位名称；有重名时写完整路径，如 盐亭县/富驿镇；须在您的管理范围内";
            case POST -> "如 党委书记、科员";
            case RANK_LEVEL -> RosterImporter.labels(RankLevel.values()) + "；也可写作 正科级、副处级";
            case RANK_GRADE -> "正职、副职";
            case LEADERSHIP, RESERVE_CADRE -> "是、否";
            case STAFF_CATEGORY -> RosterImporter.labels(StaffCategory.values());
            case ENTERED_WORK_ON -> "日期";
            case PHONE -> "手机11位，或 区号-号码";
            case PARTY_ORG -> "系统中的党组织名称；有重名时写完整路径";
            case MOBILE_MEMBER -> "是、否；仅党员可为“是”";
        };
    }
}
