package org.ganxun.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The code tables as the migration seeds them, read in the forms people write (issue 15 item 5). Expected codes are
 * the standards' own: GB/T 4762-1984 (01 中国共产党党员 … 04 民革 … 10 九三学社社员, 11 台盟, 12 无党派民主人士, 13 群众),
 * GB/T 3304-1991 (01 汉族 … 56 基诺族, 97 其他, 98 外国血统中国籍人士), GB/T 4658-2006 (11 博士研究生毕业, 21 大学本科毕业,
 * 31 大学专科毕业, 41 中等专科毕业, 61 普通高中毕业 …).
 */
@IntegrationTest
class CodeTablesTest {

    @Autowired
    CodeTables codes;

    private String code(CodeSet set, String written) {
        return codes.find(set, written).map(CodeItem::code).orElse(null);
    }

    @Test
    void politicalStatusInEveryFormTheIssueNames() {
        Map<String, String> written = Map.ofEntries(
                Map.entry("民革党员", "04"), Map.entry("民革会员", "04"), Map.entry("中国国民党革命委员会会员", "04"),
                Map.entry("民盟盟员", "05"), Map.entry("中国民主同盟盟员", "05"), Map.entry("民建会员", "06"),
                Map.entry("民进会员", "07"), Map.entry("农工党党员", "08"), Map.entry("中国农工民主党党员", "08"),
                Map.entry("致公党党员", "09"), Map.entry("九三学社社员", "10"), Map.entry("九三学社 社员", "10"),
                Map.entry("台盟盟员", "11"), Map.entry("台湾民主自治同盟盟员", "11"), Map.entry("无党派人士", "12"),
                Map.entry("无党派民主人士", "12"), Map.entry("群众", "13"), Map.entry("共青团员", "03"),
                Map.entry("中国共产主义青年团团员", "03"), Map.entry("中共预备党员", "02"), Map.entry("预备党员", "02"),
                Map.entry("中共党员", "01"), Map.entry("中国共产党党员", "01"), Map.entry("党员", "01"), Map.entry("01", "01"),
                Map.entry("10", "10"));
        written.forEach((w, c) -> assertThat(code(CodeSet.POLITICAL_STATUS, w)).as(w).isEqualTo(c));
        assertThat(code(CodeSet.POLITICAL_STATUS, "九三")).isNull();
        assertThat(code(CodeSet.POLITICAL_STATUS, "14")).isNull();
        // every democratic party maps to the one value the rules branch on
        for (String c : List.of("04", "05", "06", "07", "08", "09", "10", "11")) {
            assertThat(codes.byCode(CodeSet.POLITICAL_STATUS, c).orElseThrow().mapsTo(PoliticalStatus.class))
                    .isEqualTo(PoliticalStatus.DEMOCRATIC_PARTY);
        }
        assertThat(codes.soleCode(CodeSet.POLITICAL_STATUS, PoliticalStatus.CPC_MEMBER)).isEqualTo("01");
        assertThat(codes.soleCode(CodeSet.POLITICAL_STATUS, PoliticalStatus.DEMOCRATIC_PARTY)).isNull();
    }

    @Test
    void all56EthnicGroupsWithAndWithoutZu() {
        List<CodeItem> items = codes.items(CodeSet.ETHNICITY);
        assertThat(items).hasSize(58);
        assertThat(items.get(0).name()).isEqualTo("汉族");
        assertThat(items.get(55)).extracting(CodeItem::code, CodeItem::name).containsExactly("56", "基诺族");
        for (CodeItem i : items.subList(0, 56)) {
            assertThat(code(CodeSet.ETHNICITY, i.name())).isEqualTo(i.code());
            assertThat(code(CodeSet.ETHNICITY, i.name().substring(0, i.name().length() - 1))).as(i.name()).isEqualTo(i.code());
        }
        assertThat(code(CodeSet.ETHNICITY, "维族")).isEqualTo("05");
        assertThat(code(CodeSet.ETHNICITY, "穿青人")).isEqualTo("97");
        assertThat(code(CodeSet.ETHNICITY, "火星族")).isNull();
    }

    @Test
    void educationInTheFormsOfTheAppointmentForm() {
        Map<String, String> written = Map.ofEntries(
                Map.entry("博士研究生", "11"), Map.entry("博士", "11"), Map.entry("硕士研究生毕业", "14"), Map.entry("硕士", "14"),
                Map.entry("研究生", "10"), Map.entry("大学本科", "21"), Map.entry("本科", "21"), Map.entry("大学本科毕业", "21"),
                Map.entry("大学本科肄业", "23"), Map.entry("大专", "31"), Map.entry("大学专科", "31"), Map.entry("中专", "41"),
                Map.entry("中等专科毕业", "41"), Map.entry("技校", "47"), Map.entry("职高", "44"), Map.entry("高中", "61"),
                Map.entry("初中", "71"), Map.entry("初中及以下", "70"), Map.entry("小学", "81"), Map.entry("21", "21"));
        written.forEach((w, c) -> assertThat(code(CodeSet.EDUCATION, w)).as(w).isEqualTo(c));
        // 肄业 did not finish the stage: it counts one level down
        assertThat(codes.byCode(CodeSet.EDUCATION, "23").orElseThrow().mapsTo(Education.class)).isEqualTo(Education.HIGH_SCHOOL);
        assertThat(codes.byCode(CodeSet.EDUCATION, "22").orElseThrow().mapsTo(Education.class)).isEqualTo(Education.BACHELOR);
    }

    @Test
    void gradesBesidePostsStandAtTheirLevel() {
        record G(String written, String code, RankLevel level, RankGrade grade) {
        }
        for (G g : List.of(
                new G("一级巡视员", "Z01", RankLevel.BUREAU, RankGrade.PRINCIPAL),
                new G("二级巡视员", "Z02", RankLevel.BUREAU, RankGrade.DEPUTY),
                new G("二级调研员", "Z04", RankLevel.COUNTY, RankGrade.PRINCIPAL),
                new G("四级调研员", "Z06", RankLevel.COUNTY, RankGrade.DEPUTY),
                new G("一级主任科员", "Z07", RankLevel.TOWNSHIP, RankGrade.PRINCIPAL),
                new G("4级主任科员", "Z10", RankLevel.TOWNSHIP, RankGrade.DEPUTY),
                new G("三级主任科员（乡科级副职）", "Z09", RankLevel.TOWNSHIP, RankGrade.DEPUTY),
                new G("一级科员", "Z11", RankLevel.STAFF, null),
                new G("二级科员", "Z12", RankLevel.STAFF, null),
                new G("七级职员", "G07", RankLevel.TOWNSHIP, RankGrade.PRINCIPAL),
                new G("管理岗位八级", "G08", RankLevel.TOWNSHIP, RankGrade.DEPUTY),
                new G("10级职员", "G10", RankLevel.STAFF, null),
                new G("专技十二级", "J12", null, null),
                new G("专业技术十级", "J10", null, null))) {
            CodeItem i = codes.find(CodeSet.RANK_TITLE, g.written()).orElseThrow(() -> new AssertionError(g.written()));
            assertThat(i.code()).as(g.written()).isEqualTo(g.code());
            assertThat(i.mapsTo(RankLevel.class)).as(g.written()).isEqualTo(g.level());
            assertThat(i.rankGrade() == null ? null : RankGrade.valueOf(i.rankGrade())).as(g.written()).isEqualTo(g.grade());
        }
        assertThat(code(CodeSet.RANK_TITLE, "主任科员")).isNull(); // the pre-2019 title: not a grade of the table
    }
}
