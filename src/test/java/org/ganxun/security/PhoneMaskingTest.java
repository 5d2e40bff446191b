package org.ganxun.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.RealCsrf.token;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.EnumSet;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.DataScopeKind;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.Phones;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 14 item 5: a phone number is read in full only with the permission whose work needs it. */
@IntegrationTest
class PhoneMaskingTest {

    @Autowired MockMvc mvc;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;

    @Test
    void masksMobilesAndLandlinesKeepingWhatIdentifiesNobody() {
        assertThat(Phones.mask("13800004444")).isEqualTo("138****4444");
        assertThat(Phones.mask("0816-1234567")).isEqualTo("0816-*****67");
        assertThat(Phones.mask(null)).isNull();
        assertThat(Phones.mask("")).isEmpty();
        assertThat(Phones.mask("138****4444")).isEqualTo("138****4444");
        // a masked number sent back unchanged is "unchanged"; a new number is taken as typed
        assertThat(Phones.keepIfMasked("138****4444", "13800004444")).isEqualTo("13800004444");
        assertThat(Phones.keepIfMasked("13900001111", "13800004444")).isEqualTo("13900001111");
    }

    @Test
    void aReaderWithoutThePermissionSeesMaskedNumbersInTheApiAndTheExportAndCannotOverwriteThem() throws Exception {
        String tag = Fixture.unique("");
        long county = fixture.org(null, "电话县" + tag, "COUNTY");
        long town = fixture.org(county, "电话镇" + tag, "TOWNSHIP");
        long cadre = fixture.cadre("电话干部", town); // phone 13800000000
        CurrentUser liaison = fixture.user("ph_lia_" + tag, Role.UNIT_LIAISON, town, null, null);
        // a custom role that keeps the roster but has no business calling people
        CurrentUser clerk = new CurrentUser(liaison.id(), liaison.username(), "档案员", "", "CUSTOM_TEST", "档案员",
                DataScopeKind.SUBTREE, EnumSet.of(Permission.ROSTER_VIEW, Permission.ROSTER_EDIT, Permission.ROSTER_EXPORT),
                town, null, null, true, false);

        mvc.perform(get("/api/cadres/" + cadre).with(user(liaison))).andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").value("13800000000"));
        mvc.perform(get("/api/cadres/" + cadre).with(user(clerk))).andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").value("138****0000"));
        mvc.perform(get("/api/cadres").param("orgId", String.valueOf(town)).with(user(clerk))).andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[0].phone").value("138****0000"));

        byte[] xlsx = mvc.perform(get("/api/cadres/export").param("orgId", String.valueOf(town)).with(user(clerk)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(cells(xlsx)).contains("138****0000").doesNotContain("13800000000");

        // the clerk edits the post and sends the masked number back: the stored number stays
        String body = mvc.perform(get("/api/cadres/" + cadre).with(user(clerk))).andReturn().getResponse().getContentAsString();
        String form = body.replace("\"post\":\"科员\"", "\"post\":\"办事员\"").replace("\"citizenIdMasked\"", "\"x\"");
        mvc.perform(put("/api/cadres/" + cadre).with(user(clerk)).with(token()).contentType(MediaType.APPLICATION_JSON)
                .content(form)).andExpect(status().isOk());
        assertThat(jdbc.sql("select phone || '|' || post from cadre where id = ?").param(cadre).query(String.class).single())
                .isEqualTo("13800000000|办事员");
    }

    private static String cells(byte[] xlsx) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sh : wb) {
                for (Row r : sh) {
                    for (Cell c : r) {
                        sb.append(c.toString()).append('|');
                    }
                }
            }
        }
        return sb.toString();
    }
}
