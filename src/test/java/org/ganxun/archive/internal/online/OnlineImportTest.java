package org.ganxun.archive.internal.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import org.ganxun.support.TestWorkbooks;
import java.util.Map;

import cn.idev.excel.FastExcel;
import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.ArchiveEntry;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.CitizenId;
import org.ganxun.people.Roster;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.excel.RowError;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * 网络学时导入 with real .xlsx and .csv files built here: the header is found below a title row and the
 * mapping proposed from the platform's column names; every row is checked (person by citizen ID within the
 * importer's scope, dates, durations, the same course twice); minutes become 学时 by the national default
 * online bands (≥30 min = 1, 15–30 = 0.5, <15 = 0.25, +0.5 for a passed test); importing the same file
 * again credits nothing twice; all-or-nothing with a bad row stores nothing.
 */
@IntegrationTest
class OnlineImportTest {

    @Autowired Fixture fixture;
    @Autowired OnlineImports imports;
    @Autowired ArchiveEntries entries;
    @Autowired Roster roster;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired OnlineImportWorker worker;
    @Autowired OnlineImportStore store;

    long county;
    long town;
    long otherCounty;
    String idA;
    String idB;
    String idOutside;
    long cadreA;
    long cadreB;
    long cadreOutside;
    CurrentUser admin;
    LocalDate d1;
    LocalDate d2;

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("网课县"), "COUNTY");
        town = fixture.org(county, Fixture.unique("网课镇"), "TOWNSHIP");
        otherCounty = fixture.org(null, Fixture.unique("外县"), "COUNTY");
        idA = Fixture.citizenId(LocalDate.of(1979, 2, 14), true);
        idB = Fixture.citizenId(LocalDate.of(1986, 10, 1), false);
        idOutside = Fixture.citizenId(LocalDate.of(1981, 5, 5), true);
        cadreA = cadre("网课甲", town, idA);
        cadreB = cadre("网课乙", town, idB);
        cadreOutside = cadre("网课丙", otherCounty, idOutside);
        admin = fixture.user(Fixture.unique("olc"), Role.ORG_DEPT_ADMIN, county, null, null);
        LocalDate today = LocalDate.now();
        d1 = today.minusDays(20);
        d2 = today.minusDays(10);
    }

    private long cadre(String name, long org, String cid) {
        CadreForm f = Fixture.cadreForm(name, org, cid);
        return fixture.as(Fixture.systemAdmin(), () -> roster.create(f).id());
    }

    /** A platform's export: a title line, then the header, then the rows. */
    private List<List<Object>> export(List<List<Object>> data) {
        List<List<Object>> rows = new java.util.ArrayList<>();
        rows.add(List.of("干部网络学院学员学习记录（导出时间 " + LocalDate.now() + "）"));
        rows.add(List.of("序号", "学员姓名", "身份证号码", "课程编号", "课程名称", "学习时长（分钟）", "完成时间", "考试结果"));
        rows.addAll(data);
        return rows;
    }

    @Test
    void importsAnXlsxExportChecksEveryRowAndCreditsOnlyOnce() throws Exception {
        String tooLong = "5000";
        byte[] file = xlsx(export(List.of(
                List.of(1, "网课甲", idA, "C-1001", "习近平新时代中国特色社会主义思想专题", 45, d1, "通过"),   // row 3: 1 + 0.5 = 1.5
                List.of(2, "网课甲", idA, "C-1002", "党史学习教育", "20", d1.toString(), "未通过"),          // row 4: 0.5
                List.of(3, "网课乙", idB, "C-1001", "习近平新时代中国特色社会主义思想专题", "0:12:30", d2, "否"), // row 5: 0.25
                List.of(4, "网课乙", idB, "C-1003", "负数时长", -30, d2, "否"),                            // row 6: negative
                List.of(5, "网课乙", idB, "C-1004", "日期写错", 40, "2026-13-45", "否"),                      // row 7: bad date
                List.of(6, "网课甲", idA, "C-1001", "习近平新时代中国特色社会主义思想专题", 50, d2, "通过"),   // row 8: duplicate of row 3
                List.of(7, "某某", Fixture.citizenId(LocalDate.of(1970, 1, 1), true), "C-1005", "不在花名册", 30, d2, "否"), // row 9: unknown
                List.of(8, "网课丙", idOutside, "C-1001", "越权", 30, d2, "否"),                           // row 10: outside the scope
                List.of(9, "网课乙", idB, "C-1006", "时长离谱", tooLong, d2, "否"),                          // row 11: absurd
                List.of(10, "网课乙", idB, "C-1007", "未来日期", 30, LocalDate.now().plusDays(3), "否"),       // row 12: future
                List.of(11, "网课丁", idB, "C-1008", "姓名不符", 30, d2, "否"))));                           // row 13: name mismatch

        OnlineImport uploaded = fixture.as(admin, () -> imports.upload("干部网络学院导出.xlsx", file, "127.0.0.1"));
        assertThat(uploaded.status()).isEqualTo(OnlineImport.Status.UPLOADED);
        assertThat(uploaded.headerRow()).isEqualTo(2);
        assertThat(uploaded.columns()).extracting(OnlineImport.Column::title)
                // full-width brackets are read as ASCII, as every cell's text is cleaned
                .containsExactly("序号", "学员姓名", "身份证号码", "课程编号", "课程名称", "学习时长(分钟)", "完成时间", "考试结果");
        // the proposal from the platform's own column names
        assertThat(uploaded.proposedMapping()).containsExactlyInAnyOrderEntriesOf(Map.of(OnlineColumn.NAME, 1,
                OnlineColumn.CITIZEN_ID, 2, OnlineColumn.COURSE_ID, 3, OnlineColumn.COURSE_TITLE, 4, OnlineColumn.MINUTES, 5,
                OnlineColumn.COMPLETED_ON, 6, OnlineColumn.PASSED_TEST, 7));
        // the samples never show a full citizen ID
        assertThat(uploaded.columns().get(2).samples()).allSatisfy(s -> assertThat(s).contains("********"));

        OnlineImport done = run(uploaded.id(), uploaded.proposedMapping(), ImportMode.VALID_ROWS);
        assertThat(done.status()).isEqualTo(OnlineImport.Status.COMPLETED);
        assertThat(done.totalRows()).isEqualTo(11);
        assertThat(done.creditedCount()).isEqualTo(3);
        assertThat(done.creditedHours()).isEqualByComparingTo("2.25"); // 1.5 + 0.5 + 0.25
        assertThat(done.errorRowCount()).isEqualTo(8);
        assertThat(done.errors()).extracting(RowError::row, RowError::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(6, "学习时长(分钟)"),
                        org.assertj.core.groups.Tuple.tuple(7, "完成时间"),
                        org.assertj.core.groups.Tuple.tuple(8, "课程编号"),
                        org.assertj.core.groups.Tuple.tuple(9, "身份证号码"),
                        org.assertj.core.groups.Tuple.tuple(10, "身份证号码"),
                        org.assertj.core.groups.Tuple.tuple(11, "学习时长(分钟)"),
                        org.assertj.core.groups.Tuple.tuple(12, "完成时间"),
                        org.assertj.core.groups.Tuple.tuple(13, "学员姓名"));
        Map<Integer, String> why = new java.util.HashMap<>();
        done.errors().forEach(e -> why.put(e.row(), e.message()));
        assertThat(why.get(6)).contains("负数");
        assertThat(why.get(7)).contains("无法识别");
        assertThat(why.get(8)).contains("与第3行重复");
        assertThat(why.get(9)).contains("花名册中没有");
        assertThat(why.get(10)).contains("不在您的管理范围内");
        assertThat(why.get(11)).contains("超过50小时");
        assertThat(why.get(12)).contains("晚于今天");
        assertThat(why.get(13)).contains("网课乙");
        assertThat(done.errors()).filteredOn(e -> e.row() == 10).first()
                .satisfies(e -> assertThat(e.value()).isEqualTo(CitizenId.mask(idOutside)));

        List<ArchiveEntry> a = fixture.as(admin, () -> entries.of(cadreA));
        assertThat(a).hasSize(2).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(CreditSource.ONLINE_COURSE);
            assertThat(e.delivery()).isEqualTo(Delivery.ONLINE);
            assertThat(e.quantityUnit()).isEqualTo(QuantityUnit.MINUTES);
            assertThat(e.creditedOn()).isEqualTo(d1);
            assertThat(e.provider()).isEqualTo("干部网络学院");
        });
        ArchiveEntry first = a.stream().filter(e -> e.sourceRef().equals("C-1001@" + d1)).findFirst().orElseThrow();
        assertThat(first.hours()).isEqualByComparingTo("1.5");
        assertThat(first.conversionNote()).contains("45分钟计1学时").contains("通过测试加0.5学时");
        assertThat(fixture.as(admin, () -> entries.of(cadreB))).singleElement()
                .satisfies(e -> assertThat(e.hours()).isEqualByComparingTo("0.25"));
        assertThat(jdbc.sql("select count(*) from archive_entry where cadre_id = ?").param(cadreOutside).query(Long.class).single())
                .isZero();

        // the error report: the uploaded sheet with 错误说明 and 原行号, only the bad rows under the header
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        fixture.as(admin, () -> {
            imports.writeErrorReport(done.id(), report);
            return null;
        });
        List<Map<Integer, String>> sheet = FastExcel.read(new ByteArrayInputStream(report.toByteArray())).sheet(0).headRowNumber(0).doReadSync();
        assertThat(sheet.get(1)).containsValues("错误说明", "原行号");
        assertThat(sheet).hasSize(2 + 8);
        assertThat(sheet.get(2).get(8)).contains("学习时长不能为负数");
        // downloading it (errors.xlsx) is an audited export naming the job and its 8 error rows
        mvc.perform(get("/api/archive/online-imports/" + done.id() + "/errors.xlsx").with(user(admin))).andExpect(status().isOk());
        assertThat(jdbc.sql("""
                select after_data ->> 'rows' from audit_log where action = 'EXPORT' and entity_type = 'OnlineImport' and entity_id = ?""")
                .param(String.valueOf(done.id())).query(String.class).list()).containsExactly("8");
        assertThat(sheet.get(2).get(9)).isEqualTo("6");
        // … with every citizen ID in it masked, and the upload it is made from sealed in the database
        assertThat(sheet.toString()).doesNotContain(idB).doesNotContain(idOutside).contains(CitizenId.mask(idOutside));
        byte[] stored = jdbc.sql("select file_data from online_import where id = ?").param(done.id()).query(byte[].class).single();
        assertThat(new String(stored, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("GXE1");

        // the same file again: nothing credited twice (same course id and completion date)
        OnlineImport again = fixture.as(admin, () -> imports.upload("干部网络学院导出.xlsx", file, "127.0.0.1"));
        OnlineImport second = run(again.id(), again.proposedMapping(), ImportMode.VALID_ROWS);
        assertThat(second.creditedCount()).isZero();
        assertThat(second.skippedCount()).isEqualTo(3);
        assertThat(second.message()).contains("3条此前已计入");
        assertThat(jdbc.sql("select count(*) from archive_entry where cadre_id in (?, ?)").params(cadreA, cadreB)
                .query(Long.class).single()).isEqualTo(3);

        // the standing of the person counts the new online hours (ONLINE_YEARLY, 网络自学 50 学时)
        if (d1.getYear() == LocalDate.now().getYear()) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                    "select counted_hours from cadre_standing where cadre_id = ? and code = 'ONLINE_YEARLY'")
                    .param(cadreA).query(BigDecimal.class).optional()).hasValueSatisfying(h -> assertThat(h).isEqualByComparingTo("2")));
        }
    }

    @Test
    void allOrNothingWithABadRowStoresNothing() {
        byte[] file = xlsx(export(List.of(
                List.of(1, "网课甲", idA, "K-1", "好课", 30, d1, "否"),
                List.of(2, "网课乙", idB, "K-2", "坏行", "三十", d1, "否"))));
        OnlineImport up = fixture.as(admin, () -> imports.upload("全部或无.xlsx", file, "127.0.0.1"));
        OnlineImport done = run(up.id(), up.proposedMapping(), ImportMode.ALL_OR_NOTHING);
        assertThat(done.status()).isEqualTo(OnlineImport.Status.REJECTED);
        assertThat(done.message()).contains("按“全部正确才导入”的方式").contains("未计入任何学时");
        assertThat(done.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(4);
            assertThat(e.message()).contains("无法识别");
        });
        assertThat(jdbc.sql("select count(*) from archive_entry where cadre_id in (?, ?)").params(cadreA, cadreB)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'ArchiveEntry' and summary like ?")
                .param("导入网络学时：网课甲 好课%").query(Long.class).single()).isZero();
    }

    @Test
    void aCourseCompletedInTheOwnAcademyThatYearIsSkippedNotCountedTwice() {
        // 网络学院 credited 条例解读 to 网课甲 this year (source ONLINE_ACADEMY): the same course from another platform
        // is skipped; 网课乙 never took it there and is credited
        LocalDate on = d1;
        jdbc.sql("""
                insert into archive_entry (cadre_id, source, source_ref, title, provider, started_on, ended_on, credited_on, quantity,
                                           quantity_unit, hours, delivery, required, full_time, status, recorded_by)
                values (?, 'ONLINE_ACADEMY', 'OC-1', '条例解读', '网络学院', ?, ?, ?, 0.25, 'HOURS', 0.25, 'ONLINE', false, false, 'APPROVED', 'system')""")
                .params(cadreA, on, on, on).update();
        byte[] file = xlsx(export(List.of(
                List.of(1, "网课甲", idA, "P-9", "条例解读", 20, d2, "否"),
                List.of(2, "网课乙", idB, "P-9", "条例解读", 20, d2, "否"))));
        OnlineImport up = fixture.as(admin, () -> imports.upload("省平台.xlsx", file, "127.0.0.1"));
        OnlineImport done = run(up.id(), up.proposedMapping(), ImportMode.ALL_OR_NOTHING);
        assertThat(done.status()).isEqualTo(OnlineImport.Status.COMPLETED);
        assertThat(done.creditedCount()).isEqualTo(1);
        assertThat(done.skippedCount()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from archive_entry where cadre_id = ? and source = 'ONLINE_COURSE'").param(cadreA)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from archive_entry where cadre_id = ? and source = 'ONLINE_COURSE'").param(cadreB)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aGbkCsvWithNamesOnlyAndHoursIsMappedByHand() {
        // Excel saves Chinese CSV in GBK; no citizen IDs, the platform's own 学时, and column names we do not know
        String csv = "人员,所学课程,获得学时,结束日期\r\n"
                + "网课甲,宪法学习," + "1.5," + d1.toString().replace("-", "/") + "\r\n"
                + "无此人,宪法学习,1," + d1 + "\r\n";
        byte[] bytes = csv.getBytes(Charset.forName("GB18030"));
        OnlineImport up = fixture.as(admin, () -> imports.upload("学时.csv", bytes, "127.0.0.1"));
        assertThat(up.headerRow()).isEqualTo(1);
        assertThat(up.proposedMapping()).containsEntry(OnlineColumn.HOURS, 2);
        // without a person and a date nothing can start: the server says what is missing
        assertThatThrownBy(() -> fixture.as(admin, () -> imports.start(up.id(), Map.of(OnlineColumn.HOURS, 2), null, ImportMode.VALID_ROWS)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("身份证号").hasMessageContaining("姓名");
        Map<OnlineColumn, Integer> m = new EnumMap<>(OnlineColumn.class);
        m.put(OnlineColumn.NAME, 0);
        m.put(OnlineColumn.COURSE_TITLE, 1);
        m.put(OnlineColumn.HOURS, 2);
        m.put(OnlineColumn.COMPLETED_ON, 3);
        OnlineImport done = run(up.id(), m, ImportMode.VALID_ROWS);
        assertThat(done.creditedCount()).isEqualTo(1);
        assertThat(done.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(3);
            assertThat(e.column()).isEqualTo("人员");
            assertThat(e.message()).contains("没有名为“无此人”的干部");
        });
        assertThat(fixture.as(admin, () -> entries.of(cadreA))).singleElement().satisfies(e -> {
            assertThat(e.hours()).isEqualByComparingTo("1.5");
            assertThat(e.provider()).isEqualTo("干部网络学院");
            assertThat(e.quantityUnit()).isEqualTo(QuantityUnit.HOURS);
        });
    }

    @Test
    void aTotalLineInTheNameColumnIsNotARow() {
        // platforms end the export with 合计 in the first column, here the name column, beside the summed minutes
        String csv = "姓名,课程名称,学习时长（分钟）,完成日期\r\n"
                + "网课甲,宪法学习,45," + d1 + "\r\n"
                + "网课乙,宪法学习,30," + d1 + "\r\n"
                + "合 计,,75,\r\n";
        OnlineImport up = fixture.as(admin, () -> imports.upload("合计行.csv", csv.getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
        OnlineImport done = run(up.id(), up.proposedMapping(), ImportMode.ALL_OR_NOTHING);
        assertThat(done.errors()).isEmpty();
        assertThat(done.status()).isEqualTo(OnlineImport.Status.COMPLETED);
        assertThat(done.totalRows()).isEqualTo(2);
        assertThat(done.creditedCount()).isEqualTo(2);
    }

    @Test
    void onlyTheOrganisationDepartmentImportsAndOnlyItsOwnJobs() throws Exception {
        CurrentUser liaison = fixture.user(Fixture.unique("oll"), Role.UNIT_LIAISON, county, null, null);
        byte[] file = ("身份证号,课程名称,学时,完成日期\n" + idA + ",课,1," + d1 + "\n").getBytes(StandardCharsets.UTF_8);
        // (MockMvc's csrf() would replace the shared CSRF repository that the real server's later tests use: reads only)
        mvc.perform(get("/api/archive/online-imports").with(user(liaison))).andExpect(status().isForbidden());
        assertThatThrownBy(() -> fixture.as(liaison, () -> imports.upload("a.csv", file, "127.0.0.1")))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));
        long id = fixture.as(admin, () -> imports.upload("a.csv", file, "127.0.0.1")).id();
        CurrentUser otherAdmin = fixture.user(Fixture.unique("olo"), Role.ORG_DEPT_ADMIN, county, null, null);
        mvc.perform(get("/api/archive/online-imports/" + id).with(user(otherAdmin))).andExpect(status().isNotFound());
        mvc.perform(get("/api/archive/online-imports/" + id).with(user(admin))).andExpect(status().isOk());
        // not a spreadsheet
        assertThatThrownBy(() -> fixture.as(admin, () -> imports.upload("x.pdf", "%PDF".getBytes(), "127.0.0.1")))
                .isInstanceOf(BusinessException.class).hasMessageContaining("Excel");
    }

    @Test
    void anImportLeftRunningByAStoppedServerFailsAndIsRunAgainOnRetry() {
        byte[] file = xlsx(export(List.of(List.of(1, "网课甲", idA, "S-1", "中断后重来", 60, d1, "否"))));
        OnlineImport up = fixture.as(admin, () -> imports.upload("中断.xlsx", file, "127.0.0.1"));
        // the server stopped while running it: the job row says RUNNING, nobody holds its lock, nothing stored
        assertThat(store.queue(up.id(), up.proposedMapping(), "网络学院", ImportMode.VALID_ROWS)).isTrue();
        jdbc.sql("update online_import set status = 'RUNNING', started_at = now() where id = ?").param(up.id()).update();

        worker.sweep(); // at start-up and every minute

        OnlineImport failed = fixture.as(admin, () -> imports.get(up.id()));
        assertThat(failed.status()).isEqualTo(OnlineImport.Status.FAILED);
        assertThat(failed.message()).isEqualTo("服务器在导入过程中停止，未写入任何数据，可重新执行");
        fixture.as(admin, () -> imports.retry(up.id()));
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.as(admin, () -> imports.get(up.id())).status(),
                s -> s == OnlineImport.Status.COMPLETED || s == OnlineImport.Status.FAILED);
        assertThat(fixture.as(admin, () -> imports.get(up.id())).creditedCount()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from archive_entry where cadre_id = ? and title = '中断后重来'").param(cadreA)
                .query(Long.class).single()).isEqualTo(1);
    }

    private OnlineImport run(long id, Map<OnlineColumn, Integer> mapping, ImportMode mode) {
        fixture.as(admin, () -> imports.start(id, mapping, "干部网络学院", mode));
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.as(admin, () -> imports.get(id)).status(),
                s -> s == OnlineImport.Status.COMPLETED || s == OnlineImport.Status.REJECTED || s == OnlineImport.Status.FAILED);
        return fixture.as(admin, () -> imports.get(id));
    }

    static byte[] xlsx(List<List<Object>> rows) {
        return TestWorkbooks.xlsx("学习记录", rows);
    }
}
