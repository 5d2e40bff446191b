package org.ganxun.people.internal.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.RealCsrf.token;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.ganxun.org.OrganizationTrees;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.CadreSearch;
import org.ganxun.people.Gender;
import org.ganxun.people.Roster;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.support.IntegrationTest;
import org.ganxun.platform.web.Downloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The import and export through HTTP, as the web UI calls them. */
@IntegrationTest
class ImportApiTest {

    @Autowired
    WebApplicationContext context;
    /** The test's own reads of what was stored (its user stays signed in): past the ScopeGuard. */
    JdbcClient jdbc;

    @Autowired
    void unguarded(org.ganxun.support.Unguarded unguarded) {
        this.jdbc = unguarded.jdbc();
    }
    @Autowired
    OrganizationTrees trees;
    @Autowired
    Roster roster;
    @Autowired
    CadreSearch search;
    @Autowired
    JsonMapper json;

    MockMvc mvc;
    ImportFixtures fx;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        fx = new ImportFixtures(jdbc, trees);
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aUserScopedToOneTownshipCannotImportIntoAnother() throws Exception {
        String mine = ImportFixtures.citizenId(LocalDate.of(1982, 4, 4), true);
        String theirs = ImportFixtures.citizenId(LocalDate.of(1983, 4, 4), false);
        String theirsByPath = ImportFixtures.citizenId(LocalDate.of(1984, 4, 4), false);
        byte[] file = ImportFixtures.xlsx(List.of(
                List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of("本镇人", mine, fx.townAName, "群众", "公务员"),
                List.of("外镇人", theirs, fx.townBName, "群众", "公务员"),
                List.of("外镇人乙", theirsByPath, fx.countyName + "/" + fx.townBName + "/农业服务中心" + fx.tag, "群众", "公务员")));

        JsonNode job = upload(fx.townAUser, file, "VALID_ROWS");
        job = await(fx.townAUser, job.get("id").asLong());
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("createdCount").asInt()).isEqualTo(1);
        assertThat(job.get("errorRowCount").asInt()).isEqualTo(2);
        List<String> messages = new ArrayList<>();
        job.get("errors").forEach(e -> messages.add(e.get("row").asInt() + ":" + e.get("column").asString() + ":" + e.get("message").asString()));
        assertThat(messages).containsExactly("3:单位:单位不在您的管理范围内", "4:单位:单位不在您的管理范围内");
        assertThat(roster.idByCitizenId(theirs)).isNull();
        assertThat(roster.idByCitizenId(theirsByPath)).isNull();
        assertThat(roster.idByCitizenId(mine)).isNotNull();

        // the same file all-or-nothing: nothing at all
        String mine2 = ImportFixtures.citizenId(LocalDate.of(1982, 4, 5), true);
        byte[] file2 = ImportFixtures.xlsx(List.of(
                List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of("本镇人乙", mine2, fx.townAName, "群众", "公务员"),
                List.of("外镇人", theirs, fx.townBName, "群众", "公务员")));
        JsonNode rejected = await(fx.townAUser, upload(fx.townAUser, file2, "ALL_OR_NOTHING").get("id").asLong());
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(roster.idByCitizenId(mine2)).isNull();
        assertThat(roster.idByCitizenId(theirs)).isNull();

        // someone else's job is not visible; a plain cadre may not import
        mvc.perform(get("/api/cadres/import/" + job.get("id").asLong()).with(user(fx.countyAdmin))).andExpect(status().isNotFound());
        mvc.perform(get("/api/cadres/import").with(user(fx.townAUser))).andExpect(status().isOk());
        byte[] report = mvc.perform(get("/api/cadres/import/" + job.get("id").asLong() + "/errors.xlsx").with(user(fx.townAUser)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<List<String>> rows = RosterImportTest.readSheet(report, 0);
        assertThat(rows.get(0)).contains("错误说明");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).get(5)).isEqualTo("单位：单位不在您的管理范围内");
        // the error report holds people's data: an audited export (errors.xlsx) with the job and its error rows
        assertThat(jdbc.sql("""
                select after_data ->> 'rows' from audit_log where action = 'EXPORT' and entity_type = 'ImportJob' and entity_id = ?""")
                .param(String.valueOf(job.get("id").asLong())).query(String.class).list())
                .containsExactly(jdbc.sql("select error_row_count::text from import_job where id = ?").param(job.get("id").asLong())
                        .query(String.class).single());
    }

    @Autowired
    org.ganxun.platform.job.UploadVault vault;

    @Test
    void noFullCitizenIdInTheErrorsTheErrorWorkbookOrTheStoredJob() throws Exception {
        String good = ImportFixtures.citizenId(LocalDate.of(1981, 6, 7), true);
        String badCheck = ImportFixtures.withWrongCheck(ImportFixtures.citizenId(LocalDate.of(1982, 6, 7), false));
        String outOfScope = ImportFixtures.citizenId(LocalDate.of(1983, 6, 7), true);
        byte[] file = ImportFixtures.xlsx(List.of(
                List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of("号码对", good, fx.townAName, "群众", "公务员"),
                List.of("号码错", badCheck, fx.townAName, "群众", "公务员"),
                List.of("外镇人", outOfScope, fx.townBName, "群众", "公务员")));
        JsonNode job = await(fx.townAUser, upload(fx.townAUser, file, "VALID_ROWS").get("id").asLong());
        long id = job.get("id").asLong();
        assertThat(job.get("errorRowCount").asInt()).isEqualTo(2);
        // the API's errors: the ID masked as everywhere else (first 6 and last 4)
        assertThat(job.toString()).doesNotContain(badCheck).doesNotContain(outOfScope).doesNotContain(good);
        JsonNode idError = null;
        for (JsonNode e : job.get("errors")) {
            if (e.get("row").asInt() == 3) {
                idError = e;
            }
        }
        assertThat(idError).isNotNull();
        assertThat(idError.get("value").asString()).isEqualTo(badCheck.substring(0, 6) + "********" + badCheck.substring(14));

        // the error workbook the clerk downloads
        byte[] report = mvc.perform(get("/api/cadres/import/" + id + "/errors.xlsx").with(user(fx.townAUser)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<List<String>> rows = RosterImportTest.readSheet(report, 0);
        assertThat(rows).hasSize(3);
        assertThat(rows.toString()).doesNotContain(badCheck).doesNotContain(outOfScope);
        assertThat(rows.get(2).get(1)).isEqualTo(outOfScope.substring(0, 6) + "********" + outOfScope.substring(14));

        // the database row: errors and message masked, the kept upload sealed (and opened only with the key)
        String stored = jdbc.sql("select errors::text || coalesce(message, '') from import_job where id = ?").param(id).query(String.class).single();
        assertThat(stored).doesNotContain(badCheck).doesNotContain(outOfScope);
        byte[] data = jdbc.sql("select file_data from import_job where id = ?").param(id).query(byte[].class).single();
        assertThat(new String(data, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("GXE1");
        assertThat(vault.open(data)).isEqualTo(file);

        // past the retention the nightly purge deletes it, and the report says why it cannot be made
        jdbc.sql("update import_job set finished_at = now() - make_interval(days => ?) where id = ?")
                .params(vault.retentionDays() + 1, id).update();
        assertThat(vault.purge()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select file_data is null from import_job where id = ?").param(id).query(Boolean.class).single()).isTrue();
        String gone = mvc.perform(get("/api/cadres/import/" + id + "/errors.xlsx").with(user(fx.townAUser)))
                .andExpect(status().isGone()).andReturn().getResponse().getContentAsString();
        assertThat(gone).contains("保留期限");

        // a clean job keeps no file at all once it ends
        byte[] clean = ImportFixtures.xlsx(List.of(
                List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of("干净人", ImportFixtures.citizenId(LocalDate.of(1984, 6, 7), false), fx.townAName, "群众", "公务员")));
        long cleanId = await(fx.townAUser, upload(fx.townAUser, clean, "VALID_ROWS").get("id").asLong()).get("id").asLong();
        assertThat(jdbc.sql("select file_data is null from import_job where id = ?").param(cleanId).query(Boolean.class).single()).isTrue();
    }

    @Test
    void rejectsAWrongFileTypeWithAChineseMessage() throws Exception {
        String body = mvc.perform(multipart("/api/cadres/import")
                        .file(new MockMultipartFile("file", "名单.docx", "application/octet-stream", new byte[]{1, 2, 3}))
                        .param("mode", "VALID_ROWS").with(user(fx.townAUser)).with(token()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(body).get("message").asString()).contains("只能导入 Excel 文件");
    }

    @Test
    void theTemplateHasTheRosterColumnsASampleAndTheAllowedValues() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/cadres/import/template").with(user(fx.townAUser)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<List<String>> sheet = RosterImportTest.readSheet(xlsx, 0);
        assertThat(sheet.get(0)).containsExactly("人员编号", "姓名", "性别", "民族", "出生日期", "公民身份号码", "学历", "全日制学历",
                "在职学历", "政治面貌", "入党时间", "单位", "职务", "职级层次", "正副职", "职级", "是否领导职务", "人员类别",
                "参加工作时间", "联系电话", "是否后备干部", "所在党支部", "是否流动党员");
        // the code tables, every value with its standard code and the forms also read
        List<List<String>> table = RosterImportTest.readSheet(xlsx, 2);
        assertThat(table.get(0)).containsExactly("代码表", "代码", "名称", "简称", "也可写作");
        assertThat(table).anySatisfy(r -> assertThat(r.subList(0, 4)).containsExactly("政治面貌", "10", "九三学社社员", "九三学社社员"))
                .anySatisfy(r -> assertThat(r.subList(0, 3)).containsExactly("民族", "56", "基诺族"))
                .anySatisfy(r -> assertThat(r.subList(0, 3)).containsExactly("学历", "21", "大学本科毕业"))
                .anySatisfy(r -> assertThat(r.subList(0, 3)).containsExactly("职级", "Z11", "一级科员"));
        assertThat(table).hasSize(1 + 13 + 58 + 40 + 12 + 10 + 13);
        assertThat(sheet.get(1).get(RosterColumn.CITIZEN_ID.ordinal())).isEqualTo(TemplateWriter.SAMPLE_ID);
        List<List<String>> help = RosterImportTest.readSheet(xlsx, 1);
        assertThat(help.stream().map(r -> String.join("|", r.stream().map(String::valueOf).toList())).collect(Collectors.joining("\n")))
                .contains("中共党员").contains("村(社区)干部").contains("大学专科");
        // the untouched template imports nothing and complains about nothing (the sample is skipped)
        JsonNode job = await(fx.townAUser, upload(fx.townAUser, xlsx, "ALL_OR_NOTHING").get("id").asLong());
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("totalRows").asInt()).isZero();
    }

    @Test
    void theExportHasExactlyTheRowsOfTheFilterAndCanBeImportedAgain() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别", "职务", "所在党支部"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = ImportFixtures.citizenId(LocalDate.of(1975 + i, 1 + i, 10), i % 3 == 0);
            ids.add(id);
            rows.add(List.of("导出" + RosterImportTest.cn(i) + RosterImportTest.cn(i + 1), id,
                    i < 8 ? "农业服务中心" + fx.tag : fx.townBName, "中共党员", "事业人员", "干事", i < 8 ? fx.branchAName : ""));
        }
        // the farm centre's name is unique in township A's scope
        JsonNode first = await(fx.townAUser, upload(fx.townAUser, ImportFixtures.xlsx(rows.subList(0, 9)), "ALL_OR_NOTHING").get("id").asLong());
        assertThat(first.get("createdCount").asInt()).isEqualTo(8);
        List<List<Object>> rest = new ArrayList<>();
        rest.add(rows.get(0));
        rest.addAll(rows.subList(9, 13));
        await(fx.countyAdmin, upload(fx.countyAdmin, ImportFixtures.xlsx(rest), "ALL_OR_NOTHING").get("id").asLong());

        byte[] xlsx = mvc.perform(get("/api/cadres/export").param("orgId", String.valueOf(fx.townA)).param("gender", "FEMALE")
                        .param("sort", "name").with(user(fx.countyAdmin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<List<String>> sheet = RosterImportTest.readSheet(xlsx, 0);
        assertThat(sheet.get(0)).containsExactlyElementsOf(RosterColumn.titles());
        ImportFixtures.actAs(fx.countyAdmin);
        CadreQuery q = new CadreQuery(null, null, fx.townA, null, null, null, null, Gender.FEMALE, null, null, null, null,
                null, null, null, null, null, "name");
        List<String> expected = search.page(q, 1, 500).rows().stream().map(v -> v.name()).toList();
        assertThat(expected).hasSize(5); // 8 in township A, of them i = 0, 3, 6 male
        assertThat(sheet.subList(1, sheet.size()).stream().map(r -> r.get(RosterColumn.NAME.ordinal())).toList()).containsExactlyElementsOf(expected);
        List<String> first1 = sheet.get(1);
        assertThat(first1.get(RosterColumn.CITIZEN_ID.ordinal())).matches("\\d{6}\\*{8}\\d{3}[\\dX]");
        assertThat(first1.get(RosterColumn.ORG.ordinal())).isEqualTo(fx.townAName + "/农业服务中心" + fx.tag);
        assertThat(first1.get(RosterColumn.PARTY_ORG.ordinal())).isEqualTo(fx.branchAName);
        SecurityContextHolder.clearContext();

        // fill in the IDs, change a post, import again: updates, no new rows
        long before = jdbc.sql("select count(*) from cadre").query(Long.class).single();
        List<List<Object>> again = new ArrayList<>();
        again.add(new ArrayList<>(sheet.get(0)));
        for (List<String> r : sheet.subList(1, sheet.size())) {
            List<Object> copy = new ArrayList<>(r.stream().map(c -> (Object) c).toList());
            String name = r.get(RosterColumn.NAME.ordinal());
            int i = rows.stream().skip(1).map(x -> (String) x.get(0)).toList().indexOf(name);
            copy.set(RosterColumn.CITIZEN_ID.ordinal(), ids.get(i));
            copy.set(RosterColumn.POST.ordinal(), "站长");
            again.add(copy);
        }
        JsonNode re = await(fx.countyAdmin, upload(fx.countyAdmin, ImportFixtures.xlsx(again), "ALL_OR_NOTHING").get("id").asLong());
        assertThat(re.get("errors").toString()).isEqualTo("[]");
        assertThat(re.get("updatedCount").asInt()).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from cadre").query(Long.class).single()).isEqualTo(before);
        Set<String> posts = jdbc.sql("select distinct post from cadre where org_id = ? and gender = 'FEMALE'").param(fx.farmA)
                .query(String.class).set();
        assertThat(posts).containsExactly("站长");
    }

    /**
     * The round trip every clerk does (issue 15 item 7): export the roster, change one phone number, import the file
     * as it is. The exported citizen IDs are masked; the 人员编号 column finds each person. One update, nothing else:
     * no new cadre, no error, no other row touched (code-table values, derived leadership, units and branches all read
     * back as they were written out).
     */
    @Test
    void theRoundTripExportChangeAPhoneImportIsOneUpdateAndNothingElse() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别", "民族", "全日制学历", "在职学历", "职务", "职级",
                "联系电话", "所在党支部", "是否后备干部", "入党时间"));
        Object[][] people = {
                {"九三学社社员", "汉", "大学本科", "硕士", "副镇长", "四级主任科员", "13800000001", "", "是", ""},
                {"中共党员", "蒙古", "大专", "本科", "党委书记", "一级主任科员", "13800000002", fx.branchAName, "否", "2001-07-01"},
                {"民盟盟员", "穿青人", "中专", "", "科员", "一级科员", "13800000003", "", "否", ""},
                {"群众", "回族", "高中", "大专", "站长", "八级职员", "13800000004", "", "否", ""},
                {"中共预备党员", "", "", "", "", "专技十级", "13800000005", fx.branchAName, "否", ""},
                {"无党派人士", "彝", "硕士研究生毕业", "", "党政办公室主任", "", "0816-2345678", "", "否", ""}};
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < people.length; k++) {
            ids.add(ImportFixtures.citizenId(LocalDate.of(1976 + k, 3, 9), k % 2 == 0));
            List<Object> r = new ArrayList<>(List.of("往返" + RosterImportTest.cn(k), ids.get(k), fx.townAName, people[k][0], "公务员"));
            r.addAll(java.util.Arrays.asList(people[k]).subList(1, people[k].length));
            rows.add(r);
        }
        JsonNode first = await(fx.townAUser, upload(fx.townAUser, ImportFixtures.xlsx(rows), "ALL_OR_NOTHING").get("id").asLong());
        assertThat(first.get("errors").toString()).isEqualTo("[]");
        assertThat(first.get("createdCount").asInt()).isEqualTo(6);

        byte[] xlsx = mvc.perform(get("/api/cadres/export").param("orgId", String.valueOf(fx.townA)).param("sort", "name")
                        .with(user(fx.townAUser)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<List<String>> sheet = RosterImportTest.readSheet(xlsx, 0);
        assertThat(sheet).hasSize(7);
        int no = RosterColumn.PERSON_NO.ordinal();
        int cid = RosterColumn.CITIZEN_ID.ordinal();
        int phone = RosterColumn.PHONE.ordinal();
        for (List<String> r : sheet.subList(1, 7)) {
            assertThat(r.get(no)).matches("GX\\d{9,}");
            assertThat(r.get(cid)).contains("*"); // no full number leaves the system
        }
        assertThat(xlsx.length).isPositive();

        // the clerk changes one phone number; another row's number is written back masked, as a reader without
        // PHONE_VIEW would have received it: that means "unchanged"
        List<List<Object>> edited = new ArrayList<>();
        String changedName = null;
        String maskedName = null;
        for (List<String> r : sheet) {
            List<Object> copy = new ArrayList<>(r);
            if (edited.size() == 2) {
                changedName = r.get(RosterColumn.NAME.ordinal());
                copy.set(phone, "13911112222");
            } else if (edited.size() == 3) {
                maskedName = r.get(RosterColumn.NAME.ordinal());
                copy.set(phone, org.ganxun.platform.security.Phones.mask(r.get(phone)));
            }
            edited.add(copy);
        }
        long cadres = jdbc.sql("select count(*) from cadre").query(Long.class).single();
        long maxAudit = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
        JsonNode again = await(fx.townAUser, upload(fx.townAUser, ImportFixtures.xlsx(edited), "ALL_OR_NOTHING").get("id").asLong());
        assertThat(again.get("errors").toString()).isEqualTo("[]");
        assertThat(again.get("createdCount").asInt()).isZero();
        assertThat(again.get("updatedCount").asInt()).isEqualTo(1);
        assertThat(again.get("unchangedCount").asInt()).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from cadre").query(Long.class).single()).isEqualTo(cadres);
        assertThat(jdbc.sql("select phone from cadre where name = ? and org_id = ?").params(changedName, fx.townA)
                .query(String.class).single()).isEqualTo("13911112222");
        assertThat(jdbc.sql("select phone from cadre where name = ? and org_id = ?").params(maskedName, fx.townA)
                .query(String.class).single()).doesNotContain("*").matches("[0-9-]+");
        // one audit entry, and it names the phone and nothing else
        var entries = jdbc.sql("""
                select action, entity_type, (select string_agg(k, ',' order by k) from jsonb_object_keys(after_data) k) as keys
                from audit_log where id > ? and action in ('CREATE', 'UPDATE')""").param(maxAudit)
                .query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list();
        assertThat(entries).containsExactly("UPDATE Cadre id,phone");
    }

    @Test
    void aMistypedOrForeignPersonNumberUpdatesNobody() throws Exception {
        String id = ImportFixtures.citizenId(LocalDate.of(1984, 4, 4), true);
        JsonNode created = await(fx.townAUser, upload(fx.townAUser, ImportFixtures.xlsx(List.of(
                List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of("编号甲", id, fx.townAName, "群众", "公务员"))), "ALL_OR_NOTHING").get("id").asLong());
        assertThat(created.get("createdCount").asInt()).isEqualTo(1);
        ImportFixtures.actAs(fx.countyAdmin);
        long cadreId = roster.idByCitizenId(id);
        SecurityContextHolder.clearContext();
        String good = org.ganxun.people.PersonNo.of(cadreId);
        String mistyped = good.substring(0, good.length() - 1) + (char) ('0' + (good.charAt(good.length() - 1) - '0' + 1) % 10);
        String masked = id.substring(0, 6) + "********" + id.substring(14);
        CurrentUser townB = ImportFixtures.user(jdbc, "twb" + fx.tag, org.ganxun.platform.security.Role.UNIT_LIAISON, fx.townB);
        JsonNode job = await(townB, upload(townB, ImportFixtures.xlsx(List.of(
                List.of("人员编号", "姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of(mistyped, "编号甲", masked, fx.townBName, "群众", "公务员"),
                List.of(good, "编号甲", masked, fx.townBName, "群众", "公务员"),
                List.of("", "编号乙", masked, fx.townBName, "群众", "公务员"))), "VALID_ROWS").get("id").asLong());
        assertThat(job.get("createdCount").asInt() + job.get("updatedCount").asInt()).isZero();
        String errors = job.get("errors").toString();
        assertThat(errors).contains("人员编号“" + mistyped + "”不正确")
                .contains("该干部已在花名册中，但其现所在单位不在您的管理范围内，不能修改")
                .contains("公民身份号码是脱敏后的号码（含*），无法确定是谁");
        assertThat(jdbc.sql("select org_id from cadre where id = ?").param(cadreId).query(Long.class).single()).isEqualTo(fx.townA);
    }

    /** A full number beside a 人员编号 corrects the stored one; someone else's number is refused. */
    @Test
    void aFullNumberBesideAPersonNumberCorrectsTheStoredOne() throws Exception {
        String wrong = ImportFixtures.citizenId(LocalDate.of(1986, 6, 6), true);
        String right = ImportFixtures.citizenId(LocalDate.of(1986, 6, 16), true);
        String other = ImportFixtures.citizenId(LocalDate.of(1987, 7, 7), false);
        await(fx.townAUser, upload(fx.townAUser, ImportFixtures.xlsx(List.of(
                List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of("更正甲", wrong, fx.townAName, "群众", "公务员"),
                List.of("更正乙", other, fx.townAName, "群众", "公务员"))), "ALL_OR_NOTHING").get("id").asLong());
        ImportFixtures.actAs(fx.countyAdmin);
        long id = roster.idByCitizenId(wrong);
        SecurityContextHolder.clearContext();
        String no = org.ganxun.people.PersonNo.of(id);
        JsonNode refused = await(fx.townAUser, upload(fx.townAUser, ImportFixtures.xlsx(List.of(
                List.of("人员编号", "姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of(no, "更正甲", other, fx.townAName, "群众", "公务员"))), "ALL_OR_NOTHING").get("id").asLong());
        assertThat(refused.get("errors").toString()).contains("该公民身份号码已属于花名册中的另一人");
        JsonNode fixed = await(fx.townAUser, upload(fx.townAUser, ImportFixtures.xlsx(List.of(
                List.of("人员编号", "姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of(no, "更正甲", right, fx.townAName, "群众", "公务员"))), "ALL_OR_NOTHING").get("id").asLong());
        assertThat(fixed.get("errors").toString()).isEqualTo("[]");
        assertThat(fixed.get("updatedCount").asInt()).isEqualTo(1);
        ImportFixtures.actAs(fx.countyAdmin);
        assertThat(roster.idByCitizenId(right)).isEqualTo(id); // found by the corrected number
        assertThat(roster.idByCitizenId(wrong)).isNull();
        assertThat(roster.get(id).birthDate()).isEqualTo(LocalDate.of(1986, 6, 16));
    }

    JsonNode upload(CurrentUser as, byte[] file, String mode) throws Exception {
        String body = mvc.perform(multipart("/api/cadres/import")
                        .file(new MockMultipartFile("file", "名册.xlsx", Downloads.XLSX.toString(), file))
                        .param("mode", mode).with(user(as)).with(token()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    JsonNode await(CurrentUser as, long id) throws Exception {
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            String body = mvc.perform(get("/api/cadres/import/" + id).with(user(as)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            JsonNode j = json.readTree(body);
            String s = j.get("status").asString();
            if (!s.equals("QUEUED") && !s.equals("RUNNING")) {
                return j;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not finish");
    }
}
