package org.ganxun.people.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.idev.excel.FastExcel;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.CitizenId;
import org.ganxun.people.Gender;
import org.ganxun.platform.crypto.FieldCipher;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.ApiSession;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * The cadre-profile table over a hand-built roster of 21 active cadres (and one retired) in a fresh county
 * subtree with two townships, 甲镇 (12 + the retired one) and 乙镇 (9). Every expected figure below is
 * worked out by hand from the table in {@link #buildRoster()}; shares are count / 21 in percent, one
 * decimal, half up. Ages are as of 2026-11-21: born on or after 1991-11-22 is under 35, born 1991-11-21
 * turns 35 that day (35-44), born 1981-11-21 turns 45 that day (45+).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CadreProfileStatisticsTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 21);
    static final String PASSWORD = "Stat@2026x";

    @Autowired
    CadreProfileStatistics statistics;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FieldCipher cipher;
    @Autowired
    PasswordEncoder encoder;
    @LocalServerPort
    int port;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    long county;
    long jia;
    long yi;
    int seq;

    @BeforeAll
    void buildRoster() {
        county = org(null, "统计测试县" + suffix, "COUNTY");
        jia = org(county, "甲镇", "TOWNSHIP");
        yi = org(county, "乙镇", "TOWNSHIP");
        //      unit gender ethnicity birth         education              political           level       grade
        cadre(jia, "M", "汉族", "1991-11-21", "BACHELOR", "CPC_MEMBER", "TOWNSHIP", "PRINCIPAL", "ACTIVE");     //  1 35 today
        cadre(jia, "F", "汉族", "1991-11-22", "MASTER", "CPC_MEMBER", "TOWNSHIP", "DEPUTY", "ACTIVE");          //  2 34
        cadre(jia, "M", "回族", "1981-11-21", "ASSOCIATE", "CPC_MEMBER", "TOWNSHIP", "DEPUTY", "ACTIVE");       //  3 45 today
        cadre(jia, "F", "汉族", "1981-11-22", "BACHELOR", "DEMOCRATIC_PARTY", "TOWNSHIP", "DEPUTY", "ACTIVE");  //  4 44
        cadre(jia, "M", "汉族", "1970-03-01", "TECHNICAL_SECONDARY", "CPC_MEMBER", "STAFF", null, "ACTIVE");   //  5
        cadre(jia, "M", "藏族", "1995-06-15", "BACHELOR", "CYL_MEMBER", "STAFF", null, "ACTIVE");              //  6
        cadre(jia, "F", "汉族", "1988-01-10", "ASSOCIATE", "MASSES", "STAFF", null, "ACTIVE");                 //  7
        cadre(jia, "M", "汉族", "1975-07-07", "HIGH_SCHOOL", "CPC_MEMBER", null, null, "ACTIVE");              //  8 village cadre
        cadre(jia, "M", "汉族", "1966-12-31", "BELOW_HIGH_SCHOOL", "CPC_PROBATIONARY", null, null, "ACTIVE");  //  9
        cadre(jia, "F", "汉族", "2000-02-29", "BACHELOR", "MASSES", "STAFF", null, "ACTIVE");                  // 10
        cadre(jia, "M", "汉族", "1985-05-05", "DOCTORATE", "CPC_MEMBER", "COUNTY", "DEPUTY", "ACTIVE");        // 11
        cadre(jia, "M", "汉族", "1972-08-08", "BACHELOR", "CPC_MEMBER", "COUNTY", "PRINCIPAL", "ACTIVE");      // 12
        cadre(jia, "F", "彝族", "1990-01-01", "MASTER", "NON_PARTY", "TOWNSHIP", "PRINCIPAL", "RETIRED");      //    not counted
        cadre(yi, "M", "汉族", "1979-09-09", null, "CPC_MEMBER", "TOWNSHIP", null, "ACTIVE");                  // 13 no grade
        cadre(yi, "F", "羌族", "1993-03-03", "BACHELOR", "NON_PARTY", "STAFF", null, "ACTIVE");                // 14
        cadre(yi, "M", "汉族", "1983-04-04", "MASTER", "CPC_MEMBER", "BUREAU", "DEPUTY", "ACTIVE");            // 15
        cadre(yi, "M", "汉族", "1968-10-10", "BACHELOR", "CPC_MEMBER", "TOWNSHIP", "PRINCIPAL", "ACTIVE");     // 16
        cadre(yi, "F", "汉族", "1990-12-12", "ASSOCIATE", "CPC_MEMBER", "TOWNSHIP", "DEPUTY", "ACTIVE");       // 17
        cadre(yi, "M", "汉族", "1977-11-11", "TECHNICAL_SECONDARY", "MASSES", null, null, "ACTIVE");           // 18
        cadre(yi, "M", "汉族", "1998-07-01", "BACHELOR", "CPC_MEMBER", "STAFF", null, "ACTIVE");               // 19
        cadre(yi, "M", "汉族", "1986-02-02", "BACHELOR", "CPC_MEMBER", "TOWNSHIP", "DEPUTY", "ACTIVE");        // 20
        cadre(yi, "F", "汉族", "1980-01-01", "BACHELOR", "CPC_MEMBER", "TOWNSHIP", "DEPUTY", "ACTIVE");        // 21
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void countsAndSharesOfTheWholeCountyAreExactlyTheHandWorkedOnes() {
        signIn(Role.SYSTEM_ADMIN, null);
        CadreProfile p = statistics.profile(countyQuery(county), AS_OF);
        assertThat(p.scopeName()).isEqualTo("统计测试县" + suffix);
        assertThat(p.asOf()).isEqualTo(AS_OF);
        assertThat(p.total()).isEqualTo(21);
        assertThat(p.sections()).extracting(CadreProfile.Section::key)
                .containsExactly("rank", "women", "minority", "nonParty", "education", "age");

        // rank: 副厅 #15; 正处 #12; 副处 #11; 正科 #1 #16; 副科 #2 #3 #4 #17 #20 #21; 科员 #5 #6 #7 #10 #14 #19;
        // 未定级: #8 #9 #18 (no level) and #13 (乡科级 without 正/副)
        expect(p, "rank", "PROVINCIAL_PRINCIPAL", 0, "0.0");
        expect(p, "rank", "PROVINCIAL_DEPUTY", 0, "0.0");
        expect(p, "rank", "BUREAU_PRINCIPAL", 0, "0.0");
        expect(p, "rank", "BUREAU_DEPUTY", 1, "4.8");      // 4.76
        expect(p, "rank", "COUNTY_PRINCIPAL", 1, "4.8");
        expect(p, "rank", "COUNTY_DEPUTY", 1, "4.8");
        expect(p, "rank", "TOWNSHIP_PRINCIPAL", 2, "9.5"); // 9.52
        expect(p, "rank", "TOWNSHIP_DEPUTY", 6, "28.6");   // 28.57
        expect(p, "rank", "STAFF", 6, "28.6");
        expect(p, "rank", "UNRANKED", 4, "19.0");          // 19.05
        assertThat(p.sections().get(0).items().stream().mapToLong(CadreProfile.Item::count).sum()).isEqualTo(21);

        expect(p, "women", "FEMALE", 7, "33.3");           // #2 #4 #7 #10 #14 #17 #21
        expect(p, "minority", "MINORITY", 3, "14.3");      // #3 回族, #6 藏族, #14 羌族
        expect(p, "nonParty", "NON_PARTY", 6, "28.6");     // #4 #6 #7 #10 #14 #18 (#9 probationary is a member)

        expect(p, "education", "ASSOCIATE_OR_ABOVE", 16, "76.2"); // 76.19
        expect(p, "education", "POSTGRADUATE", 3, "14.3");        // #2 #11 #15
        expect(p, "education", "BACHELOR", 10, "47.6");           // 47.62
        expect(p, "education", "ASSOCIATE", 3, "14.3");           // #3 #7 #17
        expect(p, "education", "SECONDARY_OR_BELOW", 4, "19.0");  // #5 #8 #9 #18
        expect(p, "education", "UNKNOWN", 1, "4.8");              // #13

        expect(p, "age", "UNDER_35", 5, "23.8");   // #2 #6 #10 #14 #19 (23.81)
        expect(p, "age", "35_44", 7, "33.3");      // #1 (35 today) #4 #7 #11 #15 #17 #20
        expect(p, "age", "45_PLUS", 9, "42.9");    // #3 (45 today) #5 #8 #9 #12 #13 #16 #18 #21 (42.86)
    }

    @Test
    void ageBandsMoveAtTheExactBirthday() {
        signIn(Role.SYSTEM_ADMIN, null);
        // the day before: #1 is still 34 and #3 still 44
        CadreProfile before = statistics.profile(countyQuery(county), AS_OF.minusDays(1));
        expect(before, "age", "UNDER_35", 6, "28.6");
        expect(before, "age", "35_44", 7, "33.3");
        expect(before, "age", "45_PLUS", 8, "38.1");
        // the day after: #2 turns 35 and #4 turns 45
        CadreProfile after = statistics.profile(countyQuery(county), AS_OF.plusDays(1));
        expect(after, "age", "UNDER_35", 4, "19.0");
        expect(after, "age", "35_44", 7, "33.3");
        expect(after, "age", "45_PLUS", 10, "47.6");
    }

    @Test
    void sharesRoundHalfUpToOneDecimal() {
        assertThat(CadreProfileStatistics.share(1, 16)).isEqualByComparingTo("6.3");   // 6.25
        assertThat(CadreProfileStatistics.share(3, 16)).isEqualByComparingTo("18.8");  // 18.75
        assertThat(CadreProfileStatistics.share(1, 3)).isEqualByComparingTo("33.3");
        assertThat(CadreProfileStatistics.share(2, 3)).isEqualByComparingTo("66.7");
        assertThat(CadreProfileStatistics.share(603, 607)).isEqualByComparingTo("99.3");
        assertThat(CadreProfileStatistics.share(0, 0)).isEqualByComparingTo("0.0");
        assertThat(CadreProfileStatistics.share(7, 7).toPlainString()).isEqualTo("100.0");
    }

    @Test
    void rosterFiltersNarrowTheTable() {
        signIn(Role.SYSTEM_ADMIN, null);
        CadreQuery women = new CadreQuery(null, null, county, null, null, null, null, Gender.FEMALE, null, null, null, null,
                null, null, null, null, null, null);
        CadreProfile p = statistics.profile(women, AS_OF);
        assertThat(p.total()).isEqualTo(7);
        expect(p, "women", "FEMALE", 7, "100.0");
        expect(p, "minority", "MINORITY", 1, "14.3");  // #14
        // the retired cadre counts only when asked for
        CadreQuery retired = new CadreQuery(null, null, county, null, null, null, null, null, null, null, null, null,
                null, null, null, null, org.ganxun.people.CadreStatus.RETIRED, null);
        assertThat(statistics.profile(retired, AS_OF).total()).isEqualTo(1);
    }

    @Test
    void aUserScopedToOneTownshipGetsOnlyItsFigures() {
        signIn(Role.UNIT_LIAISON, yi);
        CadreProfile p = statistics.profile(CadreQuery.all(), AS_OF);
        assertThat(p.scopeName()).isEqualTo("乙镇");
        assertThat(p.total()).isEqualTo(9);               // #13 - #21
        expect(p, "women", "FEMALE", 3, "33.3");           // #14 #17 #21
        expect(p, "age", "UNDER_35", 2, "22.2");           // #14 #19
        expect(p, "age", "45_PLUS", 4, "44.4");            // #13 #16 #18 #21
        // the whole county, asked by id, still gives only 乙镇 (an ancestor of the scope may be named)
        assertThat(statistics.profile(countyQuery(county), AS_OF).total()).isEqualTo(9);
        // the other township is out of scope
        assertThatThrownBy(() -> statistics.profile(countyQuery(jia), AS_OF))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void httpJsonMatchesTheContractAndTheRosterList() {
        String user = account(Role.UNIT_LIAISON, yi, null);
        ApiSession s = new ApiSession(port);
        assertThat(s.login(user, PASSWORD).status()).isEqualTo(200);
        JsonNode p = s.getJson("/api/statistics/cadre-profile?asOf=2026-11-21");
        assertThat(p.get("scopeName").asString()).isEqualTo("乙镇");
        assertThat(p.get("asOf").asString()).isEqualTo("2026-11-21");
        assertThat(p.get("total").asLong()).isEqualTo(9);
        JsonNode rank = p.get("sections").get(0);
        assertThat(rank.get("key").asString()).isEqualTo("rank");
        assertThat(rank.get("title").asString()).isEqualTo("职级");
        JsonNode deputy = rank.get("items").get(7);
        assertThat(deputy.get("key").asString()).isEqualTo("TOWNSHIP_DEPUTY");
        assertThat(deputy.get("label").asString()).isEqualTo("副科级");
        assertThat(deputy.get("count").asLong()).isEqualTo(3);              // #17 #20 #21
        assertThat(deputy.get("share").isNumber()).isTrue();
        assertThat(deputy.get("share").decimalValue()).isEqualByComparingTo("33.3");
        // the list and the table count the same people for the same filters
        assertThat(s.getJson("/api/cadres?size=1&gender=FEMALE").get("total").asLong())
                .isEqualTo(s.getJson("/api/statistics/cadre-profile?gender=FEMALE").get("total").asLong())
                .isEqualTo(3);
        assertThat(s.get("/api/statistics/cadre-profile?orgId=" + jia).status()).isEqualTo(403);
        assertThat(s.get("/api/statistics/cadre-profile.xlsx?orgId=" + jia).status()).isEqualTo(403);
        assertThat(new ApiSession(port).get("/api/statistics/cadre-profile").status()).isEqualTo(401);
    }

    @Test
    void aCadreAccountIsRefused() {
        long someone = jdbc.sql("select c.id from cadre c where c.org_id = ? order by c.id limit 1").param(yi).query(Long.class).single();
        String user = account(Role.CADRE, null, someone);
        ApiSession s = new ApiSession(port);
        assertThat(s.login(user, PASSWORD).status()).isEqualTo(200);
        assertThat(s.get("/api/statistics/cadre-profile").status()).isEqualTo(403);
    }

    @Test
    void excelDownloadOpensAndHoldsTheFigures() {
        String user = account(Role.ORG_DEPT_ADMIN, county, null);
        ApiSession s = new ApiSession(port);
        assertThat(s.login(user, PASSWORD).status()).isEqualTo(200);
        ApiSession.Response r = s.get("/api/statistics/cadre-profile.xlsx?asOf=2026-11-21");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".xlsx");

        List<Map<Integer, Object>> rows = FastExcel.read(new ByteArrayInputStream(r.body())).sheet().headRowNumber(0).doReadSync();
        assertThat(rows.get(0).get(0)).isEqualTo("统计测试县" + suffix + "干部队伍结构统计表（截至2026年11月21日）");
        assertThat(rows.get(1)).containsEntry(0, "项目").containsEntry(1, "人数").containsEntry(2, "占比");
        assertThat(row(rows, "干部总数")).containsEntry(1, "21").containsEntry(2, "100.0%");
        assertThat(row(rows, "正科级")).containsEntry(1, "2").containsEntry(2, "9.5%");
        assertThat(row(rows, "副科级")).containsEntry(1, "6").containsEntry(2, "28.6%");
        assertThat(row(rows, "未定级")).containsEntry(1, "4").containsEntry(2, "19.0%");
        assertThat(row(rows, "女干部")).containsEntry(1, "7").containsEntry(2, "33.3%");
        assertThat(row(rows, "少数民族干部")).containsEntry(1, "3").containsEntry(2, "14.3%");
        assertThat(row(rows, "党外干部")).containsEntry(1, "6").containsEntry(2, "28.6%");
        assertThat(row(rows, "专科及以上")).containsEntry(1, "16").containsEntry(2, "76.2%");
        assertThat(row(rows, "35岁以下")).containsEntry(1, "5").containsEntry(2, "23.8%");
        assertThat(row(rows, "35-44岁")).containsEntry(1, "7").containsEntry(2, "33.3%");
        assertThat(row(rows, "45岁及以上")).containsEntry(1, "9").containsEntry(2, "42.9%");
        // shares are numbers formatted as percentages, the total's 100 % too (issue 18, item 5), not text
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.getSheetAt(0);
            for (org.apache.poi.ss.usermodel.Row row : sheet) {
                org.apache.poi.ss.usermodel.Cell label = row.getCell(0);
                if (label != null && label.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                        && label.getStringCellValue().strip().equals("干部总数")) {
                    org.apache.poi.ss.usermodel.Cell share = row.getCell(2);
                    assertThat(share.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
                    assertThat(share.getNumericCellValue()).isEqualTo(1.0);
                    assertThat(share.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Map<Integer, Object> row(List<Map<Integer, Object>> rows, String label) {
        return rows.stream().filter(r -> r.get(0) != null && r.get(0).toString().strip().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in " + rows));
    }

    private static void expect(CadreProfile p, String section, String key, long count, String share) {
        CadreProfile.Item i = p.item(section, key);
        assertThat(i.count()).as(section + "/" + key + " count").isEqualTo(count);
        assertThat(i.share()).as(section + "/" + key + " share").isEqualByComparingTo(new BigDecimal(share));
        assertThat(i.share().scale()).isEqualTo(1);
    }

    private static CadreQuery countyQuery(long orgId) {
        return new CadreQuery(null, null, orgId, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private void signIn(Role role, Long scopeOrgId) {
        CurrentUser u = new CurrentUser(-1, "stat-test", "统计测试", "", role, scopeOrgId, null, null, true, false);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(u, null, u.getAuthorities()));
    }

    private String account(Role role, Long scopeOrgId, Long cadreId) {
        String username = "stat-" + role.name().toLowerCase().replace('_', '-') + "-" + suffix;
        jdbc.sql("""
                insert into app_user (username, display_name, password_hash, role, scope_org_id, cadre_id)
                values (?, ?, ?, ?, ?, ?) on conflict (username) do nothing""")
                .params(username, username, encoder.encode(PASSWORD), role.name(), scopeOrgId, cadreId).update();
        return username;
    }

    private long org(Long parent, String name, String kind) {
        long id = jdbc.sql("select nextval(pg_get_serial_sequence('organization', 'id'))").query(Long.class).single();
        String parentPath = parent == null ? "/" : jdbc.sql("select path from organization where id = ?").param(parent)
                .query(String.class).single();
        String path = parentPath + id + "/";
        jdbc.sql("insert into organization (id, parent_id, name, kind, path, depth) values (?, ?, ?, ?, ?, ?)")
                .params(id, parent, name, kind, path, path.split("/").length - 2).update();
        return id;
    }

    private void cadre(long org, String gender, String ethnicity, String birth, String education, String political,
                       String rankLevel, String rankGrade, String status) {
        LocalDate b = LocalDate.parse(birth);
        // a valid citizen ID of 北京市东城区 (the demo county uses 510723), unique within this run
        int n = (Math.abs(suffix.hashCode()) % 400) + (++seq);
        int s = (n % 499) * 2 + (gender.equals("M") ? 1 : 2);
        String first17 = "110101" + b.toString().replace("-", "") + String.format("%03d", s);
        String id = first17 + CitizenId.checkChar(first17);
        jdbc.sql("""
                insert into cadre (name, gender, ethnicity, birth_date, citizen_id_enc, citizen_id_hash, citizen_id_masked,
                    education, political_status, org_id, rank_level, rank_grade, leadership, staff_category, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params("测试" + seq, gender.equals("M") ? "MALE" : "FEMALE", ethnicity, b, cipher.encrypt(id),
                        cipher.blindIndex(id), CitizenId.mask(id), education, political, org, rankLevel, rankGrade,
                        rankGrade != null, rankLevel == null ? "VILLAGE_CADRE" : "CIVIL_SERVANT", status)
                .update();
    }
}
