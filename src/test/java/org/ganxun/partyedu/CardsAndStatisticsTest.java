package org.ganxun.partyedu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import cn.idev.excel.FastExcel;
import org.ganxun.partyedu.internal.member.MemberCards;
import org.ganxun.partyedu.internal.statistics.PartyEduStatistics;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Member information cards render Chinese with the branch's contacts; statistics count what the pages show. */
@IntegrationTest
class CardsAndStatisticsTest {

    @Autowired Fixture fixture;
    @Autowired Members members;
    @Autowired MemberCards cards;
    @Autowired PartyEduStatistics statistics;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    @Test
    void aBranchsCardsCarryEachMemberAndTheBranchContacts() throws Exception {
        Branches b = new Branches(fixture);
        jdbc.sql("update party_organization set secretary_name = '吕书记', contact_phone = '0816-7221234' where id = ?")
                .param(b.branchA).update();
        b.member(members, Branches.form("施党员", b.branchA, MemberCategory.RETIRED, "13577770001"));
        b.member(members, Branches.mobileForm("张流动", b.branchA, "13577770002", LocalDate.of(2025, 3, 1), null, false));
        byte[] pdf = mvc.perform(get("/api/partyedu/cards?partyOrgId=" + b.branchA).with(user(b.secretaryA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        String text;
        try (PdfReader reader = new PdfReader(new ByteArrayInputStream(pdf))) {
            text = new PdfTextExtractor(reader).getTextFromPage(1);
        }
        assertThat(text).contains("党员信息卡", "施党员", "张流动", "吕书记", "0816-7221234", "浙江省宁波市", "离退休");
        mvc.perform(get("/api/partyedu/cards?partyOrgId=" + b.branchA).with(user(b.secretaryB))).andExpect(status().isForbidden());
    }

    @Test
    void statisticsCountMembersByCategoryMobileContactAndHours() throws Exception {
        Branches b = new Branches(fixture);
        b.member(members, Branches.form("甲一", b.branchA, MemberCategory.FARMER, null));
        b.member(members, Branches.form("甲二", b.branchA, MemberCategory.FARMER, null));
        b.member(members, Branches.mobileForm("甲三", b.branchA, null, LocalDate.now().minusMonths(8), LocalDate.now().minusMonths(1), false));
        b.member(members, Branches.mobileForm("乙一", b.branchB, null, LocalDate.now().minusMonths(7), null, true));
        long cadre = fixture.cadreInBranch("乙干部", b.villageB, b.branchB);
        // flagged 流动党员 on the roster, with no leaving date or contact on record: not known to be out of contact
        jdbc.sql("update cadre set mobile_member = true where id = ?").param(cadre).update();

        PartyEduStatistics.Summary s = fixture.as(Fixture.systemAdmin(), () -> statistics.summary(b.committee, LocalDate.now().getYear()));
        assertThat(s.members()).isEqualTo(5);
        assertThat(s.byCategory()).containsEntry("农民", 2).containsEntry("外出务工", 2).containsEntry("在职干部", 1);
        assertThat(s.branches()).extracting(PartyEduStatistics.BranchRow::total).containsExactly(3, 2);
        assertThat(s.mobile()).isEqualTo(new PartyEduStatistics.MobileStatus(3, 1, 1, 1, 1, 1));
        assertThat(s.hoursShort()).isEqualTo(5);

        byte[] xlsx = mvc.perform(get("/api/partyedu/statistics/export?partyOrgId=" + b.committee).with(user(Fixture.systemAdmin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<Map<Integer, String>> sheet = FastExcel.read(new ByteArrayInputStream(xlsx)).sheet(0).headRowNumber(1).doReadSync();
        assertThat(sheet.get(sheet.size() - 1).get(0)).isEqualTo("合计");
        assertThat(sheet.get(sheet.size() - 1).get(1)).isEqualTo("5");
    }
}
