package org.ganxun.people.internal.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.people.CadreView;
import org.ganxun.people.Education;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.internal.cadre.PostHistoryEntry;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.excel.ImportLimits;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.excel.RowError;
import org.ganxun.platform.db.SqlArrays;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

@IntegrationTest
class RosterImportTest {

    /** The test's own reads of what was stored (its user stays signed in): past the ScopeGuard. */
    JdbcClient jdbc;

    @Autowired
    void unguarded(org.ganxun.support.Unguarded unguarded) {
        this.jdbc = unguarded.jdbc();
    }
    @Autowired
    OrganizationTrees trees;
    @Autowired
    org.ganxun.support.TestClock clock;
    @Autowired
    RosterImports imports;
    @Autowired
    ImportWorker worker;
    @Autowired
    ImportLimits limits;
    @Autowired
    Roster roster;
    @Autowired
    javax.sql.DataSource dataSource;

    ImportFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new ImportFixtures(jdbc, trees);
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    static final List<Object> HEADER_SHUFFLED = List.of("序号", "身份证号", "姓  名", "工作单位", "出生年月", "性别", "政治面貌",
            "入党日期", "文化程度", "人员类别", "工作时间", "职级", "正副职", "职务", "联系电话", "后备干部", "党支部", "流动党员",
            "民族", "是否领导职务");

    @Test
    void importsADirtyFileWithTitleRowsSynonymsShuffledColumnsAndEveryDateFormat() throws Exception {
        LocalDate born = LocalDate.of(1975, 3, 12);
        String[] ids = new String[9];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ImportFixtures.citizenId(born, i % 2 == 0);
        }
        Object[] birthCells = {"1975.03", "1975-03-12", "1975/3/12", "1975年3月", "1975年3月12日", "197503", born,
                "１９７５．０３", "  1975-03-12\u3000"};
        String unitPath = fx.countyName + "/" + fx.townAName;
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(fx.countyName + "干部花名册"));
        rows.add(List.of("填报单位：组织部", "", "", "填报日期：2024年6月"));
        rows.add(HEADER_SHUFFLED);
        for (int i = 0; i < ids.length; i++) {
            if (i == 3) {
                rows.add(null); // an empty row
                rows.add(Arrays.asList(" ", "\u3000", null, "\u00A0")); // a row of spaces
            }
            boolean male = i % 2 == 0;
            String id = ids[i];
            Object idCell = i == 7 ? toFullWidth(id) : id;
            String name = i == 7 ? "王\u3000五" + cn(i) : "干部" + cn(i) + (i == 8 ? "\u00A0" : "");
            rows.add(Arrays.asList(i + 1, idCell, name, i == 1 ? unitPath : "\u00A0" + fx.townAName + " ", birthCells[i],
                    male ? "男" : "女", "党员", i == 6 ? LocalDate.of(2001, 7, 1) : "2001.07", "大专", "行政编制",
                    i == 2 ? "1996年8月" : "1996.08", "正科级", null, "党委委员", i == 4 ? (Object) 13800001111L : "13800001111",
                    i == 0 ? "√" : i == 1 ? "Y" : "否", fx.branchAName, "N", i == 5 ? "回" : "汉族", "是"));
        }
        ImportJob job = runImport(fx.countyAdmin, "脏数据.xlsx", ImportFixtures.xlsx(rows), ImportMode.ALL_OR_NOTHING);

        assertThat(job.errors()).isEmpty();
        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(job.totalRows()).isEqualTo(9);
        assertThat(job.createdCount()).isEqualTo(9);
        assertThat(job.message()).isNull();
        ImportFixtures.actAs(fx.countyAdmin);
        for (int i = 0; i < ids.length; i++) {
            Long cid = roster.idByCitizenId(ids[i]);
            assertThat(cid).as("row %d stored", i).isNotNull();
            CadreView v = roster.get(cid);
            assertThat(v.birthDate()).isEqualTo(born);
            assertThat(v.orgId()).isEqualTo(fx.townA);
            assertThat(v.politicalStatus()).isEqualTo(PoliticalStatus.CPC_MEMBER);
            assertThat(v.education()).isEqualTo(Education.ASSOCIATE);
            assertThat(v.staffCategory()).isEqualTo(StaffCategory.CIVIL_SERVANT);
            assertThat(v.rankLevel()).isEqualTo(RankLevel.TOWNSHIP);
            assertThat(v.rankGrade()).isEqualTo(RankGrade.PRINCIPAL);
            assertThat(v.leadership()).isTrue();
            assertThat(v.joinedPartyOn()).isEqualTo(LocalDate.of(2001, 7, 1));
            assertThat(v.enteredWorkOn()).isEqualTo(LocalDate.of(1996, 8, 1));
            assertThat(v.phone()).isEqualTo("13800001111");
            assertThat(v.partyOrgId()).isEqualTo(fx.branchA);
            assertThat(v.mobileMember()).isFalse();
            assertThat(v.reserveCadre()).isEqualTo(i <= 1);
            assertThat(v.ethnicity()).isEqualTo(i == 5 ? "回族" : "汉族");
            assertThat(v.post()).isEqualTo("党委委员");
        }
        assertThat(roster.get(roster.idByCitizenId(ids[7])).name()).isEqualTo("王五" + cn(7));
        assertThat(roster.get(roster.idByCitizenId(ids[8])).name()).isEqualTo("干部" + cn(8));
        // one audit entry per created cadre, one history period each
        long audits = jdbc.sql("select count(*) from audit_log where action = 'CREATE' and entity_type = 'Cadre' and actor_username = ?")
                .param(fx.countyAdmin.username()).query(Long.class).single();
        assertThat(audits).isEqualTo(9);
        assertThat(roster.history(roster.idByCitizenId(ids[0]))).hasSize(1);
    }

    @Test
    void reportsEveryBadRowAndStoresNothingOrOnlyTheGoodRows() throws Exception {
        LocalDate b = LocalDate.of(1980, 5, 20);
        String good1 = ImportFixtures.citizenId(b, true);
        String good2 = ImportFixtures.citizenId(b, false);
        String dup = ImportFixtures.citizenId(b, true);
        String badCheck = ImportFixtures.withWrongCheck(ImportFixtures.citizenId(b, true));
        String badGender = ImportFixtures.citizenId(b, true);
        String unknownUnit = ImportFixtures.citizenId(b, false);
        String outOfScope = ImportFixtures.citizenId(b, true);
        List<Object> header = List.of("姓名", "公民身份号码", "性别", "单位", "政治面貌", "人员类别");
        List<List<Object>> rows = List.of(
                List.of("某某县干部名单"),
                header,
                List.of("好人甲", good1, "男", fx.townAName, "群众", "公务员"),                 // row 3
                List.of("好人乙", good2, "女", fx.townAName, "群众", "公务员"),                 // row 4
                List.of("重复甲", dup, "男", fx.townAName, "群众", "公务员"),                   // row 5
                List.of("校验错", badCheck, "男", fx.townAName, "群众", "公务员"),              // row 6
                List.of("性别错", badGender, "女", fx.townAName, "群众", "公务员"),             // row 7
                List.of("单位错", unknownUnit, "女", "不存在的单位" + fx.tag, "群众", "公务员"), // row 8
                List.of("重复乙", dup, "男", fx.townAName, "群众", "公务员"),                   // row 9
                List.of("越权者", outOfScope, "男", fx.townBName, "群众", "公务员"));           // row 10
        byte[] file = ImportFixtures.xlsx(rows);

        ImportJob rejected = runImport(fx.townAUser, "有错.xlsx", file, ImportMode.ALL_OR_NOTHING);
        assertThat(rejected.status()).isEqualTo(ImportJob.Status.REJECTED);
        // the message names the mode in the import page's words
        assertThat(rejected.message()).contains("按“全部正确才导入”的方式");
        assertThat(rejected.errorRowCount()).isEqualTo(5);
        assertThat(rejected.createdCount()).isZero();
        Map<Integer, RowError> byRow = rejected.errors().stream().collect(Collectors.toMap(RowError::row, e -> e));
        assertThat(byRow.keySet()).containsExactlyInAnyOrder(6, 7, 8, 9, 10);
        assertThat(byRow.get(6).column()).isEqualTo("公民身份号码");
        // masked, as everything users read (issue 14)
        assertThat(byRow.get(6).value()).isEqualTo(org.ganxun.people.CitizenId.mask(badCheck));
        assertThat(byRow.get(6).message()).contains("校验位错误");
        assertThat(byRow.get(7).column()).isEqualTo("性别");
        assertThat(byRow.get(7).message()).contains("不一致");
        assertThat(byRow.get(8).column()).isEqualTo("单位");
        assertThat(byRow.get(8).message()).contains("未找到");
        assertThat(byRow.get(9).column()).isEqualTo("公民身份号码");
        assertThat(byRow.get(9).message()).isEqualTo("与第5行的公民身份号码重复");
        assertThat(byRow.get(10).column()).isEqualTo("单位");
        assertThat(byRow.get(10).message()).isEqualTo("单位不在您的管理范围内");
        assertThat(stored(good1, good2, dup, badGender, unknownUnit, outOfScope)).isZero();

        // the error report: the sheet again with 错误说明
        List<List<String>> report = errorReport(rejected.id());
        assertThat(report.get(1)).contains("错误说明", "原行号");
        int errCol = report.get(1).indexOf("错误说明");
        assertThat(report).hasSize(10); // all rows kept for all-or-nothing
        assertThat(report.get(5).get(errCol)).contains("公民身份号码").contains("校验位错误");
        assertThat(report.get(9).get(errCol)).contains("单位不在您的管理范围内");
        assertThat(report.get(9).get(0)).isEqualTo("越权者");
        assertThat(report.get(2).size() <= errCol || report.get(2).get(errCol) == null || report.get(2).get(errCol).isEmpty()).isTrue();

        ImportJob partial = runImport(fx.townAUser, "有错.xlsx", file, ImportMode.VALID_ROWS);
        assertThat(partial.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(partial.createdCount()).isEqualTo(3);
        assertThat(partial.errorRowCount()).isEqualTo(5);
        assertThat(stored(good1, good2, dup)).isEqualTo(3);
        assertThat(stored(badGender, unknownUnit, outOfScope)).isZero();
        List<List<String>> partialReport = errorReport(partial.id());
        // title, header and the five bad rows
        assertThat(partialReport).hasSize(7);
        assertThat(partialReport.get(2).get(0)).isEqualTo("校验错");
    }

    @Test
    void importingTheSamePersonTwiceUpdatesThem() throws Exception {
        String id = ImportFixtures.citizenId(LocalDate.of(1985, 1, 2), true);
        // 参加工作时间 dates the opening period: the changes below end it today
        List<Object> header = List.of("姓名", "身份证号码", "单位", "职务", "职级层次", "正副职", "政治面貌", "人员类别", "联系电话", "参加工作时间");
        runImport(fx.countyAdmin, "a.xlsx", ImportFixtures.xlsx(List.of(header,
                List.of("李四" + cn(1), id, fx.townAName, "科员", "科员及以下", "", "群众", "公务员", "13900000001", "2008.07"))), ImportMode.ALL_OR_NOTHING);
        ImportFixtures.actAs(fx.countyAdmin);
        long cadreId = roster.idByCitizenId(id);
        long before = jdbc.sql("select count(*) from cadre").query(Long.class).single();

        ImportJob second = runImport(fx.countyAdmin, "b.xlsx", ImportFixtures.xlsx(List.of(header,
                List.of("李四" + cn(1), id, fx.townBName, "副镇长", "乡科级", "副职", "群众", "公务员", "13900000002", "2008.07"))), ImportMode.ALL_OR_NOTHING);
        assertThat(second.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(second.createdCount()).isZero();
        assertThat(second.updatedCount()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from cadre").query(Long.class).single()).isEqualTo(before);
        ImportFixtures.actAs(fx.countyAdmin);
        assertThat(roster.idByCitizenId(id)).isEqualTo(cadreId);
        CadreView v = roster.get(cadreId);
        assertThat(v.post()).isEqualTo("副镇长");
        assertThat(v.orgId()).isEqualTo(fx.townB);
        assertThat(v.rankLevel()).isEqualTo(RankLevel.TOWNSHIP);
        assertThat(v.phone()).isEqualTo("13900000002");
        assertThat(v.version()).isEqualTo(1);
        var history = roster.history(cadreId);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).post()).isEqualTo("副镇长");
        assertThat(history.get(0).endedOn()).isNull();
        assertThat(history.get(1).endedOn()).isNotNull();
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'Cadre' and entity_id = ? and action = 'UPDATE'")
                .param(String.valueOf(cadreId)).query(Long.class).single()).isEqualTo(1);
        // the audit entry keeps what changed, before and after, and nothing that did not
        var audit = jdbc.sql("select before_data ->> 'post' as before_post, after_data ->> 'post' as after_post,"
                        + " after_data ->> 'phone' as after_phone, jsonb_exists(after_data, 'name') as has_name"
                        + " from audit_log where entity_type = 'Cadre' and entity_id = ? and action = 'UPDATE'")
                .param(String.valueOf(cadreId)).query().singleRow();
        assertThat(audit.get("before_post")).isEqualTo("科员");
        assertThat(audit.get("after_post")).isEqualTo("副镇长");
        assertThat(audit.get("after_phone")).isEqualTo("13900000002");
        assertThat(audit.get("has_name")).isEqualTo(false);

        // a second change the same day corrects today's period: no period that ends the day it starts
        ImportJob third = runImport(fx.countyAdmin, "c.xlsx", ImportFixtures.xlsx(List.of(header,
                List.of("李四" + cn(1), id, fx.townBName, "镇长", "乡科级", "正职", "群众", "公务员", "13900000002", "2008.07"))), ImportMode.ALL_OR_NOTHING);
        assertThat(third.updatedCount()).isEqualTo(1);
        ImportFixtures.actAs(fx.countyAdmin);
        var corrected = roster.history(cadreId);
        assertThat(corrected).extracting(PostHistoryEntry::post).containsExactly("镇长", "科员");
        assertThat(corrected.get(0).startedOn()).isEqualTo(history.get(0).startedOn());
        assertThat(corrected.get(0).endedOn()).isNull();
        assertThat(corrected.get(1).endedOn()).isEqualTo(history.get(1).endedOn());
    }

    @Test
    void phoneNumbersWrittenWithSpacesDashesFullWidthDigitsOrTheCountryCodeAreStoredInOneForm() throws Exception {
        String[] written = {"138 0000 4444", "138-0000-4444", "１３８００００４４４４", "+86 138 0000 4444", "\u00A0138\u30000000 4444",
                "0816 1234567", "(0816)1234567", "0816-1234567-801"};
        String[] stored = {"13800004444", "13800004444", "13800004444", "13800004444", "13800004444",
                "0816-1234567", "0816-1234567", "0816-1234567-801"};
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别", "联系电话"));
        String[] ids = new String[written.length];
        for (int i = 0; i < written.length; i++) {
            ids[i] = ImportFixtures.citizenId(LocalDate.of(1981, 4, 1).plusDays(i), i % 2 == 0);
            rows.add(List.of("电话" + cn(i), ids[i], fx.townAName, "群众", "公务员", written[i]));
        }
        String bad = ImportFixtures.citizenId(LocalDate.of(1981, 5, 1), true);
        rows.add(List.of("电话错", bad, fx.townAName, "群众", "公务员", "138 0000 444"));

        ImportJob job = runImport(fx.countyAdmin, "电话.xlsx", ImportFixtures.xlsx(rows), ImportMode.VALID_ROWS);

        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(job.createdCount()).isEqualTo(written.length);
        assertThat(job.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(written.length + 2);
            assertThat(e.column()).isEqualTo("联系电话");
            assertThat(e.message()).contains("格式不正确");
        });
        ImportFixtures.actAs(fx.countyAdmin);
        for (int i = 0; i < written.length; i++) {
            assertThat(roster.get(roster.idByCitizenId(ids[i])).phone()).as(written[i]).isEqualTo(stored[i]);
        }
    }

    @Test
    void reImportingAnUnchangedFileWritesNothingAndAChangedCellUpdatesOnlyThatCadre() throws Exception {
        String[] ids = new String[4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ImportFixtures.citizenId(LocalDate.of(1978, 9, 1).plusDays(i), i % 2 == 0);
        }
        java.util.function.BiFunction<Integer, String, List<Object>> row = (i, phone) -> Arrays.asList(i + 1, ids[i],
                "未变" + cn(i), fx.townAName, "1978.09", i % 2 == 0 ? "男" : "女", i == 3 ? "群众" : "党员",
                i == 3 ? null : "2003.07", "大学本科", "行政编制", "2000.08", i == 0 ? "正科级" : "科员及以下", null, "干事" + cn(i),
                phone, i == 1 ? "是" : "否", i == 3 ? null : fx.branchAName, "否", "汉", i == 0 ? "是" : "否");
        List<List<Object>> rows = new ArrayList<>();
        rows.add(HEADER_SHUFFLED);
        for (int i = 0; i < ids.length; i++) {
            rows.add(row.apply(i, "1390000000" + i));
        }
        byte[] file = ImportFixtures.xlsx(rows);
        ImportJob first = runImport(fx.countyAdmin, "名册.xlsx", file, ImportMode.ALL_OR_NOTHING);
        assertThat(first.errors()).isEmpty();
        assertThat(first.createdCount()).isEqualTo(4);
        ImportFixtures.actAs(fx.countyAdmin);
        Long[] cadres = Arrays.stream(ids).map(roster::idByCitizenId).toArray(Long[]::new);
        List<String> before = rowVersions(cadres);
        String audits = "select count(*) from audit_log where entity_type = 'Cadre' and entity_id = any(?)";
        var cadreKeys = SqlArrays.of("text", Arrays.stream(cadres).map(String::valueOf).toArray(String[]::new));
        long auditsBefore = jdbc.sql(audits).param(cadreKeys).query(Long.class).single();
        String historyRows = "select count(*) from cadre_post_history where cadre_id = any(?)";
        long historyBefore = jdbc.sql(historyRows).param(SqlArrays.of("bigint", cadres)).query(Long.class).single();

        // the same file again, and the same data written differently: nothing to change
        rows.set(3, row.apply(2, "139 0000 0002"));
        for (byte[] again : List.of(file, ImportFixtures.xlsx(rows))) {
            ImportJob second = runImport(fx.countyAdmin, "名册.xlsx", again, ImportMode.ALL_OR_NOTHING);
            assertThat(second.status()).isEqualTo(ImportJob.Status.COMPLETED);
            assertThat(second.createdCount()).isZero();
            assertThat(second.updatedCount()).isZero();
            assertThat(second.unchangedCount()).isEqualTo(4);
            assertThat(rowVersions(cadres)).isEqualTo(before);
            assertThat(jdbc.sql(audits).param(cadreKeys).query(Long.class).single()).isEqualTo(auditsBefore);
            assertThat(jdbc.sql(historyRows).param(SqlArrays.of("bigint", cadres)).query(Long.class).single()).isEqualTo(historyBefore);
        }

        // one cell changed: that cadre is updated, with an audit entry of the change, the others are left alone
        rows.set(2, row.apply(1, "13911112222"));
        ImportJob third = runImport(fx.countyAdmin, "名册.xlsx", ImportFixtures.xlsx(rows), ImportMode.ALL_OR_NOTHING);
        assertThat(third.updatedCount()).isEqualTo(1);
        assertThat(third.unchangedCount()).isEqualTo(3);
        assertThat(jdbc.sql(audits).param(cadreKeys).query(Long.class).single()).isEqualTo(auditsBefore + 1);
        var entry = jdbc.sql("select entity_id, action, before_data ->> 'phone' as was, after_data ->> 'phone' as now,"
                        + " (select count(*) from jsonb_object_keys(after_data)) as keys"
                        + " from audit_log where entity_type = 'Cadre' and entity_id = any(?) order by id desc limit 1")
                .param(cadreKeys).query().singleRow();
        assertThat(entry.get("entity_id")).isEqualTo(String.valueOf(cadres[1]));
        assertThat(entry.get("action")).isEqualTo("UPDATE");
        assertThat(entry.get("was")).isEqualTo("13900000001");
        assertThat(entry.get("now")).isEqualTo("13911112222");
        assertThat(entry.get("keys")).isEqualTo(2L); // id and phone
        assertThat(jdbc.sql(historyRows).param(SqlArrays.of("bigint", cadres)).query(Long.class).single()).isEqualTo(historyBefore);
        List<String> after = rowVersions(cadres);
        assertThat(after.get(1)).isNotEqualTo(before.get(1)).endsWith(":1");
        after.set(1, before.get(1));
        assertThat(after).isEqualTo(before);
    }

    /** Each cadre's row version ({@code xmin}: any write makes a new one) and version column, as "xmin:version". */
    private List<String> rowVersions(Long[] cadres) {
        return Arrays.stream(cadres).map(id -> jdbc.sql("select xmin || ':' || version from cadre where id = ?").param(id)
                .query(String.class).single()).collect(Collectors.toCollection(ArrayList::new));
    }

    @Test
    void rejectsOversizedFilesTooManyRowsAndZipBombsStoringNothing() throws Exception {
        String id = ImportFixtures.citizenId(LocalDate.of(1970, 1, 1), true);
        List<Object> header = List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别");
        List<List<Object>> rows = new ArrayList<>();
        rows.add(header);
        for (int i = 0; i < 30; i++) {
            rows.add(List.of("超限" + cn(i), i == 0 ? id : ImportFixtures.citizenId(LocalDate.of(1970, 1, 1), true),
                    fx.townAName, "群众", "公务员"));
        }
        byte[] file = ImportFixtures.xlsx(rows);
        ImportFixtures.actAs(fx.countyAdmin);
        long jobsBefore = jdbc.sql("select count(*) from import_job").query(Long.class).single();

        long maxBytes = limits.maxBytes();
        limits.setMaxBytes(1000);
        try {
            assertThatThrownBy(() -> imports.start("大.xlsx", file, ImportMode.VALID_ROWS, null))
                    .isInstanceOf(BusinessException.class)
                    .hasMessageContaining("的上限").hasMessageContaining("请拆分后分批导入")
                    .satisfies(e -> assertThat(((BusinessException) e).status()).isEqualTo(413));
        } finally {
            limits.setMaxBytes(maxBytes);
        }

        int maxRows = limits.maxRows();
        try {
            // the sheet declares 31 rows: refused before reading
            limits.setMaxRows(3);
            assertThatThrownBy(() -> imports.start("多.xlsx", file, ImportMode.VALID_ROWS, null))
                    .isInstanceOf(BusinessException.class)
                    .hasMessageContaining("超过了单次导入最多 3 行的上限");
            // a CSV declares nothing: the rows are counted while reading, and the job stops at the limit
            limits.setMaxRows(20);
            String csv = "姓名,公民身份号码,单位,政治面貌,人员类别\n" + rows.stream().skip(1)
                    .map(r -> r.stream().map(String::valueOf).collect(Collectors.joining(","))).collect(Collectors.joining("\n"));
            ImportJob counted = runImport(fx.countyAdmin, "多.csv", csv.getBytes(StandardCharsets.UTF_8), ImportMode.VALID_ROWS);
            assertThat(counted.status()).isEqualTo(ImportJob.Status.REJECTED);
            assertThat(counted.message()).contains("超过了单次导入最多 20 行的上限");
            assertThat(counted.createdCount()).isZero();
        } finally {
            limits.setMaxRows(maxRows);
        }

        ImportFixtures.actAs(fx.countyAdmin);
        assertThatThrownBy(() -> imports.start("炸弹.xlsx", zipBomb(file), ImportMode.VALID_ROWS, null))
                .isInstanceOf(BusinessException.class).hasMessageContaining("压缩炸弹");
        assertThatThrownBy(() -> imports.start("名单.docx", file, ImportMode.VALID_ROWS, null))
                .isInstanceOf(BusinessException.class).hasMessageContaining("只能导入");
        assertThatThrownBy(() -> imports.start("假的.xlsx", "not a zip".getBytes(), ImportMode.VALID_ROWS, null))
                .isInstanceOf(BusinessException.class).hasMessageContaining("不是有效的 .xlsx");

        assertThat(jdbc.sql("select count(*) from import_job").query(Long.class).single()).isEqualTo(jobsBefore + 1);
        assertThat(roster.idByCitizenId(id)).isNull();
    }

    @Test
    void aJobLeftRunningByAStoppedServerFailsAndCanBeRetried() throws Exception {
        String id = ImportFixtures.citizenId(LocalDate.of(1990, 9, 9), false);
        byte[] file = ImportFixtures.xlsx(List.of(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of("中断" + cn(2), id, fx.townAName, "群众", "事业人员")));
        long jobId = storedJob("RUNNING", file);

        worker.sweep(); // what the application does when it starts, and every minute

        ImportFixtures.actAs(fx.countyAdmin);
        ImportJob failed = imports.get(jobId);
        assertThat(failed.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(failed.message()).isEqualTo("服务器在导入过程中停止，未写入任何数据，可重新执行");
        assertThat(roster.idByCitizenId(id)).isNull();

        imports.retry(jobId);
        ImportJob done = awaitEnd(fx.countyAdmin, jobId);
        assertThat(done.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(done.createdCount()).isEqualTo(1);
        ImportFixtures.actAs(fx.countyAdmin);
        assertThat(roster.idByCitizenId(id)).isNotNull();
        assertThatThrownBy(() -> imports.retry(jobId)).isInstanceOf(BusinessException.class);
    }

    @Test
    void aJobRunningOnAnotherNodeIsLeftAloneUntilThatNodeStops() throws Exception {
        String id = ImportFixtures.citizenId(LocalDate.of(1991, 10, 10), true);
        byte[] file = ImportFixtures.xlsx(List.of(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of("别处" + cn(3), id, fx.townAName, "群众", "事业人员")));
        long jobId = storedJob("RUNNING", file);
        // another application node runs the job: its transaction holds the job's lock
        try (java.sql.Connection otherNode = dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            try (var st = otherNode.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
                st.setInt(1, org.ganxun.platform.job.UploadJobWorker.lockClass("import_job"));
                st.setInt(2, Math.toIntExact(jobId));
                st.execute();
            }
            worker.sweep();
            ImportFixtures.actAs(fx.countyAdmin);
            assertThat(imports.get(jobId).status()).isEqualTo(ImportJob.Status.RUNNING);
            otherNode.rollback(); // that node stops: its transaction ends without storing anything
        }
        worker.sweep();
        ImportFixtures.actAs(fx.countyAdmin);
        assertThat(imports.get(jobId).status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(imports.get(jobId).message()).isEqualTo("服务器在导入过程中停止，未写入任何数据，可重新执行");
    }

    @Test
    void aQueuedJobThatAStoppedNodeNeverStartedIsRunByTheSweep() throws Exception {
        String id = ImportFixtures.citizenId(LocalDate.of(1992, 11, 11), false);
        byte[] file = ImportFixtures.xlsx(List.of(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of("排队" + cn(4), id, fx.townAName, "群众", "事业人员")));
        long jobId = storedJob("QUEUED", file);

        worker.sweep();

        ImportJob done = awaitEnd(fx.countyAdmin, jobId);
        assertThat(done.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(done.createdCount()).isEqualTo(1);
        ImportFixtures.actAs(fx.countyAdmin);
        assertThat(roster.idByCitizenId(id)).isNotNull();
        // run again by hand (a second node's sweep): the job is no longer queued, nothing happens twice
        worker.run(jobId);
        assertThat(imports.get(jobId).createdCount()).isEqualTo(1);
        assertThat(jdbc.sql("select attempts from import_job where id = ?").param(jobId).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void aFailureHalfWayRollsBackEveryRow() throws Exception {
        // 1,200 good rows (two batches of 500 are written before the third fails)
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            String id = ImportFixtures.citizenId(LocalDate.of(1970, 1, 1).plusDays(i), i % 2 == 0);
            ids.add(id);
            rows.add(List.of("批量" + cn(i % 10) + cn(i / 10 % 10) + cn(i / 100), id, fx.townAName, "群众", "公务员"));
        }
        String poison = "故障" + fx.tag.replaceAll("[^a-z]", "");
        rows.add(List.of(poison, ImportFixtures.citizenId(LocalDate.of(1971, 1, 3), true), fx.townAName, "群众", "公务员"));
        // the database fails on that row, like a server that stops half-way
        String fn = "fail_" + fx.tag.replaceAll("[^a-z0-9]", "x");
        jdbc.sql("create function " + fn + "() returns trigger language plpgsql as $$ begin "
                + "if new.name = '" + poison + "' then raise exception 'simulated failure'; end if; return new; end $$").update();
        jdbc.sql("create trigger " + fn + " before insert on cadre for each row execute function " + fn + "()").update();
        try {
            ImportJob job = runImport(fx.countyAdmin, "半途.xlsx", ImportFixtures.xlsx(rows), ImportMode.VALID_ROWS);
            assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
            assertThat(job.message()).startsWith("导入失败，未写入任何数据");
            assertThat(stored(ids.toArray(String[]::new))).isZero();
        } finally {
            jdbc.sql("drop trigger " + fn + " on cadre").update();
            jdbc.sql("drop function " + fn + "()").update();
        }
    }

    @Test
    void aJobWhoseTransactionCannotCommitIsEndedFailedInATransactionOfItsOwn() throws Exception {
        String id = ImportFixtures.citizenId(LocalDate.of(1975, 3, 3), true);
        byte[] file = ImportFixtures.xlsx(List.of(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of("提交" + cn(7), id, fx.townAName, "群众", "公务员")));
        String name = "提交失败" + fx.tag + ".xlsx";
        // the job's commit fails (a check deferred to the commit refuses its COMPLETED end), as when the connection is lost
        String fn = "commit_" + fx.tag.replaceAll("[^a-z0-9]", "x");
        jdbc.sql("create function " + fn + "() returns trigger language plpgsql as $$ begin "
                + "if new.status = 'COMPLETED' and new.file_name = '" + name + "' then raise exception 'simulated commit failure'; end if;"
                + " return new; end $$").update();
        jdbc.sql("create constraint trigger " + fn + " after update on import_job deferrable initially deferred"
                + " for each row execute function " + fn + "()").update();
        try {
            ImportJob job = runImport(fx.countyAdmin, name, file, ImportMode.VALID_ROWS);
            assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
            assertThat(job.message()).startsWith("导入失败，未写入任何数据");
            assertThat(stored(id)).isZero();
        } finally {
            jdbc.sql("drop trigger " + fn + " on import_job").update();
            jdbc.sql("drop function " + fn + "()").update();
        }
    }

    @Test
    void aCadreSavedBySomeoneElseDuringTheImportFailsTheJobCleanlyAndARetryUpdatesThem() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = ImportFixtures.citizenId(LocalDate.of(1972, 5, 1).plusDays(i), i % 2 == 0);
            ids.add(id);
            rows.add(List.of("并发" + cn(i % 10) + cn(i / 10), id, fx.townAName, "群众", "公务员"));
        }
        String racer = "抢先" + fx.tag.replaceAll("[^a-z]", "");
        String racerId = ImportFixtures.citizenId(LocalDate.of(1973, 6, 1), true);
        rows.add(List.of(racer, racerId, fx.townAName, "群众", "公务员"));
        // while the import writes, another clerk saves the same person: simulated by a trigger that stores a
        // cadre with that citizen ID just before the import's row
        String fn = "race_" + fx.tag.replaceAll("[^a-z0-9]", "x");
        jdbc.sql("create function " + fn + "() returns trigger language plpgsql as $$ begin "
                + "if new.name = '" + racer + "' then insert into cadre (name, gender, birth_date, citizen_id_enc,"
                + " citizen_id_hash, citizen_id_masked, political_status, org_id, staff_category) values ('另一录入',"
                + " new.gender, new.birth_date, new.citizen_id_enc, new.citizen_id_hash, new.citizen_id_masked,"
                + " new.political_status, new.org_id, new.staff_category); end if; return new; end $$").update();
        jdbc.sql("create trigger " + fn + " before insert on cadre for each row execute function " + fn + "()").update();
        ImportJob job;
        try {
            job = runImport(fx.countyAdmin, "并发.xlsx", ImportFixtures.xlsx(rows), ImportMode.VALID_ROWS);
            assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
            assertThat(job.message()).contains("有人同时录入").contains("重新执行导入");
            assertThat(stored(ids.toArray(String[]::new))).isZero();
            assertThat(stored(racerId)).isZero();
        } finally {
            jdbc.sql("drop trigger " + fn + " on cadre").update();
            jdbc.sql("drop function " + fn + "()").update();
        }
        // the other clerk's cadre is now really there; running the same file again updates them
        ImportFixtures.actAs(fx.countyAdmin);
        roster.upsert(new org.ganxun.people.internal.cadre.CadreForm("另一录入", null, null, null, racerId, null,
                org.ganxun.people.PoliticalStatus.MASSES, null, fx.townA, null, null, null, null,
                org.ganxun.people.StaffCategory.CIVIL_SERVANT, null, null, null, null, null, null, null),
                org.ganxun.people.CitizenId.parse(racerId, clock.today()).id().orElseThrow());
        ImportJob retried = runImport(fx.countyAdmin, "并发.xlsx", ImportFixtures.xlsx(rows), ImportMode.VALID_ROWS);
        assertThat(retried.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(retried.createdCount()).isEqualTo(30);
        assertThat(retried.updatedCount()).isEqualTo(1);
        ImportFixtures.actAs(fx.countyAdmin);
        assertThat(roster.get(roster.idByCitizenId(racerId)).name()).isEqualTo(racer);
    }

    @Test
    void aCadreChangedBySomeoneElseDuringTheImportIsNotOverwrittenAndTheJobStoresNothing() throws Exception {
        List<Object> header = List.of("姓名", "公民身份号码", "单位", "职务", "政治面貌", "人员类别");
        String id = ImportFixtures.citizenId(LocalDate.of(1974, 8, 8), false);
        runImport(fx.countyAdmin, "先.xlsx", ImportFixtures.xlsx(List.of(header,
                List.of("覆盖" + cn(3), id, fx.townAName, "科员", "群众", "公务员"))), ImportMode.ALL_OR_NOTHING);
        ImportFixtures.actAs(fx.countyAdmin);
        long cadreId = roster.idByCitizenId(id);
        String newcomer = "新人" + fx.tag.replaceAll("[^a-z]", "");
        String newcomerId = ImportFixtures.citizenId(LocalDate.of(1975, 9, 9), true);
        // after the import has read 覆盖三 and before it writes, another clerk saves them: simulated by a trigger
        // on the batch's new cadre, which the import stores before its updates
        String fn = "edit_" + fx.tag.replaceAll("[^a-z0-9]", "x");
        jdbc.sql("create function " + fn + "() returns trigger language plpgsql as $$ begin "
                + "if new.name = '" + newcomer + "' then update cadre set post = '他人改的职务', version = version + 1"
                + " where id = " + cadreId + "; end if; return new; end $$").update();
        jdbc.sql("create trigger " + fn + " before insert on cadre for each row execute function " + fn + "()").update();
        try {
            ImportJob job = runImport(fx.countyAdmin, "后.xlsx", ImportFixtures.xlsx(List.of(header,
                    List.of("覆盖" + cn(3), id, fx.townAName, "副主任", "群众", "公务员"),
                    List.of(newcomer, newcomerId, fx.townAName, "科员", "群众", "公务员"))), ImportMode.VALID_ROWS);
            assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
            assertThat(job.message()).contains("有人修改了文件中某位干部").contains("重新执行导入");
        } finally {
            jdbc.sql("drop trigger " + fn + " on cadre").update();
            jdbc.sql("drop function " + fn + "()").update();
        }
        assertThat(stored(newcomerId)).isZero();
        ImportFixtures.actAs(fx.countyAdmin);
        // the whole job rolled back, the trigger's edit with it: the cadre is as the first import left them
        assertThat(roster.get(cadreId).post()).isEqualTo("科员");
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'Cadre' and entity_id = ? and action = 'UPDATE'")
                .param(String.valueOf(cadreId)).query(Long.class).single()).isZero();
    }

    private long stored(String... ids) {
        ImportFixtures.actAs(fx.admin);
        return Arrays.stream(ids).filter(i -> roster.idByCitizenId(i) != null).count();
    }

    /** A job row as another (or a stopped) application node left it: the county administrator's upload. */
    long storedJob(String status, byte[] file) {
        return jdbc.sql("""
                insert into import_job (owner_id, owner_username, file_name, file_type, file_size, file_data, mode, status, started_at)
                values (?, ?, '名单.xlsx', 'XLSX', ?, ?, 'ALL_OR_NOTHING', ?, case when ? = 'RUNNING' then now() end) returning id""")
                .params(fx.countyAdmin.id(), fx.countyAdmin.username(), file.length, file, status, status)
                .query(Long.class).single();
    }

    ImportJob runImport(org.ganxun.platform.security.CurrentUser user, String name, byte[] file, ImportMode mode)
            throws InterruptedException {
        ImportFixtures.actAs(user);
        ImportJob started = imports.start(name, file, mode, "127.0.0.1");
        assertThat(started.status()).isIn(ImportJob.Status.QUEUED, ImportJob.Status.RUNNING, ImportJob.Status.COMPLETED,
                ImportJob.Status.REJECTED);
        return awaitEnd(user, started.id());
    }

    ImportJob awaitEnd(org.ganxun.platform.security.CurrentUser user, long id) throws InterruptedException {
        ImportFixtures.actAs(user);
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            ImportJob j = imports.get(id);
            if (j.status() != ImportJob.Status.QUEUED && j.status() != ImportJob.Status.RUNNING) {
                return j;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import job " + id + " did not finish");
    }

    List<List<String>> errorReport(long jobId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        imports.writeErrorReport(jobId, out);
        return readSheet(out.toByteArray(), 0);
    }

    static List<List<String>> readSheet(byte[] xlsx, int sheetNo) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter fmt = new DataFormatter();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheetAt(sheetNo);
            for (Row r : s) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < r.getLastCellNum(); c++) {
                    var cell = r.getCell(c);
                    cells.add(cell == null ? null : fmt.formatCellValue(cell));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The same workbook, its sheet padded with 60 MB of spaces: packs to a few hundred KB. */
    static byte[] zipBomb(byte[] xlsx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(data, StandardCharsets.UTF_8);
                    int at = xml.indexOf("<sheetData>");
                    zip.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    byte[] spaces = new byte[1024 * 1024];
                    Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 60; i++) {
                        zip.write(spaces);
                    }
                    zip.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
                } else {
                    zip.write(data);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static String cn(int i) {
        return String.valueOf("零一二三四五六七八九".charAt(i % 10));
    }

    static String toFullWidth(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : c);
        }
        return b.toString().replace('Ｘ', 'ｘ');
    }
}
