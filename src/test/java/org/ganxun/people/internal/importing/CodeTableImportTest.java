package org.ganxun.people.internal.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.ganxun.org.OrganizationTrees;
import org.ganxun.people.CadreView;
import org.ganxun.people.CodeItem;
import org.ganxun.people.CodeSet;
import org.ganxun.people.CodeTables;
import org.ganxun.people.Education;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Roster files that use every value of the code tables in the forms people write them (issue 15 item 5), and files
 * of leaders without a 是否领导职务 column (item 6). Real .xlsx files, written here.
 */
@IntegrationTest
class CodeTableImportTest {

    /** The test's own reads of what was stored (its user stays signed in): past the ScopeGuard. */
    JdbcClient jdbc;

    @Autowired
    void unguarded(org.ganxun.support.Unguarded unguarded) {
        this.jdbc = unguarded.jdbc();
    }
    @Autowired
    OrganizationTrees trees;
    @Autowired
    RosterImports imports;
    @Autowired
    Roster roster;
    @Autowired
    CodeTables codes;

    ImportFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new ImportFixtures(jdbc, trees);
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    /** Every written form of every item: code, name, short name, each synonym. */
    private List<String[]> forms(CodeSet set) {
        List<String[]> out = new ArrayList<>();
        for (CodeItem i : codes.items(set)) {
            List<String> f = new ArrayList<>(List.of(i.code(), i.name()));
            if (i.shortName() != null) {
                f.add(i.shortName());
            }
            f.addAll(i.synonyms());
            for (String w : f) {
                out.add(new String[]{w, i.code()});
            }
        }
        return out;
    }

    @Test
    void everyCodeTableValueInEveryFormIsReadAsItsCode() throws Exception {
        List<String[]> ps = forms(CodeSet.POLITICAL_STATUS);
        List<String[]> eth = forms(CodeSet.ETHNICITY);
        List<String[]> edu = forms(CodeSet.EDUCATION);
        List<String[]> rank = forms(CodeSet.RANK_TITLE);
        int n = Math.max(Math.max(ps.size(), eth.size()), Math.max(edu.size(), rank.size()));
        assertThat(n).isGreaterThan(150);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别", "民族", "全日制学历", "在职学历", "职级", "职务"));
        String[] ids = new String[n];
        for (int k = 0; k < n; k++) {
            ids[k] = ImportFixtures.citizenId(LocalDate.of(1970, 1, 1).plusDays(k * 37L), k % 2 == 0);
            rows.add(List.of("代码" + RosterImportTest.cn(k / 100) + RosterImportTest.cn(k / 10) + RosterImportTest.cn(k), ids[k],
                    fx.townAName, ps.get(k % ps.size())[0], "公务员", eth.get(k % eth.size())[0], edu.get(k % edu.size())[0],
                    edu.get((k + 7) % edu.size())[0], rank.get(k % rank.size())[0], "干事"));
        }
        ImportJob job = run(fx.countyAdmin, rows);
        assertThat(job.errors()).isEmpty();
        assertThat(job.createdCount()).isEqualTo(n);
        ImportFixtures.actAs(fx.countyAdmin);
        for (int k = 0; k < n; k++) {
            CadreView v = roster.get(roster.idByCitizenId(ids[k]));
            String psCode = ps.get(k % ps.size())[1];
            assertThat(v.politicalStatusCode()).as("row %d %s", k, ps.get(k % ps.size())[0]).isEqualTo(psCode);
            assertThat(v.politicalStatus()).isEqualTo(codes.byCode(CodeSet.POLITICAL_STATUS, psCode).orElseThrow()
                    .mapsTo(PoliticalStatus.class));
            String ethCode = eth.get(k % eth.size())[1];
            String ethName = codes.byCode(CodeSet.ETHNICITY, ethCode).orElseThrow().name();
            // the 97 line keeps a group's own name (穿青人); every other form is stored as the standard name
            String writtenEth = eth.get(k % eth.size())[0];
            boolean group = List.of("穿青人", "革家人", "僜人", "夏尔巴人").contains(writtenEth);
            assertThat(v.ethnicity()).as("row %d %s", k, writtenEth).isEqualTo(group ? writtenEth : ethName);
            assertThat(v.educationFullTime()).as("row %d %s", k, edu.get(k % edu.size())[0]).isEqualTo(edu.get(k % edu.size())[1]);
            assertThat(v.educationInService()).isEqualTo(edu.get((k + 7) % edu.size())[1]);
            assertThat(v.rankTitle()).as("row %d %s", k, rank.get(k % rank.size())[0]).isEqualTo(rank.get(k % rank.size())[1]);
            CodeItem title = codes.byCode(CodeSet.RANK_TITLE, v.rankTitle()).orElseThrow();
            assertThat(v.rankLevel()).isEqualTo(title.mapsTo(RankLevel.class));
        }
    }

    @Test
    void theWrittenFormsOfTheIssueWithTheirMeaning() throws Exception {
        // each row: political status, ethnicity, full-time, in-service, 职级层次, 职级 → expected code, ethnicity,
        // education, level, grade, title
        record R(String ps, String eth, String ft, String is, String level, String title,
                 String psCode, String ethnicity, Education edu, RankLevel rl, RankGrade rg, String titleCode) {
        }
        List<R> cases = List.of(
                new R("九三学社社员", "汉", "大学本科", "", "", "一级科员", "10", "汉族", Education.BACHELOR, RankLevel.STAFF, null, "Z11"),
                new R("民盟盟员", "蒙古", "大专", "硕士", "", "四级主任科员", "05", "蒙古族", Education.MASTER, RankLevel.TOWNSHIP,
                        RankGrade.DEPUTY, "Z10"),
                new R("民革党员", "回族", "中专", "本科", "乡科级正职", "二级主任科员", "04", "回族", Education.BACHELOR,
                        RankLevel.TOWNSHIP, RankGrade.PRINCIPAL, "Z08"),
                new R("农工党党员", "维族", "", "大学本科肄业", "", "2级科员", "08", "维吾尔族", Education.HIGH_SCHOOL,
                        RankLevel.STAFF, null, "Z12"),
                // the level column wins over the grade's level: a 副镇长 (乡科级副职) holding a 乡科级正职 grade
                new R("中共预备党员", "土家", "硕士研究生毕业", "", "副科级", "一级主任科员", "02", "土家族", Education.MASTER,
                        RankLevel.TOWNSHIP, RankGrade.DEPUTY, "Z07"),
                new R("无党派人士", "穿青人", "", "", "", "八级职员", "12", "穿青人", null, RankLevel.TOWNSHIP, RankGrade.DEPUTY, "G08"),
                new R("群众", "壮族", "高中", "", "", "专技十级", "13", "壮族", Education.HIGH_SCHOOL, null, null, "J10"),
                // a grade written under 职级层次 reads the same
                new R("致公党党员", "", "", "", "一级调研员", "", "09", "汉族", null, RankLevel.COUNTY, RankGrade.PRINCIPAL, "Z03"),
                new R("民主党派", "满", "", "", "正科级", "", null, "满族", null, RankLevel.TOWNSHIP, RankGrade.PRINCIPAL, null));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别", "民族", "全日制教育", "在职教育", "职级层次", "职级"));
        String[] ids = new String[cases.size()];
        for (int k = 0; k < cases.size(); k++) {
            R r = cases.get(k);
            ids[k] = ImportFixtures.citizenId(LocalDate.of(1980, 2, 1 + k), true);
            rows.add(Arrays.asList("写法" + RosterImportTest.cn(k), ids[k], fx.townAName, r.ps(), "公务员", r.eth(), r.ft(), r.is(),
                    r.level(), r.title()));
        }
        ImportJob job = run(fx.countyAdmin, rows);
        assertThat(job.errors()).isEmpty();
        ImportFixtures.actAs(fx.countyAdmin);
        for (int k = 0; k < cases.size(); k++) {
            R r = cases.get(k);
            CadreView v = roster.get(roster.idByCitizenId(ids[k]));
            assertThat(v.politicalStatusCode()).as(r.ps()).isEqualTo(r.psCode());
            assertThat(v.ethnicity()).as(r.eth()).isEqualTo(r.ethnicity());
            assertThat(v.education()).as("%s/%s", r.ft(), r.is()).isEqualTo(r.edu());
            assertThat(v.rankLevel()).as(r.title()).isEqualTo(r.rl());
            assertThat(v.rankGrade()).as(r.title()).isEqualTo(r.rg());
            assertThat(v.rankTitle()).as(r.title()).isEqualTo(r.titleCode());
        }
        CadreView nine = roster.get(roster.idByCitizenId(ids[0]));
        assertThat(nine.politicalStatus()).isEqualTo(PoliticalStatus.DEMOCRATIC_PARTY);
        assertThat(nine.politicalStatusLabel()).isEqualTo("九三学社社员");
        assertThat(nine.rankTitleLabel()).isEqualTo("一级科员");
    }

    /** The file of the issue: township leaders, two of them in democratic parties, grades 一级科员; refused whole before. */
    @Test
    void theTownshipLeadersFileOfTheIssueImportsWhole() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("序号", "姓名", "性别", "民族", "公民身份号码", "政治面貌", "工作单位", "现任职务", "职级", "人员类别"));
        Object[][] people = {
                {"中共党员", "党委书记", "一级主任科员"}, {"中共党员", "党委副书记、镇长", "一级主任科员"},
                {"九三学社社员", "副镇长", "三级主任科员"}, {"民盟盟员", "副镇长", "四级主任科员"},
                {"中共党员", "党委委员、纪委书记", "二级主任科员"}, {"群众", "科员", "一级科员"}};
        String[] ids = new String[people.length];
        for (int k = 0; k < people.length; k++) {
            ids[k] = ImportFixtures.citizenId(LocalDate.of(1978, 5, 3 + k), k % 2 == 1);
            rows.add(List.of(k + 1, "领导" + RosterImportTest.cn(k), k % 2 == 1 ? "男" : "女", "汉族", ids[k], people[k][0],
                    fx.townAName, people[k][1], people[k][2], "公务员"));
        }
        ImportJob job = run(fx.countyAdmin, rows);
        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(job.errors()).isEmpty();
        assertThat(job.createdCount()).isEqualTo(6);
        // no 是否领导职务 column: derived from the posts, and the job says so (5 leaders, 1 科员)
        assertThat(job.message()).contains("按职务推定：5人为领导职务，1人为非领导职务");
        ImportFixtures.actAs(fx.countyAdmin);
        CadreView secretary = roster.get(roster.idByCitizenId(ids[0]));
        assertThat(secretary.leadership()).isTrue();
        assertThat(secretary.leadershipBasis()).isEqualTo("按职务“党委书记”中的“书记”推定为领导职务");
        CadreView clerk = roster.get(roster.idByCitizenId(ids[5]));
        assertThat(clerk.leadership()).isFalse();
        assertThat(clerk.leadershipBasis()).isEqualTo("职务“科员”中没有领导职务的称谓，推定为非领导职务");
        assertThat(clerk.rankLevel()).isEqualTo(RankLevel.STAFF);
        assertThat(roster.get(roster.idByCitizenId(ids[2])).rankGrade()).isEqualTo(RankGrade.DEPUTY);
        // the post history records the derived value too (the rules read it there)
        assertThat(jdbc.sql("select leadership from cadre_post_history where cadre_id = ?")
                .param(secretary.id()).query(Boolean.class).single()).isTrue();

        // a clerk's correction by file: 是否领导职务 stated 否 for one 副镇长; the others' cells left empty stay derived
        List<List<Object>> again = new ArrayList<>();
        again.add(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别", "职务", "是否领导职务"));
        for (int k = 0; k < people.length; k++) {
            again.add(List.of("领导" + RosterImportTest.cn(k), ids[k], fx.townAName, people[k][0], "公务员", people[k][1],
                    k == 3 ? "否" : ""));
        }
        ImportJob second = run(fx.countyAdmin, again);
        assertThat(second.errors()).isEmpty();
        assertThat(second.updatedCount()).isEqualTo(1);
        assertThat(second.unchangedCount()).isEqualTo(5);
        assertThat(second.message()).contains("“是否领导职务”未填写的按职务推定：4人为领导职务，1人为非领导职务");
        ImportFixtures.actAs(fx.countyAdmin);
        CadreView corrected = roster.get(roster.idByCitizenId(ids[3]));
        assertThat(corrected.leadership()).isFalse();
        assertThat(corrected.leadershipBasis()).isNull();
    }

    @Test
    void unknownValuesAreRefusedWithWhatMayBeWritten() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别", "民族", "全日制学历", "职级"));
        rows.add(List.of("错值甲", ImportFixtures.citizenId(LocalDate.of(1985, 1, 1), true), fx.townAName, "九三", "公务员", "汉族",
                "本科", "一级科员"));
        rows.add(List.of("错值乙", ImportFixtures.citizenId(LocalDate.of(1985, 1, 2), true), fx.townAName, "群众", "公务员",
                "<script>族", "大本科", "五级主任科员"));
        ImportJob job = run(fx.countyAdmin, rows);
        assertThat(job.status()).isEqualTo(ImportJob.Status.REJECTED);
        Map<String, String> byColumn = new java.util.HashMap<>();
        job.errors().forEach(e -> byColumn.put(e.row() + e.column(), e.message()));
        assertThat(byColumn.get("2政治面貌")).startsWith("政治面貌“九三”无法识别，可填：中共党员、中共预备党员、共青团员、民革会员")
                .contains("GB/T 4762");
        assertThat(byColumn.get("3民族")).startsWith("民族“<script>族”不是 GB/T 3304 的民族名称");
        assertThat(byColumn.get("3全日制学历")).startsWith("全日制学历“大本科”无法识别");
        assertThat(byColumn.get("3职级")).startsWith("职级“五级主任科员”无法识别");
        assertThat(jdbc.sql("select count(*) from cadre where name like '错值%'").query(Long.class).single()).isZero();
    }

    private ImportJob run(CurrentUser user, List<List<Object>> rows) throws InterruptedException {
        ImportFixtures.actAs(user);
        ImportJob started = imports.start("代码表.xlsx", ImportFixtures.xlsx(rows), ImportMode.ALL_OR_NOTHING, "127.0.0.1");
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            ImportFixtures.actAs(user);
            ImportJob j = imports.get(started.id());
            if (j.status() != ImportJob.Status.QUEUED && j.status() != ImportJob.Status.RUNNING) {
                return j;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import did not finish");
    }
}
