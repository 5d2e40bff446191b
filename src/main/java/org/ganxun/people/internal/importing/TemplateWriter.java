package org.ganxun.people.internal.importing;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import cn.idev.excel.ExcelWriter;
import org.ganxun.people.CodeItem;
import org.ganxun.people.CodeSet;
import org.ganxun.people.CodeTables;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.excel.Workbooks;

/**
 * The import template: the roster's columns with a sample row, a sheet 填写说明 with the allowed values, and a sheet
 * 代码表 with every value of the code tables (standard code, name, short name, other accepted forms).
 */
final class TemplateWriter {

    /** The sample row (GB 11643's own example number); an import skips it when it was left in. */
    static final String SAMPLE_NAME = "张三";
    static final String SAMPLE_ID = "11010519491231002X";

    private TemplateWriter() {
    }

    static boolean isSample(String name, String citizenId) {
        return SAMPLE_NAME.equals(name) && citizenId != null && SAMPLE_ID.equalsIgnoreCase(citizenId.strip());
    }

    static void write(OutputStream out, CodeTables codes) {
        try (ExcelWriter w = Workbooks.open(out)) {
            List<String> sample = new ArrayList<>();
            for (RosterColumn c : RosterColumn.values()) {
                sample.add(switch (c) {
                    case PERSON_NO -> "";
                    case NAME -> SAMPLE_NAME;
                    case GENDER -> "女";
                    case ETHNICITY -> "汉族";
                    case BIRTH_DATE -> "1949-12-31";
                    case CITIZEN_ID -> SAMPLE_ID;
                    case EDUCATION -> "大学本科";
                    case EDUCATION_FULL_TIME -> "大学专科毕业";
                    case EDUCATION_IN_SERVICE -> "大学本科毕业";
                    case POLITICAL_STATUS -> "中共党员";
                    case JOINED_PARTY_ON -> "1975-07-01";
                    case ORG -> "某某县/某某镇";
                    case POST -> "党委书记";
                    case RANK_LEVEL -> "乡科级";
                    case RANK_GRADE -> "正职";
                    case RANK_TITLE -> "一级主任科员";
                    case LEADERSHIP -> "是";
                    case STAFF_CATEGORY -> "公务员";
                    case ENTERED_WORK_ON -> "1970-08-01";
                    case PHONE -> "13800000000";
                    case RESERVE_CADRE, MOBILE_MEMBER -> "否";
                    case PARTY_ORG -> "某某镇机关党支部";
                });
            }
            w.write(List.of(sample), Workbooks.sheet(0, "干部信息", RosterColumn.titles(), RosterColumn.PERSON_NO.ordinal(),
                    RosterColumn.CITIZEN_ID.ordinal(), RosterColumn.PHONE.ordinal()));
            List<List<String>> help = new ArrayList<>();
            for (RosterColumn c : RosterColumn.values()) {
                help.add(List.of(c.title(), c.required() ? "必填" : "选填", explain(c, codes),
                        String.join("、", c.synonyms())));
            }
            help.add(List.of());
            help.add(List.of("说明", "", "“干部信息”第2行是示例，导入时会自动跳过，可直接删除后填写。"));
            help.add(List.of("说明", "", "表头上方可以保留一两行标题；列的顺序可以调整；“可识别的其他列名”中的写法也能识别。"));
            help.add(List.of("说明", "", "公民身份号码已在花名册中的人员会被更新，不会重复建档；文件中没有的列保持原值。"));
            help.add(List.of("说明", "", "从花名册导出的文件带有“人员编号”，公民身份号码已脱敏：修改后可直接导入，按人员编号更新对应人员；"
                    + "请勿改动这两列。新增人员的人员编号留空，填写完整的公民身份号码。"));
            help.add(List.of("说明", "", "政治面貌、民族、学历、职级按“代码表”填写，写名称、简称、代码或表中列出的其他写法均可。"));
            help.add(List.of("说明", "", "日期可写作 1975-03-12、1975/3/12、1975.03、1975年3月、197503，或使用 Excel 日期格式。"));
            w.write(help, Workbooks.sheet(1, "填写说明", List.of("列名", "是否必填", "填写要求及可选值", "可识别的其他列名")));
            List<List<String>> table = new ArrayList<>();
            for (CodeSet set : CodeSet.values()) {
                for (CodeItem i : codes.items(set)) {
                    table.add(List.of(set.label(), i.code(), i.name(), i.shortName() == null ? "" : i.shortName(),
                            String.join("、", i.synonyms())));
                }
            }
            w.write(table, Workbooks.sheet(2, "代码表", List.of("代码表", "代码", "名称", "简称", "也可写作")));
        }
    }

    private static String explain(RosterColumn c, CodeTables codes) {
        return switch (c) {
            case PERSON_NO -> "导出的花名册带有此列，导入时按它找到本人（公民身份号码已脱敏也可）；新增人员留空";
            case NAME -> "2至30个字";
            case GENDER -> "男、女；可不填，按公民身份号码确定，填写时须与之一致";
            case ETHNICITY -> "GB/T 3304 民族名称，如 汉族、彝族（可不写“族”）；不填为汉族；见“代码表”";
            case BIRTH_DATE -> "可不填，按公民身份号码确定；填写时须与之一致（只写年月也可）";
            case CITIZEN_ID -> "18位公民身份号码，末位可为X；请保持该列为文本格式";
            case EDUCATION -> "最高学历，GB/T 4658，如 大学本科、大专、中专、研究生；填了全日制、在职学历时可不填（取其高者）";
            case EDUCATION_FULL_TIME -> "干部任免审批表“全日制教育”的学历，GB/T 4658，如 大学本科毕业、大学专科毕业";
            case EDUCATION_IN_SERVICE -> "干部任免审批表“在职教育”的学历，GB/T 4658，如 硕士研究生毕业";
            case POLITICAL_STATUS -> "GB/T 4762：" + codes.labels(CodeSet.POLITICAL_STATUS) + "；也可写全称或代码";
            case JOINED_PARTY_ON -> "日期；仅党员填写";
            case ORG -> "系统中的单位名称；有重名时写完整路径，如 盐亭县/富驿镇；须在您的管理范围内";
            case POST -> "如 党委书记、科员";
            case RANK_LEVEL -> RosterImporter.labels(RankLevel.values()) + "；也可写作 正科级、副处级、乡科级正职";
            case RANK_TITLE -> "职级：一级巡视员至二级科员（2019年职务与职级并行），事业单位一级至十级职员、专业技术一级至十三级；"
                    + "未填职级层次时按职级确定层次和正副职";
            case RANK_GRADE -> "正职、副职";
            case LEADERSHIP -> "是、否；不填时按职务推定（书记、镇长、局长、主任等为领导职务），可在干部信息中更正";
            case RESERVE_CADRE -> "是、否";
            case STAFF_CATEGORY -> RosterImporter.labels(StaffCategory.values());
            case ENTERED_WORK_ON -> "日期";
            case PHONE -> "手机11位，或 区号-号码";
            case PARTY_ORG -> "系统中的党组织名称；有重名时写完整路径";
            case MOBILE_MEMBER -> "是、否；仅党员可为“是”";
        };
    }
}
