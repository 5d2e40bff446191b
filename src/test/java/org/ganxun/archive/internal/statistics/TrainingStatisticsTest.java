package org.ganxun.archive.internal.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Map;

import cn.idev.excel.FastExcel;
import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
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
 * The yearly training figures, hand-worked over six cadres in a county with two townships (one with a village)
 * and one person at the county itself. The year is last year, so every date of it is in the past.
 */
@IntegrationTest
class TrainingStatisticsTest {

    @Autowired Fixture fixture;
    @Autowired Roster roster;
    @Autowired JdbcClient jdbc;
    @Autowired TrainingStatistics statistics;
    @Autowired MockMvc mvc;

    final int y = Year.now().getValue() - 1;
    long county;
    long townA;
    long village;
    long townB;
    long a1;
    long a2;
    long v1;
    long b1;
    long b2;
    long c0;
    CurrentUser countyAdmin;
    CurrentUser liaisonA;

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("统计县"), "COUNTY");
        townA = fixture.org(county, Fixture.unique("统甲镇"), "TOWNSHIP");
        village = fixture.org(townA, Fixture.unique("统甲村"), "VILLAGE");
        townB = fixture.org(county, Fixture.unique("统乙镇"), "TOWNSHIP");
        a1 = cadre("甲镇长", townA, RankLevel.TOWNSHIP, RankGrade.PRINCIPAL);
        a2 = cadre("甲科员", townA, RankLevel.STAFF, null);
        v1 = cadre("村干部", village, RankLevel.STAFF, null);
        b1 = cadre("乙科员", townB, RankLevel.STAFF, null);
        b2 = cadre("乙未定", townB, null, null);
        c0 = cadre("县科员", county, RankLevel.STAFF, null);
        countyAdmin = fixture.user(Fixture.unique("tsc"), Role.ORG_DEPT_ADMIN, county, null, null);
        liaisonA = fixture.user(Fixture.unique("tsa"), Role.UNIT_LIAISON, townA, null, null);

        // a1: two courses this year (a class, recognised external training), online hours, and a class the year
        // before: three courses in three years — trained again and again
        entry(a1, "CLASS_COMPLETION", "C1", LocalDate.of(y, 3, 10), "40", "CONCENTRATED", "APPROVED");
        entry(a1, "EXTERNAL_TRAINING", null, LocalDate.of(y, 6, 1), "16", "CONCENTRATED", "APPROVED");
        entry(a1, "ONLINE_COURSE", "OL-1", LocalDate.of(y, 9, 1), "10", "ONLINE", "APPROVED");
        entry(a1, "CLASS_COMPLETION", "C0", LocalDate.of(y - 1, 5, 1), "24", "CONCENTRATED", "APPROVED");
        entry(a1, "CLASS_COMPLETION", "C9", LocalDate.of(y + 1, 1, 1), "24", "CONCENTRATED", "APPROVED"); // next year
        // a2: group study only — hours, but no training course
        entry(a2, "GROUP_STUDY", "GS-1", LocalDate.of(y, 4, 1), "4", "CONCENTRATED", "APPROVED");
        // v1: a class two years before (inside the window); this year's report is still waiting or was refused
        entry(v1, "CLASS_COMPLETION", "C1", LocalDate.of(y - 2, 3, 1), "40", "CONCENTRATED", "APPROVED");
        entry(v1, "EXTERNAL_TRAINING", null, LocalDate.of(y, 7, 1), "8", "CONCENTRATED", "PENDING");
        entry(v1, "EXTERNAL_TRAINING", null, LocalDate.of(y, 8, 1), "8", "CONCENTRATED", "REJECTED");
        // b1: one class this year
        entry(b1, "CLASS_COMPLETION", "C3", LocalDate.of(y, 11, 20), "24", "CONCENTRATED", "APPROVED");
        // b2: a class three years before: outside the window
        entry(b2, "CLASS_COMPLETION", "C0", LocalDate.of(y - 3, 12, 31), "24", "CONCENTRATED", "APPROVED");
        // c0: online only
        entry(c0, "ONLINE_COURSE", "OL-2", LocalDate.of(y, 12, 31), "20", "ONLINE", "APPROVED");
    }

    private long cadre(String name, long org, RankLevel level, RankGrade grade) {
        CadreForm f = Fixture.cadreForm(name, org, Fixture.citizenId(LocalDate.of(1985, 2, 2), true));
        CadreForm c = new CadreForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), f.citizenId(), f.education(),
                f.politicalStatus(), f.joinedPartyOn(), org, f.post(), level, grade, grade != null,
                f.staffCategory(), f.enteredWorkOn(), f.phone(), f.reserveCadre(), null, false, f.status(), null);
        return fixture.as(Fixture.systemAdmin(), () -> roster.create(c).id());
    }

    private void entry(long cadre, String source, String ref, LocalDate on, String hours, String delivery, String status) {
        jdbc.sql("""
                insert into archive_entry (cadre_id, source, source_ref, title, started_on, ended_on, credited_on, hours, delivery, status)
                values (?, ?, ?, '培训', ?, ?, ?, cast(? as numeric), ?, ?)""")
                .params(cadre, source, ref, on, on, on, hours, delivery, status).update();
    }

    private TrainingStatistics.Report report(CurrentUser u, Long orgId) {
        CadreQuery q = new CadreQuery(null, null, orgId, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
        return fixture.as(u, () -> statistics.report(y, q));
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void theYearsFiguresCountApprovedCoursesOnceWithTheirPeopleAndHours() {
        TrainingStatistics.Report r = report(countyAdmin, county);
        TrainingStatistics.Row t = r.total();
        assertThat(t.cadres()).isEqualTo(6);
        // trained: a1 and b1 (a2's group study is not a course; v1's report is pending / refused)
        assertThat(t.trained()).isEqualTo(2);
        assertThat(t.trainedShare()).isEqualByComparingTo(d("33.3"));
        assertThat(t.personTimes()).isEqualTo(3);
        assertThat(t.onlineTrained()).isEqualTo(2);
        // every approved hour of the year: 40 + 16 + 10 + 4 + 24 + 20 = 114 over 6 people
        assertThat(t.hoursPerHead()).isEqualByComparingTo(d("19.0"));
        assertThat(t.concentratedHoursPerHead()).isEqualByComparingTo(d("14.0"));
        assertThat(t.onlineHoursPerHead()).isEqualByComparingTo(d("5.0"));
        // no course from the 1st of January two years before to the year's end: a2, b2 (three years before), c0
        assertThat(t.untrainedInWindow()).isEqualTo(3);
        assertThat(t.untrainedShare()).isEqualByComparingTo(d("50.0"));
        assertThat(t.frequentInWindow()).isEqualTo(1);
        assertThat(r.classes()).as("C1 and C3; external training is no class").isEqualTo(2);
        assertThat(r.from()).isEqualTo(LocalDate.of(y, 1, 1));

        assertThat(r.byRank()).extracting(TrainingStatistics.Row::label).containsExactly("乡科级", "科员及以下", "未定级");
        assertThat(r.byRank()).extracting(TrainingStatistics.Row::cadres).containsExactly(1L, 4L, 1L);
        assertThat(r.byRank()).extracting(TrainingStatistics.Row::trained).containsExactly(1L, 1L, 0L);

        // by the units right under the county, each with everything under it; the county's own people first
        assertThat(r.byUnit()).extracting(TrainingStatistics.Row::key)
                .containsExactly("0", String.valueOf(townA), String.valueOf(townB));
        assertThat(r.byUnit().get(0).label()).isEqualTo(r.scopeName() + "（本级）");
        TrainingStatistics.Row a = r.byUnit().get(1);
        assertThat(a.cadres()).isEqualTo(3);
        assertThat(a.trained()).isEqualTo(1);
        assertThat(a.personTimes()).isEqualTo(2);
        assertThat(a.untrainedInWindow()).isEqualTo(1);
        assertThat(a.frequentInWindow()).isEqualTo(1);
        assertThat(r.byUnit().stream().mapToLong(TrainingStatistics.Row::cadres).sum()).isEqualTo(t.cadres());
    }

    @Test
    void aLiaisonSeesTheirOwnUnitOnlyAndIsRefusedAnother() {
        TrainingStatistics.Report r = report(liaisonA, null);
        assertThat(r.total().cadres()).isEqualTo(3);
        assertThat(r.byUnit()).extracting(TrainingStatistics.Row::key).containsExactly("0", String.valueOf(village));
        assertThatThrownBy(() -> report(liaisonA, townB)).isInstanceOf(BusinessException.class);
    }

    @Test
    void aYearOutsideTheRecordsIsRefusedWithTheRange() {
        assertThatThrownBy(() -> fixture.as(countyAdmin, () -> statistics.report(Year.now().getValue() + 1, CadreQuery.all())))
                .isInstanceOf(BusinessException.class).hasMessageContaining("统计年度");
    }

    @Test
    void theExcelHasOneSheetByRankAndOneByUnitWithTheTotals() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/statistics/training.xlsx").param("year", String.valueOf(y))
                        .param("orgId", String.valueOf(county)).with(user(countyAdmin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<Map<Integer, String>> byRank = FastExcel.read(new ByteArrayInputStream(xlsx)).sheet("按职级").headRowNumber(2).doReadSync();
        assertThat(byRank.get(0)).containsEntry(0, "乡科级").containsEntry(1, "1").containsEntry(4, "2");
        assertThat(byRank.get(3)).containsEntry(0, "合计").containsEntry(1, "6").containsEntry(3, "33.3%").containsEntry(10, "3");
        // the share is a number formatted as a percentage (sums, sorts and charts in Excel), not the text "33.3%":
        // 2 of 6 cadres trained = 0.3333…, stored with the two decimals of the percentage (33.33 % = 0.3333)
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var cell = wb.getSheet("按职级").getRow(2 + 3).getCell(3);
            assertThat(cell.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
            assertThat(cell.getNumericCellValue()).isCloseTo(0.3333, org.assertj.core.data.Offset.offset(0.00051));
            assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
        }
        List<Map<Integer, String>> title = FastExcel.read(new ByteArrayInputStream(xlsx)).sheet("按单位").headRowNumber(0).doReadSync();
        assertThat(title.get(0).get(0)).endsWith(y + "年度干部教育培训情况统计表");
        assertThat(title.get(1)).containsEntry(0, "项目").containsEntry(2, "参训人数");
        assertThat(title.get(3).get(0)).startsWith("统甲镇");

        mvc.perform(get("/api/statistics/training").param("year", String.valueOf(y)).param("orgId", String.valueOf(townB))
                .with(user(liaisonA))).andExpect(status().isForbidden());
    }
}
